"""The tables. Times are timezone-aware UTC; a naive datetime is refused."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """ISO 8601 text in UTC, so the stored value says what it means."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime; give it a time zone")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Workout(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    routine_id: str = Field(index=True)
    routine_title: str
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # coach.core.outcome.Outcome's value, or None while running (or if the program was
    # killed): "finished", "ended early", "halted: radiating", "ended: pain rose"...
    outcome: str | None = None
    # The sets the workout planned, each side's on its own as its sets are kept, to tell
    # one ended early after half of them (done) from a short one (schema 4; None for
    # older workouts).
    planned_sets: int | None = None


class WorkoutSet(SQLModel, table=True):
    __tablename__ = "workout_set"

    id: int | None = Field(default=None, primary_key=True)
    workout_id: int = Field(foreign_key="workout.id", index=True)
    exercise_id: str
    side: str | None = None
    set_number: int
    reps: int | None = None
    hold_seconds: float | None = None
    completed_at: datetime = Field(sa_type=UTCDateTime)


class SkippedExercise(SQLModel, table=True):
    __tablename__ = "skipped_exercise"

    id: int | None = Field(default=None, primary_key=True)
    workout_id: int = Field(foreign_key="workout.id", index=True)
    exercise_id: str
    sets_done: int
    skipped_at: datetime = Field(sa_type=UTCDateTime)


class SafetyEvent(SQLModel, table=True):
    """One safety screen or check and its verdict, kept for the history."""

    __tablename__ = "safety_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    # "full screen", "short screen", "stop key", "after exercise"
    screen: str
    verdict: str  # "clear", "warn", "halt", or "unanswered" (a check after an exercise)
    halt: str | None = None  # "emergency", "urgent", "radiating"
    answers: str = "{}"  # JSON: question id -> yes/no, as the person gave them
    workout_id: int | None = Field(default=None, foreign_key="workout.id")
    # A halt's causes (JSON list of question ids or checks), and the clinician's all-clear
    # that answered it: it holds until then (schema 4).
    cause: str | None = None
    clearance_id: int | None = Field(default=None, foreign_key="clinician_clearance.id")


class ClinicianClearance(SQLModel, table=True):
    """The person confirmed a clinician saw them and said exercise is fine; the halts it
    answers point at it (safety_event.clearance_id)."""

    __tablename__ = "clinician_clearance"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)


class Setting(SQLModel, table=True):
    """Small JSON values by name: the profile, the opt-in exercises turned on."""

    key: str = Field(primary_key=True)
    value: str
    changed_at: datetime = Field(sa_type=UTCDateTime)


class Block(SQLModel, table=True):
    """A three-week block: its own baseline and its own comparison."""

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(sa_type=UTCDateTime)
    routine_id: str | None = None  # the routine the person chose to follow, if any
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The block's workout figures, fixed (JSON) once its three-week check-in is given.
    figures: str | None = None


class Checkin(SQLModel, table=True):
    """One check-in: pain 0-10 and, for the baseline and three weeks, more."""

    id: int | None = Field(default=None, primary_key=True)
    block_id: int = Field(foreign_key="block.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    # "baseline", "before workout", "after workout", "weekly", "three weeks"
    kind: str
    pain: int | None = Field(default=None, ge=0, le=10)
    impression: str | None = None  # the 7-point global impression, at three weeks
    workout_id: int | None = Field(default=None, foreign_key="workout.id")


class ActivityRating(SQLModel, table=True):
    """How hard an everyday activity is, 0-10, at the baseline or at three weeks."""

    __tablename__ = "activity_rating"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="checkin.id", index=True)
    activity: str
    score: int = Field(ge=0, le=10)


class ExerciseFeeling(SQLModel, table=True):
    """How an exercise felt in a workout: too easy, about right or too hard."""

    __tablename__ = "exercise_feeling"

    id: int | None = Field(default=None, primary_key=True)
    workout_id: int = Field(foreign_key="workout.id", index=True)
    exercise_id: str
    feeling: str
    at: datetime = Field(sa_type=UTCDateTime)
