"""A whole routine through the real widgets: keys, a fake clock, and what was saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from coach.core.outcome import Outcome
from coach.core.workout import SetCompleted, State
from coach.resources import locate
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog
from coach.ui import theme
from tests.driver import Person
from tests.helpers import FakeClock
from tests.ui.conftest import MakePerson, NoAudio


def words_colour(label: QLabel) -> str:
    """The colour a label's words are drawn in, as the style sheet leaves it."""
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_a_whole_routine_by_keyboard_is_coached_and_saved(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.start_morning()
    assert view.name_label.text() == "Glute bridge"
    assert view.phase_label.text() == "Get ready"
    assert view.countdown.text() == "10"
    assert view.next_label.text() == "Up next: Lying hip opener (1 × 6 reps a side)"
    assert view.next_button.text() == "Start now  [N]"

    person.press(Qt.Key.Key_Space)
    # Paused, as seen from the mat: a large cover over the picture, the number greyed.
    assert view.left.currentWidget() is view.pause_cover
    assert view.pause_cover.text() == "Paused\nSpace to go on"
    assert view.pause_cover.font().pixelSize() >= 0.05 * view.height()
    assert words_colour(view.countdown) == theme.LINE  # greyed
    assert view.pause_button.text() == "Go on  [Space]"
    clock.advance(300)
    view.poll()
    assert view.countdown.text() == "10"
    person.press(Qt.Key.Key_I)  # the steps, asked for while paused, show on going on
    assert view.left.currentWidget() is view.pause_cover
    person.press(Qt.Key.Key_Space)
    assert view.left.currentIndex() == 1 and words_colour(view.countdown) == theme.INK
    person.press(Qt.Key.Key_I)
    assert view.left.currentWidget() is view.picture

    person.press(Qt.Key.Key_N)
    assert view.phase_label.text() == "Up"
    assert view.status_label.text() == "Set 1 of 1  ·  Rep 1 of 10"
    assert view.instruction_label.text() == "Press through your feet and lift your hips"
    assert view.next_button.text() == "Skip exercise  [N]"
    clock.advance(2.5)
    view.poll()
    assert view.phase_label.text() == "Hold"
    assert view.countdown.text() == "3"

    person.run_until(lambda: view.name_label.text() == "Lying hip opener")
    assert view.instruction_label.text().endswith("Start with your left side.")
    person.run_until(lambda: "Left side" in view.status_label.text())
    person.run_until(lambda: view.phase_label.text() == "Switch sides")
    assert view.instruction_label.text() == "Change to your right side"
    person.run_until(lambda: "Right side" in view.status_label.text())
    assert view.status_label.text().startswith("Set 1 of 1")

    person.run_until(lambda: view.name_label.text() == "Dead bug")
    # Back to the start of the dead bug, then back again to the hip opener.
    person.run_until(lambda: view.phase_label.text() == "Up")
    person.press(Qt.Key.Key_Left)
    assert (view.name_label.text(), view.phase_label.text()) == ("Dead bug", "Get ready")
    person.press(Qt.Key.Key_B)
    assert view.name_label.text() == "Lying hip opener"
    person.press(Qt.Key.Key_Right)  # start now
    person.press(Qt.Key.Key_Right)  # skip the rest of it

    person.run_until(lambda: view.name_label.text() == "Bird dog")
    assert view.next_label.text() == "This is the last exercise."
    person.press(Qt.Key.Key_N)
    person.press(Qt.Key.Key_N)

    assert person.on(person.summary)  # the pain after it is asked there, and may be left
    summary = person.summary.details.text()
    assert "Sets done: <b>3</b>" in summary  # the hip opener's two sides make one set
    assert "Skipped: <b>Lying hip opener, Bird dog</b>" in summary
    assert person.summary.heading.text() == "Well done: Morning bridge & core"
    assert person.summary.saved.text() == "Everything you did is saved on this computer."
    per_exercise = person.summary.exercises.text()
    assert "<td>Glute bridge</td><td>&nbsp;&nbsp;1 set</td>" in per_exercise
    assert "Bird dog" not in per_exercise

    [workout] = person.workouts()
    assert (workout.routine_id, workout.outcome) == ("morning-bridge-core", "finished")
    sets = person.services.workouts.sets(workout.id or 0)
    assert [(s.exercise_id, s.side, s.set_number) for s in sets] == [
        ("glute-bridge", None, 1),
        ("lying-hip-opener", "left", 1),
        ("lying-hip-opener", "right", 1),
        ("dead-bug", None, 1),
    ]
    assert sets[0].reps == 10
    assert [s.exercise_id for s in person.services.workouts.skipped(workout.id or 0)] == [
        "lying-hip-opener",
        "bird-dog",
    ]

    qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)
    assert person.on(person.home)
    shown = person.home_texts()
    assert shown.count("Last done today") == 1
    assert shown.count("Not done yet") == 2


def test_escape_asks_first_and_keeps_going_or_ends_early(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.finish_first_set()
    assert view.check_shown()  # the check after the bridge
    person.press(Qt.Key.Key_Return)  # all fine
    assert view.controls.currentIndex() == 0
    person.press(Qt.Key.Key_Escape)
    assert view.controls.currentIndex() == 1
    assert view.workout is not None and view.workout.state is State.PAUSED
    person.press(Qt.Key.Key_Space)  # ignored while the question is open
    assert view.workout.state is State.PAUSED
    person.press(Qt.Key.Key_Escape)  # keep going
    assert view.controls.currentIndex() == 0
    assert view.workout.state is State.RUNNING

    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)  # end
    assert person.on(person.summary)
    assert person.summary.heading.text() == "Morning bridge & core: ended early"
    [workout] = person.workouts()
    assert workout.outcome == "ended early"
    assert len(person.services.workouts.sets(workout.id or 0)) == 1


def test_cues_play_at_phase_starts_last_seconds_and_set_ends_and_mute_silences_them(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.start_morning()
    played = view.cues.played
    clock.advance(7.2)
    view.poll()
    assert played == ["tick"]  # 3 seconds left of the get-ready
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert played == ["tick", "tick", "tick", "start"]
    person.run_until(lambda: view.name_label.text() == "Lying hip opener")
    assert played.count("done") == 1
    assert view.mute_button.text() == "Sound on  [M]"
    person.press(Qt.Key.Key_M)
    assert view.mute_button.text() == "Sound off  [M]"
    heard = len(played)
    person.run_until(lambda: view.name_label.text() == "Dead bug")
    assert len(played) == heard


def test_steps_and_cautions_on_demand(person: Person) -> None:
    view = person.workout
    person.start_morning()
    assert view.left.currentWidget() is view.picture
    assert view.picture.accessibleName().startswith("Picture: Glute bridge. Shaded: ")
    person.press(Qt.Key.Key_I)
    assert view.left.currentIndex() == 1
    text = view.steps_label.text()
    assert "Glute bridge: 1 × 10 reps" in text
    assert "Take care" in text and "hamstrings cramp" in text
    person.press(Qt.Key.Key_I)
    assert view.left.currentWidget() is view.picture


def test_closing_the_window_mid_workout_keeps_the_sets(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    person.finish_first_set()
    person.window.close()
    [workout] = person.workouts()
    assert workout.outcome == "unfinished"  # kept, shown apart, not counted as done
    assert len(person.services.workouts.sets(workout.id or 0)) == 1


def test_without_an_audio_device_the_workout_runs_silently_and_says_so(
    make_person: MakePerson,
) -> None:
    person = make_person(cues=NoAudio(locate().sounds))
    view = person.workout
    person.start_morning()
    assert view.mute_button.text() == "No sound"
    assert not view.mute_button.isEnabled()
    person.press(Qt.Key.Key_M)
    assert view.mute_button.text() == "No sound"
    person.press(Qt.Key.Key_N)
    person.run_until(lambda: view.name_label.text() == "Lying hip opener")
    assert len(person.services.workouts.sets(person.workouts()[0].id or 0)) == 1


def test_in_the_second_week_the_bridge_has_two_sets(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    eight_days_ago = datetime.now(UTC) - timedelta(days=8)
    earlier = WorkoutLog(open_database(tmp_path / "data" / "coach.db"), now=lambda: eight_days_ago)
    workout_id = earlier.begin("morning-bridge-core", "Morning bridge & core", 1)
    earlier.record_set(workout_id, SetCompleted("glute-bridge", None, 1, 10, None))
    earlier.finish(workout_id, Outcome.FINISHED)

    person = make_person()
    shown = person.home_texts()
    assert "Last done " + f"{eight_days_ago.astimezone():%-d %B %Y}" in shown
    assert "About 8 min  ·  buttocks, stomach, hips" in shown
    person.start_morning()
    assert person.workout.status_label.text() == "Set 1 of 2"
    assert person.workout.next_label.text() == "Up next: Lying hip opener (1 × 7 reps a side)"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_the_workout_reads_from_the_mat_at_each_window_size(
    qtbot: QtBot, person: Person, clock: FakeClock, width: int, height: int
) -> None:
    person.window.resize(width, height)
    view = person.workout
    person.start_morning()
    person.press(Qt.Key.Key_N)  # the first movement
    qtbot.wait(10)  # the layout settles
    tall = person.window.height()

    def pixels(widget: QWidget) -> int:
        return widget.font().pixelSize()

    assert pixels(view.countdown) >= 0.40 * tall
    for label in (view.phase_label, view.status_label):
        assert pixels(label) >= 0.05 * tall, label.text()
    assert pixels(view.instruction_label) >= 0.04 * tall
    for button in (view.pause_button, view.next_button, view.end_button, view.stop_button):
        assert pixels(button) >= 0.025 * tall, button.text()
        assert button.sizeHint().width() <= button.width() + 1, button.text()  # never cut
    for label in (view.name_label, view.phase_label, view.instruction_label,
                  view.status_label, view.next_label):  # fmt: skip
        wanted = (label.heightForWidth(label.width()) if label.hasHeightForWidth()
                  else label.sizeHint().height())  # fmt: skip
        assert label.height() >= wanted - 1, label.text()
    digits = view.countdown.fontMetrics().tightBoundingRect("0123456789").height()
    assert view.countdown.height() >= digits  # as tall as its digits


def test_in_the_narrowest_window_the_buttons_take_two_rows_and_no_word_is_cut(
    qtbot: QtBot, person: Person
) -> None:
    person.window.resize(800, 600)  # the smallest the window goes
    view = person.workout
    person.start_morning()
    qtbot.wait(10)
    buttons = (view.back_button, view.pause_button, view.next_button, view.steps_button,
               view.mute_button, view.full_button, view.end_button, view.stop_button)  # fmt: skip
    for button in buttons:
        assert button.sizeHint().width() <= button.width() + 1, button.text()
        assert button.font().pixelSize() >= 12, button.text()

    def top(button: QWidget) -> int:
        return button.mapTo(view, button.rect().topLeft()).y()

    assert top(view.end_button) > top(view.pause_button)  # the screen's keys below
    person.window.resize(1366, 768)
    qtbot.wait(10)
    assert abs(top(view.end_button) - top(view.pause_button)) <= 4  # one row with room


def test_the_progress_line_fills_as_the_routine_goes_and_says_how_far(person: Person) -> None:
    person.start_morning()
    line = person.workout.progress
    assert line.fraction() == 0.0
    person.run_until(lambda: person.sets_done(0) == 1)
    part = line.fraction()
    workout = person.workout.workout
    assert workout is not None and part == pytest.approx(workout.progress())
    assert 0 < part < 0.5
    assert line.accessibleDescription() == f"{round(part * 100)}% done"
    image = line.grab().toImage()  # the filled part is drawn in the accent colour
    filled = round(part * line.width())
    assert image.pixelColor(max(1, filled - 6), line.height() // 2).name() == theme.ACCENT
    assert image.pixelColor(line.width() - 6, line.height() // 2).name() == theme.LINE
