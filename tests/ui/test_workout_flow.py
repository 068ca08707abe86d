"""A whole routine through the real widgets: keys, a fake clock, and what was saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.core.workout import SetCompleted, State
from coach.resources import locate
from coach.store.database import open_database
from coach.store.log import WorkoutLog
from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock
from tests.ui.conftest import (
    NoAudio,
    answer_all_no,
    answer_pain_until_workout,
    screened_yesterday,
    skip_pain,
)


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.workout_view, key)


def run_until(
    window: MainWindow, clock: FakeClock, done: Callable[[], bool], step: float = 0.25
) -> None:
    """Let the workout run until done(); answer each check after an exercise "all fine"."""
    view = window.workout_view
    for _ in range(20_000):
        if done():
            return
        if view.controls.currentWidget() is view.check_bar:
            QTest.keyClick(view, Qt.Key.Key_Return)
            continue
        clock.advance(step)
        view.poll()
    raise AssertionError("never got there")


def start_morning(qtbot: QtBot, window: MainWindow) -> None:
    start = window.home.start_buttons["morning-bridge-core"]
    qtbot.waitUntil(start.hasFocus)  # the first routine's Start has focus once the window is active
    qtbot.keyClick(start, Qt.Key.Key_Return)
    answer_all_no(qtbot, window)
    answer_pain_until_workout(qtbot, window)
    assert window.stack.currentWidget() is window.workout_view


def finish_first_set(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    view = window.workout_view
    start_morning(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    run_until(window, clock, lambda: view.workout is not None and view.workout.sets_done(0) == 1)


def test_a_whole_routine_by_keyboard_is_coached_and_saved(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    view = window.workout_view
    start_morning(qtbot, window)
    assert view.name_label.text() == "Glute bridge"
    assert view.phase_label.text() == "Get ready"
    assert view.countdown.text() == "10"
    assert view.next_label.text() == "Up next: Lying hip opener (1 × 6 reps a side)"
    assert view.next_button.text() == "Start now  [N]"

    press(qtbot, window, Qt.Key.Key_Space)
    assert view.paused_label.isVisible()
    assert view.pause_button.text() == "Go on  [Space]"
    clock.advance(300)
    view.poll()
    assert view.countdown.text() == "10"
    press(qtbot, window, Qt.Key.Key_Space)
    assert not view.paused_label.isVisible()

    press(qtbot, window, Qt.Key.Key_N)
    assert view.phase_label.text() == "Up"
    assert view.status_label.text() == "Set 1 of 1  ·  Rep 1 of 10"
    assert view.instruction_label.text() == "Press through your feet and lift your hips"
    assert view.next_button.text() == "Skip exercise  [N]"
    clock.advance(2.5)
    view.poll()
    assert view.phase_label.text() == "Hold"
    assert view.countdown.text() == "3"

    run_until(window, clock, lambda: view.name_label.text() == "Lying hip opener")
    assert view.instruction_label.text().endswith("Start with your left side.")
    run_until(window, clock, lambda: "Left side" in view.status_label.text())
    run_until(window, clock, lambda: view.phase_label.text() == "Switch sides")
    assert view.instruction_label.text() == "Change to your right side"
    run_until(window, clock, lambda: "Right side" in view.status_label.text())
    assert view.status_label.text().startswith("Set 1 of 1")

    run_until(window, clock, lambda: view.name_label.text() == "Dead bug")
    # Back to the start of the dead bug, then back again to the hip opener.
    run_until(window, clock, lambda: view.phase_label.text() == "Up")
    press(qtbot, window, Qt.Key.Key_Left)
    assert (view.name_label.text(), view.phase_label.text()) == ("Dead bug", "Get ready")
    press(qtbot, window, Qt.Key.Key_B)
    assert view.name_label.text() == "Lying hip opener"
    press(qtbot, window, Qt.Key.Key_Right)  # start now
    press(qtbot, window, Qt.Key.Key_Right)  # skip the rest of it

    run_until(window, clock, lambda: view.name_label.text() == "Bird dog")
    assert view.next_label.text() == "This is the last exercise."
    press(qtbot, window, Qt.Key.Key_N)
    press(qtbot, window, Qt.Key.Key_N)

    skip_pain(qtbot, window)  # the check-in after the workout
    assert window.stack.currentWidget() is window.summary
    summary = window.summary.details.text()
    assert "Sets done: <b>3</b>" in summary  # the hip opener's two sides make one set
    assert "Skipped: <b>Lying hip opener, Bird dog</b>" in summary
    assert window.summary.heading.text() == "Well done: Morning bridge & core"
    assert window.summary.saved.text() == "Everything you did is saved on this computer."
    per_exercise = window.summary.exercises.text()
    assert "<td>Glute bridge</td><td>&nbsp;&nbsp;1 set</td>" in per_exercise
    assert "Bird dog" not in per_exercise

    [workout] = window.log.workouts()
    assert (workout.routine_id, workout.outcome) == ("morning-bridge-core", "finished")
    sets = window.log.sets(workout.id or 0)
    assert [(s.exercise_id, s.side, s.set_number) for s in sets] == [
        ("glute-bridge", None, 1),
        ("lying-hip-opener", "left", 1),
        ("lying-hip-opener", "right", 1),
        ("dead-bug", None, 1),
    ]
    assert sets[0].reps == 10
    assert [s.exercise_id for s in window.log.skipped(workout.id or 0)] == [
        "lying-hip-opener",
        "bird-dog",
    ]

    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home
    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert shown.count("Last done today") == 1
    assert shown.count("Not done yet") == 2


def test_escape_asks_first_and_keeps_going_or_ends_early(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    view = window.workout_view
    finish_first_set(qtbot, window, clock)
    assert view.controls.currentWidget() is view.check_bar  # the check after the bridge
    press(qtbot, window, Qt.Key.Key_Return)  # all fine
    assert view.controls.currentIndex() == 0
    press(qtbot, window, Qt.Key.Key_Escape)
    assert view.controls.currentIndex() == 1
    assert view.workout is not None and view.workout.state is State.PAUSED
    press(qtbot, window, Qt.Key.Key_Space)  # ignored while the question is open
    assert view.workout.state is State.PAUSED
    press(qtbot, window, Qt.Key.Key_Escape)  # keep going
    assert view.controls.currentIndex() == 0
    assert view.workout.state is State.RUNNING

    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)  # end
    skip_pain(qtbot, window)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.heading.text() == "Morning bridge & core: ended early"
    [workout] = window.log.workouts()
    assert workout.outcome == "ended early"
    assert len(window.log.sets(workout.id or 0)) == 1


def test_cues_play_at_phase_starts_last_seconds_and_set_ends_and_mute_silences_them(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    view = window.workout_view
    start_morning(qtbot, window)
    played = view.cues.played
    clock.advance(7.2)
    view.poll()
    assert played == ["tick"]  # 3 seconds left of the get-ready
    run_until(window, clock, lambda: view.phase_label.text() == "Up")
    assert played == ["tick", "tick", "tick", "start"]
    run_until(window, clock, lambda: view.name_label.text() == "Lying hip opener")
    assert played.count("done") == 1
    assert view.mute_button.text() == "Sound on  [M]"
    press(qtbot, window, Qt.Key.Key_M)
    assert view.mute_button.text() == "Sound off  [M]"
    heard = len(played)
    run_until(window, clock, lambda: view.name_label.text() == "Dead bug")
    assert len(played) == heard


def test_steps_and_cautions_on_demand(qtbot: QtBot, window: MainWindow) -> None:
    view = window.workout_view
    start_morning(qtbot, window)
    assert view.left.currentWidget() is view.picture
    assert view.picture.accessibleName() == "Picture: Glute bridge"
    press(qtbot, window, Qt.Key.Key_I)
    assert view.left.currentIndex() == 1
    text = view.steps_label.text()
    assert "Glute bridge: 1 × 10 reps" in text
    assert "Take care" in text and "hamstrings cramp" in text
    press(qtbot, window, Qt.Key.Key_I)
    assert view.left.currentWidget() is view.picture


def test_closing_the_window_mid_workout_keeps_the_sets(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    finish_first_set(qtbot, window, clock)
    window.close()
    [workout] = window.log.workouts()
    assert workout.outcome == "ended early"
    assert len(window.log.sets(workout.id or 0)) == 1


def test_without_an_audio_device_the_workout_runs_silently_and_says_so(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    screened_yesterday(tmp_path)
    window = build_main_window(tmp_path, clock=clock, cues=NoAudio(locate().sounds))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    view = window.workout_view
    start_morning(qtbot, window)
    assert view.mute_button.text() == "No sound"
    assert not view.mute_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_M)
    assert view.mute_button.text() == "No sound"
    press(qtbot, window, Qt.Key.Key_N)
    run_until(window, clock, lambda: view.name_label.text() == "Lying hip opener")
    assert len(window.log.sets(window.log.workouts()[0].id or 0)) == 1


def test_in_the_second_week_the_bridge_has_two_sets(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    eight_days_ago = datetime.now(UTC) - timedelta(days=8)
    earlier = WorkoutLog(open_database(tmp_path / "data" / "coach.db"), now=lambda: eight_days_ago)
    workout_id = earlier.begin("morning-bridge-core", "Morning bridge & core")
    earlier.record_set(workout_id, SetCompleted("glute-bridge", None, 1, 10, None))

    window = make_window()
    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert "Last done " + f"{eight_days_ago.astimezone():%-d %B %Y}" in shown
    assert "About 8 min  ·  buttocks, stomach, hips" in shown
    start_morning(qtbot, window)
    assert window.workout_view.status_label.text() == "Set 1 of 2"
    assert window.workout_view.next_label.text() == "Up next: Lying hip opener (1 × 7 reps a side)"
