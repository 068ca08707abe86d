"""The pain check-ins around a workout, through the real window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.store.checkins import AFTER_WORKOUT, BASELINE, BEFORE_WORKOUT
from coach.ui.main_window import MainWindow
from tests.ui.conftest import answer_all_no, answer_pain
from tests.ui.test_workout_flow import press


def start(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)


def test_the_first_workout_asks_the_baseline_then_before_and_after(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    start(qtbot, window)
    view = window.checkins.view
    assert window.stack.currentWidget() is view
    assert view.heading.text() == "Where you are starting from"
    assert "average pain over the last 24 hours" in view.question.text()
    assert view.value is None and not view.save_button.isEnabled()  # nothing chosen
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the baseline cannot be skipped
    assert view.heading.text() == "Where you are starting from"
    answer_pain(qtbot, window, 6)
    assert view.heading.text() == "Before you start"
    answer_pain(qtbot, window, 5)
    assert window.stack.currentWidget() is window.workout_view

    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)  # end early
    assert view.heading.text() == "After your workout"
    answer_pain(qtbot, window, 3)
    assert window.stack.currentWidget() is window.summary

    log = window.checkins.log
    block = log.current_block()
    assert block is not None and block.routine_id == "morning-bridge-core"
    [workout] = window.log.workouts()
    records = log.checkins(block.id)
    assert [(r.kind, r.pain) for r in records] == [
        (BASELINE, 6),
        (BEFORE_WORKOUT, 5),
        (AFTER_WORKOUT, 3),
    ]
    with sqlite3.connect(tmp_path / "data" / "coach.db") as connection:
        query = "SELECT workout_id FROM checkin WHERE kind = ?"
        assert connection.execute(query, (AFTER_WORKOUT,)).fetchall() == [(workout.id,)]


def test_the_baseline_is_asked_once_and_pain_before_can_be_skipped(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window)
    answer_pain(qtbot, window, 6, 5)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.keyClick(window.checkins.view, Qt.Key.Key_Escape)  # skip the after check-in
    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)

    start(qtbot, window)
    view = window.checkins.view
    assert view.heading.text() == "Before you start"  # no second baseline
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.workout_view
    block = window.checkins.log.current_block()
    assert block is not None
    kinds = [r.kind for r in window.checkins.log.checkins(block.id)]
    assert kinds == [BASELINE, BEFORE_WORKOUT]


def test_the_scale_holds_only_0_to_10_and_answers_to_keys(qtbot: QtBot, window: MainWindow) -> None:
    start(qtbot, window)
    view = window.checkins.view
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
