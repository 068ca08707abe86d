"""Writing workouts as they happen, and reading back what the screens need.

Rows are written through sqlmodel, imported inside the methods that use it: the
home screen's two questions (when was each routine last done, when was it first
done) are answered with plain sqlite3, so the window can show before SQLAlchemy
has loaded. ``warm_up`` loads it once the window is on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.database import OpenedDatabase

if TYPE_CHECKING:
    from sqlmodel import Session

    from coach.store.models import SkippedExercise, Workout, WorkoutSet

Now = Callable[[], datetime]
logger = logging.getLogger(__name__)

# A workout counts as done once it has at least one set.
_DONE_DATES = """
    SELECT w.routine_id, MIN(w.started_at), MAX(w.started_at) FROM workout w
    WHERE EXISTS (SELECT 1 FROM workout_set s WHERE s.workout_id = w.id)
    GROUP BY w.routine_id
"""


@dataclass(frozen=True)
class DoneDates:
    """When a routine was first and last done (a workout with at least one set)."""

    first: datetime
    last: datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def stored_time(when: datetime) -> str:
    """A time as the rows hold it (UTC ISO text), for comparing in SQL."""
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def done_days(
    database: OpenedDatabase, since: datetime, until: datetime | None = None
) -> list[date]:
    """The local dates of workouts with at least one set, started in [since, until)."""
    end = stored_time(until) if until else "9999"
    rows = database.read(
        "SELECT w.started_at FROM workout w WHERE w.started_at >= ? AND w.started_at < ?"
        " AND EXISTS (SELECT 1 FROM workout_set s WHERE s.workout_id = w.id)",
        (stored_time(since), end),
    )
    return [datetime.fromisoformat(started).astimezone().date() for (started,) in rows]


class WorkoutLog:
    """Each call commits at once: a crash loses at most the set in progress."""

    def __init__(self, database: OpenedDatabase, now: Now = utc_now) -> None:
        self._database = database
        self._now = now

    def warm_up(self) -> None:
        """Load SQLAlchemy and make the schema now, so the first Start is instant."""
        _ = self._database.engine

    def _session(self) -> Session:
        from sqlmodel import Session

        # Rows handed back stay readable after the session closes.
        return Session(self._database.engine, expire_on_commit=False)

    # Writing.

    def begin(self, routine_id: str, routine_title: str) -> int:
        from coach.store.models import Workout

        started = self._now()

        def add(session: Session) -> int:
            workout = Workout(
                routine_id=routine_id, routine_title=routine_title, started_at=started
            )
            session.add(workout)
            session.flush()
            assert workout.id is not None
            return workout.id

        return self._database.write(add)

    def record_set(self, workout_id: int, done: SetCompleted) -> None:
        from coach.store.models import WorkoutSet

        at = self._now()
        self._add(
            lambda: WorkoutSet(
                workout_id=workout_id,
                exercise_id=done.exercise_id,
                side=done.side.value if done.side else None,
                set_number=done.set_number,
                reps=done.reps,
                hold_seconds=done.hold_seconds,
                completed_at=at,
            )
        )
        side = f" ({done.side.value})" if done.side else ""
        logger.info(
            "saved: workout %d, %s set %d%s", workout_id, done.exercise_id, done.set_number, side
        )

    def record_skip(self, workout_id: int, skipped: ExerciseSkipped) -> None:
        from coach.store.models import SkippedExercise

        at = self._now()
        self._add(
            lambda: SkippedExercise(
                workout_id=workout_id,
                exercise_id=skipped.exercise_id,
                sets_done=skipped.sets_done,
                skipped_at=at,
            )
        )

    def finish(self, workout_id: int, outcome: str) -> None:
        from coach.store.models import Workout

        ended = self._now()

        def end(session: Session) -> None:
            workout = session.get(Workout, workout_id)
            assert workout is not None
            workout.ended_at = ended
            workout.outcome = outcome
            session.add(workout)

        self._database.write(end)

    def _add(self, row: Callable[[], WorkoutSet | SkippedExercise]) -> None:
        self._database.write(lambda session: session.add(row()))

    # Reading.

    def sets(self, workout_id: int) -> list[WorkoutSet]:
        from sqlmodel import col, select

        from coach.store.models import WorkoutSet

        query = select(WorkoutSet).where(WorkoutSet.workout_id == workout_id)
        with self._session() as session:
            return list(session.exec(query.order_by(col(WorkoutSet.id))))

    def skipped(self, workout_id: int) -> list[SkippedExercise]:
        from sqlmodel import col, select

        from coach.store.models import SkippedExercise

        query = select(SkippedExercise).where(SkippedExercise.workout_id == workout_id)
        with self._session() as session:
            return list(session.exec(query.order_by(col(SkippedExercise.id))))

    def workouts(self) -> list[Workout]:
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
