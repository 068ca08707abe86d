"""Every chart, in every range, read back from the screen and checked against figures
worked by hand from a small history.

The history (all at noon UTC, so every local date is the same day; the plan is the
default Monday, Wednesday and Friday; today is Wednesday 4 March 2026):

    block    day                 pain before/after  glute bridge          average pain
    1        Mon 11 Aug 2025     7 / 6              2 sets x 8 reps      7 (baseline)
    2        Mon 5 Jan 2026      6 / 5              2 x 10               6 (baseline)
             Wed 7 Jan 2026      6 / 4              2 x 10
    3        Mon 23 Feb 2026     4 / 3              3 x 12               5 (baseline)
             Wed 25 Feb 2026     4 / -  (halted: pain spreading, after 1 set of 12)
             Mon 2 Mar 2026      3 / 2              3 x 14               4 (weekly)

This block begins on 23 February; three months back from 4 March is 3 December; the
whole history is over 26 weeks, so "everything" groups by month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QCategoryAxis, QLegend, QXYSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.checkins import CheckinKind
from coach.core.figures import Day, Range
from coach.core.outcome import Outcome
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import SetCompleted
from coach.services.progress import Chart
from coach.store.checkins import CheckinLog
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog
from coach.ui.progress.view import ProgressView
from tests.driver import Person
from tests.ui.conftest import MakePerson

TODAY = datetime(2026, 3, 4, 18, tzinfo=UTC)
D = date

# (day, pain before, pain after, sets, reps, halted, the block's average pain if it begins)
WORKOUTS = [
    (D(2025, 8, 11), 7, 6, 2, 8, False, 7),
    (D(2026, 1, 5), 6, 5, 2, 10, False, 6),
    (D(2026, 1, 7), 6, 4, 2, 10, False, None),
    (D(2026, 2, 23), 4, 3, 3, 12, False, 5),
    (D(2026, 2, 25), 4, None, 1, 12, True, None),
    (D(2026, 3, 2), 3, 2, 3, 14, False, None),
]


def write_history(data_dir: Path) -> None:
    database = open_database(data_dir / "coach.db")
    now = [TODAY]
    log, checkins = WorkoutLog(database, lambda: now[0]), CheckinLog(database, lambda: now[0])
    block = 0
    for day, before, after, sets, reps, halted, average in WORKOUTS:
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        if average is not None:
            now[0] = noon - timedelta(hours=1)
            block = checkins.start_block("morning-bridge-core")
            checkins.record(block, CheckinKind.BASELINE, average)
        now[0] = noon
        workout = log.begin("morning-bridge-core", "Morning bridge & core", 12)
        checkins.record(block, CheckinKind.BEFORE_WORKOUT, before, workout_id=workout)
        for number in range(1, sets + 1):
            now[0] += timedelta(minutes=4)
            log.record_set(workout, SetCompleted("glute-bridge", None, number, reps, None))
        now[0] += timedelta(minutes=4)
        if halted:
            log.halt(workout, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
        else:
            log.finish(workout, Outcome.FINISHED)
            checkins.record(block, CheckinKind.AFTER_WORKOUT, after, workout_id=workout)
    now[0] = datetime(2026, 3, 2, 13, tzinfo=UTC)
    checkins.record(block, CheckinKind.WEEKLY, 4)


@pytest.fixture
def chart_person(make_person: MakePerson, tmp_path: Path) -> Person:
    write_history(tmp_path / "data")
    return make_person(now=lambda: TODAY)


RANGE_KEYS = {Range.BLOCK: Qt.Key.Key_B, Range.MONTHS: Qt.Key.Key_M, Range.ALL: Qt.Key.Key_E}
CHART_KEYS = {Chart.PAIN: Qt.Key.Key_P, Chart.WORKOUTS: Qt.Key.Key_W,
              Chart.EXERCISES: Qt.Key.Key_X, Chart.CALENDAR: Qt.Key.Key_C}  # fmt: skip


def show(person: Person, chart: Chart, chosen: Range) -> ProgressView:
    person.key(Qt.Key.Key_G)
    view = person.showing()
    assert isinstance(view, ProgressView)
    person.key(CHART_KEYS[chart])
    person.key(RANGE_KEYS[chosen])
    if chart is Chart.EXERCISES:
        view.exercise_box.setCurrentIndex(view.exercise_box.findData("glute-bridge"))
    assert view.chart_kind is chart and view.range is chosen
    return view


def points(series: QXYSeries) -> list[tuple[date, float]]:
    """Each point as its local day and value."""
    return [(datetime.fromtimestamp(p.x() / 1000).date(), round(p.y(), 2))
            for p in series.points()]  # fmt: skip


def by_name(view: ProgressView) -> dict[str, QXYSeries]:
    assert view.chart is not None
    return {s.name(): s for s in view.chart.series() if isinstance(s, QXYSeries)}


def date_labels(view: ProgressView) -> list[str]:
    assert view.chart is not None
    axis = next(a for a in view.chart.axes() if isinstance(a, QCategoryAxis))
    return list(axis.categoriesLabels())


def legend(view: ProgressView) -> list[tuple[str, QLegend.MarkerShape]]:
    """Each legend entry and the shape it is drawn with (its own, else the legend's)."""
    assert view.chart is not None
    shared = view.chart.legend().markerShape()
    default = QLegend.MarkerShape.MarkerShapeDefault
    return [(m.label(), shared if m.shape() == default else m.shape())
            for m in view.chart.legend().markers()]  # fmt: skip


FROM_SERIES = QLegend.MarkerShape.MarkerShapeFromSeries
SQUARE = QLegend.MarkerShape.MarkerShapeRectangle
# The date axis: Mondays in a short range (every second one in three months), the first
# of each month in a long one.
DATE_AXIS = {
    Range.BLOCK: ["23 Feb", "2 Mar"],
    Range.MONTHS: ["8 Dec", "22 Dec", "5 Jan", "19 Jan", "2 Feb", "16 Feb", "2 Mar"],
    Range.ALL: ["Aug 2025", "Sep", "Oct", "Nov", "Dec", "Jan 2026", "Feb", "Mar"],
}

PAIN = {
    Range.BLOCK: (
        [(D(2026, 2, 23), 4), (D(2026, 2, 25), 4), (D(2026, 3, 2), 3)],
        [(D(2026, 2, 23), 3), (D(2026, 3, 2), 2)],
        [(D(2026, 2, 23), 5), (D(2026, 3, 2), 4)],
        "Your average pain went from 5 in the week of 23 February 2026 to 4 in the week of"
        " 2 March 2026. ← and → read each point.",
    ),
    Range.MONTHS: (
        [(D(2026, 1, 5), 6), (D(2026, 1, 7), 6), (D(2026, 2, 23), 4), (D(2026, 2, 25), 4),
         (D(2026, 3, 2), 3)],
        [(D(2026, 1, 5), 5), (D(2026, 1, 7), 4), (D(2026, 2, 23), 3), (D(2026, 3, 2), 2)],
        [(D(2026, 1, 5), 6), (D(2026, 2, 23), 5), (D(2026, 3, 2), 4)],
        "Your average pain went from 6 in the week of 5 January 2026 to 4 in the week of"
        " 2 March 2026. ← and → read each point.",
    ),
    Range.ALL: (  # monthly averages, each on the month's first day
        [(D(2025, 8, 1), 7), (D(2026, 1, 1), 6), (D(2026, 2, 1), 4), (D(2026, 3, 1), 3)],
        [(D(2025, 8, 1), 6), (D(2026, 1, 1), 4.5), (D(2026, 2, 1), 3), (D(2026, 3, 1), 2)],
        [(D(2025, 8, 1), 7), (D(2026, 1, 1), 6), (D(2026, 2, 1), 5), (D(2026, 3, 1), 4)],
        "Your average pain went from 7 in August 2025 to 4 in March 2026. ← and → read each"
        " point.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("chosen", list(Range))
def test_the_pain_chart_shows_each_figure_worked_by_hand(
    qtbot: QtBot, chart_person: Person, chosen: Range
) -> None:
    view = show(chart_person, Chart.PAIN, chosen)
    before, after, average, sentence = PAIN[chosen]
    what = "each workout" if chosen is not Range.ALL else "monthly average"
    lines = by_name(view)
    assert points(lines[f"Before a workout ({what})"]) == before
    assert points(lines[f"After ({what})"]) == after
    assert points(lines["Average pain (check-ins)"]) == average
    assert view.caption.text() == sentence
    assert date_labels(view) == DATE_AXIS[chosen]
    assert legend(view) == [(f"Before a workout ({what})", FROM_SERIES),
                            (f"After ({what})", FROM_SERIES),
                            ("Average pain (check-ins)", FROM_SERIES)]  # fmt: skip
    assert len(view.readings) == len(before) + len(after) + len(average)


WORKOUT_BARS = {
    Range.BLOCK: (["23 Feb", "2 Mar"], [1, 1], [1, 0], "2 workouts", "3 a week"),
    Range.MONTHS: (
        ["3 Dec", "8", "15", "22", "29", "5 Jan", "12", "19", "26", "2 Feb", "9", "16", "23",
         "2 Mar"],
        [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 1],
        [0] * 12 + [1, 0],
        "4 workouts",
        "3 a week",
    ),
    Range.ALL: (
        ["Aug 2025", "Sep", "Oct", "Nov", "Dec", "Jan 2026", "Feb", "Mar"],
        [1, 0, 0, 0, 0, 2, 1, 1],
        [0, 0, 0, 0, 0, 0, 1, 0],
        "5 workouts",
        "13 a month",  # 3 a week times 30.44 / 7 days
    ),
}  # fmt: skip


@pytest.mark.parametrize("chosen", list(Range))
def test_the_workouts_chart_shows_each_bar_worked_by_hand(
    qtbot: QtBot, chart_person: Person, chosen: Range
) -> None:
    view = show(chart_person, Chart.WORKOUTS, chosen)
    labels, done, halted, total, plan = WORKOUT_BARS[chosen]
    assert view.chart is not None
    bars = next(s for s in view.chart.series() if isinstance(s, QBarSeries))
    sets = {b.label(): [int(b.at(i)) for i in range(b.count())] for b in bars.barSets()}
    assert sets == {"Workouts done": done, "Halted by the safety check": halted}
    axis = next(a for a in view.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert [label.replace("\u200b", "") for label in axis.categories()] == labels
    line = by_name(view)[f"Your plan: {plan}"]
    assert {p.y() for p in line.points()} == {3.0 if "week" in plan else 3 * 30.44 / 7}
    assert view.caption.text() == (
        f"{total} in this range, 1 halted by the safety check. Your plan: {plan}."
    )
    assert legend(view) == [("Workouts done", SQUARE), ("Halted by the safety check", SQUARE),
                            (f"Your plan: {plan}", FROM_SERIES)]  # fmt: skip
    assert len(view.readings) == len(labels)


EXERCISE = {
    Range.BLOCK: ("week", [(D(2026, 2, 23), 48), (D(2026, 3, 2), 42)], 7, 90),
    Range.MONTHS: ("week", [(D(2026, 1, 5), 40), (D(2026, 2, 23), 48), (D(2026, 3, 2), 42)],
                   11, 130),
    Range.ALL: ("month", [(D(2025, 8, 1), 16), (D(2026, 1, 1), 40), (D(2026, 2, 1), 48),
                          (D(2026, 3, 1), 42)], 13, 146),
}  # fmt: skip


@pytest.mark.parametrize("chosen", list(Range))
def test_the_exercise_chart_shows_each_period_worked_by_hand(
    qtbot: QtBot, chart_person: Person, chosen: Range
) -> None:
    view = show(chart_person, Chart.EXERCISES, chosen)
    per, reps, sets, total = EXERCISE[chosen]
    assert points(by_name(view)[f"Reps per {per}"]) == reps
    assert set(by_name(view)) == {f"Reps per {per}"}  # no seconds held: none were
    assert view.caption.text() == f"Glute bridge: {sets} sets in this range, {total} reps."
    assert date_labels(view) == DATE_AXIS[chosen]
    assert legend(view) == [(f"Reps per {per}", FROM_SERIES)]
    assert view.exercise_box.currentText() == f"Glute bridge  ({sets} sets)"


CALENDAR: dict[Range, tuple[list[tuple[int, int]], int, int]] = {
    # months shown; days done; plan days missed (Mon, Wed, Fri from 11 August 2025, less
    # those done or halted, up to yesterday)
    Range.BLOCK: ([(2026, 2), (2026, 3)], 2, 12 - 2),
    Range.MONTHS: ([(2026, 1), (2026, 2), (2026, 3)], 4, 13 - 2 + 12 - 2),
    Range.ALL: ([(2025, m) for m in range(8, 13)] + [(2026, m) for m in (1, 2, 3)], 5,
                8 + 13 + 14 + 12 + 14 + (13 - 2) + (12 - 2)),
}  # fmt: skip


@pytest.mark.parametrize("chosen", list(Range))
def test_the_calendar_shows_each_day_worked_by_hand(
    qtbot: QtBot, chart_person: Person, chosen: Range
) -> None:
    view = show(chart_person, Chart.CALENDAR, chosen)
    months, done, missed = CALENDAR[chosen]
    data = view.calendar.data
    assert data.months == months
    state: Callable[[date], Day] = data.state
    first_month = D(*months[0], 1)
    done_days = [d for d, *_ in WORKOUTS if d >= first_month and d != D(2026, 2, 25)]
    assert [d for d in data.shown() if state(d) is Day.DONE] == done_days
    assert [d for d in data.shown() if state(d) is Day.HALTED] == [D(2026, 2, 25)]
    assert state(D(2026, 2, 27)) is Day.MISSED  # a Friday with no workout
    assert state(D(2026, 3, 3)) is Day.REST  # a Tuesday
    assert state(D(2026, 3, 4)) is Day.TO_COME  # today
    assert view.caption.text() == (
        f"In these {len(months)} months: {done} days with a workout, 1 halted,"
        f" {missed} workout days missed."
    )
    assert len(view.readings) == len(data.shown())
