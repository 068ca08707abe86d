"""Workouts written as they happen (the session's recorder), and read back.

Rows are written through sqlmodel, imported inside the methods that use it: what the
home screen needs (when was each routine first and last done, which days had a workout)
is answered with plain sqlite3, so the window can show before SQLAlchemy has loaded.
``load_orm_beside`` (coach.store.database) loads it on a thread once the window is on
screen, and ``warm_up`` makes the schema.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from coach.core.clock import Now, utc_now
from coach.core.outcome import Outcome
from coach.core.progression import Feeling
from coach.core.records import record
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.database import OpenedDatabase, orm_ready

if TYPE_CHECKING:
    from sqlmodel import Session

    from coach.store.models import SkippedExercise, Workout, WorkoutSet

logger = logging.getLogger(__name__)

# A workout that counts as done, as coach.core.outcome.counts_as_done says, in SQL: it
# finished with a set done, or was ended by the person after half its planned sets.
_SETS = "(SELECT COUNT(*) FROM workout_set s WHERE s.workout_id = w.id)"
DONE = (
    f"((w.outcome = 'finished' AND {_SETS} > 0) OR (w.outcome IN ('ended early',"
    f" 'ended: pain rose') AND 2 * {_SETS} >= COALESCE(w.planned_sets, 2)))"
)
_DONE_DATES = f"""
    SELECT w.routine_id, MIN(w.started_at), MAX(w.started_at) FROM workout w
    WHERE {DONE} GROUP BY w.routine_id
"""
PAIN_ROSE = "back pain 2 or more points higher"
NOT_ANSWERED = "not answered"
UNANSWERED = "unanswered"  # the verdict of a check after an exercise left unanswered


def checked_exercise(text: str | None) -> str | None:
    """The exercise of a stored "back pain rose" (or "not answered") answer, or None."""
    try:
        said = json.loads(text or "{}")
    except ValueError:
        return None
    if isinstance(said, dict) and said.get("answer") in (PAIN_ROSE, NOT_ANSWERED):
        exercise = said.get("exercise")
        return exercise if isinstance(exercise, str) else None
    return None


@record
class DoneDates:
    """When a routine was first and last done (finished, or ended after half its sets)."""

    first: datetime
    last: datetime


def stored_time(when: datetime) -> str:
    """A time as the rows hold it (UTC ISO text), for comparing in SQL."""
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def done_days(
    database: OpenedDatabase, since: datetime, until: datetime | None = None
) -> list[date]:
    """The local dates of the workouts done (one for each), started in [since, until)."""
    end = stored_time(until) if until else "9999"
    rows = database.read(
        f"SELECT w.started_at FROM workout w WHERE w.started_at >= ? AND w.started_at < ?"
        f" AND {DONE}",
        (stored_time(since), end),
    )
    return [datetime.fromisoformat(started).astimezone().date() for (started,) in rows]


class WorkoutLog:
    """The session's recorder: each call commits at once, so a crash loses at most the
    set in progress."""

    def __init__(self, database: OpenedDatabase, now: Now = utc_now) -> None:
        self._database = database
        self._now = now

    def warm_up(self) -> None:
        """Load SQLAlchemy and make the schema now, so the first Start is instant."""
        _ = self._database.engine

    # Writing (coach.core.session.Recorder).

    def begin(self, routine_id: str, routine_title: str, planned_sets: int | None = None) -> int:
        from coach.store.models import Workout

        started = self._now()

        def add(session: Session) -> int:
            workout = Workout(
                routine_id=routine_id, routine_title=routine_title, started_at=started,
                planned_sets=planned_sets,
            )  # fmt: skip
            session.add(workout)
            session.flush()
            assert workout.id is not None
            return workout.id

        return self._database.write(add)

    def record_set(self, workout_id: int, done: SetCompleted) -> None:
        self._database.insert("workout_set", {
            "workout_id": workout_id, "exercise_id": done.exercise_id,
            "side": done.side.value if done.side else None, "set_number": done.set_number,
            "reps": done.reps, "hold_seconds": done.hold_seconds,
            "completed_at": stored_time(self._now()),
        })  # fmt: skip
        side = f" ({done.side.value})" if done.side else ""
        logger.info(
            "saved: workout %d, %s set %d%s", workout_id, done.exercise_id, done.set_number, side
        )

    def record_skip(self, workout_id: int, skipped: ExerciseSkipped) -> None:
        self._database.insert("skipped_exercise", {
            "workout_id": workout_id, "exercise_id": skipped.exercise_id,
            "sets_done": skipped.sets_done, "skipped_at": stored_time(self._now()),
        })  # fmt: skip

    def record_feeling(self, workout_id: int, exercise_id: str, feeling: Feeling) -> None:
        self._database.insert("exercise_feeling", {
            "workout_id": workout_id, "exercise_id": exercise_id, "feeling": feeling.value,
            "at": stored_time(self._now()),
        })  # fmt: skip

    def record_pain_rose(self, workout_id: int, exercise_id: str) -> None:
        """Back pain rose 2+ points after this exercise (kept with the safety answers, as a
        warning)."""
        from coach.store.models import SafetyEvent

        at = self._now()
        answers = json.dumps({"answer": PAIN_ROSE, "exercise": exercise_id}, sort_keys=True)
        self._add(
            lambda: SafetyEvent(
                at=at, screen=ScreenKind.AFTER_EXERCISE.value, verdict="warn", halt=None,
                answers=answers, workout_id=workout_id,
            )
        )  # fmt: skip

    def record_unanswered(self, workout_id: int, exercise_id: str) -> None:
        """The check after this exercise was not answered before the next work began."""
        from coach.store.models import SafetyEvent

        at = self._now()
        answers = json.dumps({"answer": NOT_ANSWERED, "exercise": exercise_id}, sort_keys=True)
        self._add(
            lambda: SafetyEvent(
                at=at, screen=ScreenKind.AFTER_EXERCISE.value, verdict=UNANSWERED, halt=None,
                answers=answers, workout_id=workout_id,
            )
        )  # fmt: skip

    def finish(self, workout_id: int, outcome: Outcome) -> None:
        ended = self._now()
        self._database.write(lambda session: self._end(session, workout_id, outcome, ended))

    def halt(
        self, workout_id: int, kind: HaltKind, screen: ScreenKind, causes: tuple[str, ...]
    ) -> datetime:
        """A safety halt during the workout: its outcome and the safety event, as one fact."""
        from coach.store.models import SafetyEvent

        at = self._now()

        def stop(session: Session) -> None:
            self._end(session, workout_id, Outcome.halted(kind), at)
            session.add(SafetyEvent(at=at, screen=screen.value, verdict="halt",
                                    halt=kind.value, workout_id=workout_id,
                                    cause=json.dumps(list(causes))))  # fmt: skip

        self._database.write(stop)
        return at

    @staticmethod
    def _end(session: Session, workout_id: int, outcome: Outcome, at: datetime) -> None:
        from coach.store.models import Workout

        workout = session.get(Workout, workout_id)
        assert workout is not None
        workout.ended_at = at
        workout.outcome = outcome.value
        session.add(workout)

    def _add(self, row: Callable[[], object]) -> None:
        self._database.write(lambda session: session.add(row()))

    # Reading.

    def sets(self, workout_id: int) -> list[WorkoutSet]:
        orm_ready()
        from sqlmodel import col, select

        from coach.store.models import WorkoutSet

        query = select(WorkoutSet).where(WorkoutSet.workout_id == workout_id)
        with self._session() as session:
            return list(session.exec(query.order_by(col(WorkoutSet.id))))

    def skipped(self, workout_id: int) -> list[SkippedExercise]:
        orm_ready()
        from sqlmodel import col, select

        from coach.store.models import SkippedExercise

        query = select(SkippedExercise).where(SkippedExercise.workout_id == workout_id)
        with self._session() as session:
            return list(session.exec(query.order_by(col(SkippedExercise.id))))

    def workouts(self) -> list[Workout]:
        orm_ready()
        from sqlmodel import col, select

        from coach.store.models import Workout

        with self._session() as session:
            return list(session.exec(select(Workout).order_by(col(Workout.id))))

    def workout(self, workout_id: int) -> Workout | None:
        from coach.store.models import Workout

        with self._session() as session:
            return session.get(Workout, workout_id)

    def done_dates(self) -> dict[str, DoneDates]:
        """For each routine done at least once, when it was first and last done."""
        rows = self._database.read(_DONE_DATES)
        return {
            routine: DoneDates(datetime.fromisoformat(first), datetime.fromisoformat(last))
            for routine, first, last in rows
        }

    def done_days(self, since: datetime) -> list[date]:
        """The local dates of the workouts done, started since then."""
        return done_days(self._database, since)

    def pain_rose_runs(self, routine_id: str) -> dict[str, int]:
        """For each exercise after which back pain rose 2+ points in the routine's latest
        workout (with a set done): in how many of its latest two in a row it rose."""
        rows = self._database.read(
            "SELECT w.id, e.answers FROM (SELECT w.id, w.started_at FROM workout w"
            f" WHERE w.routine_id = ? AND {_SETS} > 0"
            " ORDER BY w.started_at DESC, w.id DESC LIMIT 2) w"
            " LEFT JOIN safety_event e ON e.workout_id = w.id AND e.verdict = 'warn'"
            " ORDER BY w.started_at DESC, w.id DESC",
            (routine_id,),
        )  # one read: the home screen asks it of every routine
        rose: dict[int, set[str]] = {}  # the latest two workouts, newest first
        for workout_id, text in rows:
            said = rose.setdefault(workout_id, set())
            if exercise := checked_exercise(text):
                said.add(exercise)
        rose_in = list(rose.values())
        runs: dict[str, int] = {}
        for exercise in rose_in[0] if rose_in else set():
            runs[exercise] = 2 if len(rose_in) > 1 and exercise in rose_in[1] else 1
        return runs

    def feelings(
        self, routine_id: str, exercise_id: str, since: str, last: int = 2
    ) -> list[Feeling]:
        """How an exercise felt in a routine's latest workouts after `since` (stored time
        text; "" for ever), oldest first."""
        rows = self._database.read(
            "SELECT f.feeling FROM exercise_feeling f JOIN workout w ON w.id = f.workout_id"
            " WHERE w.routine_id = ? AND f.exercise_id = ? AND f.at > ?"
            " ORDER BY f.at DESC, f.id DESC LIMIT ?",
            (routine_id, exercise_id, since, str(last)),
        )
        known = {feeling.value for feeling in Feeling}  # an imported word it does not know
        return [Feeling(feeling) for (feeling,) in reversed(rows) if feeling in known]

    def _session(self) -> Session:
        from sqlmodel import Session

        # Rows handed back stay readable after the session closes.
        return Session(self._database.engine, expire_on_commit=False)
