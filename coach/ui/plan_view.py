"""Choosing the days of the week for workouts.

Keys: 1-7 turn Monday to Sunday on or off, Enter saves, Esc goes back unchanged.

Signals:
    saved(list): the weekdays chosen (0 is Monday), at least one.
    cancelled(): back without a change.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.core.plan import WEEKDAYS
from coach.ui import theme
from coach.ui.widgets import make_button, make_label, make_row, on_key


class PlanView(QWidget):
    saved = Signal(list)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        heading = make_label("Your workout days", 26, bold=True)
        intro = make_label(
            "Choose the days you mean to do a workout. Three days a week, with a rest day"
            " between, is the plan the three-week comparison is built on; any days will do.",
            16,
        )
        self.days: list[QPushButton] = []
        row = QHBoxLayout()
        for number, name in enumerate(WEEKDAYS):
            button = make_button(f"{name[:3]}\n[{number + 1}]", self._refresh)
            button.setAccessibleDescription(f"{name}: a workout day when on")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(96, 72)
            theme.set_font(button, 16, bold=True)
            row.addWidget(button)
            self.days.append(button)
            on_key(self, Qt.Key(Qt.Key.Key_1 + number), partial(self._toggle, number))
        row.addStretch()
        self.count = make_label("", 15, bold=True)
        self.save_button = make_button("Save  [Enter]", self._on_save_clicked, primary=True)
        self.back_button = make_button("Back  [Esc]", self.cancelled.emit)
        for button in (self.save_button, self.back_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 56, 60, 40)
        layout.setSpacing(18)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.count)
        layout.addWidget(make_row(self.save_button, self.back_button))
        layout.addStretch()
        on_key(self, Qt.Key.Key_Return, self._on_save_clicked)
        on_key(self, Qt.Key.Key_Enter, self._on_save_clicked)
        on_key(self, Qt.Key.Key_Escape, self.cancelled.emit)

    def edit(self, days: frozenset[int]) -> None:
        for number, button in enumerate(self.days):
            button.setChecked(number in days)
        self._refresh()
        self.setFocus()

    @property
    def chosen(self) -> list[int]:
        return [n for n, button in enumerate(self.days) if button.isChecked()]

    def _toggle(self, number: int) -> None:
        self.days[number].toggle()
        self._refresh()

    def _refresh(self) -> None:
        count = len(self.chosen)
        if count == 0:
            self.count.setText("Pick at least one day.")
        else:
            self.count.setText(f"{count} workout{'s' if count > 1 else ''} a week.")
        self.save_button.setEnabled(count > 0)

    def _on_save_clicked(self) -> None:
        if self.chosen:
            self.saved.emit(self.chosen)
