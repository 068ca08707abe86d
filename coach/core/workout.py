"""The workout as a state machine over a flat list of timed phases.

The routine is unrolled up front into phases (get ready, up, hold at the top,
down, timed hold, switch sides, rest). The machine keeps one deadline on an
injected monotonic clock; each phase's deadline is the previous deadline plus
its length, so a late timer never shifts the rest of the workout. Nothing here
counts ticks: the UI calls :meth:`Workout.update` whenever it likes and gets
back the events that happened since.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from coach.core.routines import PlannedExercise

FIRST_GET_READY_SECONDS = 10.0
MIN_GET_READY_SECONDS = 5.0
SWITCH_SIDE_SECONDS = 5.0
COUNTDOWN_FROM = 3


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds."""
        ...


# The calendar, as opposed to the clock: aware UTC datetimes, for everything dated.
Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class ScaledClock:
    """A clock that runs ``rate`` times faster than the one it wraps (demos, tests)."""

    def __init__(self, base: Clock, rate: float) -> None:
        if rate <= 0:
            raise ValueError("the time scale must be above 0")
        self.rate = rate
        self._base = base
        self._origin = base.now()

    def now(self) -> float:
        return self._origin + (self._base.now() - self._origin) * self.rate


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


# Events returned by Workout.update() and the commands.


@dataclass(frozen=True)
class PhaseStarted:
    phase: Phase
    index: int


@dataclass(frozen=True)
class CountdownTick:
    seconds_left: int


@dataclass(frozen=True)
class SetCompleted:
    exercise_id: str
    side: Side | None
    set_number: int
    reps: int | None
    hold_seconds: float | None


@dataclass(frozen=True)
class ExerciseSkipped:
    exercise_id: str
    sets_done: int


@dataclass(frozen=True)
class WorkoutFinished:
    pass


@dataclass(frozen=True)
class WorkoutEnded:
    """Ended early by the person."""


Event = (
    PhaseStarted | CountdownTick | SetCompleted | ExerciseSkipped | WorkoutFinished | WorkoutEnded
)


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ENDED = "ended early"


class Workout:
    def __init__(self, plan: Sequence[PlannedExercise], clock: Clock) -> None:
        if not plan:
            raise ValueError("a workout needs at least one exercise")
        self.plan = list(plan)
        self.phases = build_phases(plan)
        self.total_seconds = sum(p.seconds for p in self.phases)
        self._clock = clock
        self._starts = [0.0]
        for phase in self.phases:
            self._starts.append(self._starts[-1] + phase.seconds)
        self.state = State.READY
        self.index = 0
        self._deadline = 0.0
        self._paused_remaining = 0.0
        self._announced = COUNTDOWN_FROM + 1
        self._sets_done = [0] * len(self.plan)
        self._dropped: set[str] = set()
        self._hold_at_work = False

    # What the screen shows.

    @property
    def phase(self) -> Phase:
        return self.phases[min(self.index, len(self.phases) - 1)]

    @property
    def planned(self) -> PlannedExercise:
        return self.plan[self.phase.exercise_index]

    @property
    def next_exercise(self) -> PlannedExercise | None:
        following = self.phase.exercise_index + 1
        return self.plan[following] if following < len(self.plan) else None

    @property
    def is_over(self) -> bool:
        return self.state in (State.FINISHED, State.ENDED)

    def remaining(self) -> float:
        if self.state is State.PAUSED:
            return self._paused_remaining
        if self.state is State.READY:
            return self.phase.seconds
        if self.is_over:
            return 0.0
        return max(self._deadline - self._clock.now(), 0.0)

    def shown_seconds(self) -> int:
        """The countdown as a person reads it: 3, 2, 1, never 0 while running."""
        return math.ceil(self.remaining() - 1e-9)

    def progress(self) -> float:
        if self.is_over:
            return (
                1.0
                if self.state is State.FINISHED
                else self._starts[self.index] / self.total_seconds
            )
        done = self._starts[self.index] + self.phase.seconds - self.remaining()
        return min(done / self.total_seconds, 1.0)

    def seconds_to_next_change(self) -> float:
        """Clock seconds until the shown countdown or the phase next changes."""
        remaining = self.remaining()
        fraction = remaining - math.floor(remaining)
        return min(remaining, fraction if fraction > 1e-6 else 1.0)

    def sets_done(self, exercise_index: int) -> int:
        return self._sets_done[exercise_index]

    # Commands.

    def start(self) -> list[Event]:
        if self.state is not State.READY:
            return []
        self.state = State.RUNNING
        return self._enter(0, self._clock.now())

    def pause(self) -> None:
        if self.state is State.RUNNING:
            self._paused_remaining = self.remaining()
            self.state = State.PAUSED

    def resume(self) -> None:
        if self.state is State.PAUSED:
            self._deadline = self._clock.now() + self._paused_remaining
            self.state = State.RUNNING

    def toggle_pause(self) -> None:
        self.resume() if self.state is State.PAUSED else self.pause()

    def update(self) -> list[Event]:
        """Everything that happened since the last call, in order."""
        if self.state is not State.RUNNING:
            return []
        events: list[Event] = []
        now = self._clock.now()
        while now >= self._deadline:
            events.extend(self._complete(self.phase))
            if self.index + 1 >= len(self.phases):
                self.index = len(self.phases)
                self.state = State.FINISHED
                events.append(WorkoutFinished())
                return events
            events.extend(self._enter(self.index + 1, self._deadline))
            if self.is_over:  # everything after was dropped
                return events
            if self._held():
                return events
        left = math.ceil(self._deadline - now - 1e-9)
        if self.phase.counts_down and left < self._announced:
            self._announced = left
            events.append(CountdownTick(left))
        return events

    @property
    def waiting(self) -> bool:
        """A get-ready, switch-side or rest phase, which Next cuts short."""
        return not self.phase.kind.is_work

    def next(self) -> list[Event]:
        """Cut a wait short, or skip the rest of the exercise being done."""
        return self.skip_wait() if self.waiting else self.skip_exercise()

    def skip_wait(self) -> list[Event]:
        if self.is_over or not self.waiting:
            return []
        return self._jump(self.index + 1)

    def skip_exercise(self) -> list[Event]:
        if self.is_over:
            return []
        current = self.phase.exercise_index
        skipped = ExerciseSkipped(self.plan[current].exercise.id, self._sets_done[current])
        following = self._first_phase_of(current + 1)
        if following is None:
            self.index = len(self.phases)
            self.state = State.FINISHED
            return [skipped, WorkoutFinished()]
        return [skipped, *self._jump(following)]

    def back(self) -> list[Event]:
        """To the start of this exercise, or of the one before when already there."""
        if self.is_over:
            return []
        current = self.phase.exercise_index
        target = current
        if self.index == self._first_phase_of(current) or self._is_dropped(current):
            earlier = [i for i in range(current) if not self._is_dropped(i)]
            target = earlier[-1] if earlier else current
        start = self._first_phase_of(target)
        assert start is not None
        return self._jump(start)

    def hold_before_work(self, hold: bool = True) -> None:
        """Pause at the start of the next work phase (a question awaits an answer first).

        The wait before it runs on as usual; only the exercise itself waits.
        """
        self._hold_at_work = hold

    def drop(self, exercise_id: str) -> None:
        """Leave this exercise out for the rest of the workout (Back skips it too)."""
        self._dropped.add(exercise_id)

    def _is_dropped(self, exercise_index: int) -> bool:
        return self.plan[exercise_index].exercise.id in self._dropped

    def end_early(self) -> list[Event]:
        if self.is_over:
            return []
        self.state = State.ENDED
        return [WorkoutEnded()]

    # Inside.

    def _first_phase_of(self, exercise_index: int) -> int | None:
        return next(
            (n for n, p in enumerate(self.phases) if p.exercise_index == exercise_index), None
        )

    def _jump(self, index: int) -> list[Event]:
        if index >= len(self.phases):
            self.index = len(self.phases)
            self.state = State.FINISHED
            return [WorkoutFinished()]
        paused = self.state is State.PAUSED
        if self.state is State.READY:
            self.state = State.RUNNING
        events = self._enter(index, self._clock.now())
        if paused:
            self._paused_remaining = self.phase.seconds
        self._held()
        return events

    def _held(self) -> bool:
        """Pause at the start of a work phase if a hold was asked for (see hold_before_work)."""
        if not (
            self._hold_at_work and self.state is not State.FINISHED and self.phase.kind.is_work
        ):
            return False
        self._hold_at_work = False
        self.state = State.PAUSED
        self._paused_remaining = self.phase.seconds
        return True

    def _enter(self, index: int, started_at: float) -> list[Event]:
        following = self.phases[index].exercise_index
        if self._is_dropped(following):
            later = [i for i in range(following, len(self.plan)) if not self._is_dropped(i)]
            if not later:
                self.index = len(self.phases)
                self.state = State.FINISHED
                return [WorkoutFinished()]
            first = self._first_phase_of(later[0])
            assert first is not None
            index = first
        self.index = index
        self._deadline = started_at + self.phases[index].seconds
        self._announced = COUNTDOWN_FROM + 1
        return [PhaseStarted(self.phases[index], index)]

    def _complete(self, phase: Phase) -> list[Event]:
        if not phase.completes_set:
            return []
        planned = self.plan[phase.exercise_index]
        if phase.side is not Side.LEFT:  # a per-side set is done when both sides are
            self._sets_done[phase.exercise_index] += 1
        return [
            SetCompleted(
                exercise_id=planned.exercise.id,
                side=phase.side,
                set_number=phase.set_number,
                reps=phase.reps,
                hold_seconds=phase.seconds if phase.kind is PhaseKind.HOLD else None,
            )
        ]
