"""Progression suggestions after a workout: accepted into the person's own dose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.driver import Person
from tests.helpers import FakeClock
from tests.ui.conftest import MakePerson


def workout_with_feeling(person: Person, feeling_key: Qt.Key) -> None:
    """Do the bridge, answer the check with how it felt, then end the workout."""
    person.start()
    person.answer_all_no()
    person.answer_pain_until_workout()
    view = person.workout
    person.press(Qt.Key.Key_N)
    person.run_until(view.check_shown)
    person.press(feeling_key)
    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)  # end early
    assert person.on(person.summary)


def test_too_easy_twice_offers_one_more_set_at_ten_reps_and_accepting_changes_the_routine(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    workout_with_feeling(person, Qt.Key.Key_E)
    assert person.summary.offer.isHidden()  # once is not enough
    qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)

    workout_with_feeling(person, Qt.Key.Key_E)
    summary = person.summary
    assert not summary.offer.isHidden()
    assert summary.offer_label.text() == (
        "Glute bridge: It felt too easy twice in a row: one more set."
        " Change 1\u00a0×\u00a010 to 2\u00a0×\u00a010?"
    )
    qtbot.keyClick(summary, Qt.Key.Key_A)
    assert summary.offer.isHidden()
    qtbot.keyClick(summary.back_button, Qt.Key.Key_Return)

    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert "Your own dose: Glute bridge 2 × 10 reps." in shown
    routine = person.services.routines.catalogue().routine("morning-bridge-core")
    assert routine is not None
    [bridge, *_] = person.services.plan.plan(routine)
    assert (bridge.dose.sets, bridge.dose.reps) == (2, 10)


def test_a_declined_offer_changes_nothing_and_is_not_repeated_at_once(
    qtbot: QtBot, make_person: MakePerson, clock: FakeClock
) -> None:
    person = make_person()
    workout_with_feeling(person, Qt.Key.Key_E)
    qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)
    workout_with_feeling(person, Qt.Key.Key_E)
    qtbot.keyClick(person.summary, Qt.Key.Key_D)
    qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)
    assert person.services.plan.own_doses("morning-bridge-core") == {}
    workout_with_feeling(person, Qt.Key.Key_E)
    assert person.summary.offer.isHidden()  # one more "too easy" since declining is not two
