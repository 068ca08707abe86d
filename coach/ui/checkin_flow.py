"""Check-ins around a workout: the block's baseline, pain before, pain after.

Signals:
    ready(str): the check-ins before the workout of this routine are done.
    after_done(): the check-in after the workout is done (or skipped).
    three_weeks_done(): the three-week check-in is saved; the comparison can be shown.
    cancelled(): the person went back from a check-in that can wait.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.store.checkins import AFTER_WORKOUT, BASELINE, BEFORE_WORKOUT, THREE_WEEKS, CheckinLog
from coach.ui.checkin_view import ImpressionView, PainView

AVERAGE = "What was your average pain over the last 24 hours, from 0 to 10?"
RIGHT_NOW = "How much pain do you have right now, from 0 to 10?"


class CheckinFlow(QObject):
    ready = Signal(str)
    after_done = Signal()
    three_weeks_done = Signal()
    cancelled = Signal()

    def __init__(
        self, log: CheckinLog, show: Callable[[QWidget], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.log = log
        self._show = show
        self.view = PainView()
        self.view.answered.connect(self._on_view_answered)
        self.view.skipped.connect(self._on_view_skipped)
        self.impression_view = ImpressionView()
        self.impression_view.answered.connect(self._on_impression_view_answered)
        self._three_week_pain: int | None = None
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

    def three_weeks(self) -> None:
        """Average pain asked as at the start, then the global impression of change."""
        block = self.log.current_block()
        if block is None:
            return
        self._block, self._stage = block.id, THREE_WEEKS
        self.view.ask(
            "Three weeks on",
            f"{AVERAGE} This is the same question as at the start, to compare.",
            skippable=True,
        )
        self._show(self.view)

    def _on_impression_view_answered(self, impression: str) -> None:
        self.log.record(self._block, THREE_WEEKS, self._three_week_pain, impression=impression)
        self.three_weeks_done.emit()

    def _ask_before(self) -> None:
        self._stage = BEFORE_WORKOUT
        self.view.ask("Before you start", RIGHT_NOW, skippable=True)
        self._show(self.view)

    def _on_view_answered(self, pain: int) -> None:
        if self._stage == THREE_WEEKS:  # saved with the impression, as one check-in
            self._three_week_pain = pain
            self.impression_view.ask()
            self._show(self.impression_view)
            return
        workout = self._workout if self._stage == AFTER_WORKOUT else None
        self.log.record(self._block, self._stage, pain, workout_id=workout)
        self._next()

    def _on_view_skipped(self) -> None:
        if self._stage == THREE_WEEKS:
            self.cancelled.emit()
            return
        self._next()

    def _next(self) -> None:
        if self._stage == BASELINE:
            self._ask_before()
        elif self._stage == BEFORE_WORKOUT:
            self.ready.emit(self._routine)
        else:
            self.after_done.emit()
