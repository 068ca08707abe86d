"""The progress charts, built from ProgressStats' figures with QtCharts.

Colours come from the Okabe-Ito set, which colour-blind readers can tell apart, and
no two series differ by colour alone: each also has its own line style, marker or
fill pattern. Every chart reports what is under the pointer through `Hover`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarLegendMarker,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from coach.core.figures import (
    Bucket,
    PeriodCount,
    PeriodExercise,
    WorkoutPain,
    bar_labels,
    number,
    period_name,
)
from coach.core.records import record
from coach.services.progress import PainData
from coach.ui import theme

BLUE = QColor("#0072B2")
ORANGE = QColor("#E69F00")
SKY = QColor("#56B4E9")
VERMILLION = QColor("#D55E00")

Hover = Callable[[str], None]  # the words for what is under the pointer


def _msecs(when: date | datetime) -> float:
    if not isinstance(when, datetime):
        when = datetime.combine(when, time(12, 0)).astimezone()
    return float(int(when.timestamp() * 1000))


def _new_chart() -> QChart:
    chart = QChart()
    chart.setBackgroundBrush(QBrush(QColor(theme.CARD)))
    chart.setBackgroundRoundness(10)
    chart.setMargins(QMargins(8, 8, 8, 8))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(theme.font(12))
    chart.legend().setLabelColor(QColor(theme.INK))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _style_axis(axis: QAbstractAxis, title: str) -> None:
    axis.setTitleText(title)
    axis.setTitleFont(theme.font(12, bold=True))
    axis.setTitleBrush(QBrush(QColor(theme.INK)))
    axis.setLabelsFont(theme.font(11))
    axis.setLabelsColor(QColor(theme.INK))
    axis.setGridLineColor(QColor(theme.LINE))


def date_marks(first: date, last: date) -> list[tuple[date, str]]:
    """Where the date axis is labelled: every Monday (or every second, fourth...) in a
    short range, the first of every month (or every second, third...) in a long one, so
    the labels fall on the same kind of day and are evenly spaced by the calendar."""
    span = (last - first).days
    if span <= 120:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        days = [monday + timedelta(weeks=n) for n in range(span // 7 + 1)]
        days = [d for d in days if d <= last]
        step = max(1, math.ceil(len(days) / 8))
        return [(d, f"{d:%-d %b}") for d in days[::step]]
    months = []
    year, month = (first.year, first.month + 1) if first.day > 1 else (first.year, first.month)
    while True:
        year, month = (year + 1, 1) if month > 12 else (year, month)
        day = date(year, month, 1)
        if day > last:
            break
        months.append(day)
        month += 1
    step = next(n for n in (1, 2, 3, 6, 12, 24) if math.ceil(len(months) / n) <= 12)
    shown = [d for d in months if (d.month - 1) % step == 0] if step <= 12 else months[::step]
    return [(d, f"{d:%b %Y}" if d.month == 1 or d == shown[0] else f"{d:%b}") for d in shown]


def _date_axis(first: date, last: date) -> QCategoryAxis:
    """Dates along the bottom, labelled on Mondays or on the first of the months (see
    date_marks); points are placed by their time in milliseconds."""
    axis = QCategoryAxis()
    low = _msecs(datetime.combine(first, time(0, 0)).astimezone())
    high = _msecs(datetime.combine(last, time(23, 59)).astimezone())
    axis.setRange(low, high)
    axis.setStartValue(low)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for day, label in date_marks(first, last):
        axis.append(label, _msecs(datetime.combine(day, time(0, 0)).astimezone()))
    _style_axis(axis, "Date")
    return axis


def _value_axis(title: str, top: float, *, whole: bool = True) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, top)
    axis.setLabelFormat("%d" if whole else "%.1f")
    if whole and top <= 6:
        axis.setTickCount(int(top) + 1)
    elif whole and top == 10:
        axis.setTickCount(6)  # 0, 2, 4 ... 10: room for each label on a small screen
    else:
        axis.applyNiceNumbers()
    _style_axis(axis, title)
    return axis


def _attach(chart: QChart, series: QXYSeries | QBarSeries, *axes: QAbstractAxis) -> None:
    chart.addSeries(series)
    for axis in axes:
        series.attachAxis(axis)


def _scatter(name: str, colour: QColor, shape: QScatterSeries.MarkerShape) -> QScatterSeries:
    series = QScatterSeries()
    series.setName(name)
    faint = QColor(colour)
    faint.setAlpha(150)
    series.setColor(faint)
    series.setBorderColor(colour)
    series.setMarkerShape(shape)
    series.setMarkerSize(11)
    return series


def _line(name: str, colour: QColor, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    series.setPen(QPen(colour, 3, style))
    series.setPointsVisible(True)
    series.setMarkerSize(9)
    return series


@record
class Built:
    chart: QChart
    readings: list[str]  # every point or bar in words, left to right, for the arrow keys
    # Marks the reading at this index on the chart (None: no mark), as the arrow keys go.
    mark: Callable[[int | None], None] = lambda _index: None


def _in_order(labels: dict[tuple[str, int], str], xs: dict[tuple[str, int], float]) -> list[str]:
    return [labels[key] for key in _keys_in_order(labels, xs)]


def _keys_in_order(
    labels: dict[tuple[str, int], str], xs: dict[tuple[str, int], float]
) -> list[tuple[str, int]]:
    return sorted(labels, key=lambda key: (xs[key], key[0]))


def _marker(
    labels: dict[tuple[str, int], str],
    xs: dict[tuple[str, int], float],
    series: dict[str, QXYSeries],
) -> Callable[[int | None], None]:
    """Marks the point read with the arrow keys: drawn larger, in the words' colour."""
    keys = _keys_in_order(labels, xs)
    for line in series.values():
        line.setSelectedColor(QColor(theme.INK))

    def mark(index: int | None) -> None:
        for line in series.values():
            line.deselectAllPoints()
        if index is not None and 0 <= index < len(keys):
            name, at = keys[index]
            series[name].selectPoint(at)

    return mark


def _marks_as_drawn(chart: QChart) -> None:
    """Each series' own mark in the legend (circles, triangles, a dashed line), not
    squares; bars keep their filled square, which is their own. Called once the series
    are on the chart."""
    legend = chart.legend()
    legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
    for marker in legend.markers():
        if isinstance(marker, QBarLegendMarker):
            marker.setShape(QLegend.MarkerShape.MarkerShapeRectangle)


def pain_chart(data: PainData, first: date, last: date, hover: Hover) -> Built:
    chart = _new_chart()
    # A month's average sits on the month's first day, which may come before the range's:
    # the axis begins there, so the first point (the one the sentence starts from) shows.
    starts = [p.at.astimezone().date() if isinstance(p, WorkoutPain) else p.start
              for p in (*data.before, *data.after, *data.average)]  # fmt: skip
    x = _date_axis(min([first, *starts]), last)
    y = _value_axis("Pain (0-10)", 10)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    each = data.bucket is Bucket.WEEK and any(isinstance(p, WorkoutPain) for p in data.before)
    what = "each workout" if each else f"{data.bucket.value}ly average"
    before = _scatter(
        f"Before a workout ({what})", ORANGE, QScatterSeries.MarkerShape.MarkerShapeCircle
    )
    after = _scatter(f"After ({what})", SKY, QScatterSeries.MarkerShape.MarkerShapeTriangle)
    labels: dict[tuple[str, int], str] = {}
    xs: dict[tuple[str, int], float] = {}
    for series, points, moment in ((before, data.before, "before"), (after, data.after, "after")):
        for point in points:
            if isinstance(point, WorkoutPain):
                pain = point.before if moment == "before" else point.after
                if pain is None:
                    continue
                series.append(_msecs(point.at), pain)
                said = f"Pain {moment} the workout on {point.at.astimezone():%A %-d %B %Y}: {pain}"
            else:
                series.append(_msecs(point.start), point.average)
                said = (
                    f"Pain {moment} workouts in {period_name(point.start, data.bucket)}:"
                    f" {number(point.average)} on average ({point.count} workouts)"
                )
            labels[(moment, series.count() - 1)] = said
            xs[(moment, series.count() - 1)] = series.at(series.count() - 1).x()
    average = _line("Average pain (check-ins)", BLUE)
    for period in data.average:
        average.append(_msecs(period.start), period.average)
        labels[("average", average.count() - 1)] = (
            f"Average pain, {period_name(period.start, data.bucket)}: {number(period.average)}"
        )
        xs[("average", average.count() - 1)] = _msecs(period.start)
    shown: list[tuple[QXYSeries, str]] = [
        (before, "before"),
        (after, "after"),
        (average, "average"),
    ]
    for xy, moment in shown:
        if xy.count():
            _attach(chart, xy, x, y)
            _on_hover(xy, moment, labels, hover)
    named = {moment: xy for xy, moment in shown}
    _marks_as_drawn(chart)
    return Built(chart, _in_order(labels, xs), _marker(labels, xs, named))


def _on_hover(
    series: QXYSeries, key: str, labels: dict[tuple[str, int], str], hover: Hover
) -> None:
    def hovered(point: QPointF, state: bool) -> None:
        if not state:
            return
        points = series.points()
        index = min(
            range(len(points)),
            key=lambda i: abs(points[i].x() - point.x()) + abs(points[i].y() - point.y()) * 1e5,
        )
        hover(labels.get((key, index), ""))

    series.hovered.connect(hovered)


def workouts_chart(
    counts: list[PeriodCount],
    periods: list[date],
    bucket: Bucket,
    target: float,
    hover: Hover,
    first: date | None = None,
) -> Built:
    """Bars of workouts per period; `first`: the range's first day, when the first period
    begins before it (a block that starts mid-week) that bar is named from that day, as
    only its days in the range are counted."""
    chart = _new_chart()
    first = first or (periods[0] if periods else None)
    by_start = {c.start: c for c in counts}
    done = QBarSet("Workouts done")
    done.setColor(BLUE)
    done.setBorderColor(BLUE)
    halted = QBarSet("Halted by the safety check")
    halted.setBrush(QBrush(VERMILLION, Qt.BrushStyle.BDiagPattern))
    halted.setBorderColor(VERMILLION)
    for start in periods:
        count = by_start.get(start)
        done.append(count.workouts if count else 0)
        halted.append(count.halted if count else 0)
    bars = QBarSeries()
    bars.append(done)
    any_halted = any(c.halted for c in counts)
    if any_halted:
        bars.append(halted)
    bars.setBarWidth(0.8)
    x = QBarCategoryAxis()
    shown_from = [max(start, first) if first else start for start in periods]
    x.append(bar_labels(shown_from, bucket))
    if len(periods) > 16:  # every label would overlap; the hover names each bar
        x.setLabelsVisible(False)
    _style_axis(x, bucket.value.capitalize())
    if len(periods) > 8:
        x.setLabelsFont(theme.font(10))  # "24 Aug" under a narrow bar, not "24 ..."
    highest = max([target, *(c.workouts for c in counts)])
    y = _value_axis("Workouts", max(4, int(highest) + 1))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    _attach(chart, bars, x, y)
    plan = QLineSeries()
    plan.setName(f"Your plan: {number(target)} a {bucket.value}")
    plan.setPen(QPen(QColor(theme.INK), 2, Qt.PenStyle.DashLine))
    plan.append(-0.5, target)
    plan.append(len(periods) - 0.5, target)
    _attach(chart, plan, x, y)

    def describe(start: date) -> str:
        count = by_start.get(start)
        workouts = count.workouts if count else 0
        name = period_name(start, bucket)
        if first is not None and start < first:  # only part of it is in the range
            name = f"from {first:%-d %B %Y} to the end of that {bucket.value}"
        text = f"{name[0].upper()}{name[1:]}: {workouts} workout"
        text += "s" if workouts != 1 else ""
        if count and count.halted:
            text += f", {count.halted} halted by the safety check"
        return f"{text} (plan: {number(target)})"

    readings = [describe(start) for start in periods]

    def hovered(state: bool, index: int) -> None:
        if state and 0 <= index < len(periods):
            hover(readings[index])

    done.hovered.connect(hovered)
    halted.hovered.connect(hovered)
    _marks_as_drawn(chart)
    done.setSelectedColor(QColor(theme.INK))

    def mark(index: int | None) -> None:
        done.deselectAllBars()
        if index is not None and 0 <= index < done.count():
            done.selectBar(index)

    return Built(chart, readings, mark)


def exercise_chart(
    name: str, weeks: list[PeriodExercise], bucket: Bucket, first: date, last: date, hover: Hover
) -> Built:
    chart = _new_chart()
    x = _date_axis(min([first, *(w.start for w in weeks)]), last)  # each period's point shows
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    labels: dict[tuple[str, int], str] = {}
    xs: dict[tuple[str, int], float] = {}
    per = bucket.value
    named: dict[str, QXYSeries] = {}
    if any(w.reps for w in weeks):
        reps = named["reps"] = _line(f"Reps per {per}", BLUE)
        for week in weeks:
            reps.append(_msecs(week.start), week.reps)
            labels[("reps", reps.count() - 1)] = (
                f"{name}, {period_name(week.start, bucket)}: {week.reps} reps in {week.sets} sets"
            )
            xs[("reps", reps.count() - 1)] = _msecs(week.start)
        y = _value_axis(f"Reps per {per}", max(10, max(w.reps for w in weeks) * 1.15))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        _attach(chart, reps, x, y)
        _on_hover(reps, "reps", labels, hover)
    if any(w.hold_seconds for w in weeks):
        held = named["held"] = _line(f"Seconds held per {per}", ORANGE, Qt.PenStyle.DashLine)
        for week in weeks:
            held.append(_msecs(week.start), week.hold_seconds)
            labels[("held", held.count() - 1)] = (
                f"{name}, {period_name(week.start, bucket)}: held {number(week.hold_seconds)}"
                f" seconds in {week.sets} sets"
            )
            xs[("held", held.count() - 1)] = _msecs(week.start)
        top = max(60, max(w.hold_seconds for w in weeks) * 1.15)
        y2 = _value_axis(f"Seconds held per {per}", top)
        chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
        _attach(chart, held, x, y2)
        _on_hover(held, "held", labels, hover)
    _marks_as_drawn(chart)
    return Built(chart, _in_order(labels, xs), _marker(labels, xs, named))
