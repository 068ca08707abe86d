"""The plan-day reminder while the program runs: a desktop notification at the chosen
time, from the system tray where the desktop has one. Nothing runs once it is closed.

Signals:
    open_requested(): the person clicked the notification (or the tray icon's menu item).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from coach.core.calendar import Reminder, next_reminder

# Look again at least this often, so a clock change or a sleeping laptop cannot make a
# reminder late by more than this.
LOOK_AGAIN_MS = 5 * 60 * 1000


class Reminders(QObject):
    open_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        icon: QIcon,
        now: Callable[[], datetime],
        wanted: Callable[[], str | None],
    ) -> None:
        """``wanted`` says what the reminder should say now, or None to say nothing (the
        day's workout is done, or a workout is on)."""
        super().__init__(window)
        self._window = window
        self._now = now
        self._wanted = wanted
        self._days: frozenset[int] = frozenset()
        self._reminder = Reminder()
        self.due: datetime | None = None
        self.shown: list[str] = []  # every notification given, for tests and the log
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Hip & Core Coach")
            menu = QMenu(window)
            show = QAction("Show Hip & Core Coach", menu)
            show.triggered.connect(self.bring_back)
            menu.addAction(show)
            self.tray.setContextMenu(menu)
            self.tray.activated.connect(self._on_tray_activated)
            self.tray.messageClicked.connect(self.open_requested.emit)

    @property
    def in_tray(self) -> bool:
        """Whether a minimised window can wait in the tray (there is one, and it shows)."""
        return self.tray is not None and self.tray.isVisible()

    def plan(self, days: frozenset[int], reminder: Reminder) -> None:
        """Remind on these days at this time from now on (or not at all when off)."""
        self._days, self._reminder = days, reminder
        if self.tray is not None:
            self.tray.setVisible(reminder.on)
        self._arm()

    def _arm(self) -> None:
        self._timer.stop()
        self.due = None
        if not (self._reminder.on and self._days):
            return
        now = self._now().astimezone()
        self.due = next_reminder(self._days, self._reminder.at, now)
        wait = (self.due - now).total_seconds() * 1000
        self._timer.start(max(1, min(int(wait), LOOK_AGAIN_MS)))

    def check(self) -> None:
        """Notify if the reminder time has come, then wait for the next one."""
        due = self.due
        if due is not None and self._now() >= due:
            text = self._wanted()
            if text is not None:
                self._notify(text)
        self._arm()

    def _notify(self, text: str) -> None:
        self.shown.append(text)
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(
                "Time for your workout", text, QSystemTrayIcon.MessageIcon.Information, 60_000
            )
        else:  # no tray: the window asks for attention in the taskbar instead
            QApplication.alert(self._window, 0)

    def bring_back(self) -> None:
        window = self._window
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.bring_back()
