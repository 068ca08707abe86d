"""The one-key check after each exercise, through the real workout screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.phases import PhaseKind
from coach.core.workout import State
from tests.driver import Person
from tests.helpers import FakeClock, sqlite
from tests.ui.conftest import MakePerson


def last_event(data_dir: Path) -> tuple[str, str, str | None, int | None]:
    with sqlite(data_dir / "coach.db") as connection:
        screen, verdict, halt, workout_id = connection.execute(
            "SELECT screen, verdict, halt, workout_id FROM safety_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return screen, verdict, halt, workout_id


def test_all_fine_is_one_key_and_costs_no_time(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.finish_first_set()
    assert view.check_shown()
    assert view.check_bar.question.text() == "Quick check after the glute bridge: how are you?"
    assert view.pause_button.isVisible() and view.stop_button.isVisible()  # all still there
    assert view.name_label.text() == "Lying hip opener"
    before = view.countdown.text()
    clock.advance(3)
    view.poll()
    assert int(view.countdown.text()) == int(before) - 3  # the get-ready runs on meanwhile
    person.press(Qt.Key.Key_Return)
    assert not view.check_shown()
    assert view.workout is not None and view.workout.state is State.RUNNING


def test_an_unanswered_check_folds_away_when_the_work_begins_and_is_kept_as_not_answered(
    qtbot: QtBot, person: Person, clock: FakeClock, tmp_path: Path
) -> None:
    view = person.workout
    person.finish_first_set()
    assert view.check_shown()
    for _ in range(200):  # time passes, and no key is pressed
        if view.workout is not None and view.workout.phase.kind.is_work:
            break
        person.poll(0.25)
    workout = view.workout
    assert workout is not None and workout.state is State.RUNNING  # the clock never waited
    assert workout.phase.kind is PhaseKind.UP and not view.paused_label.isVisible()
    assert not view.check_shown()
    screen, verdict, halt, workout_id = last_event(tmp_path / "data")
    assert (screen, verdict, halt) == ("after exercise", "unanswered", None)
    assert workout_id == view.session.workout_id


@pytest.mark.parametrize(
    ("keys", "title", "words", "kind"),
    [
        ([Qt.Key.Key_L], "Please see a GP or physiotherapist first", "travels down a leg",
         "radiating"),
        ([Qt.Key.Key_T, Qt.Key.Key_N], "Please see a GP or physiotherapist first",
         "New numbness, tingling or weakness after an exercise", "radiating"),
        ([Qt.Key.Key_T, Qt.Key.Key_Y], "Please get help now", "cauda equina", "emergency"),
    ],
)  # fmt: skip
def test_spreading_pain_or_new_numbness_halts_with_its_own_message(
    qtbot: QtBot,
    person: Person,
    clock: FakeClock,
    tmp_path: Path,
    keys: list[Qt.Key],
    title: str,
    words: str,
    kind: str,
) -> None:
    person.finish_first_set()
    person.press(keys[0])
    if len(keys) > 1:  # the follow-up asks as widely as the screen does
        assert person.workout.check_bar.where.text() == (
            "Is it around the groin, bottom or inner thighs, in both legs, or is there any"
            " bladder or bowel change?"
        )
        person.press(keys[1])
    assert person.on(person.halt)
    assert person.halt.title.text() == title
    assert words in person.halt.text.text()
    [workout] = person.services.workouts.workouts()
    assert workout.outcome == f"halted: {kind}"
    assert len(person.services.workouts.sets(workout.id or 0)) == 1
    assert last_event(tmp_path / "data") == ("after exercise", "halt", kind, workout.id)


def test_back_pain_two_points_higher_ends_for_today_and_lightens_it_next_time(
    qtbot: QtBot, person: Person, clock: FakeClock, tmp_path: Path
) -> None:
    view = person.workout
    person.finish_first_set()
    person.press(Qt.Key.Key_W)
    assert view.check_bar.asking_pain and view.check_shown()
    assert view.check_bar.pain_rose.text() == (
        "End for today, or go on with the rest? Either way, the glute bridge will be one"
        " step lighter next time."
    )
    before = view.countdown.text()
    person.poll(30)  # nothing runs on while the person decides
    assert view.countdown.text() == before
    person.press(Qt.Key.Key_Space)  # nor does a stray key start it again
    assert view.workout is not None and view.workout.state is State.PAUSED
    person.press(Qt.Key.Key_Return)  # End for today
    assert person.on(person.summary)
    assert person.summary.heading.text() == "Morning bridge & core: ended for today"
    assert "next time it is one step lighter" in person.summary.notes.text()
    [workout] = person.workouts()
    assert workout.outcome == "ended: pain rose"  # not a halt: no lock
    assert person.services.safety.lock() is None
    assert last_event(tmp_path / "data") == ("after exercise", "warn", None, workout.id)
    person.click(person.summary.back_button)
    [card] = [c for c in person.services.home().cards if c.id == "morning-bridge-core"]
    assert any("Glute bridge" in note and "one step lighter" in note for note in card.notes)
    assert any("one step lighter today" in text for text in person.home_texts())
    # The next workout: the bridge one rep lighter, and said so.
    person.start()
    person.answer_all_no()
    person.answer_pain_until_workout()
    assert view.name_label.text() == "Glute bridge"
    workout_now = view.workout
    assert workout_now is not None and workout_now.planned.note is not None
    assert workout_now.planned.dose.reps == 9


def test_after_back_pain_rose_the_workout_can_go_on_without_that_exercise(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.finish_first_set()
    person.press(Qt.Key.Key_W)
    person.press(Qt.Key.Key_G)  # go on
    assert view.controls.currentIndex() == 0
    assert view.workout is not None and view.workout.state is State.RUNNING
    assert view.name_label.text() == "Lying hip opener"


def test_the_last_exercise_is_checked_before_the_summary(
    qtbot: QtBot, make_person: MakePerson, clock: FakeClock
) -> None:
    person = make_person()
    qtbot.mouseClick(person.home.start_buttons["reclined-stretches"], Qt.MouseButton.LeftButton)
    person.answer_all_no()
    person.answer_pain_until_workout()
    view = person.workout
    for _ in range(3):  # skip to the last exercise, the bridge
        person.press(Qt.Key.Key_N)
        person.press(Qt.Key.Key_N)
    assert view.name_label.text() == "Glute bridge"
    person.press(Qt.Key.Key_N)  # start now
    clock.advance(80)
    view.poll()
    assert view.check_shown()
    assert person.on(view)
    person.press(Qt.Key.Key_Return)
    assert person.on(person.summary)
    assert person.summary.heading.text() == "Well done: Reclined stretches"


@pytest.mark.parametrize(
    ("key", "feeling"),
    [(Qt.Key.Key_E, "too easy"), (Qt.Key.Key_R, "about right"), (Qt.Key.Key_H, "too hard")],
)
def test_one_key_says_all_fine_and_how_it_felt(
    qtbot: QtBot, person: Person, clock: FakeClock, key: Qt.Key, feeling: str
) -> None:
    view = person.workout
    person.finish_first_set()
    person.press(key)
    assert not view.check_shown()  # answered: all fine
    assert person.services.workouts.feelings("morning-bridge-core", "glute-bridge", "") == [feeling]


def test_enter_skips_the_feeling(person: Person) -> None:
    person.finish_first_set()
    person.press(Qt.Key.Key_Return)
    assert person.services.workouts.feelings("morning-bridge-core", "glute-bridge", "") == []


def test_a_whole_routine_runs_from_start_with_no_key_pressed_and_every_set_is_saved(
    qtbot: QtBot, person: Person, clock: FakeClock, tmp_path: Path
) -> None:
    view = person.workout
    person.start_morning()
    workout_id = view.session.workout_id
    plan = view.workout.plan if view.workout is not None else []
    for _ in range(20_000):  # time passes on the mat; nobody touches the laptop
        if not person.on(view):
            break
        person.poll(0.25)
    assert person.on(person.summary)  # the summary, with nothing pressed
    assert person.summary.pain_asked()  # and on it: how is the pain now?
    [workout] = person.services.workouts.workouts()
    assert workout.outcome == "finished"
    sets = person.services.workouts.sets(workout_id)
    planned = sum(p.dose.sets * (2 if p.dose.per_side else 1) for p in plan)
    assert len(sets) == planned
    with sqlite(tmp_path / "data" / "coach.db") as connection:
        rows = connection.execute(
            "SELECT answers FROM safety_event WHERE verdict = 'unanswered' ORDER BY id"
        ).fetchall()
    unanswered = [json.loads(answers)["exercise"] for (answers,) in rows]
    assert unanswered == [p.exercise.id for p in plan]  # each check, the last one too
    person.answer_pain_after(3)  # back at the laptop
    said = person.summary.after.text()
    assert "Back pain: <b>5</b> before, <b>3</b> after (2 points lower)." in said
    assert "This week: 1 of " in said and "Today's workout is done." in said
    assert "Next workout day: " in said
    summary = person.summary  # read from the mat too: in proportion to the window
    assert summary.heading.font().pixelSize() >= 0.045 * summary.height()
    assert summary.after.font().pixelSize() >= 0.03 * summary.height()


def test_the_last_check_takes_its_answer_or_the_stop_key_and_nothing_else(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.start_morning()
    for _ in range(20_000):
        if view.session.finishing:
            break
        if view.check_shown():
            person.press(Qt.Key.Key_Return)
        person.poll(0.25)
    assert view.check_shown() and not view.controls.isEnabled()
    assert view.instruction_label.text() == "That is the last exercise. Your summary follows."
    for key in (Qt.Key.Key_Space, Qt.Key.Key_N, Qt.Key.Key_B, Qt.Key.Key_Escape):
        person.press(key)  # nothing left to pause, skip or end: ignored
    assert view.session.finishing and view.controls.currentIndex() == 0
    person.press(Qt.Key.Key_Return)  # all fine: the summary comes at once
    assert person.on(person.summary)


def test_each_check_answered_late_is_kept_against_the_exercise_it_asks_about(
    qtbot: QtBot, person: Person, clock: FakeClock, tmp_path: Path
) -> None:
    view = person.workout
    person.start_morning()
    workout = view.workout
    assert workout is not None
    plan = [p.exercise.id for p in workout.plan]
    feelings = [Qt.Key.Key_E, Qt.Key.Key_R, Qt.Key.Key_H, Qt.Key.Key_E]
    asked: list[str] = []
    for _ in range(40_000):  # no key but the answers, each as late as it can be
        if not person.on(view):
            break
        showing = view.check_shown() and workout.phase.kind is PhaseKind.GET_READY
        if showing and workout.remaining() <= 0.5:  # the next exercise about to begin
            asked.append(view.check_bar.question.text())
            assert view.name_label.text() != ""  # the next exercise is the one on screen
            person.press(feelings[len(asked) - 1])
        person.poll(0.25)
    assert len(asked) == len(plan) - 1  # one check before each exercise after the first
    for index, exercise in enumerate(plan[:-1]):
        name = exercise.replace("-", " ")
        assert name in asked[index]  # the check names the exercise it is about
        felt = person.services.workouts.feelings("morning-bridge-core", exercise, "")
        assert [f.value for f in felt] == [["too easy", "about right", "too hard",
                                           "too easy"][index]], exercise  # fmt: skip
    with sqlite(tmp_path / "data" / "coach.db") as connection:
        rows = connection.execute(
            "SELECT verdict, answers FROM safety_event ORDER BY id"
        ).fetchall()
    checks = [json.loads(answers) for _, answers in rows]
    left = [c["exercise"] for c in checks if c.get("answer") == "not answered"]
    assert left == [plan[-1]]  # only the last check, which nobody answered, is kept unanswered
