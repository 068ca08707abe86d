"""The weekly plan: choosing the days, and what the home screen says about this week."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.core.calendar import Reminder
from coach.core.outcome import Outcome
from coach.core.workout import SetCompleted
from coach.resources import locate
from coach.services import REMINDER
from tests.helpers import FakeClock, local_zone
from tests.ui.conftest import RecordingCues
from tests.ui.test_three_week_block import DAY_ONE, Calendar, at_the_window, first_run, one_workout


def test_the_week_is_planned_by_day_and_the_home_screen_follows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    calendar, clock = Calendar(), FakeClock()  # a Monday
    person = at_the_window(qtbot, tmp_path, clock, calendar)
    first_run(person)
    home = person.home
    assert home.week_label.text() == "This week: 0 of 3 workouts done. Today is a workout day."
    one_workout(person)
    assert home.week_label.text() == "This week: 1 of 3 workouts done. Today's workout is done."
    calendar.today = DAY_ONE + timedelta(days=1)
    person.window.reload()
    assert home.week_label.text() == (
        "This week: 1 of 3 workouts done. Next workout day: Wednesday."
    )

    qtbot.keyClick(home, Qt.Key.Key_D)
    plan = person.plan
    assert person.on(plan)
    assert plan.chosen == [0, 2, 4]  # Monday, Wednesday, Friday to begin with
    for key in (Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_5):  # all off
        qtbot.keyClick(plan, key)
    assert plan.count.text() == "Pick at least one day."
    qtbot.keyClick(plan, Qt.Key.Key_Return)  # an empty week cannot be saved
    assert person.on(plan) and not plan.save_button.isEnabled()
    qtbot.keyClick(plan, Qt.Key.Key_2)
    qtbot.keyClick(plan, Qt.Key.Key_4)
    assert plan.count.text() == "2 workouts a week."
    qtbot.keyClick(plan, Qt.Key.Key_Return)
    assert person.on(home)
    # Monday by the plan that was in force then (done), Tuesday and Thursday by the new one.
    assert home.week_label.text() == "This week: 1 of 3 workouts done. Today is a workout day."

    qtbot.keyClick(home, Qt.Key.Key_D)
    qtbot.keyClick(plan, Qt.Key.Key_7)
    qtbot.keyClick(plan, Qt.Key.Key_Escape)  # back without a change
    assert person.services.plan.plan_days() == {1, 3}

    block = person.services.blocks.current()
    assert block is not None
    # The first Monday by the old plan, then two a week from the day of the change.
    assert person.services.blocks.comparison(block).workouts.planned_by_week == (3, 2, 2)

    person.window.close()
    reopened = build_main_window(tmp_path, clock=clock, cues=RecordingCues(locate().sounds))
    qtbot.addWidget(reopened)
    assert reopened.services.plan.plan_days() == {1, 3}  # kept


def test_a_reminder_is_chosen_with_the_days_notifies_then_and_opens_the_routine(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar, clock = Calendar(), FakeClock()  # Monday 2 March 2026, 08:00 UTC
    with local_zone("UTC"):
        person = at_the_window(qtbot, tmp_path, clock, calendar)
        first_run(person)
        reminders = person.reminders
        assert reminders.due is None  # off until the person asks for it
        qtbot.keyClick(person.home, Qt.Key.Key_D)
        plan = person.plan
        assert not plan.remind.isChecked() and not plan.time.isEnabled()
        qtbot.keyClick(plan, Qt.Key.Key_R)
        assert plan.time.isEnabled()
        plan.time.setTime(QTime(18, 30))
        qtbot.keyClick(plan, Qt.Key.Key_Return)
        assert person.services.settings.read(REMINDER) == Reminder(True, time(18, 30))
        assert reminders.due == datetime(2026, 3, 2, 18, 30, tzinfo=UTC)

        # At the time, on a plan day with nothing done yet: a notification.
        calendar.today = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
        reminders.check()
        assert reminders.shown == ["Morning bridge & core, about 6 minutes. Click to start."]
        assert reminders.due == datetime(2026, 3, 4, 18, 30, tzinfo=UTC)  # Wednesday next
        reminders.open_requested.emit()  # the notification is clicked
        assert person.on(person.questions)  # on the way in
        person.window.go_home()

        # A day whose workout is done is not reminded of.
        calendar.today = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
        workout = person.services.workouts.begin("morning-bridge-core", "Morning bridge & core")
        done = SetCompleted("glute-bridge", None, set_number=1, reps=10, hold_seconds=None)
        person.services.workouts.record_set(workout, done)
        person.services.workouts.finish(workout, Outcome.FINISHED)
        calendar.today = datetime(2026, 3, 4, 18, 31, tzinfo=UTC)
        reminders.check()
        assert len(reminders.shown) == 1
        assert reminders.due == datetime(2026, 3, 6, 18, 30, tzinfo=UTC)


def test_the_plan_goes_to_the_calendar_as_an_ics_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar, clock = Calendar(), FakeClock()
    target = tmp_path / "my-plan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    with local_zone("Europe/Berlin"):
        person = at_the_window(qtbot, tmp_path / "data", clock, calendar)
        first_run(person)
        qtbot.keyClick(person.home, Qt.Key.Key_D)
        plan = person.plan
        qtbot.keyClick(plan, Qt.Key.Key_2)  # Tuesday too
        plan.time.setTime(QTime(7, 15))
        qtbot.keyClick(plan, Qt.Key.Key_A)
    saved = tmp_path / "my-plan.ics"
    assert told and str(saved) in told[0] and "4 weekly events at 07:15" in told[0]
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    events = icalendar.Calendar.from_ical(saved.read_text()).walk("VEVENT")
    days = sorted(str(e.get("RRULE")["BYDAY"][0]) for e in events)
    assert days == ["FR", "MO", "TU", "WE"]
    for event in events:
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (7, 15)
        assert getattr(start.tzinfo, "key", "") == "Europe/Berlin"
