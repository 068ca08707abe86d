"""The one-key check after each exercise, through the real workout screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.phases import PhaseKind
from coach.core.workout import State
from tests.driver import Person
from tests.helpers import FakeClock
from tests.ui.conftest import MakePerson


def last_event(data_dir: Path) -> tuple[str, str, str | None, int | None]:
    with sqlite3.connect(data_dir / "coach.db") as connection:
        screen, verdict, halt, workout_id = connection.execute(
            "SELECT screen, verdict, halt, workout_id FROM safety_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return screen, verdict, halt, workout_id


def test_all_fine_is_one_key_and_costs_no_time(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.finish_first_set()
    assert view.controls.currentWidget() is view.check_bar
    assert view.check_bar.question.text() == "Quick check after the glute bridge: how are you?"
    assert view.name_label.text() == "Lying hip opener"
    before = view.countdown.text()
    clock.advance(3)
    view.poll()
    assert int(view.countdown.text()) == int(before) - 3  # the get-ready runs on meanwhile
    person.press(Qt.Key.Key_Return)
    assert view.controls.currentIndex() == 0
    assert view.workout is not None and view.workout.state is State.RUNNING


def test_an_unanswered_check_holds_the_next_exercise(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    view = person.workout
    person.finish_first_set()
    clock.advance(60)
    view.poll()
    workout = view.workout
    assert workout is not None
    assert (workout.state, workout.phase.kind) == (State.PAUSED, PhaseKind.UP)
    assert view.controls.currentWidget() is view.check_bar
    assert view.paused_label.text() == "Waiting for your answer below."
    person.press(Qt.Key.Key_Return)
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
    person: Person,
    clock: FakeClock,
    tmp_path: Path,
    keys: list[Qt.Key],
    title: str,
    kind: str,
) -> None:
    person.finish_first_set()
    for key in keys:
        person.press(key)
    assert person.on(person.halt)
    assert person.halt.title.text() == title
    [workout] = person.services.workouts.workouts()
    assert workout.outcome == f"halted: {kind}"
    assert len(person.services.workouts.sets(workout.id or 0)) == 1
    assert last_event(tmp_path / "data") == ("after exercise", "halt", kind, workout.id)


def test_back_pain_two_points_higher_leaves_that_exercise_out(
    qtbot: QtBot, person: Person, clock: FakeClock, tmp_path: Path
) -> None:
    view = person.workout
    person.finish_first_set()
    person.press(Qt.Key.Key_W)
    assert view.controls.currentIndex() == 0
    person.press(Qt.Key.Key_B)  # back: not to the bridge, which is left out
    assert view.name_label.text() == "Lying hip opener"
    [workout] = person.services.workouts.workouts()
    assert last_event(tmp_path / "data") == ("after exercise", "warn", None, workout.id)


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
    assert view.controls.currentWidget() is view.check_bar
    assert person.on(view)
    person.press(Qt.Key.Key_Return)
    person.skip_pain()
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
    assert view.controls.currentIndex() == 0  # answered: all fine
    assert person.services.workouts.feelings("morning-bridge-core", "glute-bridge", "") == [feeling]


def test_enter_skips_the_feeling(person: Person) -> None:
    person.finish_first_set()
    person.press(Qt.Key.Key_Return)
    assert person.services.workouts.feelings("morning-bridge-core", "glute-bridge", "") == []
