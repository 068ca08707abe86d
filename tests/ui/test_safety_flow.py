"""The safety screen in the real window: first run, halts, locks, the stop key."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.core.workout import PhaseKind
from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock
from tests.ui.conftest import answer_all_no, answer_pain_until_workout, screened_yesterday
from tests.ui.test_workout_flow import run_until

MakeWindow = Callable[..., MainWindow]


def key(qtbot: QtBot, window: MainWindow, which: Qt.Key) -> None:
    focused = window.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, which)


def answer(qtbot: QtBot, window: MainWindow, yes_to: set[str]) -> None:
    """Answer the screen by keyboard: Y to the questions named, N to the rest, then Enter."""
    view = window.safety.safety_view
    for row in list(view.rows):
        if row.isHidden():
            continue
        row.setFocus()
        key(qtbot, window, Qt.Key.Key_Y if row.ask.id in yes_to else Qt.Key.Key_N)
    key(qtbot, window, Qt.Key.Key_Return)


def start(qtbot: QtBot, window: MainWindow, routine: str = "morning-bridge-core") -> None:
    qtbot.mouseClick(window.home.start_buttons[routine], Qt.MouseButton.LeftButton)


def events(data_dir: Path) -> list[tuple[str, str, str | None, str, int | None]]:
    with sqlite3.connect(data_dir / "coach.db") as connection:
        return connection.execute(
            "SELECT screen, verdict, halt, answers, workout_id FROM safety_event ORDER BY id"
        ).fetchall()


def test_the_first_run_shows_the_full_screen_before_anything_else(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window(screened=False)
    view = window.safety.safety_view
    assert window.stack.currentWidget() is view
    assert view.heading.text() == "A few questions first"
    assert len([r for r in view.rows if not r.isHidden()]) == 18  # 13 questions, 5 facts
    assert all(row.answer is None for row in view.rows)  # nothing chosen for the person
    assert not view.continue_button.isEnabled()
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is view  # cannot continue with questions open
    assert view.left_label.text() == "18 questions left"

    answer(qtbot, window, yes_to=set())
    assert window.stack.currentWidget() is window.home
    [(screen, verdict, halt, _, _)] = events(tmp_path / "data")
    assert (screen, verdict, halt) == ("full screen", "clear", None)


def test_a_follow_up_appears_only_after_a_yes(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(screened=False)
    rows = {row.ask.id: row for row in window.safety.safety_view.rows}
    follow_up = rows["agreed:pregnant"]
    assert follow_up.isHidden()
    assert rows["fact:hip-surgery"].label.text().startswith("17.  ")
    rows["fact:pregnant"].set_answer(True)
    assert not follow_up.isHidden()
    assert follow_up.label.text().startswith("17.  ")
    assert rows["fact:hip-surgery"].label.text().startswith("18.  ")
    assert window.safety.safety_view.left_label.text() == "18 questions left"


def test_a_yes_to_leg_pain_halts_blocks_start_and_says_why(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    start(qtbot, window)
    assert window.safety.safety_view.heading.text() == "Before this workout"
    answer(qtbot, window, yes_to={"leg-pain"})
    halt = window.safety.halt_view
    assert window.stack.currentWidget() is halt
    assert halt.title.text() == "Please see a GP or physiotherapist first"
    assert halt.clinician_button.isVisibleTo(halt)

    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    assert not any(b.isEnabled() for b in window.home.start_buttons.values())
    assert window.home.lock_label.text() == (
        "Workouts are stopped. Please see a GP or physiotherapist first."
    )
    screen, verdict, kind, answers, _ = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind) == ("short screen", "halt", "radiating")
    assert json.loads(answers)["leg-pain"] is True


def test_a_clinicians_all_clear_lifts_the_radiating_lock_and_is_recorded(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    start(qtbot, window)
    answer(qtbot, window, yes_to={"leg-pain"})
    key(qtbot, window, Qt.Key.Key_Escape)
    qtbot.keyClick(window.home, Qt.Key.Key_W)  # what to do
    assert window.stack.currentWidget() is window.safety.halt_view
    key(qtbot, window, Qt.Key.Key_C)
    key(qtbot, window, Qt.Key.Key_N)  # not yet
    assert window.safety.log.clearances() == []
    key(qtbot, window, Qt.Key.Key_C)
    key(qtbot, window, Qt.Key.Key_Y)
    assert window.stack.currentWidget() is window.home
    assert len(window.safety.log.clearances()) == 1
    assert all(b.isEnabled() for b in window.home.start_buttons.values())
    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert any(text.startswith("A clinician's all-clear was confirmed on ") for text in shown)


def test_an_emergency_lock_lasts_the_day_even_after_a_restart(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    start(qtbot, window)
    answer(qtbot, window, yes_to={"bladder", "leg-pain"})
    halt = window.safety.halt_view
    assert halt.title.text() == "Please get help now"
    assert "emergency number" in halt.action.text()
    assert not halt.clinician_button.isVisibleTo(halt)
    window.close()

    again = make_window(screened=False)  # the same data folder, a new program
    assert again.stack.currentWidget() is again.home
    assert not any(b.isEnabled() for b in again.home.start_buttons.values())
    again.start_routine("hip-openers")  # any path to a workout meets the lock
    assert again.stack.currentWidget() is again.safety.halt_view
    assert again.safety.halt_view.title.text() == "Please get help now"


def test_the_stop_key_halts_mid_hold_and_keeps_the_sets_done(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, tmp_path: Path
) -> None:
    window = make_window()
    start(qtbot, window)
    answer_all_no(qtbot, window)
    answer_pain_until_workout(qtbot, window)
    view = window.workout_view
    assert view.stop_button.text() == "Stop: pain is spreading  [P]"
    qtbot.keyClick(view, Qt.Key.Key_N)
    run_until(window, clock, lambda: view.workout is not None and view.workout.sets_done(0) == 1)
    run_until(
        window,
        clock,
        lambda: view.workout is not None and view.workout.phase.kind is PhaseKind.TOP_HOLD,
    )
    qtbot.keyClick(view, Qt.Key.Key_P)

    assert window.stack.currentWidget() is window.safety.halt_view
    assert window.safety.halt_view.when.text().endswith("The sets you finished are saved.")
    [workout] = window.log.workouts()
    assert workout.outcome == "halted: radiating"
    assert [s.exercise_id for s in window.log.sets(workout.id or 0)] == ["glute-bridge"]
    screen, verdict, kind, _, workout_id = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind, workout_id) == ("stop key", "halt", "radiating", workout.id)


def test_profile_facts_leave_exercises_out_and_their_message_comes_once(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(screened=False)
    answer(qtbot, window, yes_to={"fact:pregnant"})
    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert (
        "Left out: Glute bridge (lying on your back, during pregnancy); Lying hip opener "
        "(lying on your back, during pregnancy); Dead bug (lying on your back, during "
        "pregnancy)." in shown
    )
    assert not window.home.start_buttons["hip-openers"].isEnabled()  # nothing left in it
    assert "Nothing in this routine suits you at the moment." in shown
    start(qtbot, window)
    answer_all_no(qtbot, window)
    notice = window.safety.notice_view
    assert window.stack.currentWidget() is notice
    assert "midwife or doctor" in notice.messages.text()
    key(qtbot, window, Qt.Key.Key_Return)
    answer_pain_until_workout(qtbot, window)
    workout = window.workout_view.workout
    assert workout is not None
    assert [p.exercise.id for p in workout.plan] == ["bird-dog"]


def test_the_profile_and_opt_ins_can_be_changed_and_shape_the_routines(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(screened=False)
    answer(qtbot, window, yes_to=set())
    hips = "Pelvic tilt → Lying hip opener → Happy baby"
    assert hips in [label.text() for label in window.home.findChildren(QLabel)]

    qtbot.keyClick(window.home, Qt.Key.Key_S)
    view = window.safety.safety_view
    assert view.heading.text() == "Your profile and settings"
    rows = {row.ask.id: row for row in view.rows}
    assert rows["fact:pregnant"].answer is False  # the answer given on the first screen
    camel = rows["opt-in:camel"]
    assert camel.answer is False
    assert "blood pressure" in camel.ask.text  # the cautions, before turning it on
    answer(qtbot, window, yes_to={"opt-in:camel"})
    assert window.stack.currentWidget() is window.home
    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert hips + " → Camel" in shown

    qtbot.keyClick(window.home, Qt.Key.Key_S)
    answer(qtbot, window, yes_to={"opt-in:camel", "fact:knee-ankle-neck"})
    shown = [label.text() for label in window.home.findChildren(QLabel)]
    assert hips in shown
    assert "Left out: Camel (knee, ankle or neck problems)." in shown


def test_going_back_from_the_screen_records_nothing_and_starts_nothing(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    start(qtbot, window)
    key(qtbot, window, Qt.Key.Key_N)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    assert [screen for screen, *_ in events(tmp_path / "data")] == ["full screen"]  # yesterday's
    assert window.log.workouts() == []


def test_after_a_week_the_full_screen_comes_again(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    screened_yesterday(tmp_path / "data", days_ago=8)
    window = make_window(screened=False)
    assert window.stack.currentWidget() is window.home  # not a first run
    start(qtbot, window)
    assert window.safety.safety_view.heading.text() == "A few questions first"


def test_a_routine_of_ones_own_meets_the_screen_too(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    own = tmp_path / "data" / "routines"
    own.mkdir(parents=True)
    (own / "mine.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nsummary = "s"\n[[item]]\nexercise = "bird-dog"\n'
    )
    window = make_window()
    window.start_routine("mine")
    assert window.stack.currentWidget() is window.safety.safety_view
    assert window.log.workouts() == []
