"""A pain check-in: one number from 0 to 10, chosen from eleven buttons.

Keys: 0-9 choose that number, arrows step (10 is one step past 9), Enter saves,
Esc skips where skipping is allowed.

Signals:
    answered(int): the number chosen, 0-10.
    skipped(): the person chose not to answer this one.
"""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.core.progress import GLOBAL_IMPRESSION
from coach.ui import theme
from coach.ui.widgets import (
    Key,
    bind,
    centre_column,
    fit_to_window,
    hint_line,
    key_button,
    make_button,
    make_label,
    make_row,
    scale_to_height,
    set_pixels,
)


class PainKeys:
    CHOOSE = Key("Choose", tuple("0123456789"), shown="0-9", said="choose a number")
    UP = Key("Step", ("Right", "Up"), shown="9 then →", said="gives 10")
    DOWN = Key("Step", ("Left", "Down"))
    SAVE = Key("Save", ("Return", "Enter"), shown="Enter")
    SKIP = Key("Skip", ("Esc",))


class ImpressionKeys:
    CHOOSE = Key("Choose", tuple("1234567"), shown="1-7")
    SAVE = Key("Save", ("Return", "Enter"), shown="Enter", said="saves")


def clear_choice(group: QButtonGroup) -> None:
    """No button of an exclusive group checked (Qt keeps one checked unless told not to)."""
    group.setExclusive(False)
    for button in group.buttons():
        button.setChecked(False)
    group.setExclusive(True)


class PainScale(QWidget):
    """Eleven buttons, 0 to 10, and the words at each end. Its keys (0-9 choose, arrows
    step; 10 is one step past 9) work anywhere on the screen given as `keys_on`.

    Signals:
        changed(): a number was chosen (or the choice cleared).
    """

    changed = Signal()

    def __init__(self, keys_on: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: list[QPushButton] = []
        numbers = QHBoxLayout()
        numbers.setContentsMargins(0, 0, 0, 0)
        for value in range(11):
            button = make_button(str(value), lambda: None)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(56, 56)
            button.setAccessibleDescription(f"{value} out of 10")
            theme.set_font(button, 18, bold=True)
            self.group.addButton(button, value)
            numbers.addWidget(button)
            self.buttons.append(button)
        self.group.idToggled.connect(lambda *_: self.changed.emit())
        ends = QHBoxLayout()
        ends.setContentsMargins(0, 0, 0, 0)
        self.low_end = make_label("", 13, name="muted")
        ends.addWidget(self.low_end)
        ends.addStretch()
        self.high_end = make_label("", 13, name="muted")
        self.high_end.setWordWrap(False)
        ends.addWidget(self.high_end)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(numbers)
        layout.addLayout(ends)
        for digit in PainKeys.CHOOSE.keys:
            bind(keys_on, Key("", (digit,)), partial(self.choose, int(digit)))
        bind(keys_on, PainKeys.UP, lambda: self.step(+1))
        bind(keys_on, PainKeys.DOWN, lambda: self.step(-1))

    def reset(self, ends: tuple[str, str]) -> None:
        """Nothing chosen for the person, and these words at the ends."""
        self.low_end.setText(ends[0])
        self.high_end.setText(ends[1])
        clear_choice(self.group)

    @property
    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen

    def choose(self, value: int) -> None:
        if self.isEnabled():
            self.buttons[max(0, min(10, value))].setChecked(True)

    def step(self, by: int) -> None:
        if self.value is None:
            self.choose(0 if by > 0 else 10)
        else:
            self.choose(self.value + by)

    def fit(self, height: int, share: float = 0.035) -> None:
        """Numbers a share of the window's height, the ends a little smaller."""
        side = max(56, math.ceil(height * share * 2.3))
        for button in self.buttons:
            set_pixels(button, max(18, round(height * share)))
            button.setMinimumSize(side, side)
        scale_to_height({self.low_end: share * 0.63, self.high_end: share * 0.63}, height)


class PainView(QWidget):
    answered = Signal(int)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading = make_label("", 26, bold=True)
        self.question = make_label("", 18)
        self.numbers = PainScale(self)
        self.numbers.changed.connect(self._on_numbers_changed)
        keys = PainKeys
        hints = "Keys: " + hint_line(keys.CHOOSE, keys.UP, separator=" · ")
        self.keys_line = make_label(hints, 12, name="muted")
        self.save_button = key_button(keys.SAVE, self._on_save_clicked, primary=True)
        self.skip_button = key_button(keys.SKIP, self.skipped.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(18)
        layout.addStretch()  # the question in the middle of the window, as read from a mat
        layout.addWidget(self.heading)
        layout.addWidget(self.question)
        layout.addWidget(self.numbers)
        layout.addWidget(make_row(self.save_button, self.skip_button))
        layout.addWidget(self.keys_line)
        layout.addStretch()
        bind(self, keys.SAVE, self._on_save_clicked)
        bind(self, keys.SKIP, self._on_escape_pressed)

    def ask(
        self,
        heading: str,
        question: str,
        *,
        skippable: bool,
        ends: tuple[str, str] = ("0: no pain", "10: the worst pain you can imagine"),
    ) -> None:
        self.heading.setText(heading)
        self.question.setText(question)
        self.numbers.reset(ends)
        self.skip_button.setVisible(skippable)
        self.save_button.setEnabled(False)
        self.setFocus()

    @property
    def value(self) -> int | None:
        return self.numbers.value

    @property
    def scale(self) -> list[QPushButton]:
        return self.numbers.buttons

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Sizes in proportion to the window, and the question no wider than reads well."""
        super().resizeEvent(event)
        height = self.height()
        centre_column(self)
        scale_to_height({self.heading: 0.05, self.question: 0.032, self.keys_line: 0.02,
                         self.save_button: 0.025, self.skip_button: 0.025}, height)  # fmt: skip
        self.numbers.fit(height)

    def choose(self, value: int) -> None:
        self.numbers.choose(value)

    def _on_numbers_changed(self) -> None:
        self.save_button.setEnabled(self.value is not None)

    def _on_save_clicked(self) -> None:
        if self.value is not None:
            self.answered.emit(self.value)

    def _on_escape_pressed(self) -> None:
        if self.skip_button.isVisibleTo(self):
            self.skipped.emit()


class ImpressionView(QWidget):
    """The 7-point global impression of change, one key each (1-7).

    Signals:
        answered(str): the answer chosen, as worded in core.progress.GLOBAL_IMPRESSION.
    """

    answered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading = heading = make_label("Three weeks on", 26, bold=True)
        self.question = question = make_label(
            "Since you started, how would you describe the change in your back or hip, overall?",
            18,
        )
        self.group = QButtonGroup(self)
        self.choices: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(heading)
        layout.addWidget(question)
        for number, answer in enumerate(GLOBAL_IMPRESSION, start=1):
            button = make_button(f"{number}.  {answer.capitalize()}", lambda: None)
            theme.set_font(button, 15)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("text-align: left; padding-left: 16px;")
            self.group.addButton(button, number - 1)
            self.choices.append(button)
            layout.addWidget(button)
            bind(self, Key("", (str(number),)), button.click)
        keys = ImpressionKeys
        self.save_button = key_button(keys.SAVE, self._on_save_clicked, primary=True)
        self.group.idToggled.connect(lambda *_: self.save_button.setEnabled(self.value is not None))
        hints = "Keys: " + hint_line(keys.CHOOSE, keys.SAVE, separator=" · ")
        self.keys_line = make_label(hints, 12, name="muted")
        layout.addWidget(make_row(self.save_button, self.keys_line))
        layout.addStretch()
        bind(self, keys.SAVE, self._on_save_clicked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        shares = {self.heading: 0.048, self.question: 0.03, self.save_button: 0.025,
                  self.keys_line: 0.02}  # fmt: skip
        shares.update(dict.fromkeys(self.choices, 0.026))
        fit_to_window(self, shares)

    def ask(self) -> None:
        clear_choice(self.group)
        self.save_button.setEnabled(False)
        self.setFocus()

    @property
    def value(self) -> str | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else GLOBAL_IMPRESSION[chosen]

    def _on_save_clicked(self) -> None:
        if self.value is not None:
            self.answered.emit(self.value)
