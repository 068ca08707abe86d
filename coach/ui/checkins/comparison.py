"""The three-week comparison: one calm sentence, the numbers, and what it cannot show.

Signals:
    new_block_requested(): start a new three-week block (this one stays readable).
    done(): back to the routines.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, Qt, Signal
from PySide6.QtGui import QPagedPaintDevice, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from coach.core.progress import ALWAYS_SAID, Comparison
from coach.files import write_private
from coach.ui.widgets import Key, bind, key_button, make_row, set_words


class ComparisonKeys:
    PDF = Key("Save as PDF", ("S",))
    PRINT = Key("Print", ("P",))
    NEW = Key("Start a new three-week block", ("N",))
    BACK = Key("Back to routines", ("Esc",))


ON_SCREEN = (
    "body, p, li, td, th { font-size: 15pt; } h1 { font-size: 26pt; } .lead { font-size: 18pt; }"
)
PRINTED = (
    "body, p, li, td, th { font-size: 11pt; } h1 { font-size: 20pt; } .lead { font-size: 13pt; }"
)


def comparison_html(comparison: Comparison, title: str, dates: str = "") -> str:
    rows = []
    if comparison.pain is not None:
        pain = comparison.pain
        percent = "" if pain.percent is None else f" ({pain.percent:+d}%)"
        unit = "point" if abs(pain.points) == 1 else "points"
        rows.append(("Average pain over 24 hours", f"{pain.baseline}", f"{pain.now}",
                     f"{pain.points:+d} {unit}{percent}"))  # fmt: skip
    for activity in comparison.activities:
        now = "not rated" if activity.now is None else str(activity.now)
        change = activity.change()
        rows.append((f"How hard: {activity.name}", str(activity.baseline), now, change))
    table = "".join(
        f"<tr><td>{escape(a)}</td><td align='center'>{b}</td><td align='center'>{c}</td>"
        f"<td>{escape(d)}</td></tr>"
        for a, b, c, d in rows
    )
    workouts = comparison.workouts
    impression = comparison.impression or (
        "not answered" if comparison.ended else "not answered yet"
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in comparison.notes())
    always = " ".join(escape(line) for line in ALWAYS_SAID)
    along = comparison.pain_by_week()
    parts = [f"<h1>{escape(title)}</h1>"]
    if dates:
        parts.append(f"<p>{escape(dates)}</p>")
    parts.append(f"<p class='lead'><b>{escape(comparison.summary())}</b></p>")
    if rows:
        parts.append(
            "<table cellpadding='6' border='0'><tr><th align='left'></th><th>At the start</th>"
            f"<th>Now</th><th align='left'>Change</th></tr>{table}</table>"
        )
    if along:
        parts.append(f"<p>{escape(along)}</p>")
    parts.append(f"<p>How you feel things have changed: <b>{escape(impression)}</b></p>")
    parts.append(
        f"<p>{escape(workouts.sentence())} Week by week: {escape(workouts.weeks())}."
        f" {escape(workouts.apart())}</p>"
    )
    if notes:
        parts.append(f"<ul>{notes}</ul>")
    parts.append(f"<p><i>{always}</i></p>")
    return "".join(parts)


def save_pdf(html: str, path: Path) -> None:
    """An A4 page (or more) of the comparison, for the person or their clinician.

    Raises OSError when the file cannot be written (Qt's own writer fails silently)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))  # the document adds its own 2 cm
    writer.setTitle("Hip & Core Coach: three-week comparison")
    print_html(html, writer)
    write_private(path, bytes(buffer.data().data()))


def print_html(html: str, device: QPagedPaintDevice) -> None:
    """The comparison on any paged device: a PDF writer, or a printer the person chose."""
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINTED)
    document.setHtml(html)
    document.print_(device)


class ComparisonView(QWidget):
    new_block_requested = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Your three-week comparison")
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.setStyleSheet("QTextBrowser { border: none; background: transparent; }")
        self.text.document().setDefaultStyleSheet(ON_SCREEN)
        keys = ComparisonKeys
        self.pdf_button = key_button(keys.PDF, self._on_pdf_clicked)
        self.print_button = key_button(keys.PRINT, self._on_print_clicked)
        self.new_button = key_button(keys.NEW, self.new_block_requested.emit)
        self.back_button = key_button(keys.BACK, self.done.emit, primary=True)
        buttons = (self.back_button, self.print_button, self.pdf_button, self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.addWidget(self.text, 1)
        layout.addWidget(make_row(*buttons))
        bind(self, keys.PDF, self._on_pdf_clicked)
        bind(self, keys.PRINT, self._on_print_clicked)
        bind(self, keys.NEW, self._on_new_key_pressed)
        bind(self, keys.BACK, self.done.emit)
        self.html = ""

    def show_comparison(
        self, comparison: Comparison, title: str, dates: str = "", *, current: bool = True
    ) -> None:
        """A block's comparison; only the current block offers to start a new one."""
        self.html = comparison_html(comparison, title, dates)
        self.text.setHtml(self.html)
        self.new_button.setVisible(current)
        set_words(self.back_button, ComparisonKeys.BACK, None if current else "Back to the list")
        self.setFocus()

    def _on_new_key_pressed(self) -> None:
        if self.new_button.isVisibleTo(self):
            self.new_block_requested.emit()

    def _on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only when printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Hip & Core Coach: three-week comparison")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the comparison")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_html(self.html, printer)

    def _on_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the comparison as PDF", str(Path.home() / "three-weeks.pdf"), "PDF (*.pdf)"
        )
        if not name:
            return
        try:
            save_pdf(self.html, Path(name))
        except OSError as error:
            QMessageBox.warning(
                self, "Not saved", f"The PDF could not be saved: {error.strerror or error}."
            )
