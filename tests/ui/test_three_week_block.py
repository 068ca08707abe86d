"""A whole three-week block on a fake calendar, through the real window, to the comparison."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.resources import locate
from coach.ui.checkins.comparison import print_html, save_pdf
from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock
from tests.ui.conftest import RecordingCues, answer_all_no, answer_pain, skip_pain
from tests.ui.test_workout_flow import press, run_until

DAY_ONE = datetime(2026, 3, 2, 8, tzinfo=UTC)


class Calendar:
    def __init__(self) -> None:
        self.today = DAY_ONE

    def __call__(self) -> datetime:
        return self.today


def baseline(qtbot: QtBot, window: MainWindow) -> None:
    """Average pain 6; socks (suggested) and gardening (own words), rated 7 and 5."""
    answer_pain(qtbot, window, 6)
    picker = window.checkins.activity_view
    assert window.stack.currentWidget() is picker
    qtbot.mouseClick(picker.buttons[0], Qt.MouseButton.LeftButton)  # putting on socks
    qtbot.keyClicks(picker.own, "Gardening")
    qtbot.keyClick(picker.own, Qt.Key.Key_Return)
    assert picker.picked == ["Putting on socks", "Gardening"]
    qtbot.keyClick(picker.continue_button, Qt.Key.Key_Return)
    assert window.checkins.view.question.text() == "How hard is this for you now: putting on socks?"
    answer_pain(qtbot, window, 7, 5)


def one_workout(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, first: bool, weekly: int | None = None
) -> None:
    """Start the morning routine, do the bridge, end the workout, go back home."""
    qtbot.mouseClick(window.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)  # the full screen in weeks 2 and 3, the short one otherwise
    if first:
        baseline(qtbot, window)
    if weekly is not None:  # asked before the pain right now, when due
        assert window.checkins.view.heading.text() == "Week 1 check-in"
        answer_pain(qtbot, window, weekly)
    answer_pain(qtbot, window, 5)  # pain right now
    view = window.workout_view
    press(qtbot, window, Qt.Key.Key_N)
    run_until(window, clock, lambda: view.controls.currentWidget() is view.check_bar)
    press(qtbot, window, Qt.Key.Key_R)  # all fine, about right
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)
    skip_pain(qtbot, window)
    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home


def test_a_skipped_weekly_check_in_is_not_asked_again_that_week(
    qtbot: QtBot, tmp_path: Path
) -> None:
    calendar, clock = Calendar(), FakeClock()
    window = build_main_window(
        tmp_path, clock=clock, cues=RecordingCues(locate().sounds), now=calendar
    )
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    answer_all_no(qtbot, window)
    one_workout(qtbot, window, clock, first=True)
    calendar.today = DAY_ONE + timedelta(days=8)
    window.reload()
    assert not window.home.block_button.isHidden()
    qtbot.mouseClick(window.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)
    assert window.checkins.view.heading.text() == "Week 1 check-in"
    skip_pain(qtbot, window)
    assert window.checkins.view.heading.text() == "Before you start"
    skip_pain(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)  # end at once
    skip_pain(qtbot, window)
    qtbot.keyClick(window.summary.back_button, Qt.Key.Key_Return)
    calendar.today = DAY_ONE + timedelta(days=10)
    window.reload()
    assert window.home.block_button.isHidden()
    qtbot.mouseClick(window.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)
    assert window.checkins.view.heading.text() == "Before you start"


def test_three_weeks_of_workouts_end_on_an_honest_comparison(qtbot: QtBot, tmp_path: Path) -> None:
    calendar, clock = Calendar(), FakeClock()
    window = build_main_window(
        tmp_path, clock=clock, cues=RecordingCues(locate().sounds), now=calendar
    )
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    answer_all_no(qtbot, window)  # the first run's full screen

    for number, day in enumerate((0, 2, 4, 7, 9, 11, 14, 16)):
        calendar.today = DAY_ONE + timedelta(days=day)
        window.reload()
        if day == 14:  # the weekly check-in from the home screen, before any workout
            assert window.home.block_label.text() == (
                "Week 2 is done: a quick check-in on your pain."
            )
            qtbot.keyClick(window.home, Qt.Key.Key_C)
            assert window.checkins.view.heading.text() == "Week 2 check-in"
            answer_pain(qtbot, window, 4)
            assert window.stack.currentWidget() is window.home
        one_workout(qtbot, window, clock, first=number == 0, weekly=5 if day == 7 else None)
        assert window.home.block_button.isHidden()  # nothing due
        assert window.home.block_label.text() == (
            f"Three-week block: day {day + 1} of 21. Your comparison is due from Monday 23 March."
        )

    calendar.today = DAY_ONE + timedelta(days=22)
    window.reload()
    assert not window.home.block_button.isHidden()
    qtbot.keyClick(window.home, Qt.Key.Key_C)
    assert window.checkins.view.heading.text() == "Three weeks on"
    answer_pain(qtbot, window, 3)
    assert window.checkins.view.question.text() == "How hard is this for you now: putting on socks?"
    answer_pain(qtbot, window, 4, 5)  # the same two activities: socks 7 -> 4, gardening 5 -> 5
    impression = window.checkins.impression_view
    assert window.stack.currentWidget() is impression
    qtbot.keyClick(impression, Qt.Key.Key_2)
    qtbot.keyClick(impression, Qt.Key.Key_Return)

    comparison = window.comparison
    assert window.stack.currentWidget() is comparison
    text = comparison.text.toPlainText()
    assert text.startswith("Three weeks of Morning bridge & core")
    assert (
        "Your average pain went from 6 to 3 (-50%). Many people with back pain describe a"
        " change like that as meaningful. You did 8 of 9 planned workouts." in text
    )
    assert (
        "Average pain along the way: 6 at the start, 5 after week 1, 4 after week 2,"
        " 3 at three weeks." in text
    )
    assert "How you feel things have changed: much improved" in text
    assert "How hard: Putting on socks\n7\n4\n-3 points" in text
    assert "How hard: Gardening\n5\n5\n+0 points" in text
    assert "week 1: 3 of 3, week 2: 3 of 3, week 3: 2 of 3" in text
    assert "it is not a medical assessment" in text.lower()
    assert "see a clinician" in text

    pdf = tmp_path / "three-weeks.pdf"
    save_pdf(comparison.html, pdf)
    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    printed = document.getAllText(0).text()
    assert "You did 8 of 9 planned workouts." in " ".join(printed.split())

    qtbot.keyClick(comparison, Qt.Key.Key_N)  # a new block: this one stays readable
    assert window.stack.currentWidget() is window.home
    blocks = window.checkins.log.blocks()
    assert len(blocks) == 1 and blocks[0].ended_at is not None
    assert window.checkins.log.current_block() is None

    # The ended block is listed and reads the same; it cannot be "started anew" again.
    home = window.home
    assert home.blocks_button.isVisibleTo(home)
    qtbot.keyClick(home, Qt.Key.Key_B)
    listed = window.blocks.list_view
    assert window.stack.currentWidget() is listed
    assert listed.list.count() == 1
    assert listed.list.item(0).text() == (
        "2 March 2026 to 24 March 2026 · Morning bridge & core\nYour average pain went from 6"
        " to 3 (-50%). Many people with back pain describe a change like that as meaningful."
        " You did 8 of 9 planned workouts."
    )
    qtbot.keyClick(listed.list, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is comparison
    assert comparison.text.toPlainText() == text.replace(
        "\nStarted 2 March 2026\n", "\n2 March 2026 to 24 March 2026\n"
    )
    assert not comparison.new_button.isVisibleTo(comparison)
    qtbot.keyClick(comparison, Qt.Key.Key_N)  # does nothing here
    assert len(window.checkins.log.blocks()) == 1
    qtbot.keyClick(comparison, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is listed
    qtbot.keyClick(listed, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is home


def test_the_comparison_prints_and_a_failed_save_says_so(tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    html = "<h1>Three weeks of Hip openers</h1><p>You did 9 of 9 planned workouts.</p>"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_html(html, printer)
    document = QPdfDocument()
    assert document.load(str(tmp_path / "printed.pdf")) == QPdfDocument.Error.None_
    assert "You did 9 of 9 planned workouts." in document.getAllText(0).text()
    with pytest.raises(OSError):
        save_pdf(html, tmp_path / "no such folder" / "three-weeks.pdf")


def reopen(qtbot: QtBot, data_dir: Path, clock: FakeClock, calendar: Calendar) -> MainWindow:
    """The program started again on the same data, as the active window."""
    window = build_main_window(
        data_dir, clock=clock, cues=RecordingCues(locate().sounds), now=calendar
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_three_week_check_in_left_part_way_is_finished_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    calendar, clock = Calendar(), FakeClock()
    cues = RecordingCues(locate().sounds)
    window = build_main_window(tmp_path, clock=clock, cues=cues, now=calendar)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    answer_all_no(qtbot, window)
    qtbot.mouseClick(window.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    answer_all_no(qtbot, window)
    baseline(qtbot, window)
    calendar.today = DAY_ONE + timedelta(days=23)
    window.close()  # the person quits in the middle of the three-week check-in
    window = reopen(qtbot, tmp_path, clock, calendar)
    qtbot.keyClick(window.home, Qt.Key.Key_C)
    answer_pain(qtbot, window, 4)  # average pain
    answer_pain(qtbot, window, 6)  # socks
    window.close()

    window = reopen(qtbot, tmp_path, clock, calendar)
    assert window.home.block_label.text() == "Your three-week check-in is not finished."
    qtbot.keyClick(window.home, Qt.Key.Key_C)
    view = window.checkins.view
    assert view.question.text() == "How hard is this for you now: gardening?"  # only what is left
    answer_pain(qtbot, window, 3)
    qtbot.keyClick(window.checkins.impression_view, Qt.Key.Key_3)
    qtbot.keyClick(window.checkins.impression_view, Qt.Key.Key_Return)
    text = window.comparison.text.toPlainText()
    assert "How hard: Putting on socks\n7\n6\n-1 points" in text
    assert "How hard: Gardening\n5\n3\n-2 points" in text
    assert "How you feel things have changed: minimally improved" in text
