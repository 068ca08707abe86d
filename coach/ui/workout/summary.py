"""After a workout: how long it took, what was done, what was skipped."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from coach.core.outcome import Outcome, WorkoutSummary
from coach.core.plan import WeekStatus
from coach.core.progression import DoseOffer
from coach.ui.widgets import (
    Key,
    bind,
    centre_column,
    key_button,
    make_label,
    make_row,
    scale_to_height,
)


def duration_text(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def side_text(sides: dict[str, int] | None) -> str:
    """Each side's sets after the exercise's count: ": left 2, right 2"."""
    if not sides:
        return ""
    return f": left {sides.get('left', 0)}, right {sides.get('right', 0)}"


def pain_text(before: int | None, after: int | None) -> str:
    """Back pain before and after, and the change in points; what was given."""
    if before is None and after is None:
        return ""
    if before is None or after is None:
        given, when = (before, "before") if after is None else (after, "after")
        return f"Back pain {when} the workout: <b>{given}</b> of 10."
    change = after - before
    points = "point" if abs(change) == 1 else "points"
    moved = (
        "the same" if change == 0
        else f"{-change} {points} lower" if change < 0
        else f"{change} {points} higher"
    )  # fmt: skip
    return f"Back pain: <b>{before}</b> before, <b>{after}</b> after ({moved})."


HEADINGS = {
    Outcome.FINISHED: "Well done: {title}",
    Outcome.PAIN_ROSE: "{title}: ended for today",
}


class SummaryKeys:
    ACCEPT = Key("Yes, change it", ("A",))
    DECLINE = Key("No, keep it", ("D",))
    BACK = Key("Back to routines", ("Return",), shown="Enter")


class SummaryView(QWidget):
    """Signals:
    done(): the person is ready to go back to the routines.
    accepted(DoseOffer), declined(DoseOffer): the answer to a progression suggestion.
    """

    done = Signal()
    accepted = Signal(object)
    declined = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("", 28, bold=True)
        self.details = make_label("", 18)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.exercises = make_label("", 15)
        self.exercises.setTextFormat(Qt.TextFormat.RichText)
        self.saved = make_label("", 14, name="muted")
        # Pain before and after, the week so far and the next workout day (once the
        # question after the workout is answered or skipped).
        self.after = make_label("", 18)
        self.after.setTextFormat(Qt.TextFormat.RichText)
        self.offer_label = make_label("", 15, bold=True)
        self.accept_button = key_button(SummaryKeys.ACCEPT, self._on_accept_clicked, focus=True)
        self.decline_button = key_button(SummaryKeys.DECLINE, self._on_decline_clicked, focus=True)
        self.offer = QFrame()
        self.offer.setObjectName("card")
        offer_layout = QVBoxLayout(self.offer)
        offer_layout.addWidget(self.offer_label)
        offer_layout.addWidget(make_row(self.accept_button, self.decline_button))
        self.offer.hide()
        self._offers: list[DoseOffer] = []
        bind(self, SummaryKeys.ACCEPT, self._on_accept_clicked)
        bind(self, SummaryKeys.DECLINE, self._on_decline_clicked)
        # Enter reaches it as the focused default button, so it keeps its focus.
        self.back_button = key_button(SummaryKeys.BACK, self.done.emit, primary=True, focus=True)
        self.back_button.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(14)
        layout.addStretch()  # in the middle of the window, as read from the mat
        for widget in (self.heading, self.details, self.after, self.exercises, self.saved,
                       self.offer):  # fmt: skip
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch()

    def show_summary(
        self, summary: WorkoutSummary, *, on_disk: bool = True, notes: list[str] | None = None
    ) -> None:
        """`on_disk` False: the disk refuses and the workout is kept in memory for now;
        `notes`: what follows from back pain that rose."""
        self.saved.setText(
            "Everything you did is saved on this computer."
            if on_disk
            else "Not saved to disk yet: it is kept while the program is open and saved"
            " as soon as the disk allows (the strip above says why)."
        )
        title = summary.routine_title
        self.heading.setText(
            HEADINGS.get(summary.outcome, "{title}: ended early").format(title=title)
        )
        skipped = escape(", ".join(summary.skipped)) if summary.skipped else "nothing"
        self.details.setText(
            f"Time: <b>{duration_text(summary.seconds)}</b>"
            f"&nbsp;&nbsp;·&nbsp;&nbsp;Sets done: <b>{summary.sets_done}</b>"
            f"&nbsp;&nbsp;·&nbsp;&nbsp;Skipped: <b>{skipped}</b>"
        )
        rows = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{count} set{'s' if count != 1 else ''}"
            f"{side_text(summary.sides_by_exercise.get(name))}</td></tr>"
            for name, count in summary.sets_by_exercise.items()
        )
        said = "".join(f"<p><b>{escape(note)}</b></p>" for note in notes or [])
        self.exercises.setText(said + (f"<table cellpadding='3'>{rows}</table>" if rows else ""))
        self.back_button.setFocus()

    def show_after(self, before: int | None, after: int | None, week: WeekStatus) -> None:
        """How the back pain changed over the workout, the week so far, and what is next."""
        lines = [pain_text(before, after), escape(week.sentence(next_day=True), quote=False)]
        self.after.setText("<br>".join(line for line in lines if line))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Read from the mat too: the words follow the window's height."""
        super().resizeEvent(event)
        centre_column(self)
        scale_to_height({self.heading: 0.05, self.details: 0.032, self.after: 0.032,
                         self.exercises: 0.027, self.saved: 0.022, self.offer_label: 0.027,
                         self.back_button: 0.025, self.accept_button: 0.025,
                         self.decline_button: 0.025}, self.height())  # fmt: skip

    def offer_doses(self, offers: list[DoseOffer]) -> None:
        """Progression suggestions, one at a time; each is accepted or declined."""
        self._offers = list(offers)
        self._show_offer()

    def _show_offer(self) -> None:
        self.offer.setVisible(bool(self._offers))
        if self._offers:
            self.offer_label.setText(self._offers[0].text())

    def _on_accept_clicked(self) -> None:
        if self._offers:
            self.accepted.emit(self._offers.pop(0))
            self._show_offer()

    def _on_decline_clicked(self) -> None:
        if self._offers:
            self.declined.emit(self._offers.pop(0))
            self._show_offer()
