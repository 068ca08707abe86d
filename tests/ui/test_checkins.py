"""The pain check-ins around a workout, through the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from coach.core.checkins import RIGHT_NOW, CheckinKind
from tests.driver import Person
from tests.helpers import sqlite
from tests.ui.conftest import MakePerson


def start(person: Person) -> None:
    """Start the morning routine and answer the safety screen: the check-ins come next."""
    person.start()
    person.answer_all_no()


def test_the_first_workout_asks_the_baseline_then_before_and_after(
    qtbot: QtBot, person: Person, tmp_path: Path
) -> None:
    start(person)
    view = person.pain
    assert person.on(view)
    assert view.heading.text() == "Where you are starting from"
    assert "average pain over the last 24 hours" in view.question.text()
    assert view.value is None and not view.save_button.isEnabled()  # nothing chosen
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the baseline cannot be skipped
    assert view.heading.text() == "Where you are starting from"
    person.answer_pain(6)
    activities = person.activities
    assert person.on(activities)
    qtbot.keyClick(activities.continue_button, Qt.Key.Key_Return)  # none this time
    assert view.heading.text() == "Before you start"
    person.answer_pain(5)
    assert person.on(person.workout)

    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)  # end early
    assert person.on(person.summary)
    assert person.summary.pain_question.text() == RIGHT_NOW
    person.answer_pain_after(3)
    assert not person.summary.pain_asked()

    log = person.services.checkins
    block = log.current_block()
    assert block is not None and block.routine_id == "morning-bridge-core"
    [workout] = person.services.workouts.workouts()
    records = log.checkins(block.id)
    assert [(r.kind, r.pain) for r in records] == [
        (CheckinKind.BASELINE, 6),
        (CheckinKind.BEFORE_WORKOUT, 5),
        (CheckinKind.AFTER_WORKOUT, 3),
    ]
    with sqlite(tmp_path / "data" / "coach.db") as connection:
        query = "SELECT workout_id FROM checkin WHERE kind = ?"
        assert connection.execute(query, (CheckinKind.AFTER_WORKOUT,)).fetchall() == [(workout.id,)]


def test_the_baseline_is_asked_once_and_pain_before_can_be_skipped(
    qtbot: QtBot, person: Person
) -> None:
    start(person)
    person.answer_pain_until_workout()
    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)
    assert person.on(person.summary) and person.summary.pain_asked()
    person.key(Qt.Key.Key_Return)  # the pain after is left: Enter goes back
    assert person.on(person.home)

    start(person)
    view = person.pain
    assert view.heading.text() == "Before you start"  # no second baseline
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert person.on(person.workout)
    block = person.services.checkins.current_block()
    assert block is not None
    kinds = [r.kind for r in person.services.checkins.checkins(block.id)]
    assert kinds == [CheckinKind.BASELINE, CheckinKind.BEFORE_WORKOUT]


def test_the_pain_after_is_asked_on_the_summary_and_enter_saves_it_before_going_back(
    qtbot: QtBot, person: Person
) -> None:
    start(person)
    person.answer_pain_until_workout(6)
    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)  # end early
    summary = person.summary
    assert person.on(summary) and summary.pain_asked()
    assert "Back pain before the workout: <b>6</b> of 10." in summary.after.text()
    assert not summary.pain_save.isEnabled()  # nothing chosen for the person
    person.key(Qt.Key.Key_9)
    person.key(Qt.Key.Key_Right)  # 10 is one step past 9
    assert summary.pain_scale.value == 10 and summary.pain_save.hasFocus()
    person.key(Qt.Key.Key_Left)
    person.key(Qt.Key.Key_Return)  # saves 9; the summary stays
    assert person.on(summary) and not summary.pain_asked()
    assert "<b>6</b> before, <b>9</b> after (3 points higher)" in summary.after.text()
    person.key(Qt.Key.Key_4)  # the question is gone: numbers change nothing now
    person.key(Qt.Key.Key_Return)
    assert person.on(person.home)
    block = person.services.checkins.current_block()
    assert block is not None
    after = [r.pain for r in person.services.checkins.checkins(block.id)
             if r.kind == CheckinKind.AFTER_WORKOUT]  # fmt: skip
    assert after == [9]


def test_the_scale_holds_only_0_to_10_and_answers_to_keys(qtbot: QtBot, person: Person) -> None:
    start(person)
    view = person.pain
    assert view.keys_line.text() == "Keys: 0-9 choose a number · 9 then → gives 10"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.value == 0
    qtbot.keyClick(view, Qt.Key.Key_9)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.value == 10  # and no further
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.value == 9
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.value == 3
    assert [b.isChecked() for b in view.scale].count(True) == 1


def test_up_to_three_activities_own_text_allowed_each_rated_and_saved(
    qtbot: QtBot, person: Person
) -> None:
    start(person)
    person.answer_pain(6)
    picker = person.activities
    socks, chair, walking = picker.buttons[:3]
    qtbot.mouseClick(socks, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chair, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chair, Qt.MouseButton.LeftButton)  # changed my mind
    qtbot.keyClicks(picker.own, "   ")
    qtbot.keyClick(picker.own, Qt.Key.Key_Return)  # blank text is not an activity
    assert picker.picked == ["Putting on socks"]
    picker.own.clear()
    qtbot.keyClicks(picker.own, "Lifting  my grandson")
    qtbot.keyClick(picker.own, Qt.Key.Key_Return)  # adds, and stays on this screen
    assert person.on(picker)
    qtbot.mouseClick(walking, Qt.MouseButton.LeftButton)
    assert picker.picked == ["Putting on socks", "Lifting my grandson", "Walking for 15 minutes"]
    assert "3 of 3" in picker.picked_label.text()
    # A fourth cannot be added: the other suggestions and the text box are off.
    assert not chair.isEnabled() and not picker.own.isEnabled()
    qtbot.mouseClick(chair, Qt.MouseButton.LeftButton)
    assert len(picker.picked) == 3
    assert picker.continue_button.text() == "Continue  [Enter]"
    qtbot.keyClick(socks, Qt.Key.Key_Return)  # Enter goes on from wherever focus is

    view = person.pain
    asked = []
    for value in (8, 6, 4):
        asked.append(f"{view.heading.text()} | {view.question.text()}")
        person.answer_pain(value)
    assert asked == [
        "Everyday activities: 1 of 3 | How hard is this for you now: putting on socks?",
        "Everyday activities: 2 of 3 | How hard is this for you now: lifting my grandson?",
        "Everyday activities: 3 of 3 | How hard is this for you now: walking for 15 minutes?",
    ]
    assert view.heading.text() == "Before you start"
    block = person.services.checkins.current_block()
    assert block is not None
    [baseline] = person.services.checkins.checkins(block.id)  # "before" not answered yet
    assert baseline.activities == {
        "Putting on socks": 8,
        "Lifting my grandson": 6,
        "Walking for 15 minutes": 4,
    }


def test_on_a_focused_activity_space_picks_it_and_enter_goes_on(
    qtbot: QtBot, person: Person
) -> None:
    start(person)
    person.answer_pain(6)
    picker = person.activities
    socks = picker.buttons[0]
    socks.setFocus()
    qtbot.waitUntil(socks.hasFocus)
    person.key(Qt.Key.Key_Space)  # as the screen says: Space picks
    assert picker.picked == ["Putting on socks"]
    person.key(Qt.Key.Key_Return)  # and Enter goes on, the focused choice left as it is
    assert person.on(person.pain)
    assert person.pain.question.text() == "How hard is this for you now: putting on socks?"


def test_the_pain_question_sits_in_the_middle_of_the_window_in_its_proportions(
    qtbot: QtBot, person: Person
) -> None:
    person.window.resize(1366, 768)
    person.start_by_keyboard()
    if person.on(person.questions):
        person.answer_all_no()
    view = person.pain
    assert person.on(view)
    qtbot.wait(10)
    tall = view.height()
    assert view.heading.font().pixelSize() >= 0.05 * tall
    assert view.question.font().pixelSize() >= 0.03 * tall
    assert min(b.height() for b in view.scale) >= 0.075 * tall  # a number to hit easily
    top = view.heading.mapTo(view, view.heading.rect().topLeft()).y()
    bottom = view.keys_line.mapTo(view, view.keys_line.rect().bottomLeft()).y()
    assert abs(top - (tall - bottom)) <= 0.1 * tall  # as much room above as below


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_first_run_screens_are_centred_and_in_proportion_to_the_window(
    qtbot: QtBot, make_person: MakePerson, size: tuple[int, int]
) -> None:
    person = make_person(screened=False)
    person.window.resize(*size)
    qtbot.wait(10)

    def in_proportion(screen: QWidget, heading: QLabel, body: QLabel) -> None:
        tall = screen.height()
        assert heading.font().pixelSize() >= 0.045 * tall
        assert body.font().pixelSize() >= 0.025 * tall
        top = heading.mapTo(screen, heading.rect().topLeft()).y()
        assert 0.04 * tall <= top <= 0.45 * tall  # in the middle, not at the top edge
        left = heading.mapTo(screen, heading.rect().topLeft()).x()
        assert left >= (screen.width() - 1200) // 2 - 1  # no wider than reads well

    welcome = person.welcome
    in_proportion(welcome, welcome.heading, welcome.what)
    person.begin()
    person.answer_all_no()
    person.answer_pain(5)
    activities = person.activities
    assert person.on(activities)
    qtbot.wait(10)
    in_proportion(activities, activities.heading, activities.intro)
    assert all(b.font().pixelSize() >= 0.022 * activities.height() for b in activities.buttons)
