"""The safety screen in the real window: first run, halts, locks, the stop key."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.core.phases import PhaseKind
from tests.helpers import FakeClock
from tests.ui.conftest import MakePerson, screened_yesterday


def events(data_dir: Path) -> list[tuple[str, str, str | None, str, int | None]]:
    with sqlite3.connect(data_dir / "coach.db") as connection:
        return connection.execute(
            "SELECT screen, verdict, halt, answers, workout_id FROM safety_event ORDER BY id"
        ).fetchall()


def test_the_first_run_shows_the_full_screen_before_anything_else(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person(screened=False)
    view = person.questions
    assert person.on(view)
    assert view.heading.text() == "A few questions first"
    assert len([r for r in view.rows if not r.isHidden()]) == 18  # 13 questions, 5 facts
    assert all(row.answer is None for row in view.rows)  # nothing chosen for the person
    assert not view.continue_button.isEnabled()
    person.key(Qt.Key.Key_Return)
    assert person.on(view)  # cannot continue with questions open
    assert view.left_label.text() == "18 questions left"

    person.answer(yes_to=set())
    assert person.on(person.home)
    [(screen, verdict, halt, _, _)] = events(tmp_path / "data")
    assert (screen, verdict, halt) == ("full screen", "clear", None)


def test_a_follow_up_appears_only_after_a_yes(qtbot: QtBot, make_person: MakePerson) -> None:
    person = make_person(screened=False)
    rows = {row.ask.id: row for row in person.questions.rows}
    follow_up = rows["agreed:pregnant"]
    assert follow_up.isHidden()
    assert rows["fact:hip-surgery"].label.text().startswith("17.  ")
    rows["fact:pregnant"].set_answer(True)
    assert not follow_up.isHidden()
    assert follow_up.label.text().startswith("17.  ")
    assert rows["fact:hip-surgery"].label.text().startswith("18.  ")
    assert person.questions.left_label.text() == "18 questions left"


def test_a_yes_to_leg_pain_halts_blocks_start_and_says_why(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    assert person.questions.heading.text() == "Before this workout"
    person.answer(yes_to={"leg-pain"})
    halt = person.halt
    assert person.on(halt)
    assert halt.title.text() == "Please see a GP or physiotherapist first"
    assert halt.clinician_button.isVisibleTo(halt)

    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)
    assert not any(b.isEnabled() for b in person.home.start_buttons.values())
    assert person.home.lock_label.text() == (
        "Workouts are stopped. Please see a GP or physiotherapist first."
    )
    screen, verdict, kind, answers, _ = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind) == ("short screen", "halt", "radiating")
    assert json.loads(answers)["leg-pain"] is True


def test_a_clinicians_all_clear_lifts_the_radiating_lock_and_is_recorded(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.answer(yes_to={"leg-pain"})
    person.key(Qt.Key.Key_Escape)
    qtbot.keyClick(person.home, Qt.Key.Key_W)  # what to do
    assert person.on(person.halt)
    person.key(Qt.Key.Key_C)
    person.key(Qt.Key.Key_N)  # not yet
    assert person.services.safety.clearances() == []
    person.key(Qt.Key.Key_C)
    person.key(Qt.Key.Key_Y)
    assert person.on(person.home)
    assert len(person.services.safety.clearances()) == 1
    assert all(b.isEnabled() for b in person.home.start_buttons.values())
    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert any(text.startswith("A clinician's all-clear was confirmed on ") for text in shown)


def test_an_emergency_lock_lasts_the_day_even_after_a_restart(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.answer(yes_to={"bladder", "leg-pain"})
    halt = person.halt
    assert halt.title.text() == "Please get help now"
    assert "emergency number" in halt.action.text()
    assert not halt.clinician_button.isVisibleTo(halt)
    person.window.close()

    again = make_person(screened=False)  # the same data folder, a new program
    assert again.on(again.home)
    assert not any(b.isEnabled() for b in again.home.start_buttons.values())
    again.window.start_routine("hip-openers")  # any path to a workout meets the lock
    assert again.on(again.halt)
    assert again.halt.title.text() == "Please get help now"


def test_the_stop_key_halts_mid_hold_and_keeps_the_sets_done(
    qtbot: QtBot, make_person: MakePerson, clock: FakeClock, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.answer_all_no()
    person.answer_pain_until_workout()
    view = person.workout
    assert view.stop_button.text() == "Stop: pain is spreading  [P]"
    qtbot.keyClick(view, Qt.Key.Key_N)
    person.run_until(lambda: view.workout is not None and view.workout.sets_done(0) == 1)
    person.run_until(
        lambda: view.workout is not None and view.workout.phase.kind is PhaseKind.TOP_HOLD,
    )
    qtbot.keyClick(view, Qt.Key.Key_P)

    assert person.on(person.halt)
    assert person.halt.when.text().endswith("The sets you finished are saved.")
    [workout] = person.services.workouts.workouts()
    assert workout.outcome == "halted: radiating"
    assert [s.exercise_id for s in person.services.workouts.sets(workout.id or 0)] == [
        "glute-bridge"
    ]
    screen, verdict, kind, _, workout_id = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind, workout_id) == ("stop key", "halt", "radiating", workout.id)


def test_profile_facts_leave_exercises_out_and_their_message_comes_once(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person(screened=False)
    person.answer(yes_to={"fact:pregnant"})
    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert (
        "Left out: Glute bridge (lying on your back, during pregnancy); Lying hip opener "
        "(lying on your back, during pregnancy); Dead bug (lying on your back, during "
        "pregnancy)." in shown
    )
    assert not person.home.start_buttons["hip-openers"].isEnabled()  # nothing left in it
    assert "Nothing in this routine suits you at the moment." in shown
    person.start()
    person.answer_all_no()
    notice = person.notice
    assert person.on(notice)
    assert "midwife or doctor" in notice.messages.text()
    person.key(Qt.Key.Key_Return)
    person.answer_pain_until_workout()
    workout = person.workout.workout
    assert workout is not None
    assert [p.exercise.id for p in workout.plan] == ["bird-dog"]


def test_the_profile_and_opt_ins_can_be_changed_and_shape_the_routines(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person(screened=False)
    person.answer(yes_to=set())
    hips = "Pelvic tilt → Lying hip opener → Happy baby"
    assert hips in [label.text() for label in person.home.findChildren(QLabel)]

    qtbot.keyClick(person.home, Qt.Key.Key_S)
    view = person.questions
    assert view.heading.text() == "Your profile and settings"
    rows = {row.ask.id: row for row in view.rows}
    assert rows["fact:pregnant"].answer is False  # the answer given on the first screen
    camel = rows["opt-in:camel"]
    assert camel.answer is False
    assert "blood pressure" in camel.ask.text  # the cautions, before turning it on
    person.answer(yes_to={"opt-in:camel"})
    assert person.on(person.home)
    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert hips + " → Camel" in shown

    qtbot.keyClick(person.home, Qt.Key.Key_S)
    person.answer(yes_to={"opt-in:camel", "fact:knee-ankle-neck"})
    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert hips in shown
    assert "Left out: Camel (knee, ankle or neck problems)." in shown


def test_going_back_from_the_screen_records_nothing_and_starts_nothing(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.key(Qt.Key.Key_N)
    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)
    assert [screen for screen, *_ in events(tmp_path / "data")] == ["full screen"]  # yesterday's
    assert person.services.workouts.workouts() == []


def test_after_a_week_the_full_screen_comes_again(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    screened_yesterday(tmp_path / "data", days_ago=8)
    person = make_person(screened=False)
    assert person.on(person.home)  # not a first run
    person.start()
    assert person.questions.heading.text() == "A few questions first"


def test_a_routine_of_ones_own_meets_the_screen_too(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    own = tmp_path / "data" / "routines"
    own.mkdir(parents=True)
    (own / "mine.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nsummary = "s"\n[[item]]\nexercise = "bird-dog"\n'
    )
    person = make_person()
    person.window.start_routine("mine")
    assert person.on(person.questions)
    assert person.services.workouts.workouts() == []
