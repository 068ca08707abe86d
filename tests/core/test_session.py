"""One workout from Start to its summary, with no screen: what it records and says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.cues import CueChoice
from coach.core.outcome import Outcome, counts_as_done
from coach.core.phases import PhaseKind
from coach.core.progression import Feeling
from coach.core.routines import LoadedRoutine, PlannedExercise, Routine, RoutineItem
from coach.core.safety import (
    CHECK_NUMBNESS,
    CHECK_NUMBNESS_SERIOUS,
    LEG,
    CheckAnswer,
    HaltKind,
    ScreenKind,
)
from coach.core.session import LAST_CHECK_SECONDS, Step, WorkoutSession
from coach.core.workout import ExerciseSkipped, SetCompleted, State
from tests.helpers import FakeClock, exercise

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


class Recorder:
    """Keeps every call, as the store would write it."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def begin(self, routine_id: str, routine_title: str, planned_sets: int) -> int:
        self.calls.append(("begin", routine_id, planned_sets))
        return 7

    def record_set(self, workout_id: int, done: SetCompleted) -> None:
        self.calls.append(("set", done.exercise_id, done.side, done.set_number))

    def record_skip(self, workout_id: int, skipped: ExerciseSkipped) -> None:
        self.calls.append(("skip", skipped.exercise_id, skipped.sets_done))

    def record_feeling(self, workout_id: int, exercise_id: str, feeling: Feeling) -> None:
        self.calls.append(("felt", exercise_id, feeling))

    def record_pain_rose(self, workout_id: int, exercise_id: str) -> None:
        self.calls.append(("pain rose", exercise_id))

    def record_unanswered(self, workout_id: int, exercise_id: str) -> None:
        self.calls.append(("not answered", exercise_id))

    def finish(self, workout_id: int, outcome: Outcome) -> None:
        self.calls.append(("finish", outcome))

    def halt(
        self, workout_id: int, kind: HaltKind, screen: ScreenKind, causes: tuple[str, ...]
    ) -> datetime:
        self.calls.append(("halt", kind, screen, causes))
        return AT


def routine(*planned: PlannedExercise) -> LoadedRoutine:
    items = [RoutineItem(exercise=p.exercise.id) for p in planned]
    return LoadedRoutine(Routine(id="r", title="R", summary="s", item=items), Path("r"), True)


def start(*planned: PlannedExercise) -> tuple[WorkoutSession, Recorder, FakeClock, Step]:
    recorder, clock = Recorder(), FakeClock()
    session = WorkoutSession(recorder, clock)
    first = session.begin(routine(*planned), list(planned), CueChoice())
    return session, recorder, clock, first


def run_until(session: WorkoutSession, clock: FakeClock, done: Callable[[Step], bool]) -> Step:
    """Time passes until done(step) says so."""
    for _ in range(10_000):
        clock.advance(0.25)
        step = session.update()
        if done(step):
            return step
    raise AssertionError("never got there")


def test_each_set_is_recorded_as_it_ends_and_the_summary_counts_each_side() -> None:
    bridge, opener = exercise("bridge"), exercise("opener", per_side=True)
    session, recorder, clock, first = start(bridge, opener)
    assert recorder.calls == [("begin", "r", 3)]  # a set, and one on each side
    assert first.phases[0].kind is PhaseKind.GET_READY and first.spoken  # the name, said
    step = run_until(session, clock, lambda s: s.check_opened)
    assert ("set", "bridge", None, 1) in recorder.calls
    assert session.checking is not None and session.checking.exercise.id == "bridge"
    assert session.answer(CheckAnswer.FINE).summary is None
    step = run_until(session, clock, lambda s: s.waiting_to_finish)  # the last check first
    assert session.workout is not None and session.workout.state is State.FINISHED
    over = session.answer(CheckAnswer.FINE)
    assert over.summary is not None and over.sound == "done"
    assert over.summary.outcome is Outcome.FINISHED
    assert over.summary.sets_by_exercise == {"Bridge": 1, "Opener": 1}
    assert over.summary.sides_by_exercise == {"Opener": {"left": 1, "right": 1}}
    assert recorder.calls[-1] == ("finish", Outcome.FINISHED)
    assert session.workout is None
    assert step.spoken  # "Well done" was said when the last set ended


def test_the_check_never_stops_the_clock_it_folds_away_unanswered_when_the_work_begins() -> None:
    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    opened = run_until(session, clock, lambda s: s.check_opened)
    assert opened.phases[-1].kind is PhaseKind.GET_READY  # asked while getting ready
    assert opened.spoken[-1].text == "Quick check. Any pain spreading into your leg? Press P."
    folded = run_until(session, clock, lambda s: s.check_folded)
    assert folded.phases[-1].kind is PhaseKind.UP  # the work began, and went on
    assert session.workout is not None and session.workout.state is State.RUNNING
    assert session.checking is None
    assert ("not answered", "bridge") in recorder.calls
    # The last exercise's check waits a moment, then the summary comes with no key.
    waiting = run_until(session, clock, lambda s: s.waiting_to_finish)
    assert session.checking is not None and session.checking.exercise.id == "tilt"
    assert session.seconds_to_summary() == pytest.approx(LAST_CHECK_SECONDS, abs=0.25)
    over = run_until(session, clock, lambda s: s.summary is not None)
    assert over.summary is not None and over.summary.outcome is Outcome.FINISHED
    assert recorder.calls[-2:] == [("not answered", "tilt"), ("finish", Outcome.FINISHED)]
    assert waiting.spoken[-1].text.startswith("Quick check.")


def test_a_check_answered_late_in_the_get_ready_counts_for_the_exercise_before() -> None:
    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"), exercise("bug"))
    run_until(session, clock, lambda s: s.check_opened)
    clock.advance(4)  # most of the get-ready gone
    session.update()
    session.felt(Feeling.TOO_HARD)
    assert session.answer(CheckAnswer.FINE).summary is None
    assert ("felt", "bridge", Feeling.TOO_HARD) in recorder.calls
    assert ("not answered", "bridge") not in recorder.calls


def test_the_stop_key_halts_as_one_recorded_fact_and_ends_the_workout() -> None:
    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: bool(s.phases) and s.phases[-1].kind is PhaseKind.TOP_HOLD)
    step = session.stop()
    assert step.halted is not None and (step.halted.kind, step.halted.at) == (
        HaltKind.RADIATING, AT,
    )  # fmt: skip
    assert recorder.calls[-1] == ("halt", HaltKind.RADIATING, ScreenKind.STOP_KEY, (LEG,))
    assert not any(call[0] == "finish" for call in recorder.calls)  # not written twice
    assert session.workout is None


def test_the_checks_answers_halt_with_their_cause_or_record_how_it_felt() -> None:
    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: s.check_opened)
    step = session.answer(CheckAnswer.NUMB_SERIOUS)
    assert step.halted is not None and step.halted.kind is HaltKind.EMERGENCY
    assert step.halted.causes == (CHECK_NUMBNESS_SERIOUS,)
    assert recorder.calls[-1] == (
        "halt", HaltKind.EMERGENCY, ScreenKind.AFTER_EXERCISE, (CHECK_NUMBNESS_SERIOUS,)
    )  # fmt: skip

    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: s.check_opened)
    step = session.answer(CheckAnswer.NUMB)  # "no" to the groin, legs, bladder and bowel
    assert step.halted is not None and step.halted.kind is HaltKind.RADIATING
    assert step.halted.causes == (CHECK_NUMBNESS,)  # the numbness words, not the leg pain's

    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: s.check_opened)
    session.felt(Feeling.TOO_EASY)
    session.answer(CheckAnswer.FINE)
    assert ("felt", "bridge", Feeling.TOO_EASY) in recorder.calls


def test_back_pain_that_rose_pauses_and_offers_to_end_for_today() -> None:
    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: s.check_opened)
    step = session.answer(CheckAnswer.WORSE)
    assert step.pain_rose and step.halted is None
    assert recorder.calls[-1] == ("pain rose", "bridge")
    assert session.asking_pain and session.workout is not None
    assert session.workout.state is State.PAUSED
    clock.advance(60)  # nothing moves while the person decides, and no key starts it again
    assert session.update().phases == []
    assert session.toggle_pause().phases == [] and session.next().phases == []
    assert session.workout.state is State.PAUSED
    over = session.pain_answer(end=True)
    assert over.summary is not None and over.summary.outcome is Outcome.PAIN_ROSE
    assert over.summary.pain_rose == ["bridge"]
    assert recorder.calls[-1] == ("finish", Outcome.PAIN_ROSE)
    assert not any(call[0] == "halt" for call in recorder.calls)  # not a halt


def test_after_back_pain_rose_the_person_may_go_on_without_that_exercise() -> None:
    session, _, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: s.check_opened)
    session.answer(CheckAnswer.WORSE)
    step = session.pain_answer(end=False)
    assert step.summary is None and not session.asking_pain
    assert session.workout is not None and session.workout.state is State.RUNNING
    assert session.workout.planned.exercise.id == "tilt"
    run_until(session, clock, lambda s: s.waiting_to_finish)
    over = session.answer(CheckAnswer.FINE)
    assert over.summary is not None and over.summary.outcome is Outcome.FINISHED
    assert over.summary.pain_rose == ["bridge"]


def test_back_pain_rising_after_the_last_exercise_still_asks_before_the_summary() -> None:
    session, _, clock, _ = start(exercise("bridge"))
    run_until(session, clock, lambda s: s.waiting_to_finish)
    assert session.answer(CheckAnswer.WORSE).pain_rose
    over = session.pain_answer(end=False)
    assert over.summary is not None and over.summary.outcome is Outcome.FINISHED


def test_closing_the_program_mid_workout_keeps_it_as_unfinished() -> None:
    session, recorder, clock, _ = start(exercise("bridge"), exercise("tilt"))
    run_until(session, clock, lambda s: s.check_opened)
    over = session.abandon()
    assert over.summary is not None and over.summary.outcome is Outcome.UNFINISHED
    assert recorder.calls[-1] == ("finish", Outcome.UNFINISHED)


@pytest.mark.parametrize(
    ("outcome", "sets", "planned", "done"),
    [
        (Outcome.FINISHED, 6, 6, True),
        (Outcome.FINISHED, 0, 6, False),  # every exercise skipped
        (Outcome.ENDED_EARLY, 3, 6, True),  # half its sets
        (Outcome.ENDED_EARLY, 2, 5, False),  # short
        (Outcome.ENDED_EARLY, 3, 5, True),
        (Outcome.PAIN_ROSE, 3, 6, True),  # ended by the person, not a halt
        (Outcome.PAIN_ROSE, 1, 6, False),
        (Outcome.ENDED_EARLY, 1, None, True),  # from before the plan was kept
        (Outcome.ENDED_EARLY, 0, None, False),
        (Outcome.HALTED_RADIATING, 6, 6, False),  # a halt is never done
        (Outcome.HALTED_EMERGENCY, 1, 6, False),
        (Outcome.HALTED_URGENT, 6, 6, False),
        (Outcome.UNFINISHED, 6, 6, False),  # the program closed
    ],
)
def test_what_counts_as_done(outcome: Outcome, sets: int, planned: int | None, done: bool) -> None:
    assert counts_as_done(outcome, sets, planned) is done


def test_asked_to_end_it_pauses_and_keep_going_goes_on_as_before() -> None:
    session, recorder, _, _ = start(exercise("bridge"))
    session.ask_to_end()
    assert session.workout is not None and session.workout.state is State.PAUSED
    session.keep_going()
    assert session.workout.state is State.RUNNING
    session.toggle_pause()  # paused by the person, then asked: stays paused after
    session.ask_to_end()
    session.keep_going()
    assert session.workout.state is State.PAUSED
    over = session.end_early()
    assert over.summary is not None and over.summary.outcome is Outcome.ENDED_EARLY
    assert over.sound is None and recorder.calls[-1] == ("finish", Outcome.ENDED_EARLY)


def test_a_skipped_exercise_is_recorded_and_named_in_the_summary() -> None:
    session, recorder, _, _ = start(exercise("bridge"), exercise("tilt"))
    session.next()  # start now
    session.next()  # skip the rest of the bridge
    assert recorder.calls[-1] == ("skip", "bridge", 0)
    over = session.end_early()
    assert over.summary is not None and over.summary.skipped == ["Bridge"]


def test_outcomes_read_back_from_what_is_stored() -> None:
    assert Outcome.halted(HaltKind.URGENT) is Outcome.HALTED_URGENT
    assert Outcome.HALTED_URGENT.halt is HaltKind.URGENT and Outcome.FINISHED.halt is None
    assert Outcome.stored(None) is Outcome.UNFINISHED
    assert Outcome.stored("a word from a later version") is Outcome.UNFINISHED
    assert Outcome.stored("ended early") is Outcome.ENDED_EARLY
