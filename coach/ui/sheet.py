"""The printable routine sheet, painted on any paged device: a printer or a PDF.

Everything is drawn with QPainter, so text stays text and the exercise pictures
stay vector drawings (SVG rendered straight to the page). The layout is done in
two passes: first every block is measured and placed on pages, whole (no exercise
is split across pages), then the pages are painted, each with "Page i of n".
Only black, white and greys, so it looks the same on a black-and-white printer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLineF, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDialog, QWidget

from coach.core.records import record
from coach.core.sheet import Sheet, SheetExercise, StopGroup
from coach.files import write_private
from coach.ui.figure import FigureColours, paint_figure

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 14
GREY = QColor("#555555")
LIGHT = QColor("#999999")
# The figures in black and greys too: the muscles that work a light grey under the body.
PRINTED_FIGURE = FigureColours(
    body=QColor("#222222"), far=QColor("#8c8c8c"), head=QColor("white"),
    works=QColor(0, 0, 0, 50), mat=QColor("#dddddd"), arrow=QColor("#444444"),
)  # fmt: skip
FOOTER_SPLIT = 0.62  # the footer's left part (the person's own version); the date and page right
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
CENTRED = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter)


def default_paper() -> str:
    """Letter where the locale measures in inches (the US and a few others), else A4."""
    from PySide6.QtCore import QLocale

    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


def _font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    return font


class _Pen:
    """Sizes in millimetres and text measured on the device being painted."""

    def __init__(self, painter: QPainter, dpi: float) -> None:
        self.painter = painter
        self.dpi = dpi

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def text_height(self, text: str, font: QFont, width: float) -> float:
        self.painter.setFont(font)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e7), WRAP, text).height()

    def text(self, text: str, font: QFont, x: float, y: float, width: float,
             colour: QColor | None = None, *, centred: bool = False) -> float:  # fmt: skip
        """Draw wrapped text; the height it took."""
        self.painter.setFont(font)
        self.painter.setPen(colour or QColor("black"))
        flags = CENTRED if centred else WRAP
        drawn = self.painter.boundingRect(QRectF(x, y, width, 1e7), flags, text)
        self.painter.drawText(QRectF(x, y, width, drawn.height() + 1), flags, text)
        return drawn.height()


@record(frozen=False)
class _Block:
    """Something placed whole on a page: its height, and how to draw it at (x, y)."""

    height: float
    draw: Callable[[float, float], None]


def _lines(pen: _Pen, width: float, items: list[tuple[str, QFont, float]]) -> _Block:
    """Paragraphs one under another: (text, font, space after in mm)."""
    height = sum(pen.text_height(t, f, width) + pen.mm(gap) for t, f, gap in items)

    def draw(x: float, y: float) -> None:
        for text, font, gap in items:
            y += pen.text(text, font, x, y, width) + pen.mm(gap)

    return _Block(height, draw)


def _header(pen: _Pen, sheet: Sheet, width: float) -> _Block:
    return _lines(pen, width, [
        (sheet.title, _font(22, bold=True), 1.5),
        (sheet.summary, _font(11.5), 2.5),
        (sheet.plan, _font(11), 4),
    ])  # fmt: skip


def _exercise(pen: _Pen, number: int, exercise: SheetExercise, width: float) -> _Block:
    figure = exercise.figure
    renderer = QSvgRenderer(str(exercise.picture)) if figure is None else None
    if figure is not None:  # the start pose above the end pose, as on screen
        picture_w = pen.mm(38)
        left, top, right, bottom = figure.bounds
        pose_h = min(pen.mm(24), picture_w * (bottom - top) / (right - left))
        label_h = pen.text_height("Start", _font(9), picture_w)
        picture_h = 2 * (pose_h + label_h) + pen.mm(1)
    else:
        picture_w = pen.mm(38)
        box = renderer.viewBoxF() if renderer is not None else QRectF()
        valid = renderer is not None and renderer.isValid()
        picture_h = picture_w * box.height() / box.width() if valid else 0.0
    text_x = picture_w + pen.mm(6)
    text_w = width - text_x
    step_indent = pen.mm(5)
    name = f"{number}. {exercise.name}"
    dose = exercise.dose + ("  (your own dose)" if exercise.own_dose else "")
    body = _font(10.5)
    heights = [pen.text_height(name, _font(14, bold=True), text_w) + pen.mm(0.8),
               pen.text_height(dose, _font(11.5, bold=True), text_w) + pen.mm(2)]  # fmt: skip
    heights += [pen.text_height(s, body, text_w - step_indent) + pen.mm(0.8)
                for s in exercise.steps]  # fmt: skip
    cautions = "Take care: " + " ".join(exercise.cautions) if exercise.cautions else ""
    if cautions:
        heights.append(pen.mm(1) + pen.text_height(cautions, _font(10, italic=True), text_w))
    height = max(picture_h, sum(heights)) + pen.mm(6)

    def draw(x: float, y: float) -> None:
        painter = pen.painter
        painter.setPen(QPen(LIGHT, pen.mm(0.2)))
        painter.drawLine(QLineF(x, y, x + width, y))
        y += pen.mm(2.5)
        if figure is not None:
            for row, (moved, words) in enumerate(((0.0, "Start"), (1.0, "End"))):
                top = y + row * (pose_h + label_h + pen.mm(1))
                paint_figure(painter, figure, figure.pose_at(moved),
                             QRectF(x, top, picture_w, pose_h), PRINTED_FIGURE,
                             arrows=1 if row == 0 else 0)  # fmt: skip
                pen.text(words, _font(9), x, top + pose_h, picture_w, GREY, centred=True)
        elif renderer is not None and renderer.isValid():
            renderer.render(painter, QRectF(x, y, picture_w, picture_h))
        tx = x + text_x
        y += pen.text(name, _font(14, bold=True), tx, y, text_w) + pen.mm(0.8)
        y += pen.text(dose, _font(11.5, bold=True), tx, y, text_w) + pen.mm(2)
        for index, step in enumerate(exercise.steps, start=1):
            pen.text(f"{index}.", body, tx, y, step_indent)
            y += pen.text(step, body, tx + step_indent, y, text_w - step_indent) + pen.mm(0.8)
        if cautions:
            pen.text(cautions, _font(10, italic=True), tx, y + pen.mm(1), text_w, GREY)

    return _Block(height, draw)


def _grid(pen: _Pen, sheet: Sheet, width: float) -> _Block:
    heading = "Your three weeks: tick each workout, and write down your pain before and after"
    heading_h = pen.text_height(heading, _font(12.5, bold=True), width) + pen.mm(2.5)
    label_w = pen.mm(20)
    row_h = pen.mm(15)
    columns = len(sheet.days)
    cell_w = (width - label_w) / columns
    height = heading_h + row_h * sheet.weeks + pen.mm(8)

    def draw(x: float, y: float) -> None:
        painter = pen.painter
        y += pen.mm(2)
        y += pen.text(heading, _font(12.5, bold=True), x, y, width) + pen.mm(2.5)
        painter.setPen(QPen(QColor("black"), pen.mm(0.3)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for week in range(sheet.weeks):
            top = y + week * row_h
            painter.drawRect(QRectF(x, top, width, row_h))
            pen.text(f"Week {week + 1}", _font(11, bold=True), x + pen.mm(2), top + pen.mm(5),
                     label_w)  # fmt: skip
            for column, day in enumerate(sheet.days):
                left = x + label_w + column * cell_w
                painter.setPen(QPen(QColor("black"), pen.mm(0.3)))
                painter.drawLine(QLineF(left, top, left, top + row_h))
                tick = QRectF(left + pen.mm(2), top + pen.mm(2), pen.mm(4.5), pen.mm(4.5))
                painter.drawRect(tick)
                pen.text(day, _font(10, bold=True), tick.right() + pen.mm(2), top + pen.mm(2.2),
                         cell_w)  # fmt: skip
                pen.text("Pain before ____   after ____", _font(10), left + pen.mm(2),
                         top + pen.mm(8.5), cell_w - pen.mm(3))  # fmt: skip

    return _Block(height, draw)


def _stop_box(pen: _Pen, sheet: Sheet, width: float) -> _Block:
    """A heavy frame: the halt rules in two columns, what to do first, then the signs."""
    pad, gap = pen.mm(4), pen.mm(6)
    column_w = (width - 2 * pad - gap) / 2
    bullet = pen.mm(3.5)
    title = ("Stop and get help if", _font(14, bold=True))
    title_h = pen.text_height(*title, width) + pen.mm(2)
    # The emergency signs beside the signs for a doctor today and pain down a leg.
    columns = [sheet.stop[:1], sheet.stop[1:]]

    def group_height(groups: list[StopGroup]) -> float:
        total = 0.0
        for group in groups:
            total += pen.text_height(group.heading, _font(10.5, bold=True), column_w) + pen.mm(1)
            total += sum(pen.text_height(sign, _font(10), column_w - bullet) + pen.mm(0.6)
                         for sign in group.signs)  # fmt: skip
            total += pen.mm(2)
        return total

    body_h = max(group_height(groups) for groups in columns)
    during_h = pen.text_height(sheet.during, _font(10, bold=True), width - 2 * pad)
    height = pad + title_h + body_h + during_h + pad

    def draw(x: float, y: float) -> None:
        painter = pen.painter
        y += pen.mm(4)
        painter.setPen(QPen(QColor("black"), pen.mm(0.8)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x, y, width, height))
        top = y + pad
        pen.text(*title, x + pad, top, width)
        top += title_h
        for index, groups in enumerate(columns):
            left = x + pad + index * (column_w + gap)
            at = top
            for group in groups:
                at += pen.text(group.heading, _font(10.5, bold=True), left, at, column_w)
                at += pen.mm(1)
                for sign in group.signs:
                    pen.text("•", _font(10), left, at, bullet)
                    at += pen.text(sign, _font(10), left + bullet, at, column_w - bullet)
                    at += pen.mm(0.6)
                at += pen.mm(2)
        pen.text(sheet.during, _font(10, bold=True), x + pad, top + body_h, width - 2 * pad)

    return _Block(height + pen.mm(4), draw)


def paint_sheet(sheet: Sheet, device: QPagedPaintDevice) -> int:
    """Paint the sheet on `device` (page size and margins already set); the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be started")
    try:
        layout = device.pageLayout()
        area = layout.paintRectPixels(device.logicalDpiX())
        pen = _Pen(painter, device.logicalDpiX())
        width, page_h = float(area.width()), float(area.height())
        footer_h = pen.text_height(sheet.personal, _font(9), width * FOOTER_SPLIT) + pen.mm(3)
        blocks = [_header(pen, sheet, width)]
        blocks += [_exercise(pen, n, e, width) for n, e in enumerate(sheet.exercises, start=1)]
        blocks += [_grid(pen, sheet, width), _stop_box(pen, sheet, width)]
        pages: list[list[tuple[float, _Block]]] = [[]]
        y = 0.0
        for block in blocks:
            if y + block.height > page_h - footer_h and pages[-1]:
                pages.append([])
                y = 0.0
            pages[-1].append((y, block))
            y += block.height
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            for top, block in placed:
                block.draw(0.0, top)
            _footer(pen, sheet, width, page_h, footer_h, f"Page {number} of {len(pages)}")
        return len(pages)
    finally:
        painter.end()


def _footer(pen: _Pen, sheet: Sheet, width: float, page_h: float, footer_h: float,
            page: str) -> None:  # fmt: skip
    top = page_h - footer_h + pen.mm(2)
    pen.painter.setPen(QPen(LIGHT, pen.mm(0.2)))
    pen.painter.drawLine(QLineF(0, top - pen.mm(1), width, top - pen.mm(1)))
    pen.text(sheet.personal, _font(9), 0, top, width * FOOTER_SPLIT, GREY)
    printed = f"Printed {sheet.printed:%-d %B %Y} · {page}"
    pen.painter.setFont(_font(9))
    pen.painter.setPen(GREY)
    right = QRectF(width * FOOTER_SPLIT, top, width * (1 - FOOTER_SPLIT), footer_h)
    pen.painter.drawText(right, int(Qt.AlignmentFlag.AlignRight), printed)


def prepare(device: QPagedPaintDevice, paper: str) -> None:
    device.setPageSize(QPageSize(PAPERS[paper]))
    device.setPageMargins(QMarginsF(*[MARGIN_MM] * 4), QPageLayout.Unit.Millimeter)


def write_pdf(sheet: Sheet, path: Path, paper: str) -> int:
    """The sheet as a PDF at `path` (whole or not at all, owner-only); the page count.
    OSError if it cannot be written."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setTitle(f"Hip & Core Coach: {sheet.title}")
    writer.setCreator("Hip & Core Coach")
    prepare(writer, paper)
    pages = paint_sheet(sheet, writer)  # ending the painter finishes the PDF
    write_private(path, bytes(buffer.data().data()))
    return pages


def preview_dialog(sheet: Sheet, parent: QWidget) -> QDialog:
    """Qt's print preview of the sheet: zoom, pages, page setup, and Print to any printer."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # only when printing

    class SheetPreview(QPrintPreviewDialog):
        def __init__(self) -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            prepare(printer, default_paper())
            printer.setDocName(f"Hip & Core Coach: {sheet.title}")
            super().__init__(printer, parent)
            # The dialog only borrows its printer: it must live as long as the dialog.
            self.kept_printer = printer
            self.setWindowTitle(f"Print the sheet: {sheet.title}")
            self.paintRequested.connect(self._on_paint_requested)
            self.resize(parent.width() * 9 // 10, parent.height() * 9 // 10)

        def _on_paint_requested(self, device: QPagedPaintDevice) -> None:
            paint_sheet(sheet, device)

    return SheetPreview()
