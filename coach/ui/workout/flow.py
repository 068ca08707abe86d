"""From the check-ins before a workout to its summary: the workout screen, the halt it
may end in, the summary (with the pain after it) and the dose offers.

Signals:
    done(): back to the routines.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coach.core.checkins import CheckinKind, PainQuestion
from coach.core.outcome import Halt, WorkoutSummary
from coach.core.progression import DoseOffer
from coach.services import Services
from coach.ui.checkins.flow import CheckinFlow
from coach.ui.safety.flow import SafetyFlow
from coach.ui.workout.summary import SummaryView
from coach.ui.workout.view import WorkoutView


class WorkoutFlow(QObject):
    done = Signal()

    def __init__(
        self,
        services: Services,
        view: WorkoutView,
        checkins: CheckinFlow,
        safety: SafetyFlow,
        show: Callable[[QWidget], None],
        saved: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        """`saved` tries to put everything on disk and says whether it is there."""
        super().__init__(parent)
        self._services = services
        self.view = view
        self.summary = SummaryView()
        self._checkins = checkins
        self._safety = safety
        self._show = show
        self._saved = saved
        self._workout_id = 0
        checkins.ready.connect(self._on_checkins_ready)
        view.workout_over.connect(self._on_view_workout_over)
        view.halted.connect(self._on_view_halted)
        self.summary.done.connect(self.done.emit)
        self.summary.accepted.connect(self._on_summary_accepted)
        self.summary.declined.connect(self._on_summary_declined)
        self.summary.pain_given.connect(self._on_summary_pain_given)

    def _on_checkins_ready(self, routine_id: str) -> None:
        loaded = self._services.routines.catalogue().routine(routine_id)
        if loaded is None:
            return
        plan = self._services.plan.plan(loaded)
        if not plan:
            QMessageBox.information(
                self.view.window(), "Nothing to do", "Every exercise in this routine is left out"
                " for you."
            )  # fmt: skip
            self.done.emit()
            return
        self.view.begin(loaded, plan)
        self._checkins.stages.began(self.view.session.workout_id)
        self._show(self.view)

    def _on_view_workout_over(self, summary: WorkoutSummary) -> None:
        self._workout_id = summary.workout_id
        rose = {e: self._services.routines.exercise_name(e) for e in summary.pain_rose}
        notes = self._services.plan.pain_rose_notes(summary.routine_id, rose) if rose else []
        self.summary.show_summary(summary, on_disk=self._saved(), notes=notes)
        self.summary.offer_doses(self._services.plan.dose_offers(summary.routine_id))
        asked = self._checkins.stages.after_workout(summary.workout_id)
        self.summary.ask_pain(asked.question if isinstance(asked, PainQuestion) else None)
        self._show_after()
        self._show(self.summary)
        self.summary.back_button.setFocus()

    def _on_view_halted(self, halt: Halt) -> None:
        self._safety.show_halt(halt)

    def _show_after(self) -> None:
        detail = self._services.history.detail(self._workout_id)
        pain = detail.pain if detail is not None else {}
        self.summary.show_after(
            pain.get(CheckinKind.BEFORE_WORKOUT), pain.get(CheckinKind.AFTER_WORKOUT),
            self._services.plan.week(),
        )  # fmt: skip

    def _on_summary_pain_given(self, value: int) -> None:
        self._checkins.stages.answer(value)
        self._show_after()

    def _on_summary_accepted(self, offer: DoseOffer) -> None:
        self._services.plan.decide(offer, accepted=True)

    def _on_summary_declined(self, offer: DoseOffer) -> None:
        self._services.plan.decide(offer, accepted=False)
