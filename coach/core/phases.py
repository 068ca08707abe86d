"""A routine unrolled into timed phases: get ready, up, hold at the top, down, a timed
hold, switch sides, rest. The workout (coach.core.workout) runs through them."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from coach.core.records import record
from coach.core.routines import PlannedExercise

FIRST_GET_READY_SECONDS = 10.0
MIN_GET_READY_SECONDS = 5.0
SWITCH_SIDE_SECONDS = 5.0
COUNTDOWN_FROM = 3


class PhaseKind(StrEnum):
    GET_READY = "get ready"
    SWITCH_SIDE = "switch side"
    UP = "up"
    TOP_HOLD = "hold at the top"
    DOWN = "down"
    HOLD = "hold"
    REST = "rest"

    @property
    def is_work(self) -> bool:
        return self in (PhaseKind.UP, PhaseKind.TOP_HOLD, PhaseKind.DOWN, PhaseKind.HOLD)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@record
class Phase:
    kind: PhaseKind
    seconds: float
    exercise_index: int
    set_number: int
    sets: int
    side: Side | None = None
    rep: int | None = None
    reps: int | None = None
    completes_set: bool = False

    @property
    def counts_down(self) -> bool:
        """Whether the last seconds are announced (too busy for short rep phases)."""
        return self.seconds > COUNTDOWN_FROM


def build_phases(plan: Sequence[PlannedExercise]) -> list[Phase]:
    # Each phase is made whole, not copied with replace: the home screen
    # unrolls every routine to say its minutes, and replace took 3 ms of that.
    phases: list[Phase] = []
    for index, planned in enumerate(plan):
        dose = planned.dose
        ready = FIRST_GET_READY_SECONDS
        if index:
            ready = max(plan[index - 1].dose.rest_after, MIN_GET_READY_SECONDS)
        phases.append(Phase(PhaseKind.GET_READY, ready, index, 1, dose.sets))
        sides: list[Side | None] = [Side.LEFT, Side.RIGHT] if dose.per_side else [None]
        for set_number in range(1, dose.sets + 1):
            for side in sides:
                if side is Side.RIGHT:
                    phases.append(
                        Phase(PhaseKind.SWITCH_SIDE, SWITCH_SIDE_SECONDS, index, set_number,
                              dose.sets, side)
                    )  # fmt: skip
                phases.extend(_work_phases(planned, index, set_number, side))
            if set_number < dose.sets and dose.rest_between_sets > 0:
                phases.append(
                    Phase(PhaseKind.REST, dose.rest_between_sets, index, set_number, dose.sets)
                )
    return phases


def _work_phases(
    planned: PlannedExercise, index: int, set_number: int, side: Side | None
) -> list[Phase]:
    dose = planned.dose
    if dose.hold_seconds is not None:
        return [Phase(PhaseKind.HOLD, dose.hold_seconds, index, set_number, dose.sets, side,
                      completes_set=True)]  # fmt: skip
    assert dose.reps is not None and dose.tempo is not None
    steps = [
        (PhaseKind.UP, dose.tempo.up),
        (PhaseKind.TOP_HOLD, dose.tempo.hold),
        (PhaseKind.DOWN, dose.tempo.down),
    ]
    steps = [(kind, seconds) for kind, seconds in steps if seconds > 0]
    phases = []
    for rep in range(1, dose.reps + 1):
        for n, (kind, seconds) in enumerate(steps):
            last = rep == dose.reps and n == len(steps) - 1
            phases.append(
                Phase(kind, seconds, index, set_number, dose.sets, side, rep, dose.reps, last)
            )
    return phases


def planned_seconds(plan: Sequence[PlannedExercise]) -> float:
    return sum(phase.seconds for phase in build_phases(plan))


def planned_minutes(plan: Sequence[PlannedExercise]) -> int:
    """A workout's length as said to a person: whole minutes, at least one."""
    return max(1, round(planned_seconds(plan) / 60))
