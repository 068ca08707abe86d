"""After a workout: how long it took, what was done, what was skipped, the pain right now
(asked on the same screen, so the routine reaches its summary with nothing pressed), the
week so far and the next workout day."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from coach.core.outcome import Outcome, WorkoutSummary
from coach.core.plan import WeekStatus
from coach.core.progression import DoseOffer
from coach.ui.checkins.pain import PainKeys, PainScale
from coach.ui.widgets import (
    Key,
    bind,
    fit_to_window,
    hint_line,
    key_button,
    make_label,
    make_row,
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
    SAVE_PAIN = Key("Save", ("Return",), shown="Enter", said="saves")


class SummaryView(QWidget):
    """Signals:
    done(): the person is ready to go back to the routines.
    accepted(DoseOffer), declined(DoseOffer): the answer to a progression suggestion.
    pain_given(int): the pain right now, 0-10, after the workout.
    """

    done = Signal()
    accepted = Signal(object)
    declined = Signal(object)
    pain_given = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("", 28, bold=True)
        self.details = make_label("", 18)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.exercises = make_label("", 15)
        self.exercises.setTextFormat(Qt.TextFormat.RichText)
        self.exercises.setWordWrap(False)  # a table of names and sets: as wide as it needs
        self.notes = make_label("", 15, bold=True)  # what follows from pain that rose
        self.saved = make_label("", 14, name="muted")
        # Pain before and after (after once it is given below), the week so far and the
        # next workout day.
        self.after = make_label("", 18)
        self.after.setTextFormat(Qt.TextFormat.RichText)
        # The pain right now, asked here rather than on a screen of its own: optional,
        # and nothing waits for it.
        self.pain_question = make_label("", 18, bold=True)
        self.pain_scale = PainScale(self)
        self.pain_scale.changed.connect(self._on_pain_scale_changed)
        self.pain_save = key_button(SummaryKeys.SAVE_PAIN, self._on_pain_save_clicked,
                                    primary=True, focus=True)  # fmt: skip
        self.pain_save.setAutoDefault(True)
        hints = hint_line(PainKeys.CHOOSE, PainKeys.UP, SummaryKeys.SAVE_PAIN, separator=" · ")
        self.pain_keys = make_label(f"Keys: {hints}. You may leave it.", 12, name="muted")
        self.pain = QFrame()
        self.pain.setObjectName("card")
        pain_layout = QVBoxLayout(self.pain)
        pain_layout.addWidget(self.pain_question)
        pain_layout.addWidget(self.pain_scale)
        pain_layout.addWidget(make_row(self.pain_save, self.pain_keys, grow=self.pain_keys))
        self.pain.hide()
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
        # What was done on the left, what it means (pain, the week) on the right: the
        # summary fits a small window and fills a wide one.
        outcome = QHBoxLayout()
        outcome.setSpacing(40)
        outcome.addWidget(self.exercises, 0, Qt.AlignmentFlag.AlignTop)
        meaning = QVBoxLayout()
        meaning.addWidget(self.notes)
        meaning.addWidget(self.after)
        meaning.addWidget(self.saved)
        meaning.addStretch()
        outcome.addLayout(meaning, 1)
        layout = QVBoxLayout(self)
        layout.addStretch()  # in the middle of the window, as read from the mat
        for widget in (self.heading, self.details, self.pain):
            layout.addWidget(widget)
        layout.addLayout(outcome)
        layout.addWidget(self.offer)
        layout.addWidget(make_row(self.back_button))
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
        self.notes.setText("\n".join(notes or []))
        self.notes.setVisible(bool(notes))
        self.exercises.setText(f"<table cellpadding='3'>{rows}</table>" if rows else "")
        self.back_button.setFocus()

    def show_after(self, before: int | None, after: int | None, week: WeekStatus) -> None:
        """How the back pain changed over the workout, the week so far, and what is next."""
        lines = [pain_text(before, after), escape(week.sentence(next_day=True), quote=False)]
        self.after.setText("<br>".join(line for line in lines if line))

    def ask_pain(self, question: str | None) -> None:
        """The pain right now, on this screen (None: not asked, as when there is no block)."""
        self.pain.setVisible(question is not None)
        self.pain_question.setText(question or "")
        self.pain_scale.reset(("0: no pain", "10: the worst pain you can imagine"))
        self.pain_scale.setEnabled(question is not None)
        self.pain_save.setEnabled(False)
        self.back_button.setFocus()

    def pain_asked(self) -> bool:
        return self.pain.isVisibleTo(self)

    def _on_pain_scale_changed(self) -> None:
        chosen = self.pain_scale.value is not None
        self.pain_save.setEnabled(chosen)
        if chosen:
            self.pain_save.setFocus()  # Enter saves it; then Enter goes back

    def _on_pain_save_clicked(self) -> None:
        value = self.pain_scale.value
        if value is None or not self.pain_asked():
            return
        self.pain.hide()
        self.pain_scale.setEnabled(False)
        self.back_button.setFocus()
        self.pain_given.emit(value)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Read from the mat too: the words follow the window's height."""
        super().resizeEvent(event)
        fit_to_window(self, {self.heading: 0.05, self.details: 0.032, self.after: 0.032,
                             self.exercises: 0.027, self.notes: 0.027, self.saved: 0.022,
                             self.offer_label: 0.027, self.back_button: 0.025,
                             self.accept_button: 0.025, self.decline_button: 0.025,
                             self.pain_question: 0.03, self.pain_save: 0.025,
                             self.pain_keys: 0.02}, margin=0.04, gap=0.018)  # fmt: skip
        self.pain_scale.fit(self.height(), 0.03)

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
