"""The progress screen: one chart at a time, for this block, three months or everything.

Keys: P pain, W workouts, X exercises (N the next exercise), C calendar; B this block,
M three months, E everything; ← and → read the chart point by point; S saves the chart
as a picture; Esc goes back to the routines.

Signals:
    done(): back to the routines.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QBuffer, QIODevice, Qt, Signal
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

from coach.core.figures import CalendarData, Range
from coach.files import write_private
from coach.services.progress import Chart, Figures, ProgressFigures
from coach.ui import theme
from coach.ui.background import in_background
from coach.ui.progress.calendar import CalendarChart
from coach.ui.progress.charts import Built, exercise_chart, pain_chart, workouts_chart
from coach.ui.widgets import Key, bind, key_button, make_label, make_row

if TYPE_CHECKING:
    from coach.services.data import Progress

K = TypeVar("K", bound=Enum)


class ProgressKeys:
    PAIN = Key("Pain", ("P",))
    WORKOUTS = Key("Workouts", ("W",))
    EXERCISES = Key("Exercises", ("X",))
    CALENDAR = Key("Calendar", ("C",))
    BLOCK = Key("This block", ("B",))
    MONTHS = Key("Three months", ("M",))
    ALL = Key("Everything", ("E",))
    NEXT_EXERCISE = Key("Next exercise", ("N",))
    EARLIER = Key("Read the point before", ("Left",))
    LATER = Key("Read the point after", ("Right",))
    SAVE = Key("Save as picture", ("S",))
    BACK = Key("Back to routines", ("Esc",))


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
STOPPED = "Stopped before the chart was drawn. Choose a chart or a range to read it again."


class ProgressView(QWidget):
    done = Signal()

    def __init__(self, figures: ProgressFigures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures = figures
        self.chart_kind = Chart.PAIN
        self.range = Range.MONTHS
        self.chart: QChart | None = None
        self.summary = ""
        self.readings: list[str] = []  # each point, bar or day in words, left to right
        self.reading = 0
        self._asked = 0  # charts asked for: a reading that comes after a newer ask is dropped
        self._drawn: tuple[Chart, Range] | None = None  # the chart and range on show
        # The exercises listed for a range, read again only when the range changes (or
        # the screen opens afresh), not for each chart.
        self._listed: tuple[Range, list[tuple[str, str]]] | None = None
        heading = make_label("Your progress", 26, bold=True)
        keys = ProgressKeys
        self.chart_buttons = self._choices(
            [(Chart.PAIN, keys.PAIN), (Chart.WORKOUTS, keys.WORKOUTS),
             (Chart.EXERCISES, keys.EXERCISES), (Chart.CALENDAR, keys.CALENDAR)],
            self.show_chart,
        )  # fmt: skip
        self.range_buttons = self._choices(
            [(Range.BLOCK, keys.BLOCK), (Range.MONTHS, keys.MONTHS), (Range.ALL, keys.ALL)],
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
        # What the chart view holds while no chart of ours is shown: a chart about to be
        # deleted must never stay in it (the view would touch it when given the next).
        self._blank = QChart()
        self._mark: Callable[[int | None], None] | None = None  # marks a reading on the chart
        self.chart_view.setChart(self._blank)
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
        self.save_button = key_button(keys.SAVE, self._on_save_clicked)
        self.back_button = key_button(keys.BACK, self.done.emit, primary=True)
        charts_row = make_row(*self.chart_buttons.values())
        self.exercise_key = make_label(keys.NEXT_EXERCISE.label("Exercise"), 14)
        self.exercise_key.setWordWrap(False)
        self.exercise_key.setBuddy(self.exercise_box)
        self.exercise_box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it
        ranges_row = make_row(*self.range_buttons.values(), self.exercise_key,
                              self.exercise_box)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(10)
        layout.addWidget(make_row(heading, grow=heading))
        layout.addWidget(charts_row)
        layout.addWidget(ranges_row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.caption)
        layout.addWidget(make_row(self.save_button, self.back_button))
        bind(self, keys.SAVE, self._on_save_clicked)
        bind(self, keys.NEXT_EXERCISE, self._next_exercise)
        bind(self, keys.EARLIER, partial(self.step, -1))
        bind(self, keys.LATER, partial(self.step, 1))
        bind(self, keys.BACK, self.done.emit)

    def _choices(
        self, items: list[tuple[K, Key]], choose: Callable[[K], None]
    ) -> dict[K, QPushButton]:
        group = QButtonGroup(self)
        buttons = {}
        for value, key in items:
            button = key_button(key, partial(choose, value), focus=True)
            button.setCheckable(True)
            group.addButton(button)
            buttons[value] = button
            bind(self, key, partial(_if_enabled, button, partial(choose, value)))
        return buttons

    # What the person chooses.

    def open(self) -> None:
        """Show the screen afresh: this block if there is one, else three months."""
        has_block = self._figures.has_block()
        self.range_buttons[Range.BLOCK].setEnabled(has_block)
        self.range = Range.BLOCK if has_block else Range.MONTHS
        self.range_buttons[self.range].setChecked(True)
        self._listed = None  # workouts may have been done since
        self.show_chart(self.chart_kind)

    def show_chart(self, kind: Chart) -> None:
        self.chart_kind = kind
        self.chart_buttons[kind].setChecked(True)
        self.exercise_box.setVisible(kind is Chart.EXERCISES)
        self.exercise_key.setVisible(kind is Chart.EXERCISES)
        self.refresh()
        if kind is Chart.EXERCISES and self.exercise_box.count():
            self.exercise_box.setFocus()
        else:
            self.chart_buttons[kind].setFocus()

    def show_range(self, chosen: Range) -> None:
        self.range = chosen
        self.range_buttons[chosen].setChecked(True)
        self.refresh()

    def _next_exercise(self) -> None:
        """N: the next exercise in the list (after the last, the first), on its chart."""
        box = self.exercise_box
        if self.chart_kind is Chart.EXERCISES and box.count():
            box.setCurrentIndex((box.currentIndex() + 1) % box.count())

    def _on_exercise_box_changed(self, _index: int) -> None:
        if self.chart_kind is Chart.EXERCISES:
            self.refresh()

    def step(self, by: int) -> None:
        """Left and right read the chart point by point, for those without a mouse."""
        if not self.readings:
            return
        self.reading = max(0, min(len(self.readings) - 1, self.reading + by))
        if self._mark is not None:
            self._mark(self.reading)  # and on the chart, the point being read
        self.caption.setText(
            f"{self.reading + 1} of {len(self.readings)}: {self.readings[self.reading]}"
        )

    def _on_hovered(self, text: str) -> None:
        if text:
            self.caption.setText(text)
            if self.chart_view.underMouse():  # the calendar shows its own
                QToolTip.showText(QCursor.pos(), text, self.chart_view)

    # The figures.

    def _list_exercises(self, exercises: list[tuple[str, str]], chosen: str | None) -> None:
        """The exercises done in the range, the one charted chosen (the list is made
        again only when it changed, so a choice in it is left alone)."""
        box = self.exercise_box
        box.blockSignals(True)
        if [(box.itemData(i), box.itemText(i)) for i in range(box.count())] != exercises:
            box.clear()
            for exercise_id, label in exercises:
                box.addItem(label, exercise_id)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)

    def refresh(self) -> None:
        """Draw the chosen chart for the chosen range, or say why there is none.

        Its figures are read on a worker (ten years of sets take tens of milliseconds to
        sum), the window answering meanwhile; after 300 ms a progress bar offers Cancel,
        which leaves the chart as it was. A choice made before they come supersedes them.
        """
        self._asked += 1
        asked, kind, chosen = self._asked, self.chart_kind, self.range
        wanted, figures = self.exercise_box.currentData(), self._figures
        listed = self._listed[1] if self._listed and self._listed[0] is chosen else None

        def read(progress: Progress) -> tuple[list[tuple[str, str]], str | None, Figures | None]:
            exercises = figures.exercises(chosen) if listed is None else listed
            progress(0.5)  # where Cancel stops it
            ids = [exercise_id for exercise_id, _ in exercises]
            exercise = wanted if wanted in ids else next(iter(ids), None)
            return exercises, exercise, figures.figures(kind, chosen, exercise)

        outcome = in_background(self, "Reading your progress…", read, here=figures.in_memory())
        if asked != self._asked:
            return  # a later choice draws its own
        if outcome is None:
            self._as_drawn()
            return
        exercises, exercise, shown = outcome
        self._drawn, self._listed = (kind, chosen), (chosen, exercises)
        self._list_exercises(exercises, exercise)
        if shown is not None and shown.calendar is not None:
            self._show_calendar(shown.calendar, shown.summary)
            return
        built: Built | None = None
        if shown is not None:
            self.summary = shown.summary
            hover, first, last = self._on_hovered, shown.first, shown.last
            if shown.pain is not None:
                built = pain_chart(shown.pain, first, last, hover)
            elif shown.chart is Chart.WORKOUTS:
                built = workouts_chart(shown.counts, shown.periods, shown.bucket, shown.target,
                                       hover, first)  # fmt: skip
            else:
                built = exercise_chart(shown.exercise, shown.done, shown.bucket, first, last,
                                       hover)  # fmt: skip
        self._show(built)

    def _as_drawn(self) -> None:
        """Stopped with Cancel: the choices go back to the chart on show."""
        if self._drawn is None:  # nothing drawn yet
            self.empty.setText(STOPPED)
            self.pages.setCurrentWidget(self.empty)
            return
        self.chart_kind, self.range = self._drawn
        self.chart_buttons[self.chart_kind].setChecked(True)
        self.range_buttons[self.range].setChecked(True)
        self.exercise_box.setVisible(self.chart_kind is Chart.EXERCISES)
        self.exercise_key.setVisible(self.chart_kind is Chart.EXERCISES)

    def _show(self, built: Built | None) -> None:
        chart = built.chart if built else None
        self.readings = built.readings if built else []
        self._mark = built.mark if built else None
        self.reading = len(self.readings)  # the arrow keys start from the latest
        old, self.chart = self.chart, chart
        if chart is None:
            self.empty.setText(EMPTY[self.chart_kind])
            self.pages.setCurrentWidget(self.empty)
            self.summary = ""
        self.chart_view.setChart(chart or self._blank)  # the old one leaves the view first
        if chart is not None:
            self.pages.setCurrentWidget(self.chart_view)
        if old is not None:
            old.deleteLater()
        self.caption.setText(self.summary)
        self.save_button.setEnabled(chart is not None)

    def _show_calendar(self, data: CalendarData, summary: str) -> None:
        self.calendar.show_data(data)
        self.summary = summary
        days = data.shown()
        self.readings = [data.describe(day) for day in days]
        self.reading = len(self.readings)
        old, self.chart = self.chart, None
        self._mark = lambda reading: self.calendar.mark(None if reading is None else days[reading])
        self.chart_view.setChart(self._blank)  # the old chart leaves the view first
        if old is not None:
            old.deleteLater()
        self.pages.setCurrentWidget(self.calendar)
        self.caption.setText(self.summary)
        self.save_button.setEnabled(True)

    # Saving.

    def picture_name(self) -> str:
        return f"{self.chart_kind.value}-{self._figures.today():%Y-%m-%d}.png"

    def save_png(self, path: Path) -> None:
        """The chart as shown, legend and all. OSError when it cannot be written."""
        page = self.pages.currentWidget()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if page is None or not page.grab().save(buffer, "PNG"):
            raise OSError(f"{path} could not be drawn")
        write_private(path, bytes(buffer.data().data()))

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
            QMessageBox.warning(
                self, "Not saved", f"The picture could not be saved: {error.strerror or error}."
            )
            return
        self.caption.setText(f"Saved as {name}.")


def _if_enabled(button: QPushButton, action: Callable[[], None]) -> None:
    if button.isEnabled():
        action()
