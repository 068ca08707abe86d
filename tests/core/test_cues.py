"""The spoken cues, worked out from the workout's state on a fake clock."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from coach.core.catalogue import load_catalogue
from coach.core.cues import (
    FINISHED_TEXT,
    Cue,
    CueCaller,
    CueChoice,
    CueKind,
    schedule,
    spoken_dose,
)
from coach.core.routines import PlannedExercise
from coach.core.workout import Event, Workout
from coach.resources import locate
from tests.helpers import FakeClock, exercise


@dataclass(frozen=True)
class Said:
    at: float  # seconds from the start
    phase: int  # the workout's phase index when it was said
    visit: int  # how many phases had begun by then (Back revisits a phase)
    cue: Cue


class Run:
    """A workout as the screen drives it: ask for cues after every update."""

    def __init__(self, plan: list[PlannedExercise], choice: CueChoice | None = None) -> None:
        self.clock = FakeClock(0.0)
        self.workout = Workout(plan, self.clock)
        self.caller = CueCaller(self.clock, choice)
        self.said: list[Said] = []
        self.visit = 0
        self.handle(self.workout.start())

    def handle(self, events: list[Event]) -> None:
        self.visit += sum(type(e).__name__ == "PhaseStarted" for e in events)
        for cue in self.caller.cues(self.workout, events):
            self.said.append(Said(self.clock.now(), self.workout.index, self.visit, cue))

    def step(self) -> None:
        self.clock.advance(self.workout.seconds_to_next_change())
        self.handle(self.workout.update())

    def until(self, seconds: float) -> None:
        while self.clock.now() < seconds - 1e-9 and not self.workout.is_over:
            self.step()

    def to_end(self) -> list[Said]:
        while not self.workout.is_over:
            self.step()
        return self.said

    def texts(self) -> list[str]:
        return [s.cue.text for s in self.said]


def assert_well_spoken(said: list[Said], *, cut_allowed: bool = False) -> None:
    """No cue twice in one visit to a phase, and none starts while another still plays
    (unless it is a new phase's cue, which replaces it, and cutting is allowed)."""
    seen: set[tuple[int, str, str]] = set()
    for s in said:
        key = (s.visit, s.cue.kind.value, s.cue.text if s.cue.kind is CueKind.COUNT else "")
        assert key not in seen, f"said twice: {s}"
        seen.add(key)
    for before, after in itertools.pairwise(said):
        ends = before.at + before.cue.seconds
        if after.at < ends - 1e-9:
            assert cut_allowed and after.cue.interrupts, f"{after} talks over {before}"


def test_an_exercise_is_named_with_its_dose_as_it_comes_up() -> None:
    bridge = exercise("glute-bridge", sets=2, reps=10, tempo=(2, 3, 2))
    run = Run([bridge])
    assert run.texts() == ["Glute bridge: 2 sets of 10, hold 3 seconds. Get ready."]
    assert spoken_dose(exercise(hold=30, per_side=True)) == "1 set, hold 30 seconds each side"


def test_reps_are_paced_aloud_and_the_last_one_is_announced() -> None:
    run = Run([exercise(reps=3, tempo=(2, 1, 2))])
    texts = run.to_end() and run.texts()
    assert texts[1:4] == ["3", "2", "1"]  # the get-ready count
    assert texts[4:] == [
        "Up.", "Hold.", "Lower.", "2, up.", "Hold.", "Lower.",
        "Last one. Up.", "Hold.", "Lower.", FINISHED_TEXT,
    ]  # fmt: skip


def test_the_last_three_seconds_are_counted_on_the_second() -> None:
    run = Run([exercise(hold=30)])
    said = run.to_end()
    counts = [(s.at, s.cue.text) for s in said if s.cue.kind is CueKind.COUNT]
    # 10 s get ready, then the 30 s hold: 3, 2, 1 at 7, 8, 9 and at 37, 38, 39.
    assert counts == [(7, "3"), (8, "2"), (9, "1"), (37, "3"), (38, "2"), (39, "1")]


def test_halfway_is_said_at_half_of_a_hold_of_twenty_seconds_or_more() -> None:
    for hold, expected in ((30, 10 + 15), (25, 10 + 13), (20, 10 + 10)):
        said = Run([exercise(hold=hold)]).to_end()
        halfway = [s.at for s in said if s.cue.kind is CueKind.HALFWAY]
        assert halfway == [expected], hold
    short = Run([exercise(hold=19)]).to_end()
    assert not [s for s in short if s.cue.kind is CueKind.HALFWAY]


def test_next_up_is_said_near_the_end_of_a_long_rest() -> None:
    run = Run([exercise(sets=2, hold=20, rest=30), exercise("dead-bug", hold=20, rest_after=5)])
    said = run.to_end()
    next_up = [(s.at, s.cue.text) for s in said if s.cue.kind is CueKind.NEXT_UP]
    # The rest between sets runs 30..60 and the wait before the dead bug (15 s, the
    # bridge's rest after) 80..95: next up 8 seconds before each ends.
    assert next_up == [(52, "Next up: set 2 of 2."), (87, "Next up: Dead bug.")]
    short = Run([exercise(sets=2, hold=20, rest=10)]).to_end()
    assert not [s for s in short if s.cue.kind is CueKind.NEXT_UP]


def test_sides_switch_aloud() -> None:
    run = Run([exercise("side-lying", hold=20, per_side=True)])
    texts = run.to_end() and run.texts()
    assert texts[0] == "Side lying: 1 set, hold 20 seconds each side. Left side first. Get ready."
    assert "Left side. Hold for 20 seconds." in texts
    switch = texts.index("Switch to the right side.")
    assert texts[switch + 1] == "Right side. Hold for 20 seconds."


def test_each_choice_turns_its_cues_off() -> None:
    plan = [exercise(sets=2, hold=30, rest=30), exercise("dead-bug", reps=2)]
    quiet = CueChoice(names=False, counts=False, halfway=False, next_up=False)
    said = Run(plan, quiet).to_end()
    assert {s.cue.kind for s in said} == {CueKind.STEP, CueKind.DONE}
    assert said[0].cue.text == "Get ready."
    full = Run(plan).to_end()
    assert {s.cue.kind for s in full} == set(CueKind) - {CueKind.CHECK}  # asked by the session


def test_a_phase_begun_while_paused_is_named_when_it_goes_on() -> None:
    run = Run([exercise(hold=30)])
    run.until(2)
    run.workout.pause()
    run.handle(run.workout.skip_wait())  # "Start now" while paused: the hold begins, held
    said = run.texts()
    run.clock.advance(60)
    run.handle(run.workout.update())
    assert run.texts() == said  # nothing is said of it while paused
    run.workout.resume()
    run.handle([])
    assert run.texts()[-1] == "Hold for 30 seconds."


def test_back_says_the_exercise_again_but_nothing_twice_in_one_visit() -> None:
    run = Run([exercise(hold=30), exercise("dead-bug", hold=30)])
    run.until(50)
    run.handle(run.workout.back())
    run.until(120)
    said = run.to_end()
    assert run.texts().count("Dead bug: 1 set, hold 30 seconds. Get ready.") == 2
    assert_well_spoken(said)


def test_a_late_timer_never_counts_late() -> None:
    run = Run([exercise(hold=30)])
    run.until(36)
    run.clock.advance(2.5)  # the machine was busy: the next look comes at 38.5
    run.handle(run.workout.update())
    run.to_end()
    counts = [(s.at, s.cue.text) for s in run.said if s.cue.kind is CueKind.COUNT]
    assert counts == [(7, "3"), (8, "2"), (9, "1")]  # "1" at 38.5 would be stale; none


def test_ending_early_says_nothing_and_finishing_says_well_done() -> None:
    run = Run([exercise(hold=30)])
    run.until(12)
    run.handle(run.workout.end_early())
    assert run.texts()[-1] == "Hold for 30 seconds."
    assert Run([exercise(reps=1)]).to_end()[-1].cue.text == FINISHED_TEXT


def builtin_plans() -> list[tuple[str, list[PlannedExercise]]]:
    resources = locate()
    catalogue = load_catalogue(resources.routines, None, picture_dirs=[resources.pictures])
    return [
        (f"{loaded.routine.id} week {week}", loaded.plan(catalogue.exercises, week=week))
        for loaded in catalogue.routines
        for week in (1, 2, 3)
    ]


@pytest.mark.parametrize(("name", "plan"), builtin_plans())
def test_every_routine_is_cued_without_a_cue_twice_or_over_another(
    name: str, plan: list[PlannedExercise]
) -> None:
    for rate in (0.0, 0.5, 1.0):
        said = Run(plan, CueChoice(rate=rate)).to_end()
        assert_well_spoken(said)
        assert said[-1].cue.text == FINISHED_TEXT
        assert [(s.at, s.cue) for s in said] == schedule(plan, CueChoice(rate=rate))
    # Slow speech may not finish a long name before the exercise starts: the start of
    # the exercise then replaces it, and still nothing is said twice.
    assert_well_spoken(Run(plan, CueChoice(rate=-1.0)).to_end(), cut_allowed=True)
