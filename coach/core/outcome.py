"""How a workout ended, what counts as done, and what its summary says.

A workout is *done* (CONTENT.md section 3) when it finished, or was ended by the person
after at least half of its planned sets. Halted, unfinished and short workouts are kept
and shown apart, never counted as done.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from coach.core.records import field, record
from coach.core.safety import HaltKind


class Outcome(StrEnum):
    """How a workout ended, as stored. A workout the program never saw end (it was
    killed) has no stored outcome: it reads as UNFINISHED."""

    FINISHED = "finished"
    ENDED_EARLY = "ended early"
    HALTED_EMERGENCY = "halted: emergency"
    HALTED_URGENT = "halted: urgent"
    HALTED_RADIATING = "halted: radiating"
    PAIN_ROSE = "ended: pain rose"
    UNFINISHED = "unfinished"

    @classmethod
    def halted(cls, kind: HaltKind) -> Outcome:
        return cls(f"halted: {kind.value}")

    @classmethod
    def stored(cls, value: str | None) -> Outcome:
        """The outcome a stored value means: None (the program never saw the end), or a
        word this version does not know (from an import), is UNFINISHED."""
        known = {outcome.value for outcome in cls}
        return cls(value) if value in known else cls.UNFINISHED

    @property
    def halt(self) -> HaltKind | None:
        prefix = "halted: "
        return HaltKind(self.value.removeprefix(prefix)) if self.startswith(prefix) else None


def counts_as_done(outcome: Outcome, sets_done: int, planned_sets: int | None) -> bool:
    """Done (CONTENT.md section 3): finished, or ended by the person after at least half
    of its planned sets (a workout from before the plan was kept: after one set). Sets
    are counted as they are kept: a set on each side is two.
    Halted, unfinished (the program closed) and short workouts are never done."""
    if outcome is Outcome.FINISHED:
        return sets_done > 0
    if outcome in (Outcome.ENDED_EARLY, Outcome.PAIN_ROSE):
        return 2 * sets_done >= (planned_sets if planned_sets is not None else 2)
    return False


@record(frozen=False)
class WorkoutSummary:
    routine_title: str
    outcome: Outcome
    seconds: float
    sets_done: int
    skipped: list[str] = field(default_factory=list)
    # Exercise name -> sets finished, in the routine's order; only those with a set.
    sets_by_exercise: dict[str, int] = field(default_factory=dict)
    # Exercises done on each side: name -> sets finished on the left and on the right.
    sides_by_exercise: dict[str, dict[str, int]] = field(default_factory=dict)
    workout_id: int = 0
    routine_id: str = ""
    # The exercises after which the back pain rose 2 or more points (ids): lighter next time.
    pain_rose: list[str] = field(default_factory=list)


@record
class Halt:
    """The workout stopped for safety: what kind of halt, and when it was recorded."""

    kind: HaltKind
    at: datetime
    causes: tuple[str, ...] = ()
