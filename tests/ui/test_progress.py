"""The progress screen in the real window: empty, and with a year of history."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QCategoryAxis,
    QLegend,
    QXYSeries,
)
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coach.core.figures import Bucket, Day, Range, bar_labels
from coach.services.progress import Chart
from coach.ui.progress.calendar import SMALLEST
from coach.ui.progress.charts import date_marks
from coach.ui.progress.view import EMPTY, ProgressView
from tests.bench.synthetic import make_history
from tests.driver import Person
from tests.helpers import sqlite
from tests.ui.conftest import MakePerson

TODAY = datetime(2026, 3, 4, 18, tzinfo=UTC)  # a Wednesday


def open_progress(person: Person) -> ProgressView:
    person.key(Qt.Key.Key_G)
    view = person.showing()
    assert isinstance(view, ProgressView)
    return view


@pytest.fixture
def year_person(make_person: MakePerson, tmp_path: Path) -> Person:
    """A person with a year of history, on 4 March 2026."""
    make_history(tmp_path / "data", years=1, daily=False, end=TODAY.date())
    return make_person(screened=False, now=lambda: TODAY)


def test_with_no_data_each_chart_says_what_to_do(qtbot: QtBot, make_person: MakePerson) -> None:
    person = make_person()
    view = open_progress(person)
    assert not view.range_buttons[Range.BLOCK].isEnabled()  # no block yet
    assert view.range_buttons[Range.MONTHS].isChecked()
    for key, chart in [
        (Qt.Key.Key_P, Chart.PAIN),
        (Qt.Key.Key_W, Chart.WORKOUTS),
        (Qt.Key.Key_X, Chart.EXERCISES),
        (Qt.Key.Key_C, Chart.CALENDAR),
    ]:
        person.key(key)
        assert view.chart_kind is chart
        assert view.pages.currentWidget() is view.empty
        assert view.empty.text() == EMPTY[chart]
        assert not view.save_button.isEnabled()
    person.key(Qt.Key.Key_E)
    assert view.pages.currentWidget() is view.empty
    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)


A = TypeVar("A", bound=QAbstractAxis)


def axis_of(view: ProgressView, kind: type[A]) -> A:
    """The shown chart's axis of this kind."""
    chart = view.chart
    assert chart is not None
    return next(a for a in chart.axes() if isinstance(a, kind))


def _count(person: Person, sql: str, *parameters: str) -> int:
    with sqlite(person.services.data.path) as db:
        return int(db.execute(sql, parameters).fetchone()[0])


def test_a_year_of_history_in_each_chart(qtbot: QtBot, year_person: Person) -> None:
    person = year_person
    view = open_progress(person)
    assert view.range is Range.BLOCK  # the current block, when there is one

    person.key(Qt.Key.Key_M)
    person.key(Qt.Key.Key_W)
    since = (TODAY - timedelta(days=91)).isoformat()
    done = _count(
        person,
        "SELECT COUNT(*) FROM workout w WHERE started_at >= ?"
        " AND EXISTS (SELECT 1 FROM workout_set s WHERE s.workout_id = w.id)",
        since,
    )
    assert done > 20
    assert view.caption.text().startswith(f"{done} workouts in this range.")
    assert "Your plan: 3 a week" in view.caption.text()
    chart = view.chart
    assert chart is not None
    bars = next(s for s in chart.series() if isinstance(s, QBarSeries))
    weeks = bars.barSets()[0]
    assert weeks.count() == 14  # 91 days, from a Wednesday, touch 14 Monday-to-Sunday weeks
    assert sum(weeks.at(i) for i in range(weeks.count())) == done
    assert weeks.at(13) == 1  # this week: Monday's workout
    weeks.hovered.emit(True, 13)
    assert view.caption.text() == "The week of 2 March 2026: 1 workout (plan: 3)"
    # Without a mouse: the arrow keys read the bars, from the latest back.
    person.key(Qt.Key.Key_Left)
    assert view.caption.text() == "14 of 14: The week of 2 March 2026: 1 workout (plan: 3)"
    assert weeks.isBarSelected(13) and not weeks.isBarSelected(12)  # marked on the chart
    person.key(Qt.Key.Key_Left)
    before = int(weeks.at(12))
    assert view.caption.text() == (
        f"13 of 14: The week of 23 February 2026: {before} workouts (plan: 3)"
    )
    for _ in range(20):
        person.key(Qt.Key.Key_Left)
    # The range begins on Wednesday 3 December: its first bar counts from that day.
    assert view.caption.text().startswith("1 of 14: From 3 December 2025 to the end of that week: ")

    person.key(Qt.Key.Key_E)  # a year: a bar a month
    chart = view.chart
    assert chart is not None
    bars = next(s for s in chart.series() if isinstance(s, QBarSeries))
    assert [b.label() for b in bars.barSets()] == ["Workouts done", "Halted by the safety check"]
    assert bars.barSets()[0].count() == 13
    assert "2 halted by the safety check" in view.caption.text()

    person.key(Qt.Key.Key_P)
    chart = view.chart
    assert chart is not None
    lines = {s.name(): s for s in chart.series() if isinstance(s, QXYSeries)}
    assert set(lines) == {
        "Before a workout (monthly average)",
        "After (monthly average)",
        "Average pain (check-ins)",
    }
    # The legend shows each series' own mark: circles, triangles, a line; not squares.
    shapes = {marker.label(): marker.shape() for marker in chart.legend().markers()}
    from_series = QLegend.MarkerShape.MarkerShapeFromSeries
    assert chart.legend().markerShape() == from_series
    assert all(shape in (from_series, QLegend.MarkerShape.MarkerShapeDefault)
               for shape in shapes.values()), shapes  # fmt: skip
    person.key(Qt.Key.Key_Left)  # the latest point, marked where it is drawn
    marked = [(name, line.selectedPoints()) for name, line in lines.items()
              if line.selectedPoints()]  # fmt: skip
    assert len(marked) == 1 and len(marked[0][1]) == 1, marked
    name, [index] = marked[0]
    assert lines[name].at(index).x() == max(
        line.at(line.count() - 1).x() for line in lines.values() if line.count()
    )
    average = lines["Average pain (check-ins)"]
    first = average.at(0)
    average.hovered.emit(QPointF(first.x(), first.y()), True)
    assert view.caption.text().startswith("Average pain, March 2025: ")
    assert view.caption.text().endswith(str(round(first.y(), 1)).removesuffix(".0"))

    person.key(Qt.Key.Key_X)
    assert view.exercise_box.isVisible()
    bird_dog = _count(person, "SELECT COUNT(*) FROM workout_set WHERE exercise_id = 'bird-dog'")
    assert view.exercise_box.currentText() == f"Bird dog  ({bird_dog} sets)"  # the most done
    assert view.exercise_key.isVisible() and view.exercise_key.text() == "Exercise  [N]"
    before = view.exercise_box.currentIndex()
    person.key(Qt.Key.Key_N)  # the next exercise, by one key
    assert view.exercise_box.currentIndex() == (before + 1) % view.exercise_box.count()
    assert view.exercise_box.currentText().split("  (")[0] in view.caption.text()
    view.exercise_box.setCurrentIndex(view.exercise_box.findData("glute-bridge"))
    sets = _count(person, "SELECT COUNT(*) FROM workout_set WHERE exercise_id = 'glute-bridge'")
    assert view.caption.text().startswith(f"Glute bridge: {sets} sets in this range, ")

    person.key(Qt.Key.Key_C)
    assert view.pages.currentWidget() is view.calendar
    data = view.calendar.data
    assert len(data.months) == 12
    assert data.state(datetime(2026, 3, 2).date()) is Day.DONE
    assert data.state(datetime(2026, 3, 3).date()) is Day.REST  # Tuesday: not a plan day
    assert data.state(datetime(2026, 3, 5).date()) is Day.TO_COME
    missed = data.counts()[Day.MISSED]
    assert f"{missed} workout days missed" in view.caption.text()
    assert missed > 0
    view.calendar.repaint()  # lays out the day cells
    monday = datetime(2026, 3, 2).date()
    cell = next(c for c in _cells(view) if view.calendar.day_at(c) == monday)
    move = QMouseEvent(
        QEvent.Type.MouseMove, QPointF(cell), QPointF(cell), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(view.calendar, move)
    assert view.caption.text() == "Monday 2 March 2026: Workout done"
    for _ in range(3):
        person.key(Qt.Key.Key_Left)  # today, Tuesday, Monday
    assert view.caption.text().endswith(": Monday 2 March 2026: Workout done")
    assert view.calendar.read == monday  # ringed on the calendar


def test_the_calendar_draws_no_text_too_small_to_read(qtbot: QtBot, year_person: Person) -> None:
    person = year_person
    person.window.resize(1366, 768)
    view = open_progress(person)
    person.key(Qt.Key.Key_C)
    for key, months, numbers in ((Qt.Key.Key_E, 12, False), (Qt.Key.Key_M, 3, True),
                                 (Qt.Key.Key_B, 2, True)):  # fmt: skip
        person.key(key)
        assert len(view.calendar.data.months) == months
        view.calendar.repaint()
        sizes = view.calendar.sizes
        drawn = [sizes.title, sizes.weekdays, sizes.numbers]
        assert all(points >= SMALLEST for points in drawn if points is not None), (key, sizes)
        assert (sizes.numbers is not None) == numbers, (key, sizes)  # a year: marks alone
        assert sizes.weekdays is not None
    assert view.caption.text().startswith("In these 2 months: ")  # the block's


def test_a_year_of_days_keeps_its_marks_large_enough_to_tell_apart_in_a_small_window(
    qtbot: QtBot, year_person: Person
) -> None:
    person = year_person
    person.window.resize(1024, 640)
    view = open_progress(person)
    person.key(Qt.Key.Key_C)
    person.key(Qt.Key.Key_E)
    view.calendar.repaint()
    marks = [cell.width() for cell, _day in view.calendar._cells]
    assert len(marks) == 365  # the twelve months, each day drawn
    assert min(marks) >= 9  # two rows of six months: three of four left 4 px a day


def _cells(view: ProgressView) -> list[QPoint]:
    """Points across the calendar, 8 pixels apart."""
    size = view.calendar.size()
    return [QPoint(x, y) for y in range(0, size.height(), 8) for x in range(0, size.width(), 8)]


def test_each_chart_can_be_saved_as_a_picture(
    qtbot: QtBot, year_person: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = year_person
    view = open_progress(person)
    for key in (Qt.Key.Key_P, Qt.Key.Key_C):
        person.key(key)
        target = tmp_path / view.picture_name()
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *args, target=target: (str(target), "")
        )
        person.key(Qt.Key.Key_S)
        picture = QImage(str(target))
        page = view.pages.currentWidget()
        assert isinstance(page, QWidget)
        assert (picture.width(), picture.height()) == (page.width(), page.height())
        assert view.caption.text() == f"Saved as {target}."
    warnings: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "gone" / "x.png"), "")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    person.key(Qt.Key.Key_S)
    assert warnings == ["The picture could not be saved: No such file or directory."]


def test_bar_labels_are_short_and_each_one_differs() -> None:
    weeks = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(26)]
    labels = bar_labels(weeks, Bucket.WEEK)
    assert labels[:5] == ["5 Jan", "12", "19", "26", "2 Feb"]
    assert len(set(labels)) == 26
    # Monday the 9th in February and in March: the same on screen, two categories.
    assert labels[5] == "9" and labels[9] == "9\u200b"
    months = [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert bar_labels(months, Bucket.MONTH) == ["Nov 2025", "Dec", "Jan 2026"]
    year = [date(2025, 11 + n, 1) if n < 2 else date(2026, n - 1, 1) for n in range(13)]
    assert bar_labels(year, Bucket.MONTH)[:3] == ["Nov 25", "Dec", "Jan 26"]


def test_going_through_every_chart_and_range_again_and_again_never_crashes(
    qtbot: QtBot, year_person: Person
) -> None:
    """A chart left in the chart view while the calendar or the empty page shows was
    deleted under it, and the next chart shown touched it (a segmentation fault)."""
    view = open_progress(year_person)
    keys = [Qt.Key.Key_W, Qt.Key.Key_X, Qt.Key.Key_C, Qt.Key.Key_B, Qt.Key.Key_M,
            Qt.Key.Key_E, Qt.Key.Key_P, Qt.Key.Key_C, Qt.Key.Key_P]  # fmt: skip
    for _ in range(5):
        for key in keys:
            year_person.key(key)
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            qtbot.wait(1)
            page = view.pages.currentWidget()
            assert page in (view.chart_view, view.calendar, view.empty)
            if page is view.chart_view:
                assert view.chart_view.chart() is view.chart  # the chart on show is alive
                view.chart_view.grab()  # and drawn


def test_a_block_that_begins_mid_week_names_its_first_bar_from_that_day(
    qtbot: QtBot, year_person: Person
) -> None:
    """The block began on Tuesday 24 February: its first bar counts only the days from
    then, so it is not called the week of Monday 23 February."""
    view = open_progress(year_person)
    year_person.key(Qt.Key.Key_B)
    year_person.key(Qt.Key.Key_W)
    assert axis_of(view, QBarCategoryAxis).categories()[0] == "24 Feb"
    assert view.readings[0].startswith("From 24 February 2026 to the end of that week: ")
    assert view.readings[1].startswith("The week of 2 March 2026: ")


def test_date_labels_fall_on_the_same_kind_of_day_evenly_by_the_calendar() -> None:
    year = date_marks(date(2025, 3, 4), date(2026, 3, 4))
    assert [label for _, label in year] == [
        "Apr 2025", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        "Jan 2026", "Feb", "Mar",
    ]  # fmt: skip
    assert all(day.day == 1 for day, _ in year)  # never Nov, Jan, Mar, May, Jun...
    months = date_marks(date(2025, 12, 3), date(2026, 3, 4))
    days = [day for day, _ in months]
    assert all(day.weekday() == 0 for day in days) and len(days) <= 8
    gaps = {(b - a).days for a, b in pairwise(days)}
    assert len(gaps) == 1  # every label the same number of weeks on
    long = date_marks(date(2020, 3, 4), date(2026, 3, 4))
    assert len(long) <= 12 and all(day.month in (1, 7) for day, _ in long)


def test_a_chart_s_date_axis_is_labelled_on_the_first_of_each_month(
    qtbot: QtBot, year_person: Person
) -> None:
    view = open_progress(year_person)
    year_person.key(Qt.Key.Key_P)
    year_person.key(Qt.Key.Key_E)
    labels = axis_of(view, QCategoryAxis).categoriesLabels()
    assert labels[0].endswith("2025") and "Jan 2026" in labels
    assert len(labels) == len(set(labels)) <= 12


def test_the_pain_sentence_starts_from_a_point_the_chart_shows(
    qtbot: QtBot, year_person: Person
) -> None:
    """A month's average sits on the month's first day, which came before the range's: it
    was drawn off the chart, while the sentence under it started from it."""
    view = open_progress(year_person)
    year_person.key(Qt.Key.Key_P)
    for range_key in (Qt.Key.Key_E, Qt.Key.Key_M, Qt.Key.Key_B):
        year_person.key(range_key)
        axis = axis_of(view, QCategoryAxis)
        chart = view.chart
        assert chart is not None
        for line in chart.series():
            assert isinstance(line, QXYSeries)
            for index in range(line.count()):
                assert axis.min() <= line.at(index).x() <= axis.max(), line.name()
        average = next(s for s in chart.series() if s.name() == "Average pain (check-ins)")
        assert isinstance(average, QXYSeries)
        if "went from" in view.caption.text():
            said = view.caption.text().split("went from ")[1].split(" in ")[0]
            assert said == str(round(average.at(0).y(), 1)).removesuffix(".0")


def test_the_figures_are_read_on_a_worker_and_a_later_choice_wins(
    qtbot: QtBot, year_person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a chart's figures are read the window answers keys; a chart chosen meanwhile
    is the one drawn, and the first one's figures, come later, are dropped."""
    view = open_progress(year_person)
    figures = view._figures
    read_figures = figures.figures
    on_main: list[bool] = []

    def slow_figures(*args: object) -> object:
        on_main.append(threading.current_thread() is threading.main_thread())
        time.sleep(0.15)
        return read_figures(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(figures, "figures", slow_figures)
    QTimer.singleShot(40, lambda: year_person.key(Qt.Key.Key_C))  # while workouts are read
    year_person.key(Qt.Key.Key_W)
    assert on_main == [False, False]  # both read on a worker
    assert view.chart_kind is Chart.CALENDAR
    assert view.pages.currentWidget() is view.calendar
    assert view.chart_buttons[Chart.CALENDAR].isChecked()
    assert view.caption.text() == view.summary != ""


def test_cancel_while_the_figures_are_read_leaves_the_chart_as_it_was(
    qtbot: QtBot, year_person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_progress(year_person)
    year_person.key(Qt.Key.Key_W)
    shown, summary, before = view.chart, view.caption.text(), view.range
    assert shown is not None and summary and before is not Range.ALL
    figures = view._figures
    list_exercises = figures.exercises

    def slow_exercises(chosen: Range) -> list[tuple[str, str]]:
        time.sleep(0.6)
        return list_exercises(chosen)

    monkeypatch.setattr(figures, "exercises", slow_exercises)
    asked: list[object] = []
    monkeypatch.setattr(figures, "figures", lambda *args: asked.append(args))

    def press_cancel() -> None:  # the progress bar shows once the reading takes 300 ms
        dialog = view.findChild(QProgressDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(30, press_cancel)
            return
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        button.click()

    QTimer.singleShot(30, press_cancel)
    year_person.key(Qt.Key.Key_E)  # everything
    assert asked == []  # stopped before the figures were read
    assert view.chart is shown and view.caption.text() == summary
    assert view.range is before and view.range_buttons[before].isChecked()
    assert not view.range_buttons[Range.ALL].isChecked()
    assert view.chart_kind is Chart.WORKOUTS and view.chart_buttons[Chart.WORKOUTS].isChecked()


def test_the_exercise_list_is_read_once_for_a_range_and_again_when_the_screen_opens(
    qtbot: QtBot, year_person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_progress(year_person)
    figures = view._figures
    list_exercises, ranges = figures.exercises, []

    def counted(chosen: Range) -> list[tuple[str, str]]:
        ranges.append(chosen)
        return list_exercises(chosen)

    monkeypatch.setattr(figures, "exercises", counted)
    year_person.keys(Qt.Key.Key_W, Qt.Key.Key_X, Qt.Key.Key_C, Qt.Key.Key_P)  # charts
    assert ranges == []
    year_person.keys(Qt.Key.Key_E, Qt.Key.Key_X)  # everything, then a chart of it
    assert ranges == [Range.ALL]
    year_person.key(Qt.Key.Key_Escape)
    open_progress(year_person)  # afresh: workouts may have been done since
    assert len(ranges) == 2
