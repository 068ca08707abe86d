"""Progression suggestions after a workout: accepted into the person's own dose."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock
from tests.ui.conftest import answer_all_no, answer_pain_until_workout, skip_pain
from tests.ui.test_workout_flow import press, run_until


def workout_with_feeling(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, feeling_key: Qt.Key
) -> None:
    """Do the bridge, answer the check with how it felt, then end the workout."""
    qtbot.mouseClick(window.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)
    answer_pain_until_workout(qtbot, window)
    view = window.workout_view
    press(qtbot, window, Qt.Key.Key_N)
    run_until(window, clock, lambda: view.controls.currentWidget() is view.check_bar)
    press(qtbot, window, feeling_key)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)  # end early
    skip_pain(qtbot, window)
    assert window.stack.currentWidget() is window.summary


def test_too_easy_twice_offers_one_more_set_at_ten_reps_and_accepting_changes_the_routine(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    workout_with_feeling(qtbot, window, clock, Qt.Key.Key_E)
    assert window.summary.offer.isHidden()  # once is not enough
    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)

    workout_with_feeling(qtbot, window, clock, Qt.Key.Key_E)
    summary = window.summary
    assert not summary.offer.isHidden()
    assert summary.offer_label.text() == (
        "Glute bridge: It felt too easy twice in a row: one more set."
        " Change 1\u00a0×\u00a010 to 2\u00a0×\u00a010?"
    )
    qtbot.keyClick(summary, Qt.Key.Key_A)
    assert summary.offer.isHidden()
    qtbot.keyClick(summary.back_button, Qt.Key.Key_Return)

    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert "Your own dose: Glute bridge 2 × 10 reps." in shown
    routine = window.catalogue.routine("morning-bridge-core")
    assert routine is not None
    [bridge, *_] = window._plan(routine)
    assert (bridge.dose.sets, bridge.dose.reps) == (2, 10)


def test_a_declined_offer_changes_nothing_and_is_not_repeated_at_once(
    qtbot: QtBot, make_window: Callable[..., MainWindow], clock: FakeClock
) -> None:
    window = make_window()
    workout_with_feeling(qtbot, window, clock, Qt.Key.Key_E)
    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)
    workout_with_feeling(qtbot, window, clock, Qt.Key.Key_E)
    qtbot.keyClick(window.summary, Qt.Key.Key_D)
    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)
    assert window.checkins.log.own_doses("morning-bridge-core") == {}
    workout_with_feeling(qtbot, window, clock, Qt.Key.Key_E)
    assert window.summary.offer.isHidden()  # one more "too easy" since declining is not two
