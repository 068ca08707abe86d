"""Writing workouts as they happen, and reading back what the screens need."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.models import SkippedExercise, Workout, WorkoutSet

Now = Callable[[], datetime]
logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


class WorkoutLog:
    """Each call commits at once: a crash loses at most the set in progress."""

    def __init__(self, engine: Engine, now: Now = utc_now) -> None:
        self._engine = engine
        self._now = now

    def _session(self) -> Session:
        # Rows handed back stay readable after the session closes.
        return Session(self._engine, expire_on_commit=False)

    def begin(self, routine_id: str, routine_title: str) -> int:
        workout = Workout(
            routine_id=routine_id, routine_title=routine_title, started_at=self._now()
        )
        with self._session() as session:
            session.add(workout)
            session.commit()
            assert workout.id is not None
            return workout.id

    def record_set(self, workout_id: int, done: SetCompleted) -> None:
        row = WorkoutSet(
            workout_id=workout_id,
            exercise_id=done.exercise_id,
            side=done.side.value if done.side else None,
            set_number=done.set_number,
            reps=done.reps,
            hold_seconds=done.hold_seconds,
            completed_at=self._now(),
        )
        self._add(row)
        side = f" ({done.side.value})" if done.side else ""
        logger.info(
            "saved: workout %d, %s set %d%s", workout_id, done.exercise_id, done.set_number, side
        )

    def record_skip(self, workout_id: int, skipped: ExerciseSkipped) -> None:
        row = SkippedExercise(
            workout_id=workout_id,
            exercise_id=skipped.exercise_id,
            sets_done=skipped.sets_done,
            skipped_at=self._now(),
        )
        self._add(row)

    def finish(self, workout_id: int, outcome: str) -> None:
        with self._session() as session:
            workout = session.get(Workout, workout_id)
            assert workout is not None
            workout.ended_at = self._now()
            workout.outcome = outcome
            session.add(workout)
            session.commit()

    def _add(self, row: WorkoutSet | SkippedExercise) -> None:
        with self._session() as session:
            session.add(row)
            session.commit()

    # Reading.

    def sets(self, workout_id: int) -> list[WorkoutSet]:
        with self._session() as session:
            query = select(WorkoutSet).where(WorkoutSet.workout_id == workout_id)
            return list(session.exec(query.order_by(col(WorkoutSet.id))))

    def skipped(self, workout_id: int) -> list[SkippedExercise]:
        with self._session() as session:
            query = select(SkippedExercise).where(SkippedExercise.workout_id == workout_id)
            return list(session.exec(query.order_by(col(SkippedExercise.id))))

    def workouts(self) -> list[Workout]:
        with self._session() as session:
            return list(session.exec(select(Workout).order_by(col(Workout.id))))

    def workout(self, workout_id: int) -> Workout | None:
        with self._session() as session:
            return session.get(Workout, workout_id)

    def last_done(self) -> dict[str, datetime]:
        """When each routine was last worked on: a workout with at least one set done."""
        with self._session() as session:
            query = (
                select(Workout.routine_id, func.max(Workout.started_at))
                .join(WorkoutSet, col(WorkoutSet.workout_id) == col(Workout.id))
                .group_by(col(Workout.routine_id))
            )
            return dict(session.exec(query).all())

    def first_started(self, routine_id: str) -> datetime | None:
        """The start of the first workout of a routine that got at least one set done."""
        with self._session() as session:
            query = (
                select(func.min(Workout.started_at))
                .join(WorkoutSet, col(WorkoutSet.workout_id) == col(Workout.id))
                .where(Workout.routine_id == routine_id)
            )
            return session.exec(query).one()
