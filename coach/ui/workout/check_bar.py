"""The one-key check after each exercise, shown in place of the workout's buttons.

Signals:
    felt(str): with an all-fine answer, how the exercise felt ("too easy", "about right",
        "too hard"); sent just before answered(FINE). Optional: Enter skips it.
    answered(CheckAnswer): the person answered (after the follow-up, if one was needed).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QStackedWidget, QVBoxLayout, QWidget

from coach.core.safety import CheckAnswer
from coach.ui import theme
from coach.ui.widgets import make_button, make_label, make_row

FEELINGS = {Qt.Key.Key_E: "too easy", Qt.Key.Key_R: "about right", Qt.Key.Key_H: "too hard"}


class CheckBar(QFrame):
    felt = Signal(str)
    answered = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.question = make_label("", 13, bold=True)
        self.fine_button = make_button("All fine  [Enter]", self._on_fine_clicked, primary=True)
        self.leg_button = make_button("Pain down a leg  [L]", self._on_leg_clicked)
        self.numb_button = make_button("Numbness or weakness  [T]", self._on_numb_clicked)
        self.worse_button = make_button("Back pain 2+ points higher  [W]", self._on_worse_clicked)
        self.leg_button.setAccessibleDescription("Pain has spread into a leg or below the knee")
        self.numb_button.setAccessibleDescription(
            "New numbness, tingling or weakness in a leg, the groin or bottom"
        )
        self.feeling_buttons = [
            make_button(
                f"{feeling.capitalize()}  [{key.name[-1]}]", partial(self._on_felt, feeling)
            )
            for key, feeling in FEELINGS.items()
        ]
        how = make_label("All fine, and it felt:", 12)
        how.setWordWrap(False)
        first = QWidget()
        rows = QVBoxLayout(first)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        rows.addWidget(make_row(self.fine_button, how, *self.feeling_buttons))
        rows.addWidget(make_row(self.leg_button, self.numb_button, self.worse_button))

        self.where = make_label(
            "Is it around the groin or bottom, or is your bladder affected?", 13, bold=True
        )
        self.yes_button = make_button("Yes  [Y]", self._on_yes_clicked)
        self.no_button = make_button("No  [N]", self._on_no_clicked)
        second = make_row(self.where, self.yes_button, self.no_button, grow=self.where)

        self.pages = QStackedWidget()
        self.pages.addWidget(first)
        self.pages.addWidget(second)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.pages)
        for button in (self.fine_button, self.leg_button, self.numb_button, self.worse_button,
                       self.yes_button, self.no_button, *self.feeling_buttons):  # fmt: skip
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            theme.set_font(button, 12, bold=button is self.fine_button)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)

    def ask(self, exercise_name: str) -> None:
        self.question.setText(f"Quick check after the {exercise_name.lower()}: how are you?")
        self.pages.setCurrentIndex(0)

    @property
    def following_up(self) -> bool:
        return self.pages.currentIndex() == 1

    def press(self, key: Qt.Key) -> bool:
        """A key from the workout screen; True if it answered something."""
        if self.following_up:
            actions = {Qt.Key.Key_Y: self._on_yes_clicked, Qt.Key.Key_N: self._on_no_clicked}
        else:
            actions = {
                **{key: partial(self._on_felt, feeling) for key, feeling in FEELINGS.items()},
                Qt.Key.Key_Return: self._on_fine_clicked,
                Qt.Key.Key_Enter: self._on_fine_clicked,
                Qt.Key.Key_L: self._on_leg_clicked,
                Qt.Key.Key_T: self._on_numb_clicked,
                Qt.Key.Key_W: self._on_worse_clicked,
            }
        action = actions.get(key)
        if action is None:
            return False
        action()
        return True

    def _on_fine_clicked(self) -> None:
        self.answered.emit(CheckAnswer.FINE)

    def _on_felt(self, feeling: str) -> None:
        self.felt.emit(feeling)
        self.answered.emit(CheckAnswer.FINE)

    def _on_leg_clicked(self) -> None:
        self.answered.emit(CheckAnswer.LEG)

    def _on_numb_clicked(self) -> None:
        self.pages.setCurrentIndex(1)

    def _on_worse_clicked(self) -> None:
        self.answered.emit(CheckAnswer.WORSE)

    def _on_yes_clicked(self) -> None:
        self.answered.emit(CheckAnswer.NUMB_GROIN)

    def _on_no_clicked(self) -> None:
        self.answered.emit(CheckAnswer.NUMB)
