"""The first thing a new person sees: what the program is, what it is not, and what the
next few minutes ask of them.

Signals:
    begun(): go on to the first questions.
    later(): not now; the welcome comes again at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from coach.ui.widgets import Key, bind, fit_to_window, key_button, make_label, make_row

WHAT_IT_IS = (
    "Short hip and core routines for low back and hip pain, guided on this computer. Each"
    " exercise shows a picture and plain steps; timers, sounds and a voice lead the way, so"
    " once you press Start you can follow the whole routine from your mat."
)
WHAT_IT_IS_NOT = (
    "It is not a diagnosis or a treatment plan, and it does not replace a clinician. Before"
    " every workout it asks about signs that need a check, and it stops when one appears."
)
PRIVATE = "Everything stays on this computer: there is no account, and nothing is sent."
NEXT = (
    "First, a few yes-or-no questions (about two minutes), then where you are starting"
    " from: your average pain, and up to three everyday things it makes hard. After that,"
    " each workout begins with a few quick questions and how your pain is right now."
)


class WelcomeKeys:
    BEGIN = Key("Begin", ("Return", "Enter"), shown="Enter")
    LATER = Key("Not now", ("Esc",))


class WelcomeView(QWidget):
    begun = Signal()
    later = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading = make_label("Welcome to Hip & Core Coach", 30, bold=True)
        self.what = make_label(WHAT_IT_IS, 18)
        self.what_not = make_label(WHAT_IT_IS_NOT, 18)
        self.private = make_label(PRIVATE, 18)
        self.next = make_label(NEXT, 16, name="muted")
        self.begin_button = key_button(WelcomeKeys.BEGIN, self.begun.emit, primary=True)
        self.later_button = key_button(WelcomeKeys.LATER, self.later.emit)
        layout = QVBoxLayout(self)
        layout.addStretch()
        for widget in (self.heading, self.what, self.what_not, self.private, self.next):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(make_row(self.begin_button, self.later_button))
        layout.addStretch()
        bind(self, WelcomeKeys.BEGIN, self.begun.emit)
        bind(self, WelcomeKeys.LATER, self.later.emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Read from a little way off too: the words follow the window's height."""
        super().resizeEvent(event)
        fit_to_window(self, {self.heading: 0.055, self.what: 0.032, self.what_not: 0.032,
                             self.private: 0.032, self.next: 0.026, self.begin_button: 0.028,
                             self.later_button: 0.028}, widest=1100)  # fmt: skip
