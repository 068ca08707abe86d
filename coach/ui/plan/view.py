"""Choosing the days of the week for workouts, and a reminder on those days.

Keys: 1-7 turn Monday to Sunday on or off, R the reminder, Tab reaches its time, A sends
the days to the person's calendar, Enter saves, Esc goes back unchanged.

Signals:
    saved(list): the weekdays chosen (0 is Monday), at least one; :attr:`reminder`
        holds the reminder chosen with them.
    calendar_requested(list, object): the days and time (datetime.time) to save as .ics.
    cancelled(): back without a change.
"""

from __future__ import annotations

from datetime import time
from functools import partial

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QTimeEdit, QVBoxLayout, QWidget

from coach.core.calendar import Reminder
from coach.core.plan import WEEKDAYS
from coach.ui import theme
from coach.ui.widgets import Key, bind, key_button, make_label, make_row


class PlanKeys:
    DAYS = tuple(Key(name[:3], (str(number + 1),)) for number, name in enumerate(WEEKDAYS))
    REMIND = Key("Remind me on these days at", ("R",))
    CALENDAR = Key("Add to my calendar (.ics)…", ("A",))
    SAVE = Key("Save", ("Return", "Enter"), shown="Enter")
    BACK = Key("Back", ("Esc",))


class PlanView(QWidget):
    saved = Signal(list)
    calendar_requested = Signal(list, object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        heading = make_label("Your workout days and reminder", 26, bold=True)
        intro = make_label(
            "Choose the days you mean to do a workout. Three days a week, with a rest day"
            " between, is the plan the three-week comparison is built on; any days will do.",
            16,
        )
        self.days: list[QPushButton] = []
        row = QHBoxLayout()
        keys = PlanKeys
        for number, (name, key) in enumerate(zip(WEEKDAYS, keys.DAYS, strict=True)):
            button = key_button(key, self._refresh)
            button.setText(f"{key.words}\n[{key.name}]")  # the key under the day
            button.setAccessibleName(button.text())
            button.setAccessibleDescription(f"{name}: a workout day when on")
            button.setCheckable(True)
            button.setMinimumSize(96, 72)
            theme.set_font(button, 16, bold=True)
            row.addWidget(button)
            self.days.append(button)
            bind(self, key, partial(self._toggle, number))
        row.addStretch()
        self.count = make_label("", 15, bold=True)
        self.remind = QCheckBox(keys.REMIND.label())
        theme.set_font(self.remind, 16, bold=True)
        self.remind.setStyleSheet("QCheckBox::indicator { width: 22px; height: 22px; }")
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Reminder time")
        theme.set_font(self.time, 16, bold=True)
        self.time.setMinimumWidth(110)
        self.remind.toggled.connect(self._refresh)
        reminder_note = make_label(
            "The reminder is a notification while Hip & Core Coach is open (minimised, it"
            " waits in the system tray where your desktop has one). Nothing is left running"
            " when you close it: to be reminded anyway, add the days to your own calendar.",
            14,
            name="muted",
        )
        self.calendar_button = key_button(keys.CALENDAR, self._on_calendar_clicked)
        bind(self, keys.REMIND, self.remind.toggle)
        bind(self, keys.CALENDAR, self._on_calendar_clicked)
        self.save_button = key_button(keys.SAVE, self._on_save_clicked, primary=True)
        self.back_button = key_button(keys.BACK, self.cancelled.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 56, 60, 40)
        layout.setSpacing(18)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.count)
        layout.addSpacing(6)
        layout.addWidget(make_row(self.remind, self.time))
        layout.addWidget(reminder_note)
        layout.addWidget(make_row(self.calendar_button))
        layout.addSpacing(6)
        layout.addWidget(make_row(self.save_button, self.back_button))
        layout.addStretch()
        bind(self, keys.SAVE, self._on_save_clicked)
        bind(self, keys.BACK, self.cancelled.emit)

    def edit(self, days: frozenset[int], reminder: Reminder | None = None) -> None:
        for number, button in enumerate(self.days):
            button.setChecked(number in days)
        reminder = reminder or Reminder()
        self.remind.setChecked(reminder.on)
        self.time.setTime(QTime(reminder.at.hour, reminder.at.minute))
        self._refresh()
        self.setFocus()

    @property
    def reminder(self) -> Reminder:
        at = self.time.time()
        return Reminder(on=self.remind.isChecked(), at=time(at.hour(), at.minute()))

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
        self.calendar_button.setEnabled(count > 0)
        self.time.setEnabled(self.remind.isChecked())

    def _on_calendar_clicked(self) -> None:
        if self.chosen:
            self.calendar_requested.emit(self.chosen, self.reminder.at)

    def _on_save_clicked(self) -> None:
        if self.chosen:
            self.saved.emit(self.chosen)
