"""The one-key check after each exercise, shown in place of the workout's buttons.

Signals:
    felt(Feeling): with an all-fine answer, how the exercise felt; sent just before
        answered(FINE). Optional: Enter skips it.
    answered(CheckAnswer): the person answered (after the follow-up, if one was needed).
    pain_answered(bool): after back pain rose: end for today (True), or go on (False).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QStackedWidget, QVBoxLayout, QWidget

from coach.core.progression import Feeling
from coach.core.safety import CheckAnswer
from coach.ui import theme
from coach.ui.widgets import Key, key_button, make_label, make_row


class CheckKeys:
    FINE = Key("All fine", ("Return", "Enter"), shown="Enter")
    LEG = Key("Pain down a leg", ("L",))
    NUMB = Key("Numbness or weakness", ("T",))
    WORSE = Key("Back pain 2+ points higher", ("W",))
    EASY = Key("Too easy", ("E",))
    RIGHT = Key("About right", ("R",))
    HARD = Key("Too hard", ("H",))
    YES = Key("Yes", ("Y",))
    NO = Key("No", ("N",))
    END_TODAY = Key("End for today", ("Return", "Enter"), shown="Enter")
    GO_ON = Key("Go on with the rest", ("G",))


FEELINGS = {CheckKeys.EASY: Feeling.TOO_EASY, CheckKeys.RIGHT: Feeling.ABOUT_RIGHT,
            CheckKeys.HARD: Feeling.TOO_HARD}  # fmt: skip


class CheckBar(QFrame):
    felt = Signal(object)
    answered = Signal(object)
    pain_answered = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.question = make_label("", 13, bold=True)
        keys = CheckKeys
        self._first: dict[Key, Callable[[], None]] = {
            keys.FINE: partial(self.answered.emit, CheckAnswer.FINE),
            keys.LEG: partial(self.answered.emit, CheckAnswer.LEG),
            keys.NUMB: self._on_numb_chosen,
            keys.WORSE: partial(self.answered.emit, CheckAnswer.WORSE),
            **{key: partial(self._on_felt, feeling) for key, feeling in FEELINGS.items()},
        }
        self._second: dict[Key, Callable[[], None]] = {
            keys.YES: partial(self.answered.emit, CheckAnswer.NUMB_SERIOUS),
            keys.NO: partial(self.answered.emit, CheckAnswer.NUMB),
        }
        self._third: dict[Key, Callable[[], None]] = {
            keys.END_TODAY: partial(self.pain_answered.emit, True),
            keys.GO_ON: partial(self.pain_answered.emit, False),
        }
        self.buttons = {
            key: key_button(key, action, primary=key in (keys.FINE, keys.END_TODAY))
            for key, action in (self._first | self._second | self._third).items()
        }
        for key, button in self.buttons.items():
            theme.set_font(button, 12, bold=key is keys.FINE)
        self.buttons[keys.LEG].setAccessibleDescription(
            "Pain has spread into a leg or below the knee"
        )
        self.buttons[keys.NUMB].setAccessibleDescription(
            "New numbness, tingling or weakness in a leg, the groin or bottom"
        )
        how = make_label("All fine, and it felt:", 12)
        how.setWordWrap(False)
        first = QWidget()
        rows = QVBoxLayout(first)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        feelings = [self.buttons[key] for key in FEELINGS]
        rows.addWidget(make_row(self.buttons[keys.FINE], how, *feelings))
        rows.addWidget(make_row(*(self.buttons[k] for k in (keys.LEG, keys.NUMB, keys.WORSE))))

        self.where = make_label(
            "Is it around the groin, bottom or inner thighs, in both legs, or is there any"
            " bladder or bowel change?", 13, bold=True,
        )  # fmt: skip
        second = make_row(
            self.where, self.buttons[keys.YES], self.buttons[keys.NO], grow=self.where
        )
        self._exercise = "exercise"
        self.pain_rose = make_label("", 13, bold=True)
        third = make_row(
            self.pain_rose, self.buttons[keys.END_TODAY], self.buttons[keys.GO_ON],
            grow=self.pain_rose,
        )  # fmt: skip
        self.pages = QStackedWidget()
        self.pages.addWidget(first)
        self.pages.addWidget(second)
        self.pages.addWidget(third)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.pages)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)

    def ask(self, exercise_name: str) -> None:
        self._exercise = exercise_name.lower()
        self.question.setText(f"Quick check after the {self._exercise}: how are you?")
        self.pages.setCurrentIndex(0)

    def ask_pain(self) -> None:
        """Back pain rose after the exercise just checked: end for today, or go on?"""
        self.question.setText(
            f"Your back pain is 2 or more points higher after the {self._exercise}"
        )
        self.pain_rose.setText(
            f"End for today, or go on with the rest? Either way, the {self._exercise} will be"
            " one step lighter next time."
        )
        self.pages.setCurrentIndex(2)

    @property
    def following_up(self) -> bool:
        return self.pages.currentIndex() == 1

    @property
    def asking_pain(self) -> bool:
        return self.pages.currentIndex() == 2

    def key_table(self) -> list[Key]:
        return [*self._first, *self._second, *self._third]

    def press(self, sequence: str) -> bool:
        """A key from the workout screen; True if it answered something."""
        actions = (self._first, self._second, self._third)[self.pages.currentIndex()]
        action = next((a for key, a in actions.items() if sequence in key.keys), None)
        if action is None:
            return False
        action()
        return True

    def _on_felt(self, feeling: Feeling) -> None:
        self.felt.emit(feeling)
        self.answered.emit(CheckAnswer.FINE)

    def _on_numb_chosen(self) -> None:
        self.pages.setCurrentIndex(1)
