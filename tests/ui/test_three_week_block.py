"""A whole three-week block on a fake calendar, through the real window, to the comparison."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from coach.ui.checkins.comparison import print_html, save_pdf
from tests.driver import Person
from tests.helpers import FakeClock
from tests.ui.conftest import open_window

DAY_ONE = datetime(2026, 3, 2, 8, tzinfo=UTC)


class Calendar:
    def __init__(self) -> None:
        self.today = DAY_ONE

    def __call__(self) -> datetime:
        return self.today


def at_the_window(qtbot: QtBot, data_dir: Path, clock: FakeClock, calendar: Calendar) -> Person:
    """The program started on this data, on this calendar, as the active window."""
    window = open_window(qtbot, data_dir, clock, screened=False, now=calendar)
    return Person(qtbot, window, clock)


def baseline(person: Person) -> None:
    """Average pain 6; socks (suggested) and gardening (own words), rated 7 and 5."""
    person.answer_pain(6)
    picker = person.activities
    assert person.on(picker)
    person.qtbot.mouseClick(picker.buttons[0], Qt.MouseButton.LeftButton)  # putting on socks
    person.qtbot.keyClicks(picker.own, "Gardening")
    person.qtbot.keyClick(picker.own, Qt.Key.Key_Return)
    assert picker.picked == ["Putting on socks", "Gardening"]
    person.qtbot.keyClick(picker.continue_button, Qt.Key.Key_Return)
    assert person.pain.question.text() == "How hard is this for you now: putting on socks?"
    person.answer_pain(7, 5)


def first_run(person: Person) -> None:
    """The welcome, the full screen all no, and the baseline (as in baseline())."""
    person.begin()
    person.answer_all_no()
    baseline(person)
    assert person.on(person.home)


def one_workout(person: Person, weekly: int | None = None) -> None:
    """Start the morning routine, do it all (hands-free after the first check), go back
    home."""
    person.start()
    if person.on(person.questions):  # none just after the first run's full screen
        person.answer_all_no()  # the full screen in weeks 2 and 3, the short one otherwise
    if weekly is not None:  # asked before the pain right now, when due
        assert person.pain.heading.text() == "Week 1 check-in"
        person.answer_pain(weekly)
    person.answer_pain(5)  # pain right now
    view = person.workout
    person.press(Qt.Key.Key_N)
    person.run_until(view.check_shown)
    person.press(Qt.Key.Key_R)  # all fine, about right
    person.run_until(lambda: not person.on(view), step=1)  # to the end, each check fine
    person.qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)
    assert person.on(person.home)


def test_a_skipped_weekly_check_in_is_not_asked_again_that_week(
    qtbot: QtBot, tmp_path: Path
) -> None:
    calendar, clock = Calendar(), FakeClock()
    person = at_the_window(qtbot, tmp_path, clock, calendar)
    first_run(person)
    one_workout(person)
    calendar.today = DAY_ONE + timedelta(days=8)
    person.window.reload()
    assert not person.home.block_button.isHidden()
    qtbot.mouseClick(person.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    person.answer_all_no()
    assert person.pain.heading.text() == "Week 1 check-in"
    person.skip_pain()
    assert person.pain.heading.text() == "Before you start"
    person.skip_pain()
    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)  # end at once
    qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)
    calendar.today = DAY_ONE + timedelta(days=10)
    person.window.reload()
    assert person.home.block_button.isHidden()
    qtbot.mouseClick(person.home.start_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    person.answer_all_no()
    assert person.pain.heading.text() == "Before you start"


def test_three_weeks_of_workouts_end_on_an_honest_comparison(qtbot: QtBot, tmp_path: Path) -> None:
    calendar, clock = Calendar(), FakeClock()
    person = at_the_window(qtbot, tmp_path, clock, calendar)
    first_run(person)

    for day in (0, 2, 4, 7, 9, 11, 14, 16):
        calendar.today = DAY_ONE + timedelta(days=day)
        person.window.reload()
        if day == 14:  # the weekly check-in from the home screen, before any workout
            assert person.home.block_label.text() == (
                "Week 2 is done: a quick check-in on your pain."
            )
            qtbot.keyClick(person.home, Qt.Key.Key_C)
            assert person.pain.heading.text() == "Week 2 check-in"
            person.answer_pain(4)
            assert person.on(person.home)
        one_workout(person, weekly=5 if day == 7 else None)
        assert person.home.block_button.isHidden()  # nothing due
        assert person.home.block_label.text() == (
            f"Three-week block: day {day + 1} of 21. Your comparison is due from Monday 23 March."
        )

    # Friday of week 3: a set of the bridge, then the stop key. Halted: not done.
    calendar.today = DAY_ONE + timedelta(days=18)
    person.window.reload()
    week = "This week: 2 of 3 workouts done. Today is a workout day."
    assert person.week_line() == week
    person.start()
    person.answer_all_no()
    person.answer_pain(5)
    person.press(Qt.Key.Key_N)
    person.run_until(lambda: person.sets_done(0) == 1)
    person.press(Qt.Key.Key_P)
    assert person.on(person.halt)
    person.key(Qt.Key.Key_Escape)
    stopped = "This week: 2 of 3 workouts done. Workouts wait for a clinician's all-clear."
    assert person.week_line() == stopped  # the halted workout adds nothing to "done"
    person.keys(Qt.Key.Key_W, Qt.Key.Key_C, Qt.Key.Key_Y)  # a clinician's all-clear

    calendar.today = DAY_ONE + timedelta(days=22)
    person.window.reload()
    assert not person.home.block_button.isHidden()
    qtbot.keyClick(person.home, Qt.Key.Key_C)
    assert person.pain.heading.text() == "Three weeks on"
    person.answer_pain(3)
    assert person.pain.question.text() == "How hard is this for you now: putting on socks?"
    person.answer_pain(4, 5)  # the same two activities: socks 7 -> 4, gardening 5 -> 5
    impression = person.impression
    assert person.on(impression)
    qtbot.keyClick(impression, Qt.Key.Key_2)
    qtbot.keyClick(impression, Qt.Key.Key_Return)

    comparison = person.comparison
    assert person.on(comparison)
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
    assert "How hard: Putting on socks\n7\n4\neasier by 3 points" in text
    assert "How hard: Gardening\n5\n5\nno change" in text
    assert "week 1: 3 of 3, week 2: 3 of 3, week 3: 2 of 3" in text
    assert "Not counted as done: 1 stopped for safety; 0 exercises skipped." in text
    assert "it is not a medical assessment" in text.lower()
    assert "see a clinician" in text

    pdf = tmp_path / "three-weeks.pdf"
    save_pdf(comparison.html, pdf)
    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    printed = document.getAllText(0).text()
    assert "You did 8 of 9 planned workouts." in " ".join(printed.split())

    qtbot.keyClick(comparison, Qt.Key.Key_N)  # a new block: this one stays readable
    assert person.on(person.home)
    blocks = person.services.checkins.blocks()
    assert len(blocks) == 1 and blocks[0].ended_at is not None
    assert person.services.checkins.current_block() is None

    # The ended block is listed and reads the same; it cannot be "started anew" again.
    home = person.home
    assert home.blocks_button.isVisibleTo(home)
    qtbot.keyClick(home, Qt.Key.Key_B)
    listed = person.blocks
    assert person.on(listed)
    assert listed.list.count() == 1
    assert listed.list.item(0).text() == (
        "2 March 2026 to 24 March 2026 · Morning bridge & core\nYour average pain went from 6"
        " to 3 (-50%). Many people with back pain describe a change like that as meaningful."
        " You did 8 of 9 planned workouts."
    )
    qtbot.keyClick(listed.list, Qt.Key.Key_Return)
    assert person.on(comparison)
    assert comparison.text.toPlainText() == text.replace(
        "\nStarted 2 March 2026\n", "\n2 March 2026 to 24 March 2026\n"
    )
    assert not comparison.new_button.isVisibleTo(comparison)
    qtbot.keyClick(comparison, Qt.Key.Key_N)  # does nothing here
    assert len(person.services.checkins.blocks()) == 1
    qtbot.keyClick(comparison, Qt.Key.Key_Escape)
    assert person.on(listed)
    qtbot.keyClick(listed, Qt.Key.Key_Escape)
    assert person.on(home)


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


def test_a_three_week_check_in_left_part_way_is_finished_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    calendar, clock = Calendar(), FakeClock()
    person = at_the_window(qtbot, tmp_path, clock, calendar)
    first_run(person)
    calendar.today = DAY_ONE + timedelta(days=23)
    person.window.close()  # the person quits in the middle of the three-week check-in
    person = at_the_window(qtbot, tmp_path, clock, calendar)  # the program started again
    qtbot.keyClick(person.home, Qt.Key.Key_C)
    person.answer_pain(4)  # average pain
    person.answer_pain(6)  # socks
    person.window.close()

    person = at_the_window(qtbot, tmp_path, clock, calendar)  # the program started again
    assert person.home.block_label.text() == "Your three-week check-in is not finished."
    qtbot.keyClick(person.home, Qt.Key.Key_C)
    view = person.pain
    assert view.question.text() == "How hard is this for you now: gardening?"  # only what is left
    person.answer_pain(3)
    qtbot.keyClick(person.impression, Qt.Key.Key_3)
    qtbot.keyClick(person.impression, Qt.Key.Key_Return)
    text = person.comparison.text.toPlainText()
    assert "How hard: Putting on socks\n7\n6\neasier by 1 point" in text
    assert "How hard: Gardening\n5\n3\neasier by 2 points" in text
    assert "How you feel things have changed: minimally improved" in text
