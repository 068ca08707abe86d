"""After a workout: how long it took, how many sets, what was skipped."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coach.ui.widgets import make_button, make_label
from coach.ui.workout_view import WorkoutSummary


class SummaryView(QWidget):
    """After a workout: how long, how many sets, what was skipped.

    Signals:
        done(): the person is ready to go back to the routines.
    """

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("", 28, bold=True)
        self.details = make_label("", 18)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.back_button = make_button("Back to routines  [Enter]", self.done.emit, primary=True)
        self.back_button.setAutoDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 40)
        layout.addWidget(self.heading)
        layout.addSpacing(16)
        layout.addWidget(self.details)
        layout.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch()
        layout.addLayout(row)

    def show_summary(self, summary: WorkoutSummary) -> None:
        title = summary.routine_title
        if summary.outcome == "finished":
            self.heading.setText(f"Done: {title}")
        else:
            self.heading.setText(f"{title}: ended early")
        minutes, rest = divmod(round(summary.seconds), 60)
        skipped = escape(", ".join(summary.skipped)) if summary.skipped else "nothing"
        lines = [
            f"Time: <b>{minutes} min {rest:02d} s</b>",
            f"Sets done: <b>{summary.sets_done}</b>",
            f"Skipped: <b>{skipped}</b>",
            "Everything you did is saved.",
        ]
        self.details.setText("<br>".join(lines))
        self.back_button.setFocus()
