"""The weekly plan: choosing the days, and what the home screen says about this week."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.resources import locate
from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock
from tests.ui.conftest import RecordingCues, answer_all_no
from tests.ui.test_three_week_block import DAY_ONE, Calendar, one_workout


def open_window(qtbot: QtBot, tmp_path: Path, calendar: Calendar, clock: FakeClock) -> MainWindow:
    window = build_main_window(
        tmp_path, clock=clock, cues=RecordingCues(locate().sounds), now=calendar
    )
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_the_week_is_planned_by_day_and_the_home_screen_follows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    calendar, clock = Calendar(), FakeClock()  # a Monday
    window = open_window(qtbot, tmp_path, calendar, clock)
    answer_all_no(qtbot, window)
    home = window.home
    assert home.week_label.text() == "This week: 0 of 3 workouts done. Today is a workout day."
    one_workout(qtbot, window, clock, first=True)
    assert home.week_label.text() == "This week: 1 of 3 workouts done. Today's workout is done."
    calendar.today = DAY_ONE + timedelta(days=1)
    window.reload()
    assert home.week_label.text() == (
        "This week: 1 of 3 workouts done. Next workout day: Wednesday."
    )

    qtbot.keyClick(home, Qt.Key.Key_D)
    plan = window.plan_view
    assert window.stack.currentWidget() is plan
    assert plan.chosen == [0, 2, 4]  # Monday, Wednesday, Friday to begin with
    for key in (Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_5):  # all off
        qtbot.keyClick(plan, key)
    assert plan.count.text() == "Pick at least one day."
    qtbot.keyClick(plan, Qt.Key.Key_Return)  # an empty week cannot be saved
    assert window.stack.currentWidget() is plan and not plan.save_button.isEnabled()
    qtbot.keyClick(plan, Qt.Key.Key_2)
    qtbot.keyClick(plan, Qt.Key.Key_4)
    assert plan.count.text() == "2 workouts a week."
    qtbot.keyClick(plan, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is home
    assert home.week_label.text() == "This week: 1 of 2 workouts done. Today is a workout day."

    qtbot.keyClick(home, Qt.Key.Key_D)
    qtbot.keyClick(plan, Qt.Key.Key_7)
    qtbot.keyClick(plan, Qt.Key.Key_Escape)  # back without a change
    assert window.checkins.log.plan_days() == {1, 3}

    block = window.checkins.log.current_block()
    assert block is not None
    assert window.checkins.log.comparison(block).workouts.planned == 6  # 2 a week for 3 weeks

    window.close()
    reopened = build_main_window(tmp_path, clock=clock, cues=RecordingCues(locate().sounds))
    qtbot.addWidget(reopened)
    assert reopened.checkins.log.plan_days() == {1, 3}  # kept
