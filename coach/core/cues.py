"""What the coach says aloud, and when, worked out from the workout's state.

The workout screen asks :meth:`CueCaller.cues` after every change it handles (a phase
starting, the countdown's next second, a pause). It answers with the cue to say now, if
any. Each cue carries an estimate of how long it takes to say, so the caller never
starts a cue while another should still be playing, and plans the optional ones
(halfway, next up) only where they end before the last-seconds count. A cue for a new
phase is the one exception: it replaces whatever is still playing, because what it
says has just become true.

Nothing here speaks; the screen hands the cues to its voice (coach.ui.voice.speech).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum

from coach.core.clock import Clock
from coach.core.phases import COUNTDOWN_FROM, Phase, PhaseKind, Side
from coach.core.records import record
from coach.core.routines import PlannedExercise
from coach.core.workout import Event, PhaseStarted, State, Workout, WorkoutEnded, WorkoutFinished

HALFWAY_FROM_SECONDS = 20.0  # holds this long or longer hear "halfway"
NEXT_UP_FROM_SECONDS = 15.0  # waits this long or longer hear "next up" near their end
NEXT_UP_SECONDS_LEFT = 8.0
CHARACTERS_PER_SECOND = 14.0  # plain speech at the normal rate, pauses included
LEAD_IN_SECONDS = 0.3  # the engine's start-up before the first sound
GAP_SECONDS = 0.3  # a breath between two cues


class CueKind(StrEnum):
    STEP = "step"  # what to do now: get ready (with the name), hold, lower, rest, switch
    COUNT = "count"  # 3, 2, 1
    HALFWAY = "halfway"
    NEXT_UP = "next up"
    DONE = "done"
    CHECK = "check"  # the check after an exercise, invited


@record
class CueChoice:
    """Which cues the person wants, and the speech rate (-1 slow, 0 normal, 1 fast)."""

    names: bool = True
    counts: bool = True
    halfway: bool = True
    next_up: bool = True
    rate: float = 0.0


@record
class VoiceSettings:
    """The person's voice settings: spoken or not, how loud (0 to 1), and the cues."""

    on: bool = True
    volume: float = 0.8
    choice: CueChoice = CueChoice()


@record
class Cue:
    kind: CueKind
    text: str
    seconds: float  # about how long it takes to say
    interrupts: bool = False  # stops whatever is still playing: the phase has changed


def speaking_seconds(text: str, rate: float = 0.0) -> float:
    """About how long an engine takes to say ``text``; each rate step of 1 doubles or
    halves the speed, as speech engines scale it."""
    return LEAD_IN_SECONDS + len(text) / (CHARACTERS_PER_SECOND * float(2.0**rate))


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def spoken_dose(planned: PlannedExercise) -> str:
    """The dose as said aloud: "2 sets of 10, hold 3 seconds"."""
    dose = planned.dose
    sets = f"{dose.sets} set{'' if dose.sets == 1 else 's'}"
    each = " each side" if dose.per_side else ""
    if dose.reps is not None:
        said = f"{sets} of {dose.reps}{each}"
        if dose.tempo is not None and dose.tempo.hold > 0:
            said += f", hold {_seconds(dose.tempo.hold)}"
        return said
    assert dose.hold_seconds is not None
    return f"{sets}, hold {_seconds(dose.hold_seconds)}{each}"


def _side(phase: Phase) -> str:
    return f"{phase.side.value.capitalize()} side. " if phase.side is not None else ""


def start_text(phase: Phase, planned: PlannedExercise, choice: CueChoice) -> str:
    """What is said as a phase begins."""
    match phase.kind:
        case PhaseKind.GET_READY:
            first = " Left side first." if planned.dose.per_side else ""
            if not choice.names:
                return f"Get ready.{first}"
            return f"{planned.exercise.name}: {spoken_dose(planned)}.{first} Get ready."
        case PhaseKind.SWITCH_SIDE:
            other = "left" if phase.side is Side.LEFT else "right"
            return f"Switch to the {other} side."
        case PhaseKind.UP:
            if phase.rep == 1:
                return f"{_side(phase)}Up."
            return "Last one. Up." if phase.rep == phase.reps else f"{phase.rep}, up."
        case PhaseKind.TOP_HOLD:
            return "Hold."
        case PhaseKind.DOWN:
            return "Lower."
        case PhaseKind.HOLD:
            return f"{_side(phase)}Hold for {_seconds(phase.seconds)}."
        case PhaseKind.REST:
            return f"Rest, {_seconds(phase.seconds)}."


def next_up_text(phase: Phase, planned: PlannedExercise) -> str:
    """Said near the end of a long wait: what the wait leads to."""
    if phase.kind is PhaseKind.REST:
        side = ", left side" if planned.dose.per_side else ""
        return f"Next up: set {phase.set_number + 1} of {phase.sets}{side}."
    return f"Next up: {planned.exercise.name}."


FINISHED_TEXT = "Well done. That is the workout finished."
# P is the stop key: pain spreading into a leg ends the workout, asked or not.
CHECK_TEXT = "Quick check. Any pain spreading into your leg? Press P."


class CueCaller:
    """Decides, each time it is asked, whether a cue is due; never says one twice."""

    def __init__(self, clock: Clock, choice: CueChoice | None = None) -> None:
        self._clock = clock
        self.choice = choice or CueChoice()
        self._busy_until = -math.inf  # when the cue playing should end
        self._start_due = False  # the phase began (perhaps paused) and is not yet named
        self._said: set[CueKind] = set()
        self._counted: set[int] = set()
        self._counted_aloud: set[int] = set()

    def reset(self) -> None:
        """A new workout: nothing is playing and nothing was said."""
        self._busy_until = -math.inf
        self._new_phase()
        self._start_due = False

    def _new_phase(self) -> None:
        """A phase began: its start is due, and none of its cues has been said."""
        self._start_due = True
        self._said.clear()
        self._counted.clear()
        self._counted_aloud.clear()

    def cues(self, workout: Workout, events: Sequence[Event]) -> list[Cue]:
        """The cue to say now, given what just happened; an empty list when none is due."""
        now = self._clock.now()
        if any(isinstance(e, WorkoutEnded) for e in events):
            return []
        if any(isinstance(e, WorkoutFinished) for e in events):
            return [self._say(Cue(CueKind.DONE, FINISHED_TEXT, self._estimate(FINISHED_TEXT),
                                  interrupts=True), now)]  # fmt: skip
        if any(isinstance(e, PhaseStarted) for e in events):
            self._new_phase()
        if workout.state is not State.RUNNING:
            return []  # a paused phase is named when it goes on
        phase, planned = workout.phase, workout.planned
        if self._start_due:
            self._start_due = False
            text = start_text(phase, planned, self.choice)
            return [self._say(Cue(CueKind.STEP, text, self._estimate(text), interrupts=True), now)]
        cue = self._optional(workout, phase, planned, now)
        return [self._say(cue, now)] if cue is not None else []

    def _optional(
        self, workout: Workout, phase: Phase, planned: PlannedExercise, now: float
    ) -> Cue | None:
        left = workout.remaining()
        idle = now >= self._busy_until
        shown = math.ceil(left - 1e-9)
        if phase.counts_down and 1 <= shown <= COUNTDOWN_FROM and shown not in self._counted:
            self._counted.add(shown)
            # A count said late is wrong; one that would talk over another is left out.
            # A count that has lost its start ("2, 1" without the 3) is left out too.
            fresh = shown - left < 0.5
            begun = shown == COUNTDOWN_FROM or shown + 1 in self._counted_aloud
            if self.choice.counts and idle and fresh and begun:
                self._counted_aloud.add(shown)
                return Cue(CueKind.COUNT, str(shown), self._estimate(str(shown)))
            return None
        wanted: tuple[CueKind, str] | None = None
        if (
            phase.kind is PhaseKind.HOLD
            and phase.seconds >= HALFWAY_FROM_SECONDS
            and left <= phase.seconds / 2
        ):
            wanted = (CueKind.HALFWAY, "Halfway.") if self.choice.halfway else None
        elif (
            not phase.kind.is_work
            and phase.seconds >= NEXT_UP_FROM_SECONDS
            and left <= NEXT_UP_SECONDS_LEFT
        ):
            wanted = (
                (CueKind.NEXT_UP, next_up_text(phase, planned)) if self.choice.next_up else None
            )
        if wanted is None or wanted[0] in self._said:
            return None
        kind, text = wanted
        self._said.add(kind)
        seconds = self._estimate(text)
        # Only when it can end, with a breath, before the count begins (or the phase ends).
        room = left - (COUNTDOWN_FROM if phase.counts_down else 0) - GAP_SECONDS
        if not idle or seconds > room:
            return None
        return Cue(kind, text, seconds)

    def check(self) -> Cue:
        """The invitation to the check after an exercise, said after what is being said."""
        now = self._clock.now()
        cue = Cue(CueKind.CHECK, CHECK_TEXT, self._estimate(CHECK_TEXT))
        self._busy_until = max(self._busy_until, now) + cue.seconds
        return cue

    def _estimate(self, text: str) -> float:
        return speaking_seconds(text, self.choice.rate)

    def _say(self, cue: Cue, now: float) -> Cue:
        self._busy_until = now + cue.seconds
        return cue


def schedule(
    plan: Sequence[PlannedExercise], choice: CueChoice | None = None
) -> list[tuple[float, Cue]]:
    """Every cue of a workout run straight through, with its second from the start:
    the same calls the workout screen makes, on a clock that only this loop moves."""

    class _Clock:
        at = 0.0

        def now(self) -> float:
            return self.at

    clock = _Clock()
    workout = Workout(plan, clock)
    caller = CueCaller(clock, choice)
    said = [(0.0, cue) for cue in caller.cues(workout, workout.start())]
    while not workout.is_over:
        clock.at += workout.seconds_to_next_change()
        said += [(clock.at, cue) for cue in caller.cues(workout, workout.update())]
    return said
