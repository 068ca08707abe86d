"""The one-key check after each exercise, through the real workout screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.workout import PhaseKind, State
from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock
from tests.ui.conftest import answer_all_no, answer_pain_until_workout, skip_pain
from tests.ui.test_workout_flow import finish_first_set, press


def last_event(data_dir: Path) -> tuple[str, str, str | None, int | None]:
    with sqlite3.connect(data_dir / "coach.db") as connection:
        screen, verdict, halt, workout_id = connection.execute(
            "SELECT screen, verdict, halt, workout_id FROM safety_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return screen, verdict, halt, workout_id


def test_all_fine_is_one_key_and_costs_no_time(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    view = window.workout_view
    finish_first_set(qtbot, window, clock)
    assert view.controls.currentWidget() is view.check_bar
    assert view.check_bar.question.text() == "Quick check after the glute bridge: how are you?"
    assert view.name_label.text() == "Lying hip opener"
    before = view.countdown.text()
    clock.advance(3)
    view.poll()
    assert int(view.countdown.text()) == int(before) - 3  # the get-ready runs on meanwhile
    press(qtbot, window, Qt.Key.Key_Return)
    assert view.controls.currentIndex() == 0
    assert view.workout is not None and view.workout.state is State.RUNNING


def test_an_unanswered_check_holds_the_next_exercise(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    view = window.workout_view
    finish_first_set(qtbot, window, clock)
    clock.advance(60)
    view.poll()
    workout = view.workout
    assert workout is not None
    assert (workout.state, workout.phase.kind) == (State.PAUSED, PhaseKind.UP)
    assert view.controls.currentWidget() is view.check_bar
    assert view.paused_label.text() == "Waiting for your answer below."
    press(qtbot, window, Qt.Key.Key_Return)
    assert workout.state is State.RUNNING


@pytest.mark.parametrize(
    ("keys", "title", "kind"),
    [
        ([Qt.Key.Key_L], "Please see a GP or physiotherapist first", "radiating"),
        ([Qt.Key.Key_T, Qt.Key.Key_N], "Please see a GP or physiotherapist first", "radiating"),
        ([Qt.Key.Key_T, Qt.Key.Key_Y], "Please get help now", "emergency"),
    ],
)
def test_spreading_pain_or_new_numbness_halts(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    tmp_path: Path,
    keys: list[Qt.Key],
    title: str,
    kind: str,
) -> None:
    finish_first_set(qtbot, window, clock)
    for key in keys:
        press(qtbot, window, key)
    assert window.stack.currentWidget() is window.safety.halt_view
    assert window.safety.halt_view.title.text() == title
    [workout] = window.log.workouts()
    assert workout.outcome == f"halted: {kind}"
    assert len(window.log.sets(workout.id or 0)) == 1
    assert last_event(tmp_path / "data") == ("after exercise", "halt", kind, workout.id)


def test_back_pain_two_points_higher_leaves_that_exercise_out(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, tmp_path: Path
) -> None:
    view = window.workout_view
    finish_first_set(qtbot, window, clock)
    press(qtbot, window, Qt.Key.Key_W)
    assert view.controls.currentIndex() == 0
    press(qtbot, window, Qt.Key.Key_B)  # back: not to the bridge, which is left out
    assert view.name_label.text() == "Lying hip opener"
    [workout] = window.log.workouts()
    assert last_event(tmp_path / "data") == ("after exercise", "warn", None, workout.id)


def test_the_last_exercise_is_checked_before_the_summary(
    qtbot: QtBot, make_window: Callable[..., MainWindow], clock: FakeClock
) -> None:
    window = make_window()
    qtbot.mouseClick(window.home.start_buttons["reclined-stretches"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)
    answer_pain_until_workout(qtbot, window)
    view = window.workout_view
    for _ in range(3):  # skip to the last exercise, the bridge
        press(qtbot, window, Qt.Key.Key_N)
        press(qtbot, window, Qt.Key.Key_N)
    assert view.name_label.text() == "Glute bridge"
    press(qtbot, window, Qt.Key.Key_N)  # start now
    clock.advance(80)
    view.poll()
    assert view.controls.currentWidget() is view.check_bar
    assert window.stack.currentWidget() is view
    press(qtbot, window, Qt.Key.Key_Return)
    skip_pain(qtbot, window)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.heading.text() == "Well done: Reclined stretches"


@pytest.mark.parametrize(
    ("key", "feeling"),
    [(Qt.Key.Key_E, "too easy"), (Qt.Key.Key_R, "about right"), (Qt.Key.Key_H, "too hard")],
)
def test_one_key_says_all_fine_and_how_it_felt(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, key: Qt.Key, feeling: str
) -> None:
    view = window.workout_view
    finish_first_set(qtbot, window, clock)
    press(qtbot, window, key)
    assert view.controls.currentIndex() == 0  # answered: all fine
    assert window.checkins.log.feelings("morning-bridge-core", "glute-bridge") == [feeling]


def test_enter_skips_the_feeling(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    finish_first_set(qtbot, window, clock)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.checkins.log.feelings("morning-bridge-core", "glute-bridge") == []
