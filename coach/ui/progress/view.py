"""The progress screen: one chart at a time, for this block, three months or everything.

Keys: P pain, W workouts, X exercises, C calendar; B this block, M three months,
E everything; ← and → read the chart point by point; S saves the chart as a
picture; Esc goes back to the routines.

Signals:
    done(): back to the routines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from coach.store.stats import Bucket, PeriodExercise, ProgressStats
from coach.ui import theme
from coach.ui.progress.calendar import CalendarChart, CalendarData, Day, months_back
from coach.ui.progress.charts import (
    Built,
    PainData,
    exercise_chart,
    number,
    pain_chart,
    period_name,
    workouts_chart,
)
from coach.ui.widgets import make_button, make_label, make_row, on_key

K = TypeVar("K", bound=Enum)


class Chart(Enum):
    PAIN = "pain"
    WORKOUTS = "workouts"
    EXERCISES = "exercises"
    CALENDAR = "calendar"


class Range(Enum):
    BLOCK = "this block"
    MONTHS = "three months"
    ALL = "everything"


@dataclass(frozen=True)
class Sources:
    """What the screen reads, handed in by the main window."""

    stats: ProgressStats
    exercise_name: Callable[[str], str]
    plan_days: Callable[[], frozenset[int]]
    block_start: Callable[[], datetime | None]  # the current (or latest) block's start
    now: Callable[[], datetime]


EMPTY = {
    Chart.PAIN: (
        "No pain ratings in this range yet. Before and after each workout you are asked how"
        " much it hurts right now; start a routine and your answers will show here."
    ),
    Chart.WORKOUTS: (
        "No workouts in this range yet. Start a routine from the home screen: each workout"
        " shows here as a bar beside your plan."
    ),
    Chart.EXERCISES: (
        "No sets done in this range yet. Once you have done a workout, choose an exercise"
        " here to see its reps and holds week by week."
    ),
    Chart.CALENDAR: (
        "Nothing to show yet. The calendar marks each day you work out, and the workout days"
        " you miss, from your first workout on."
    ),
}


class ProgressView(QWidget):
    done = Signal()

    def __init__(self, sources: Sources, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sources = sources
        self.chart_kind = Chart.PAIN
        self.range = Range.MONTHS
        self.chart: QChart | None = None
        self.summary = ""
        self.readings: list[str] = []  # each point, bar or day in words, left to right
        self.reading = 0
        heading = make_label("Your progress", 26, bold=True)
        self.chart_buttons = self._choices(
            [
                (Chart.PAIN, "Pain  [P]", Qt.Key.Key_P),
                (Chart.WORKOUTS, "Workouts  [W]", Qt.Key.Key_W),
                (Chart.EXERCISES, "Exercises  [X]", Qt.Key.Key_X),
                (Chart.CALENDAR, "Calendar  [C]", Qt.Key.Key_C),
            ],
            self.show_chart,
        )
        self.range_buttons = self._choices(
            [
                (Range.BLOCK, "This block  [B]", Qt.Key.Key_B),
                (Range.MONTHS, "Three months  [M]", Qt.Key.Key_M),
                (Range.ALL, "Everything  [E]", Qt.Key.Key_E),
            ],
            self.show_range,
        )
        self.exercise_box = QComboBox()
        self.exercise_box.setAccessibleName("Exercise")
        theme.set_font(self.exercise_box, 14)
        self.exercise_box.currentIndexChanged.connect(self._on_exercise_box_changed)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName("Progress chart")
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart_view.setBackgroundBrush(QColor(theme.PAPER))
        self.chart_view.setFrameShape(QFrame.Shape.NoFrame)
        self.calendar = CalendarChart()
        self.calendar.hovered.connect(self._on_hovered)
        self.empty = make_label("", 17)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("Nothing to show")
        self.empty.setContentsMargins(60, 0, 60, 0)
        self.pages = QStackedWidget()
        for page in (self.chart_view, self.calendar, self.empty):
            self.pages.addWidget(page)
        self.caption = make_label("", 15)
        self.caption.setAccessibleName("What the chart shows")
        self.caption.setMinimumHeight(48)
        self.save_button = make_button("Save as picture  [S]", self._on_save_clicked)
        self.back_button = make_button("Back to routines  [Esc]", self.done.emit, primary=True)
        for button in (self.save_button, self.back_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        charts_row = make_row(*self.chart_buttons.values())
        ranges_row = make_row(*self.range_buttons.values(), self.exercise_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(10)
        layout.addWidget(make_row(heading, grow=heading))
        layout.addWidget(charts_row)
        layout.addWidget(ranges_row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.caption)
        layout.addWidget(make_row(self.save_button, self.back_button))
        on_key(self, Qt.Key.Key_S, self._on_save_clicked)
        on_key(self, Qt.Key.Key_Left, partial(self.step, -1))
        on_key(self, Qt.Key.Key_Right, partial(self.step, 1))
        on_key(self, Qt.Key.Key_Escape, self.done.emit)

    def _choices(
        self, items: list[tuple[K, str, Qt.Key]], choose: Callable[[K], None]
    ) -> dict[K, QPushButton]:
        group = QButtonGroup(self)
        buttons = {}
        for value, text, key in items:
            button = make_button(text, partial(choose, value))
            button.setCheckable(True)
            group.addButton(button)
            buttons[value] = button
            on_key(self, key, partial(_if_enabled, button, partial(choose, value)))
        return buttons

    # What the person chooses.

    def open(self) -> None:
        """Show the screen afresh: this block if there is one, else three months."""
        has_block = self._sources.block_start() is not None
        self.range_buttons[Range.BLOCK].setEnabled(has_block)
        self.range = Range.BLOCK if has_block else Range.MONTHS
        self.range_buttons[self.range].setChecked(True)
        self._fill_exercises()
        self.show_chart(self.chart_kind)

    def show_chart(self, kind: Chart) -> None:
        self.chart_kind = kind
        self.chart_buttons[kind].setChecked(True)
        self.exercise_box.setVisible(kind is Chart.EXERCISES)
        self.refresh()
        if kind is Chart.EXERCISES and self.exercise_box.count():
            self.exercise_box.setFocus()
        else:
            self.chart_buttons[kind].setFocus()

    def show_range(self, chosen: Range) -> None:
        self.range = chosen
        self.range_buttons[chosen].setChecked(True)
        self._fill_exercises()
        self.refresh()

    def _on_exercise_box_changed(self, _index: int) -> None:
        if self.chart_kind is Chart.EXERCISES:
            self.refresh()

    def step(self, by: int) -> None:
        """Left and right read the chart point by point, for those without a mouse."""
        if not self.readings:
            return
        self.reading = max(0, min(len(self.readings) - 1, self.reading + by))
        self.caption.setText(
            f"{self.reading + 1} of {len(self.readings)}: {self.readings[self.reading]}"
        )

    def _on_hovered(self, text: str) -> None:
        if text:
            self.caption.setText(text)
            if self.chart_view.underMouse():  # the calendar shows its own
                QToolTip.showText(QCursor.pos(), text, self.chart_view)

    # The figures.

    def _today(self) -> date:
        return self._sources.now().astimezone().date()

    def _since(self) -> datetime | None:
        if self.range is Range.BLOCK:
            return self._sources.block_start()
        if self.range is Range.MONTHS:
            return self._sources.now() - timedelta(days=91)
        return None

    def _first_day(self) -> date:
        since = self._since() or self._sources.stats.first_activity()
        return since.astimezone().date() if since else self._today()

    def _bucket(self, *, bars: bool) -> Bucket:
        weeks = (self._today() - self._first_day()).days / 7
        if weeks <= 26:
            return Bucket.WEEK
        return Bucket.MONTH if weeks <= 156 or not bars else Bucket.YEAR

    def _fill_exercises(self) -> None:
        chosen = self.exercise_box.currentData()
        self.exercise_box.blockSignals(True)
        self.exercise_box.clear()
        for exercise_id, sets in self._sources.stats.exercises(self._since()):
            name = self._sources.exercise_name(exercise_id)
            self.exercise_box.addItem(f"{name}  ({sets} sets)", exercise_id)
        index = self.exercise_box.findData(chosen)
        self.exercise_box.setCurrentIndex(max(0, index))
        self.exercise_box.blockSignals(False)

    def refresh(self) -> None:
        """Build the chosen chart for the chosen range, or say why there is none."""
        stats, since = self._sources.stats, self._since()
        first, last = self._first_day(), self._today()
        built: Built | None = None
        if self.chart_kind is Chart.PAIN:
            bucket = self._bucket(bars=False)
            average = stats.average_pain(since, bucket)
            if bucket is Bucket.WEEK:
                points = stats.workout_pain_points(since)
                data = PainData(average, points, points, bucket)
            else:
                before, after = stats.workout_pain(since, bucket)
                data = PainData(average, before, after, bucket)
            if average or data.before:
                built = pain_chart(data, first, last, self._on_hovered)
                self.summary = _pain_summary(data)
        elif self.chart_kind is Chart.WORKOUTS:
            bucket = self._bucket(bars=True)
            counts = stats.workouts(since, bucket)
            if any(c.workouts for c in counts):
                periods = _periods(first, last, bucket)
                target = len(self._sources.plan_days()) * {
                    Bucket.WEEK: 1, Bucket.MONTH: 30.44 / 7, Bucket.YEAR: 365.25 / 7
                }[bucket]  # fmt: skip
                built = workouts_chart(counts, periods, bucket, target, self._on_hovered)
                total = sum(c.workouts for c in counts)
                halted = sum(c.halted for c in counts)
                self.summary = (
                    f"{total} workout{'s' if total != 1 else ''} in this range"
                    + (f", {halted} halted by the safety check" if halted else "")
                    + f". Your plan: {number(target)} a {bucket.value}."
                )
        elif self.chart_kind is Chart.EXERCISES:
            exercise_id = self.exercise_box.currentData()
            if exercise_id is not None:
                bucket = self._bucket(bars=False)
                name = self._sources.exercise_name(exercise_id)
                done = stats.exercise(exercise_id, since, bucket)
                built = exercise_chart(name, done, bucket, first, last, self._on_hovered)
                self.summary = _exercise_summary(name, done)
        else:
            self._show_calendar(since)
            return
        self._show(built)

    def _show(self, built: Built | None) -> None:
        chart = built.chart if built else None
        self.readings = built.readings if built else []
        self.reading = len(self.readings)  # the arrow keys start from the latest
        old, self.chart = self.chart, chart
        if chart is None:
            self.empty.setText(EMPTY[self.chart_kind])
            self.pages.setCurrentWidget(self.empty)
            self.summary = ""
        else:
            self.chart_view.setChart(chart)
            self.pages.setCurrentWidget(self.chart_view)
        if old is not None:
            old.deleteLater()
        self.caption.setText(self.summary)
        self.save_button.setEnabled(chart is not None)

    def _show_calendar(self, since: datetime | None) -> None:
        stats, today = self._sources.stats, self._today()
        first_use = stats.first_activity()
        if first_use is None:
            self._show(None)
            return
        first = (since or first_use).astimezone().date()
        count = min(12, (today.year - first.year) * 12 + today.month - first.month + 1)
        # At least three months, so a new block still shows the weeks before it.
        months = months_back(today, max(count, 1 if self.range is Range.ALL else 3))
        start = date(*months[0], 1)
        data = CalendarData(
            months=months,
            days=stats.days(datetime.combine(start, datetime.min.time()).astimezone()),
            plan=self._sources.plan_days(),
            first=first_use.astimezone().date(),
            today=today,
        )
        self.calendar.show_data(data)
        totals = self.calendar.counts()
        self.summary = (
            f"In these {len(months)} months: {totals[Day.DONE]} days with a workout,"
            f" {totals[Day.HALTED]} halted, {totals[Day.MISSED]} workout days missed."
        )
        self.readings = [self.calendar.describe(day) for day in self.calendar.days_shown()]
        self.reading = len(self.readings)
        old, self.chart = self.chart, None
        if old is not None:
            old.deleteLater()
        self.pages.setCurrentWidget(self.calendar)
        self.caption.setText(self.summary)
        self.save_button.setEnabled(True)

    # Saving.

    def picture_name(self) -> str:
        return f"{self.chart_kind.value}-{self._today():%Y-%m-%d}.png"

    def save_png(self, path: Path) -> None:
        """The chart as shown, legend and all. OSError when it cannot be written."""
        page = self.pages.currentWidget()
        if page is None or not page.grab().save(str(path), "PNG"):
            raise OSError(f"{path} could not be written")

    def _on_save_clicked(self) -> None:
        if not self.save_button.isEnabled():
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the chart as a picture",
            str(Path.home() / self.picture_name()),
            "PNG picture (*.png)",
        )
        if not name:
            return
        try:
            self.save_png(Path(name))
        except OSError as error:
            QMessageBox.warning(self, "Not saved", f"The picture could not be saved: {error}")
            return
        self.caption.setText(f"Saved as {name}.")


def _if_enabled(button: QPushButton, action: Callable[[], None]) -> None:
    if button.isEnabled():
        action()


def _periods(first: date, last: date, bucket: Bucket) -> list[date]:
    """Every period from the one holding `first` to the one holding `last`."""
    if bucket is Bucket.WEEK:
        start = first - timedelta(days=first.weekday())
        return [start + timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]
    if bucket is Bucket.MONTH:
        months = (last.year - first.year) * 12 + last.month - first.month
        return [
            date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
            for n in range(months + 1)
        ]
    return [date(year, 1, 1) for year in range(first.year, last.year + 1)]


def _pain_summary(data: PainData) -> str:
    if data.average:
        start, end = data.average[0], data.average[-1]
        if len(data.average) > 1 and number(start.average) == number(end.average):
            return (
                f"Your average pain was {number(start.average)} in"
                f" {period_name(start.start, data.bucket)}, and the same in"
                f" {period_name(end.start, data.bucket)}. ← and → read each point."
            )
        if len(data.average) == 1:
            return (
                f"One average-pain check-in in this range: {number(start.average)}"
                f" in {period_name(start.start, data.bucket)}."
            )
        return (
            f"Your average pain went from {number(start.average)} in"
            f" {period_name(start.start, data.bucket)} to {number(end.average)} in"
            f" {period_name(end.start, data.bucket)}. ← and → read each point."
        )
    return "Pain before and after your workouts. ← and → read each point with its date."


def _exercise_summary(name: str, periods: list[PeriodExercise]) -> str:
    sets = sum(p.sets for p in periods)
    reps = sum(p.reps for p in periods)
    held = sum(p.hold_seconds for p in periods)
    done = [f"{reps} reps"] if reps else []
    if held:
        done.append(f"{number(held / 60)} minutes held")
    return f"{name}: {sets} sets in this range, {' and '.join(done)}."
