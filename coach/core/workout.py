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
from collections.abc import Sequence
from enum import StrEnum

from coach.core.clock import Clock
from coach.core.phases import COUNTDOWN_FROM, Phase, PhaseKind, Side, build_phases
from coach.core.records import record
from coach.core.routines import PlannedExercise

# Events returned by Workout.update() and the commands.


@record
class PhaseStarted:
    phase: Phase
    index: int


@record
class CountdownTick:
    seconds_left: int


@record
class SetCompleted:
    exercise_id: str
    side: Side | None
    set_number: int
    reps: int | None
    hold_seconds: float | None


@record
class ExerciseSkipped:
    exercise_id: str
    sets_done: int


@record
class WorkoutFinished:
    pass


@record
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
    """The phase machine of one workout.

    It has more public members than most classes here (about twenty): what a screen
    reads (the phase, the seconds shown, the progress, what comes next) and the
    commands a person gives (pause, next, back, end). They all read and move one state,
    the index and its deadline; split in two, each half would need the other's inside.
    """

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

    def elapsed(self) -> float:
        """Seconds into the phase showing (paused time not counted)."""
        return max(0.0, self.phase.seconds - self.remaining())

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
        if self.index == self._first_phase_of(current) and current > 0:
            target = current - 1
        start = self._first_phase_of(target)
        assert start is not None
        return self._jump(start)

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
        return events

    def _enter(self, index: int, started_at: float) -> list[Event]:
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
