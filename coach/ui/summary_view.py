"""After a workout: how long it took, what was done, what was skipped."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coach.ui.widgets import make_button, make_label
from coach.ui.workout_view import WorkoutSummary


def duration_text(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


class SummaryView(QWidget):
    """Signals:
    done(): the person is ready to go back to the routines.
    """

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("", 28, bold=True)
        self.details = make_label("", 18)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.exercises = make_label("", 15)
        self.exercises.setTextFormat(Qt.TextFormat.RichText)
        saved = make_label("Everything you did is saved on this computer.", 14, name="muted")
        self.back_button = make_button("Back to routines  [Enter]", self.done.emit, primary=True)
        self.back_button.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 56, 60, 40)
        layout.setSpacing(14)
        for widget in (self.heading, self.details, self.exercises, saved):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch()

    def show_summary(self, summary: WorkoutSummary) -> None:
        title = summary.routine_title
        finished = summary.outcome == "finished"
        self.heading.setText(f"Well done: {title}" if finished else f"{title}: ended early")
        skipped = escape(", ".join(summary.skipped)) if summary.skipped else "nothing"
        self.details.setText(
            f"Time: <b>{duration_text(summary.seconds)}</b>"
            f"&nbsp;&nbsp;·&nbsp;&nbsp;Sets done: <b>{summary.sets_done}</b>"
            f"&nbsp;&nbsp;·&nbsp;&nbsp;Skipped: <b>{skipped}</b>"
        )
        rows = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{count} set{'s' if count != 1 else ''}"
            "</td></tr>"
            for name, count in summary.sets_by_exercise.items()
        )
        self.exercises.setText(f"<table cellpadding='3'>{rows}</table>" if rows else "")
        self.back_button.setFocus()
