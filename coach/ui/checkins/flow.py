"""Check-ins around a workout, on screen: the block's baseline, pain before, the weekly
one and the three-week one (the pain after a workout is asked on its summary). Which
comes next is core's (CheckinStages).

Signals:
    ready(str): the check-ins before the workout of this routine are done.
    three_weeks_done(): the three-week check-in is saved; the comparison can be shown.
    weekly_done(): the weekly check-in, asked from the home screen, is answered or skipped.
    cancelled(): the person went back from a check-in that can wait.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.core.checkins import (
    CheckinStages,
    ChooseActivities,
    ChooseImpression,
    Done,
    Next,
    PainQuestion,
)
from coach.services import Services
from coach.ui.checkins.activities import ActivityView
from coach.ui.checkins.pain import ImpressionView, PainView


class CheckinFlow(QObject):
    ready = Signal(str)
    three_weeks_done = Signal()
    weekly_done = Signal()
    baseline_done = Signal()
    cancelled = Signal()

    def __init__(
        self, services: Services, show: Callable[[QWidget], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._show = show
        self.stages = CheckinStages(services.blocks.book, services.today)
        self.view = PainView()
        self.view.answered.connect(self._on_view_answered)
        self.view.skipped.connect(self._on_view_skipped)
        self.impression_view = ImpressionView()
        self.impression_view.answered.connect(self._on_impression_view_answered)
        self.activity_view = ActivityView()
        self.activity_view.chosen.connect(self._on_activity_view_chosen)
        self.views: list[QWidget] = [self.view, self.impression_view, self.activity_view]

    # Where a round of check-ins begins.

    def before_workout(self, routine_id: str) -> None:
        self._go(self.stages.before_workout(routine_id))

    def baseline(self) -> None:
        """The block's baseline on its own, before any workout (the first run)."""
        self._go(self.stages.baseline())

    def weekly_from_home(self) -> None:
        self._go(self.stages.weekly_from_home())

    def three_weeks(self) -> None:
        asked = self.stages.three_weeks()
        if asked is not None:
            self._go(asked)

    def resume_three_weeks(self) -> bool:
        """Ask what a three-week check-in left unanswered; False when nothing is missing."""
        asked = self.stages.resume_three_weeks()
        if asked is None:
            return False
        self._go(asked)
        return True

    # What the person did.

    def _on_view_answered(self, value: int) -> None:
        self._go(self.stages.answer(value))

    def _on_view_skipped(self) -> None:
        self._go(self.stages.skip())

    def _on_activity_view_chosen(self, names: list[str]) -> None:
        self._go(self.stages.choose(names))

    def _on_impression_view_answered(self, impression: str) -> None:
        self._go(self.stages.impression(impression))

    def _go(self, step: Next) -> None:
        """Show what comes next, or say that this round is over."""
        match step:
            case PainQuestion():
                self.view.ask(step.heading, step.question, skippable=step.skippable,
                              ends=step.ends)  # fmt: skip
                self._show(self.view)
            case ChooseActivities():
                self.activity_view.ask()
                self._show(self.activity_view)
            case ChooseImpression():
                self.impression_view.ask()
                self._show(self.impression_view)
            case Done.READY:
                self.ready.emit(self.stages.routine)
            case Done.BASELINE:
                self.baseline_done.emit()
            case Done.WEEKLY:
                self.weekly_done.emit()
            case Done.THREE_WEEKS:
                self.three_weeks_done.emit()
            case Done.CANCELLED:
                self.cancelled.emit()
