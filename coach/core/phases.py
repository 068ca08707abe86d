"""A routine unrolled into timed phases: get ready, up, hold at the top, down, a timed
hold, switch sides, rest. The workout (coach.core.workout) runs through them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

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


@dataclass(frozen=True)
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
    phases: list[Phase] = []
    for index, planned in enumerate(plan):
        dose = planned.dose
        ready = FIRST_GET_READY_SECONDS
        if index:
            ready = max(plan[index - 1].dose.rest_after, MIN_GET_READY_SECONDS)
        start = Phase(PhaseKind.GET_READY, ready, index, set_number=1, sets=dose.sets)
        phases.append(start)
        sides: list[Side | None] = [Side.LEFT, Side.RIGHT] if dose.per_side else [None]
        for set_number in range(1, dose.sets + 1):
            for side in sides:
                at = replace(start, set_number=set_number, side=side)
                if side is Side.RIGHT:
                    phases.append(
                        replace(at, kind=PhaseKind.SWITCH_SIDE, seconds=SWITCH_SIDE_SECONDS)
                    )
                phases.extend(_work_phases(planned, at))
            if set_number < dose.sets and dose.rest_between_sets > 0:
                rest = replace(start, kind=PhaseKind.REST, seconds=dose.rest_between_sets)
                phases.append(replace(rest, set_number=set_number))
    return phases


def _work_phases(planned: PlannedExercise, at: Phase) -> list[Phase]:
    dose = planned.dose
    if dose.hold_seconds is not None:
        return [replace(at, kind=PhaseKind.HOLD, seconds=dose.hold_seconds, completes_set=True)]
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
                replace(at, kind=kind, seconds=seconds, rep=rep, reps=dose.reps, completes_set=last)
            )
    return phases


def planned_seconds(plan: Sequence[PlannedExercise]) -> float:
    return sum(phase.seconds for phase in build_phases(plan))


def planned_minutes(plan: Sequence[PlannedExercise]) -> int:
    """A workout's length as said to a person: whole minutes, at least one."""
    return max(1, round(planned_seconds(plan) / 60))
