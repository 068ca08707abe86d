"""The three-week comparison: one calm sentence, the numbers, and what it cannot show.

Signals:
    new_block_requested(): start a new three-week block (this one stays readable).
    done(): back to the routines.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt, Signal
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QTextBrowser, QVBoxLayout, QWidget

from coach.core.progress import ALWAYS_SAID, Comparison
from coach.ui.widgets import make_button, make_row, on_key


def comparison_html(comparison: Comparison, title: str) -> str:
    rows = []
    if comparison.pain is not None:
        pain = comparison.pain
        percent = "" if pain.percent is None else f" ({pain.percent:+d}%)"
        rows.append(("Average pain over 24 hours", f"{pain.baseline}", f"{pain.now}",
                     f"{pain.points:+d} points{percent}"))  # fmt: skip
    for activity in comparison.activities:
        now = "not rated" if activity.now is None else str(activity.now)
        change = "" if activity.points is None else f"{activity.points:+d} points"
        rows.append((f"How hard: {activity.name}", str(activity.baseline), now, change))
    table = "".join(
        f"<tr><td>{escape(a)}</td><td align='center'>{b}</td><td align='center'>{c}</td>"
        f"<td>{escape(d)}</td></tr>"
        for a, b, c, d in rows
    )
    workouts = comparison.workouts
    weeks = ", ".join(
        f"week {n}: {done} of {workouts.planned_per_week}"
        for n, done in enumerate(workouts.by_week, 1)
    )
    impression = comparison.impression or "not answered yet"
    notes = "".join(f"<li>{escape(note)}</li>" for note in comparison.notes())
    always = " ".join(escape(line) for line in ALWAYS_SAID)
    along = comparison.pain_by_week()
    return (
        f"<h1>{escape(title)}</h1>"
        f"<p style='font-size: large'><b>{escape(comparison.summary())}</b></p>"
        "<table cellpadding='6' border='0'>"
        "<tr><th align='left'></th><th>At the start</th><th>Now</th><th align='left'>Change</th>"
        f"</tr>{table}</table>"
        + (f"<p>{escape(along)}</p>" if along else "")
        + f"<p>How you feel things have changed: <b>{escape(impression)}</b></p>"
        f"<p>Workouts: {workouts.done} of {workouts.planned} planned ({weeks}). "
        f"Stopped for safety: {workouts.halts}. Exercises skipped: "
        f"{workouts.skipped_exercises}.</p>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + f"<p><i>{always}</i></p>"
    )


def save_pdf(html: str, path: Path) -> None:
    """An A4 page (or more) of the comparison, for the person or their clinician."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18))
    writer.setTitle("Hip & Core Coach: three-week comparison")
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)


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
        self.text.document().setDefaultStyleSheet(
            "body, p, li, td, th { font-size: 15pt; } h1 { font-size: 26pt; }"
        )
        self.pdf_button = make_button("Save as PDF  [S]", self._on_pdf_clicked)
        self.new_button = make_button(
            "Start a new three-week block  [N]", self.new_block_requested.emit
        )
        self.back_button = make_button("Back to routines  [Esc]", self.done.emit, primary=True)
        for button in (self.pdf_button, self.new_button, self.back_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.addWidget(self.text, 1)
        layout.addWidget(make_row(self.back_button, self.pdf_button, self.new_button))
        on_key(self, Qt.Key.Key_S, self._on_pdf_clicked)
        on_key(self, Qt.Key.Key_N, self.new_block_requested.emit)
        on_key(self, Qt.Key.Key_Escape, self.done.emit)
        self.html = ""

    def show_comparison(self, comparison: Comparison, title: str) -> None:
        self.html = comparison_html(comparison, title)
        self.text.setHtml(self.html)
        self.setFocus()

    def _on_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the comparison as PDF", str(Path.home() / "three-weeks.pdf"), "PDF (*.pdf)"
        )
        if name:
            save_pdf(self.html, Path(name))
