"""A calendar of months: the days worked out, halted, or planned and missed.

Each state has its own shape as well as its own colour (a filled disc, a hatched
square with a bar, an empty ring), so it reads in black and white and for
colour-blind readers. The legend is painted in, so a saved picture keeps it.

No word or number is drawn smaller than SMALLEST points. Where the days are too
small for their numbers to be read (a year in one window), the marks fill the days
alone and a day without one is a faint dot; hovering or the arrow keys still say
each day's date and state.
"""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from coach.core.figures import CalendarData, Day
from coach.core.records import record
from coach.ui import theme
from coach.ui.progress.charts import BLUE, VERMILLION

SMALLEST = 10.0  # points: the least that reads from a chair


@record
class TextSizes:
    """The calendar's text, in points, as it fits the months shown; None: not drawn."""

    title: float
    weekdays: float | None
    numbers: float | None


def fitted(points: float, most: float) -> float | None:
    """`points` up to `most`, or None where that is too small to read."""
    points = min(points, most)
    return points if points >= SMALLEST else None


class CalendarChart(QWidget):
    hovered = Signal(str)

    LEGEND = (Day.DONE, Day.HALTED, Day.MISSED)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = CalendarData(months=[])
        self._cells: list[tuple[QRectF, date]] = []
        self.read: date | None = None  # the day being read with the arrow keys
        self.sizes = TextSizes(SMALLEST, None, None)  # as last drawn
        self.setMouseTracking(True)
        self.setMinimumHeight(240)
        self.setAccessibleName("Calendar of workouts")

    def show_data(self, data: CalendarData) -> None:
        self.data = data
        self.read = None
        self.update()

    def mark(self, day: date | None) -> None:
        """Ring the day being read with the arrow keys."""
        self.read = day
        self.update()

    def _columns(self, room_w: float, room_h: float) -> int:
        """The columns of months that give each day the most room: a year in a wide
        window takes two rows of six, in a narrow one it may take three of four."""
        count = len(self.data.months)

        def day_size(columns: int) -> float:
            rows = -(-count // columns)
            box_w, box_h = room_w / columns - 12, room_h / rows - 8
            title = max(18.0, min(28.0, box_h / 8))
            return min(box_w / 7, (box_h - title * 2) / 6)

        return max(range(1, min(count, 6) + 1), key=day_size)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:  # a drawing error leaves no painter open, which would crash the window
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.CARD))
        self._cells = []
        months = self.data.months
        if not months:
            return
        legend_height = 40
        margin = 16
        room_w = self.width() - margin * 2
        room_h = self.height() - margin * 2 - legend_height
        columns = self._columns(room_w, room_h)
        rows = -(-len(months) // columns)
        width, height = room_w / columns, room_h / rows
        for index, (year, month) in enumerate(months):
            box = QRectF(
                margin + (index % columns) * width,
                margin + (index // columns) * height,
                width,
                height,
            )
            self._paint_month(painter, box.adjusted(6, 0, -6, -8), year, month)
        self._paint_legend(
            painter, QRectF(margin, self.height() - legend_height - 4, self.width(), legend_height)
        )

    def _paint_month(self, painter: QPainter, box: QRectF, year: int, month: int) -> None:
        title_height = max(18.0, min(28.0, box.height() / 8))
        cell_w = box.width() / 7
        cell_h = (box.height() - title_height * 2) / 6
        size = min(cell_w, cell_h) * 0.8
        self.sizes = sizes = TextSizes(
            title=max(SMALLEST, min(14.0, title_height * 0.5)),
            weekdays=fitted(min(cell_w * 0.45, title_height * 0.55), 11.0),
            numbers=fitted(size * 0.32, 12.0),
        )
        painter.setPen(QColor(theme.INK))
        painter.setFont(theme.font(sizes.title, bold=True))
        painter.drawText(
            QRectF(box.left(), box.top(), box.width(), title_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{calendar.month_name[month]} {year}",
        )
        if sizes.weekdays is not None:
            painter.setFont(theme.font(sizes.weekdays))
            painter.setPen(QColor(theme.MUTED))
            for column, initial in enumerate("MTWTFSS"):
                painter.drawText(
                    QRectF(
                        box.left() + column * cell_w, box.top() + title_height, cell_w, title_height
                    ),
                    Qt.AlignmentFlag.AlignCenter,
                    initial,
                )
        weeks = calendar.Calendar().monthdatescalendar(year, month)
        number_font = theme.font(sizes.numbers or SMALLEST)
        for row, week in enumerate(weeks):
            for column, day in enumerate(week):
                if day.month != month:
                    continue
                centre_x = box.left() + (column + 0.5) * cell_w
                centre_y = box.top() + title_height * 2 + (row + 0.5) * cell_h
                cell = QRectF(centre_x - size / 2, centre_y - size / 2, size, size)
                self._cells.append((cell, day))
                state = self.data.state(day)
                _paint_mark(painter, cell, state)
                if sizes.numbers is not None:
                    painter.setFont(number_font)
                    painter.setPen(QColor("white") if state is Day.DONE else QColor(theme.INK))
                    if state is Day.TO_COME:
                        painter.setPen(QColor(theme.MUTED))
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(day.day))
                elif state in (Day.REST, Day.TO_COME):  # the month's shape, without numbers
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(theme.LINE))
                    painter.drawEllipse(cell.center(), size / 7, size / 7)
                for ringed, width in ((self.data.today, 2.0), (self.read, 3.0)):
                    if day == ringed:
                        painter.setPen(QPen(QColor(theme.INK), width))
                        painter.setBrush(Qt.BrushStyle.NoBrush)
                        grow = 3 + width
                        painter.drawRect(cell.adjusted(-grow, -grow, grow, grow))

    def _paint_legend(self, painter: QPainter, box: QRectF) -> None:
        x = box.left()
        painter.setFont(theme.font(12))
        for state in self.LEGEND:
            mark = QRectF(x, box.top() + 8, 22, 22)
            _paint_mark(painter, mark, state)
            painter.setPen(QColor(theme.INK))
            text = QRectF(x + 30, box.top(), 330, box.height())
            painter.drawText(text, Qt.AlignmentFlag.AlignVCenter, state.value)
            x += 30 + painter.fontMetrics().horizontalAdvance(state.value) + 28

    def day_at(self, point: QPoint) -> date | None:
        for cell, day in self._cells:
            if cell.adjusted(-4, -4, 4, 4).contains(point.toPointF()):
                return day
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            text = self.data.describe(day)
            if self.underMouse():
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
            self.hovered.emit(text)
        super().mouseMoveEvent(event)


def _paint_mark(painter: QPainter, cell: QRectF, state: Day) -> None:
    painter.save()
    if state is Day.DONE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BLUE)
        painter.drawEllipse(cell)
    elif state is Day.HALTED:
        painter.setPen(QPen(VERMILLION, 2.5))
        painter.setBrush(QBrush(VERMILLION, Qt.BrushStyle.BDiagPattern))
        painter.drawRect(cell.adjusted(1, 1, -1, -1))
    elif state is Day.MISSED:
        painter.setPen(QPen(QColor(theme.MUTED), 2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(cell.adjusted(1, 1, -1, -1))
    painter.restore()
