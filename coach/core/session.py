"""One workout from Start to its summary: the phase machine, the cues, the check after
each exercise, the count of each side, how it ended, and what was done.

The workout screen hands every key and every timer tick to a :class:`WorkoutSession`
and draws what it answers (a :class:`Step`). The session writes as it goes through a
:class:`Recorder` (the store implements it): every set the moment it is done, and a halt
as one fact (the workout's outcome and the safety event together).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from coach.core.clock import Clock
from coach.core.cues import Cue, CueCaller, CueChoice
from coach.core.outcome import Halt, Outcome, WorkoutSummary
from coach.core.phases import Phase
from coach.core.progression import Feeling
from coach.core.records import field, record
from coach.core.routines import LoadedRoutine, PlannedExercise
from coach.core.safety import LEG, CheckAnswer, HaltKind, ScreenKind, after_exercise
from coach.core.workout import (
    CountdownTick,
    Event,
    ExerciseSkipped,
    PhaseStarted,
    SetCompleted,
    State,
    Workout,
    WorkoutEnded,
    WorkoutFinished,
)

# After the last exercise the check waits this long for an answer, then the summary comes.
LAST_CHECK_SECONDS = 20.0


class Recorder(Protocol):
    """Where a workout is written as it happens; each call is one transaction."""

    def begin(self, routine_id: str, routine_title: str, planned_sets: int) -> int: ...

    def record_set(self, workout_id: int, done: SetCompleted) -> None: ...

    def record_skip(self, workout_id: int, skipped: ExerciseSkipped) -> None: ...

    def record_feeling(self, workout_id: int, exercise_id: str, feeling: Feeling) -> None: ...

    def record_pain_rose(self, workout_id: int, exercise_id: str) -> None: ...

    def record_unanswered(self, workout_id: int, exercise_id: str) -> None: ...

    def finish(self, workout_id: int, outcome: Outcome) -> None: ...

    def halt(
        self, workout_id: int, kind: HaltKind, screen: ScreenKind, causes: tuple[str, ...]
    ) -> datetime: ...


@record(frozen=False)
class Step:
    """What one change asks of the screen."""

    spoken: list[Cue] = field(default_factory=list)  # to say now, unless muted
    sound: str | None = None  # the sound that marks it where no voice speaks
    phases: list[Phase] = field(default_factory=list)  # the phases that began, in order
    check_opened: bool = False  # the check after an exercise is now asked
    check_folded: bool = False  # the work began with the check unanswered: it is put away
    summary: WorkoutSummary | None = None  # the workout is over
    halted: Halt | None = None  # the workout stopped for safety
    # The last exercise's check is open: the summary comes when it is answered, or after
    # LAST_CHECK_SECONDS.
    waiting_to_finish: bool = False
    # Back pain rose 2 points or more: the workout pauses and asks whether to end for today.
    pain_rose: bool = False


class WorkoutSession:
    """A workout as the person lives it; :attr:`workout` is None before and after."""

    def __init__(self, recorder: Recorder, clock: Clock) -> None:
        self._recorder = recorder
        self._clock = clock
        self._caller = CueCaller(clock)
        self.workout: Workout | None = None
        self.routine_title = ""
        self.workout_id = 0
        self._routine_id = ""
        self._started_at = 0.0
        self._skipped: list[str] = []
        self._sides: dict[str, dict[str, int]] = {}  # exercise id -> side -> sets
        self.checking: PlannedExercise | None = None  # the exercise the check asks about
        self._checked_from: Phase | None = None  # the phase in which the check opened
        self._finish_pending = False
        self._finish_at = 0.0  # with the last check open: when the summary comes anyway
        self._last_exercise = 0
        self.paused_by_person = False  # Space, as opposed to a hold for the check
        self._was_paused = False  # before the person was asked whether to end
        self.asking_pain = False  # back pain rose: end for today, or go on?
        self._pain_rose: list[str] = []  # exercise ids

    # Starting and running.

    def begin(
        self, loaded: LoadedRoutine, plan: Sequence[PlannedExercise], choice: CueChoice
    ) -> Step:
        self.workout = Workout(plan, self._clock)
        self.routine_title = loaded.routine.title
        self._routine_id = loaded.routine.id
        # As the sets are kept: each side's set on its own.
        planned_sets = sum(p.dose.sets * (2 if p.dose.per_side else 1) for p in plan)
        self.workout_id = self._recorder.begin(
            loaded.routine.id, loaded.routine.title, planned_sets
        )
        self._pain_rose = []
        self._started_at = self._clock.now()
        self._skipped, self._sides = [], {}
        self.checking, self._finish_pending = None, False
        self.paused_by_person = self.asking_pain = False
        self._last_exercise = 0
        self._caller.reset()
        self._caller.choice = choice
        return self._step(self.workout.start())

    def update(self) -> Step:
        """What happened since last asked (the screen's timer asks)."""
        if self.workout is None:
            return Step()
        if self._finish_pending and not self.asking_pain and self.seconds_to_summary() <= 0:
            self._fold_check()  # not answered: the summary comes, as for any check
            self._finish_pending = False
            return self._over(Outcome.FINISHED)
        return self._step(self.workout.update())

    @property
    def running(self) -> bool:
        return self.workout is not None and self.workout.state is State.RUNNING

    def seconds_to_next_change(self) -> float:
        assert self.workout is not None
        return self.workout.seconds_to_next_change()

    @property
    def finishing(self) -> bool:
        """The exercises are done and the last check is open, for a moment."""
        return self._finish_pending

    def seconds_to_summary(self) -> float:
        """With the last exercise's check open: how long until the summary comes anyway."""
        return max(0.0, self._finish_at - self._clock.now())

    # What the person asks for.

    def toggle_pause(self) -> Step:
        if self.workout is None or self.asking_pain:
            return Step()
        self.workout.toggle_pause()
        self.paused_by_person = self.workout.state is State.PAUSED
        return self._step([])

    def next(self) -> Step:
        if self.workout is None or self.asking_pain:
            return Step()
        return self._step(self.workout.next())

    def back(self) -> Step:
        if self.workout is None or self.asking_pain:
            return Step()
        return self._step(self.workout.back())

    def ask_to_end(self) -> Step:
        """Hold everything while the person is asked whether to end."""
        if self.workout is None:
            return Step()
        self._was_paused = self.workout.state is State.PAUSED
        self.workout.pause()
        return self._step([])

    def keep_going(self) -> Step:
        """The person chose not to end: go on as before they were asked."""
        if self.workout is None or self._was_paused:
            return Step()
        self.workout.resume()
        return self._step([])

    def end_early(self) -> Step:
        """Ended by the person: what was done is kept."""
        if self.workout is None or self.workout.is_over:
            return Step()
        return self._step(self.workout.end_early())

    def abandon(self) -> Step:
        """The program is closing mid-workout: what was done is kept, as unfinished."""
        if self.workout is None or self.workout.is_over:
            return Step()
        self.workout.end_early()
        return self._over(Outcome.UNFINISHED)

    def stop(self) -> Step:
        """The stop key: pain is spreading. Stop at once; the sets done are kept."""
        return self._halt(HaltKind.RADIATING, ScreenKind.STOP_KEY, (LEG,))

    # The check after each exercise.

    def felt(self, feeling: Feeling) -> None:
        if self.checking is not None:
            self._recorder.record_feeling(self.workout_id, self.checking.exercise.id, feeling)

    def answer(self, answer: CheckAnswer) -> Step:
        checked, self.checking = self.checking, None
        workout = self.workout
        if checked is None or workout is None:
            return Step()
        outcome = after_exercise(answer)
        if outcome.halt is not None:
            return self._halt(outcome.halt, ScreenKind.AFTER_EXERCISE, outcome.causes)
        if outcome.pain_rose:
            self._recorder.record_pain_rose(self.workout_id, checked.exercise.id)
            self._pain_rose.append(checked.exercise.id)
            self.asking_pain = True
            workout.pause()  # everything waits while the person decides
            self.paused_by_person = False
            return Step(pain_rose=True)
        return self._go_on()

    def pain_answer(self, *, end: bool) -> Step:
        """After back pain rose: end for today (not a halt), or go on."""
        if not self.asking_pain or self.workout is None:
            return Step()
        self.asking_pain = False
        if end:
            self._finish_pending = False
            self.workout.end_early()
            return self._over(Outcome.PAIN_ROSE)
        return self._go_on()

    def _go_on(self) -> Step:
        """After the check: the summary if it was the last exercise, else on we go."""
        workout = self.workout
        assert workout is not None
        if self._finish_pending:
            self._finish_pending = False
            return self._over(Outcome.FINISHED)
        if workout.state is State.PAUSED and not self.paused_by_person:
            workout.resume()
        return self._step([])

    # Inside.

    def _step(self, events: list[Event]) -> Step:
        workout = self.workout
        assert workout is not None
        step = Step(spoken=self._caller.cues(workout, events))  # asked even when muted
        for event in events:
            match event:
                case SetCompleted():
                    self._recorder.record_set(self.workout_id, event)
                    if event.side is not None:
                        sides = self._sides.setdefault(event.exercise_id, {"left": 0, "right": 0})
                        sides[event.side.value] += 1
                    step.sound = "done"
                case ExerciseSkipped():
                    self._recorder.record_skip(self.workout_id, event)
                    names = {p.exercise.id: p.exercise.name for p in workout.plan}
                    self._skipped.append(names[event.exercise_id])
                case PhaseStarted():
                    step.phases.append(event.phase)
                    if event.phase.kind.is_work and event.phase != self._checked_from:
                        step.check_folded |= self._fold_check()
                    if self._on_phase_started(event.phase):
                        step.check_opened = True
                        step.spoken.append(self._caller.check())
                    if event.phase.kind.is_work and step.sound is None:
                        step.sound = "start"
                case CountdownTick() if step.sound is None:
                    step.sound = "tick"
                case WorkoutFinished() if self._needs_check(self._last_exercise):
                    self._fold_check()  # one before it, never answered
                    self._finish_pending = True  # the summary waits a moment for the last check
                    self._finish_at = self._clock.now() + LAST_CHECK_SECONDS
                    self._open_check(self._last_exercise)
                    step.check_opened = True
                    step.spoken.append(self._caller.check())
                case WorkoutFinished() | WorkoutEnded():
                    finished = isinstance(event, WorkoutFinished)
                    over = self._over(Outcome.FINISHED if finished else Outcome.ENDED_EARLY)
                    over.spoken = step.spoken
                    return over
        step.waiting_to_finish = self._finish_pending
        return step

    def _needs_check(self, exercise_index: int) -> bool:
        return self.workout is not None and self.workout.sets_done(exercise_index) > 0

    def _on_phase_started(self, phase: Phase) -> bool:
        left = self._last_exercise
        self._last_exercise = phase.exercise_index
        if phase.exercise_index > left and self._needs_check(left):
            self._fold_check()  # skipped on before it was answered
            self._open_check(left, phase)
            return True
        return False

    def _open_check(self, exercise_index: int, phase: Phase | None = None) -> None:
        """Asked beside the running workout: the clock never waits for the answer."""
        assert self.workout is not None
        self.checking = self.workout.plan[exercise_index]
        self._checked_from = phase

    def _fold_check(self) -> bool:
        """The check is put away unanswered (the work began): kept as not answered."""
        checked, self.checking = self.checking, None
        if checked is None:
            return False
        self._recorder.record_unanswered(self.workout_id, checked.exercise.id)
        return True

    def _halt(self, kind: HaltKind, screen: ScreenKind, causes: tuple[str, ...]) -> Step:
        if self.workout is None:
            return Step()
        self.checking, self._finish_pending = None, False
        self.paused_by_person = self.asking_pain = False
        self.workout.end_early()
        at = self._recorder.halt(self.workout_id, kind, screen, causes)
        self.workout = None
        return Step(halted=Halt(kind, at, causes))

    def _over(self, outcome: Outcome) -> Step:
        workout = self.workout
        assert workout is not None
        self._recorder.finish(self.workout_id, outcome)
        done = {
            planned.exercise.name: workout.sets_done(index)
            for index, planned in enumerate(workout.plan)
            if workout.sets_done(index) or planned.exercise.id in self._sides
        }
        sides = {
            planned.exercise.name: dict(self._sides[planned.exercise.id])
            for planned in workout.plan
            if planned.exercise.id in self._sides
        }
        summary = WorkoutSummary(
            routine_title=self.routine_title,
            outcome=outcome,
            seconds=self._clock.now() - self._started_at,
            sets_done=sum(done.values()),
            skipped=list(self._skipped),
            sets_by_exercise=done,
            sides_by_exercise=sides,
            workout_id=self.workout_id,
            routine_id=self._routine_id,
            pain_rose=list(self._pain_rose),
        )
        self.workout = None
        sound = "done" if outcome is Outcome.FINISHED else None
        return Step(sound=sound, summary=summary)
