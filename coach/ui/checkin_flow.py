"""Check-ins around a workout: the block's baseline, pain before, pain after.

Signals:
    ready(str): the check-ins before the workout of this routine are done.
    after_done(): the check-in after the workout is done (or skipped).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.store.checkins import AFTER_WORKOUT, BASELINE, BEFORE_WORKOUT, CheckinLog
from coach.ui.checkin_view import PainView

AVERAGE = "What was your average pain over the last 24 hours, from 0 to 10?"
RIGHT_NOW = "How much pain do you have right now, from 0 to 10?"


class CheckinFlow(QObject):
    ready = Signal(str)
    after_done = Signal()

    def __init__(
        self, log: CheckinLog, show: Callable[[QWidget], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.log = log
        self._show = show
        self.view = PainView()
        self.view.answered.connect(self._on_view_answered)
        self.view.skipped.connect(self._on_view_skipped)
        self._stage = ""
        self._routine = ""
        self._block = 0
        self._workout: int | None = None

    def before_workout(self, routine_id: str) -> None:
        self._routine = routine_id
        block = self.log.current_block()
        self._block = block.id if block else self.log.start_block(routine_id)
        has_baseline = any(c.kind == BASELINE for c in self.log.checkins(self._block))
        if has_baseline:
            self._ask_before()
        else:
            self._stage = BASELINE
            self.view.ask(
                "Where you are starting from",
                f"{AVERAGE} In three weeks you will be asked the same way, to compare.",
                skippable=False,
            )
            self._show(self.view)

    def after_workout(self, workout_id: int) -> None:
        block = self.log.current_block()
        if block is None:
            self.after_done.emit()
            return
        self._block, self._workout, self._stage = block.id, workout_id, AFTER_WORKOUT
        self.view.ask("After your workout", RIGHT_NOW, skippable=True)
        self._show(self.view)

    def _ask_before(self) -> None:
        self._stage = BEFORE_WORKOUT
        self.view.ask("Before you start", RIGHT_NOW, skippable=True)
        self._show(self.view)

    def _on_view_answered(self, pain: int) -> None:
        workout = self._workout if self._stage == AFTER_WORKOUT else None
        self.log.record(self._block, self._stage, pain, workout_id=workout)
        self._next()

    def _on_view_skipped(self) -> None:
        self._next()

    def _next(self) -> None:
        if self._stage == BASELINE:
            self._ask_before()
        elif self._stage == BEFORE_WORKOUT:
            self.ready.emit(self._routine)
        else:
            self.after_done.emit()
