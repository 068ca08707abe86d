"""Past workouts for the history screen: one line each, the detail of one, and deleting.

The list is read a page at a time, newest first, each page one query that finds its
workouts by the index of when they began and only then counts their sets; the detail of
a workout is read when it is opened. Deleting takes the workout's own rows with it (sets, skips,
how each exercise felt, its before/after pain) in one transaction; safety answers
and other check-ins made during it stay, unlinked, because they are part of the
safety and block history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome, counts_as_done
from coach.core.records import record
from coach.core.safety import HaltKind, ScreenKind
from coach.store.database import OpenedDatabase
from coach.store.workouts import checked_exercise

_HALTS = {kind.value for kind in HaltKind}

_HALT = "FROM safety_event e WHERE e.workout_id = w.id AND e.verdict = 'halt' ORDER BY e.at"
_LINES = f"""
SELECT w.id, w.routine_title, w.started_at, w.ended_at, w.outcome,
    (SELECT COUNT(*) FROM workout_set s WHERE s.workout_id = w.id),
    (SELECT e.halt {_HALT} LIMIT 1), (SELECT e.screen {_HALT} LIMIT 1),
    (SELECT MAX(s.completed_at) FROM workout_set s WHERE s.workout_id = w.id),
    w.planned_sets
FROM {{workouts}} w ORDER BY w.started_at DESC, w.id DESC
"""
# One page: the newest workouts, or those that began before the last one shown, chosen
# before the per-workout counts are made (as the stored text sorts).
_NEWEST = "(SELECT * FROM workout ORDER BY started_at DESC, id DESC LIMIT ?)"
_OLDER = (
    "(SELECT * FROM workout WHERE (started_at, id) < (SELECT started_at, id FROM workout"
    " WHERE id = ?) ORDER BY started_at DESC, id DESC LIMIT ?)"
)
_ONE = "(SELECT * FROM workout WHERE id = ?)"


@record
class WorkoutLine:
    id: int
    routine_title: str
    started_at: datetime
    ended_at: datetime | None  # None if the program was closed mid-workout
    outcome: Outcome
    sets: int
    halt: HaltKind | None  # when a safety halt ended it
    last_set_at: datetime | None
    halt_screen: ScreenKind | None = None  # where that halt came from
    planned_sets: int | None = None

    @property
    def done(self) -> bool:
        """Whether it counts as done (finished, or ended after half its sets)."""
        return counts_as_done(self.outcome, self.sets, self.planned_sets)

    def minutes(self) -> int | None:
        end = self.ended_at or self.last_set_at
        if end is None:
            return None
        return max(1, round((end - self.started_at).total_seconds() / 60))


@record
class SetLine:
    exercise_id: str
    side: str | None
    set_number: int
    reps: int | None
    hold_seconds: float | None


@record
class SafetyLine:
    """A safety answer tied to the workout: the check after an exercise, or a halt."""

    at: datetime
    screen: str
    verdict: str
    halt: HaltKind | None
    exercise: str | None = None  # the exercise after which back pain rose


@record
class WorkoutDetail:
    line: WorkoutLine
    sets: list[SetLine]
    skipped: list[tuple[str, int]]  # exercise, sets done before the skip
    pain: dict[CheckinKind, int | None]  # before and after the workout, 0-10
    feelings: list[tuple[str, str]]  # exercise, "too easy" / "about right" / "too hard"
    safety: list[SafetyLine]


# Deleting a workout: its own rows go with it; check-ins and safety answers not tied to
# it (the block's, the screens') stay, unlinked.
_DELETE_WORKOUT = (
    "DELETE FROM activity_rating WHERE checkin_id IN (SELECT id FROM checkin"
    " WHERE workout_id = ? AND kind IN ('before workout', 'after workout'))",
    "DELETE FROM checkin WHERE workout_id = ? AND kind IN ('before workout', 'after workout')",
    "UPDATE checkin SET workout_id = NULL WHERE workout_id = ?",
    "UPDATE safety_event SET workout_id = NULL WHERE workout_id = ?",
    "DELETE FROM exercise_feeling WHERE workout_id = ?",
    "DELETE FROM skipped_exercise WHERE workout_id = ?",
    "DELETE FROM workout_set WHERE workout_id = ?",
    "DELETE FROM workout WHERE id = ?",
)


def _line(row: tuple[object, ...]) -> WorkoutLine:
    id_, title, started, ended, outcome, sets, halt, screen, last, planned = row
    screens = {kind.value for kind in ScreenKind}
    return WorkoutLine(
        id=int(str(id_)),
        routine_title=str(title),
        started_at=datetime.fromisoformat(str(started)),
        ended_at=datetime.fromisoformat(str(ended)) if ended else None,
        outcome=Outcome.stored(str(outcome) if outcome else None),
        sets=int(str(sets)),
        halt=HaltKind(str(halt)) if halt in _HALTS else None,
        last_set_at=datetime.fromisoformat(str(last)) if last else None,
        halt_screen=ScreenKind(str(screen)) if screen in screens else None,
        planned_sets=int(str(planned)) if planned is not None else None,
    )


def _safety_line(at: str, screen: str, verdict: str, halt: str | None, answers: str) -> SafetyLine:
    kind = HaltKind(halt) if halt in _HALTS else None
    return SafetyLine(datetime.fromisoformat(at), screen, verdict, kind, checked_exercise(answers))


class History:
    def __init__(self, database: OpenedDatabase) -> None:
        self._database = database

    def lines(self) -> list[WorkoutLine]:
        """Every workout, newest first."""
        return self.page(None, -1)

    def page(self, after: WorkoutLine | None, count: int) -> list[WorkoutLine]:
        """Up to `count` workouts (-1: all) that began before `after`, newest first."""
        if after is None:
            rows = self._database.read(_LINES.format(workouts=_NEWEST), (str(count),))
        else:
            rows = self._database.read(_LINES.format(workouts=_OLDER), (str(after.id), str(count)))
        return [_line(row) for row in rows]

    def detail(self, workout_id: int) -> WorkoutDetail | None:
        read = self._database.read
        lines = read(_LINES.format(workouts=_ONE), (str(workout_id),))
        if not lines:
            return None
        sets = read(
            "SELECT exercise_id, side, set_number, reps, hold_seconds FROM workout_set"
            " WHERE workout_id = ? ORDER BY completed_at, id",
            (str(workout_id),),
        )
        skipped = read(
            "SELECT exercise_id, sets_done FROM skipped_exercise WHERE workout_id = ? ORDER BY id",
            (str(workout_id),),
        )
        pain = read(
            "SELECT kind, pain FROM checkin WHERE workout_id = ?"
            " AND kind IN ('before workout', 'after workout') ORDER BY at",
            (str(workout_id),),
        )
        feelings = read(
            "SELECT exercise_id, feeling FROM exercise_feeling WHERE workout_id = ? ORDER BY at",
            (str(workout_id),),
        )
        safety = read(
            "SELECT at, screen, verdict, halt, answers FROM safety_event WHERE workout_id = ?"
            " ORDER BY at",
            (str(workout_id),),
        )
        return WorkoutDetail(
            line=_line(lines[0]),
            sets=[SetLine(*row) for row in sets],
            skipped=[(str(e), int(n)) for e, n in skipped],
            pain={CheckinKind(kind): value for kind, value in pain},
            feelings=[(str(e), str(f)) for e, f in feelings],
            safety=[_safety_line(*row) for row in safety],
        )

    def delete(self, workout_ids: Iterable[int]) -> None:
        """Delete these workouts and their own rows, all or nothing."""
        ids = [(workout_id,) for workout_id in workout_ids]
        if not ids:
            return

        def delete(connection: sqlite3.Connection) -> None:
            connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in _DELETE_WORKOUT:
                    connection.executemany(statement, ids)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

        self._database.write_plain(delete)
