"""The workout state machine, driven by a fake clock: no sleeping, no display."""

from __future__ import annotations

import random
from typing import TypeVar

import pytest

from coach.core.clock import ScaledClock
from coach.core.phases import (
    FIRST_GET_READY_SECONDS,
    SWITCH_SIDE_SECONDS,
    PhaseKind,
    Side,
    build_phases,
)
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
from tests.helpers import FakeClock, exercise


def run_to_end(workout: Workout, clock: FakeClock, step: float = 0.5) -> list[Event]:
    events: list[Event] = []
    for _ in range(100_000):
        clock.advance(step)
        events += workout.update()
        if workout.is_over:
            return events
    raise AssertionError("the workout never finished")


E = TypeVar("E")


def of(kind: type[E], events: list[Event]) -> list[E]:
    return [e for e in events if isinstance(e, kind)]


def test_paced_reps_go_up_hold_down_with_the_hold_counted() -> None:
    phases = build_phases([exercise(reps=2, tempo=(1, 3, 2))])
    assert [(p.kind, p.seconds, p.rep) for p in phases] == [
        (PhaseKind.GET_READY, FIRST_GET_READY_SECONDS, None),
        (PhaseKind.UP, 1, 1),
        (PhaseKind.TOP_HOLD, 3, 1),
        (PhaseKind.DOWN, 2, 1),
        (PhaseKind.UP, 1, 2),
        (PhaseKind.TOP_HOLD, 3, 2),
        (PhaseKind.DOWN, 2, 2),
    ]
    assert [p.completes_set for p in phases].count(True) == 1
    assert phases[-1].completes_set


def test_a_zero_second_tempo_part_is_left_out() -> None:
    phases = build_phases([exercise(reps=1, tempo=(2, 0, 2))])
    assert [p.kind for p in phases] == [PhaseKind.GET_READY, PhaseKind.UP, PhaseKind.DOWN]


def test_sets_rest_between_but_not_after_the_last() -> None:
    phases = build_phases([exercise(sets=3, hold=30, rest=20)])
    kinds = [p.kind for p in phases]
    assert kinds == [
        PhaseKind.GET_READY,
        PhaseKind.HOLD,
        PhaseKind.REST,
        PhaseKind.HOLD,
        PhaseKind.REST,
        PhaseKind.HOLD,
    ]
    assert [p.set_number for p in phases if p.kind is PhaseKind.HOLD] == [1, 2, 3]


def test_per_side_sets_do_left_then_switch_then_right() -> None:
    phases = build_phases([exercise(sets=2, hold=30, per_side=True, rest=10)])
    assert [(p.kind, p.side, p.set_number) for p in phases[1:]] == [
        (PhaseKind.HOLD, Side.LEFT, 1),
        (PhaseKind.SWITCH_SIDE, Side.RIGHT, 1),
        (PhaseKind.HOLD, Side.RIGHT, 1),
        (PhaseKind.REST, None, 1),
        (PhaseKind.HOLD, Side.LEFT, 2),
        (PhaseKind.SWITCH_SIDE, Side.RIGHT, 2),
        (PhaseKind.HOLD, Side.RIGHT, 2),
    ]
    assert phases[2].seconds == SWITCH_SIDE_SECONDS


def test_the_wait_before_the_next_exercise_is_the_rest_after_the_last() -> None:
    phases = build_phases([exercise("a", hold=10, rest_after=25), exercise("b", hold=10)])
    readies = [p.seconds for p in phases if p.kind is PhaseKind.GET_READY]
    assert readies == [FIRST_GET_READY_SECONDS, 25]


def test_a_whole_workout_saves_every_set_and_finishes_on_time() -> None:
    clock = FakeClock()
    plan = [exercise("a", sets=2, reps=3), exercise("b", sets=2, hold=20, per_side=True)]
    workout = Workout(plan, clock)
    started = clock.now()
    events = workout.start() + run_to_end(workout, clock, step=0.25)
    done = of(SetCompleted, events)
    assert [(d.exercise_id, d.set_number, d.side) for d in done] == [
        ("a", 1, None),
        ("a", 2, None),
        ("b", 1, Side.LEFT),
        ("b", 1, Side.RIGHT),
        ("b", 2, Side.LEFT),
        ("b", 2, Side.RIGHT),
    ]
    assert done[0].reps == 3 and done[0].hold_seconds is None
    assert done[2].hold_seconds == 20 and done[2].reps is None
    assert isinstance(events[-1], WorkoutFinished)
    assert clock.now() - started == pytest.approx(workout.total_seconds, abs=0.25)
    assert workout.state is State.FINISHED
    assert workout.progress() == 1.0


def test_a_routine_of_one_exercise_and_one_set() -> None:
    clock = FakeClock()
    workout = Workout([exercise(hold=5)], clock)
    workout.start()
    clock.advance(FIRST_GET_READY_SECONDS + 4.9)
    assert of(SetCompleted, workout.update()) == []
    clock.advance(0.1)
    events = workout.update()
    assert [type(e) for e in events] == [SetCompleted, WorkoutFinished]


def test_time_comes_from_deadlines_so_late_updates_do_not_drift() -> None:
    """Updates at ragged intervals still end each phase exactly on its deadline."""
    clock = FakeClock()
    plan = [exercise("a", sets=3, reps=10, tempo=(2, 3, 2)), exercise("b", sets=3, hold=30)]
    workout = Workout(plan, clock)
    started = clock.now()
    workout.start()
    expected_end = started + workout.total_seconds
    shuffle = random.Random(7)
    while clock.now() + 1.2 < expected_end:
        clock.advance(shuffle.uniform(0.01, 1.2))
        workout.update()
        assert not workout.is_over
        # What the screen shows equals what the deadline arithmetic says.
        phase_end = started + sum(p.seconds for p in workout.phases[: workout.index + 1])
        assert workout.remaining() == pytest.approx(phase_end - clock.now(), abs=1e-9)
    clock.t = expected_end - 1e-6
    workout.update()
    assert not workout.is_over
    clock.t = expected_end
    assert isinstance(workout.update()[-1], WorkoutFinished)


def test_pause_does_not_eat_time() -> None:
    clock = FakeClock()
    workout = Workout([exercise(hold=30)], clock)
    workout.start()
    clock.advance(FIRST_GET_READY_SECONDS + 10)
    workout.update()
    assert workout.remaining() == pytest.approx(20)
    workout.pause()
    clock.advance(600)
    assert workout.update() == []
    assert workout.remaining() == pytest.approx(20)
    assert workout.state is State.PAUSED
    workout.resume()
    clock.advance(19.5)
    workout.update()
    assert not workout.is_over
    assert workout.remaining() == pytest.approx(0.5)
    clock.advance(0.5)
    assert isinstance(workout.update()[-1], WorkoutFinished)


def test_next_cuts_a_wait_short_then_skips_the_exercise() -> None:
    clock = FakeClock()
    workout = Workout([exercise("a", sets=2, reps=5), exercise("b", hold=20)], clock)
    workout.start()
    assert workout.waiting
    events = workout.next()
    assert workout.phase.kind is PhaseKind.UP
    assert of(ExerciseSkipped, events) == []
    clock.advance(1)
    events = workout.next()
    assert of(ExerciseSkipped, events) == [ExerciseSkipped("a", sets_done=0)]
    assert workout.phase.exercise_index == 1
    assert workout.phase.kind is PhaseKind.GET_READY


def test_skipping_counts_the_sets_already_done() -> None:
    clock = FakeClock()
    workout = Workout([exercise("a", sets=3, hold=10, per_side=True, rest=5)], clock)
    workout.start()
    clock.advance(FIRST_GET_READY_SECONDS + 10 + SWITCH_SIDE_SECONDS + 10 + 1)
    workout.update()
    assert workout.sets_done(0) == 1
    events = workout.skip_exercise()
    assert events == [ExerciseSkipped("a", sets_done=1), WorkoutFinished()]
    assert workout.state is State.FINISHED


def test_back_restarts_the_exercise_then_goes_to_the_one_before() -> None:
    clock = FakeClock()
    workout = Workout([exercise("a", hold=10), exercise("b", hold=10)], clock)
    workout.start()
    workout.skip_exercise()
    workout.skip_wait()
    clock.advance(4)
    workout.update()
    assert workout.phase.kind is PhaseKind.HOLD and workout.phase.exercise_index == 1
    workout.back()
    assert (workout.phase.kind, workout.phase.exercise_index) == (PhaseKind.GET_READY, 1)
    assert workout.remaining() == pytest.approx(15)
    workout.back()
    assert (workout.phase.kind, workout.phase.exercise_index) == (PhaseKind.GET_READY, 0)
    workout.back()
    assert workout.index == 0  # nothing before the first exercise


def test_commands_while_paused_keep_it_paused_with_a_full_phase() -> None:
    clock = FakeClock()
    workout = Workout([exercise("a", hold=10), exercise("b", hold=10)], clock)
    workout.start()
    workout.pause()
    workout.skip_exercise()
    assert workout.state is State.PAUSED
    clock.advance(100)
    assert workout.remaining() == pytest.approx(15)


def test_ending_early_stops_everything() -> None:
    clock = FakeClock()
    workout = Workout([exercise(hold=10)], clock)
    workout.start()
    assert workout.end_early() == [WorkoutEnded()]
    assert workout.state is State.ENDED
    clock.advance(1000)
    assert workout.update() == []
    assert workout.next() == [] and workout.back() == [] and workout.end_early() == []


def test_the_last_three_seconds_are_announced_once_each() -> None:
    clock = FakeClock()
    workout = Workout([exercise(hold=10)], clock)
    workout.start()
    workout.skip_wait()
    ticks = []
    for _ in range(100):
        clock.advance(0.1)
        ticks += [e.seconds_left for e in workout.update() if isinstance(e, CountdownTick)]
    assert ticks == [3, 2, 1]


def test_a_late_update_announces_only_the_newest_second() -> None:
    clock = FakeClock()
    workout = Workout([exercise(hold=10)], clock)
    workout.start()
    workout.skip_wait()
    clock.advance(8.5)
    assert of(CountdownTick, workout.update()) == [CountdownTick(2)]


def test_short_rep_phases_are_not_counted_down_aloud() -> None:
    clock = FakeClock()
    workout = Workout([exercise(reps=3, tempo=(2, 3, 2))], clock)
    events = workout.start()
    workout.skip_wait()
    events += run_to_end(workout, clock, step=0.1)
    assert of(CountdownTick, events) == []
    starts = [e.phase.kind for e in of(PhaseStarted, events)]
    assert starts.count(PhaseKind.TOP_HOLD) == 3


def test_the_countdown_reads_whole_seconds_and_never_zero_while_running() -> None:
    clock = FakeClock()
    workout = Workout([exercise(hold=10)], clock)
    workout.start()
    assert workout.shown_seconds() == 10
    clock.advance(0.01)
    assert workout.shown_seconds() == 10
    clock.advance(0.99)
    assert workout.shown_seconds() == 9
    assert workout.seconds_to_next_change() == pytest.approx(1.0)
    clock.advance(8.7)
    assert workout.shown_seconds() == 1
    assert workout.seconds_to_next_change() == pytest.approx(0.3)


def test_progress_rises_steadily_from_zero_to_one() -> None:
    clock = FakeClock()
    workout = Workout([exercise("a", sets=2, reps=4), exercise("b", hold=30)], clock)
    workout.start()
    seen = [workout.progress()]
    while not workout.is_over:
        clock.advance(0.7)
        workout.update()
        seen.append(workout.progress())
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_an_empty_plan_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one exercise"):
        Workout([], FakeClock())


def test_a_scaled_clock_runs_faster_from_where_it_started() -> None:
    base = FakeClock(50)
    fast = ScaledClock(base, 10)
    base.advance(2)
    assert fast.now() == pytest.approx(70)
    with pytest.raises(ValueError):
        ScaledClock(base, 0)
