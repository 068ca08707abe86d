"""The workout days and the reminder: the plan screen, the calendar file it saves, and
the reminders it arms.

Signals:
    done(): back to the routines (saved or not).
    open_requested(): the person clicked a reminder: start the routine due.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coach.services import REMINDER, Services
from coach.ui.plan.reminders import Reminders
from coach.ui.plan.view import PlanView


class PlanFlow(QObject):
    done = Signal()
    open_requested = Signal()

    def __init__(
        self,
        services: Services,
        window: QWidget,
        icon: QIcon,
        busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        """`busy` says when no reminder should come (a workout is on)."""
        super().__init__(parent)
        self._services = services
        self._window = window
        self._busy = busy
        self.view = PlanView()
        self.reminders = Reminders(window, icon, services.now, self._reminder_text)
        self.reminders.open_requested.connect(self._on_reminders_open_requested)
        self.view.saved.connect(self._on_view_saved)
        self.view.cancelled.connect(self.done.emit)
        self.view.calendar_requested.connect(self.save_calendar)
        self.reminders.plan(services.plan.plan_days(), services.settings.read(REMINDER))

    def edit(self) -> None:
        self.view.edit(self._services.plan.plan_days(), self._services.settings.read(REMINDER))

    def _reminder_text(self) -> str | None:
        return None if self._busy() else self._services.plan.reminder_text()

    def _on_reminders_open_requested(self) -> None:
        self.reminders.bring_back()
        self.open_requested.emit()

    def _on_view_saved(self, days: list[int]) -> None:
        reminder = self.view.reminder
        self._services.settings.write(self._services.plan.plan_change(days), (REMINDER, reminder))
        self.reminders.plan(self._services.plan.plan_days(), reminder)
        self.done.emit()

    def save_calendar(self, days: list[int], at: time) -> Path | None:
        """Ask where, and save the plan days as an .ics file for the person's calendar."""
        start = str(Path.home() / "hip-and-core-plan.ics")
        chosen, _ = QFileDialog.getSaveFileName(
            self._window, "Add the workout days to your calendar", start, "Calendar files (*.ics)"
        )
        if not chosen:
            return None
        target = Path(chosen) if chosen.endswith(".ics") else Path(chosen + ".ics")
        try:
            self._services.plan.save_calendar(target, days, at)
        except OSError as error:
            reason = error.strerror or str(error)
            QMessageBox.warning(self._window, "The calendar file was not saved",
                                f"{target} could not be written: {reason}.")  # fmt: skip
            return None
        QMessageBox.information(
            self._window,
            "Calendar file saved",
            f"{len(days)} weekly event{'s' if len(days) > 1 else ''} at {at:%H:%M} were saved"
            f" to {target}. Open it with your calendar program (or import it there) to add"
            " them.",
        )
        return target
