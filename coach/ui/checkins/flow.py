"""Check-ins around a workout: the block's baseline, pain before, pain after.

Signals:
    ready(str): the check-ins before the workout of this routine are done.
    after_done(): the check-in after the workout is done (or skipped).
    three_weeks_done(): the three-week check-in is saved; the comparison can be shown.
    weekly_done(): the weekly check-in, asked from the home screen, is answered or skipped.
    cancelled(): the person went back from a check-in that can wait.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.store.checkins import (
    AFTER_WORKOUT,
    BASELINE,
    BEFORE_WORKOUT,
    THREE_WEEKS,
    WEEKLY,
    CheckinLog,
)
from coach.ui.checkins.activities import ActivityView
from coach.ui.checkins.pain import ImpressionView, PainView

AVERAGE = "What was your average pain over the last 24 hours, from 0 to 10?"
RIGHT_NOW = "How much pain do you have right now, from 0 to 10?"
ACTIVITY_ENDS = ("0: no trouble at all", "10: I cannot do it")
RATING = "rating"


class CheckinFlow(QObject):
    ready = Signal(str)
    after_done = Signal()
    three_weeks_done = Signal()
    weekly_done = Signal()
    cancelled = Signal()

    def __init__(
        self,
        log: CheckinLog,
        show: Callable[[QWidget], None],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self._now = now
        self._show = show
        self.view = PainView()
        self.view.answered.connect(self._on_view_answered)
        self.view.skipped.connect(self._on_view_skipped)
        self.impression_view = ImpressionView()
        self.impression_view.answered.connect(self._on_impression_view_answered)
        self.activity_view = ActivityView()
        self.activity_view.chosen.connect(self._on_activity_view_chosen)
        self._checkin = 0
        self._checkin_kind = ""
        self._to_rate: list[str] = []
        self._rating_count = 0
        self._stage = ""
        self._routine = ""
        self._block = 0
        self._workout: int | None = None
        self._from_home = False

    def before_workout(self, routine_id: str) -> None:
        self._routine = routine_id
        block = self.log.current_block()
        self._block = block.id if block else self.log.start_block(routine_id)
        self._from_home = False
        if any(c.kind == BASELINE for c in self.log.checkins(self._block)):
            if not self.weekly():
                self._ask_before()
            return
        self._stage = BASELINE
        self.view.ask(
            "Where you are starting from",
            f"{AVERAGE} In three weeks you will be asked the same way, to compare.",
            skippable=False,
        )
        self._show(self.view)

    def weekly(self) -> bool:
        """Ask the weekly average pain if it is due in the current block; False if not."""
        block = self.log.current_block()
        week = None if block is None else self.log.weekly_due(block, self._today())
        if block is None or week is None:
            return False
        self._block, self._stage = block.id, WEEKLY
        self.view.ask(
            f"Week {week} check-in",
            f"{AVERAGE} The same question as at the start, once a week.",
            skippable=True,
        )
        self._show(self.view)
        return True

    def weekly_from_home(self) -> None:
        self._from_home = True
        if not self.weekly():
            self.weekly_done.emit()

    def _today(self) -> date:
        return self._now().astimezone().date()

    def three_weeks(self) -> None:
        """Average pain asked as at the start, the same activities, then the impression."""
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

    def resume_three_weeks(self) -> bool:
        """Ask what a three-week check-in left unanswered (the window was closed part-way);
        False when nothing is missing."""
        block = self.log.current_block()
        latest = self.log.three_weeks(block.id) if block else None
        if block is None or latest is None or latest.impression is not None:
            return False
        self._block, self._checkin, self._checkin_kind = block.id, latest.id, THREE_WEEKS
        baseline = self.log.baseline_activities(block.id)
        self._to_rate = [name for name in baseline if name not in latest.activities]
        self._rating_count = len(self._to_rate)
        self._ask_activity()
        return True

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

    def _ask_activity(self) -> None:
        """The next activity to rate, or what comes after the ratings."""
        if self._to_rate:
            self._stage = RATING
            name = self._to_rate[0]
            number = self._rating_count - len(self._to_rate) + 1
            self.view.ask(
                f"Everyday activities: {number} of {self._rating_count}",
                f"How hard is this for you now: {name.lower()}?",
                skippable=False,
                ends=ACTIVITY_ENDS,
            )
            self._show(self.view)
        elif self._checkin_kind == BASELINE:
            self._ask_before()
        else:
            self.impression_view.ask()
            self._show(self.impression_view)

    def _on_activity_view_chosen(self, names: list[str]) -> None:
        self._to_rate = list(names)
        self._rating_count = len(names)
        self._ask_activity()

    def _on_view_answered(self, value: int) -> None:
        if self._stage == RATING:
            self.log.add_activity(self._checkin, self._to_rate.pop(0), value)
            self._ask_activity()
            return
        workout = self._workout if self._stage == AFTER_WORKOUT else None
        self._checkin = self.log.record(self._block, self._stage, value, workout_id=workout)
        self._checkin_kind = self._stage
        if self._stage == BASELINE:
            self.activity_view.ask()
            self._show(self.activity_view)
        elif self._stage == THREE_WEEKS:
            self._to_rate = self.log.baseline_activities(self._block)
            self._rating_count = len(self._to_rate)
            self._ask_activity()
        else:
            self._next()

    def _on_impression_view_answered(self, impression: str) -> None:
        self.log.set_impression(self._checkin, impression)
        self.three_weeks_done.emit()

    def _on_view_skipped(self) -> None:
        if self._stage == THREE_WEEKS:
            self.cancelled.emit()
            return
        if self._stage == WEEKLY:  # skipped is an answer too: not asked again this week
            self.log.record(self._block, WEEKLY, None)
        self._next()

    def _next(self) -> None:
        if self._stage == WEEKLY and self._from_home:
            self.weekly_done.emit()
        elif self._stage == WEEKLY:
            self._ask_before()
        elif self._stage == BEFORE_WORKOUT:
            self.ready.emit(self._routine)
        else:
            self.after_done.emit()
