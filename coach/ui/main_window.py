"""The main window: home, safety, workout and summary screens in one stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.cues import VoiceSettings
from coach.core.plan import due_routine
from coach.core.progress import suggest
from coach.core.routines import (
    Catalogue,
    Exercise,
    LoadedRoutine,
    OwnDose,
    Person,
    PlannedExercise,
)
from coach.core.safety import HaltKind
from coach.core.workout import planned_minutes
from coach.resources import Resources
from coach.store.coaching import CoachingSettings
from coach.store.history import History
from coach.store.log import DoneDates, WorkoutLog
from coach.store.stats import ProgressStats
from coach.ui.checkins.blocks_flow import BlockFlow
from coach.ui.checkins.flow import CheckinFlow
from coach.ui.home.view import HomeView, RoutineCard
from coach.ui.plan.reminders import Reminders
from coach.ui.plan.view import PlanView
from coach.ui.safety.flow import SafetyFlow
from coach.ui.voice.view import VoiceView
from coach.ui.workout.summary import DoseOffer, SummaryView
from coach.ui.workout.text import dose_text
from coach.ui.workout.view import WorkoutSummary, WorkoutView

if TYPE_CHECKING:
    from coach.core.sheet import Sheet
    from coach.ui.data.menu import DataMenu
    from coach.ui.data.save_guard import SaveGuard
    from coach.ui.history.view import HistoryView
    from coach.ui.progress.view import ProgressView

CatalogueLoader = Callable[[], Catalogue]


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        resources: Resources,
        load_catalogue: CatalogueLoader,
        log: WorkoutLog,
        workout_view: WorkoutView,
        home: HomeView,
        safety: Callable[[Callable[[QWidget], None]], SafetyFlow],
        checkins: Callable[[Callable[[QWidget], None]], CheckinFlow],
        stats: ProgressStats,
        history: History,
        coaching: CoachingSettings,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        startup_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Hip & Core Coach")
        self.setWindowIcon(QIcon(str(resources.icon)))
        self.setMinimumSize(800, 520)
        self._resources = resources
        self.preview: QDialog | None = None  # the print preview while it is open
        self._fit_to_screen()
        self._load_catalogue = load_catalogue
        self.log = log
        self._now = now
        # Said once after the window shows, e.g. that a damaged database was kept aside.
        self.startup_notice = startup_notice
        self.catalogue = Catalogue()
        self._done: dict[str, DoneDates] = {}
        self._person = Person()
        self.home = home
        self.workout_view = workout_view
        self.summary = SummaryView()
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.safety = safety(self._show)
        self.checkins = checkins(self._show)
        self.blocks = BlockFlow(self.checkins, self._routine_title, self._show, now)
        self.comparison = self.blocks.comparison
        self.plan_view = PlanView()
        self.coaching = coaching
        self.voice_view = VoiceView(workout_view.voice)
        self.reminders = Reminders(self, QIcon(str(resources.icon)), now, self._reminder_text)
        self.reminders.open_requested.connect(self._on_reminders_open_requested)
        self._stats = stats
        self._progress: ProgressView | None = None  # made when first opened
        self._history = history
        self._history_view: HistoryView | None = None
        self.data_menu: DataMenu | None = None  # added by the app, which holds the database
        self.save_guard: SaveGuard | None = None  # likewise
        views = (
            self.home, self.workout_view, self.summary, *self.safety.views, self.checkins.view,
            self.checkins.impression_view, self.checkins.activity_view, self.comparison,
            self.plan_view, self.blocks.list_view, self.voice_view,
        )  # fmt: skip
        for view in views:
            self.stack.addWidget(view)
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.stack)
        self.setCentralWidget(central)
        quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)
        quit_shortcut.activated.connect(self.close)  # Ctrl+Q: closing keeps what was done
        self.home.start_requested.connect(self._on_home_start_requested)
        self.home.reload_requested.connect(self.reload)
        self.home.lock_details_requested.connect(self._on_home_lock_details_requested)
        self.home.settings_requested.connect(self._on_home_settings_requested)
        self.workout_view.workout_over.connect(self._on_workout_view_workout_over)
        self.workout_view.halted.connect(self._on_workout_view_halted)
        self.workout_view.exercise_dropped.connect(self._on_workout_view_exercise_dropped)
        self.workout_view.exercise_felt.connect(self.checkins.log.record_feeling)
        self.summary.done.connect(self._on_summary_done)
        self.summary.accepted.connect(self._on_summary_accepted)
        self.summary.declined.connect(self._on_summary_declined)
        self.safety.start_cleared.connect(self.checkins.before_workout)
        self.checkins.ready.connect(self._on_checkins_ready)
        self.checkins.after_done.connect(self._on_checkins_after_done)
        self.checkins.cancelled.connect(self._on_summary_done)
        self.checkins.weekly_done.connect(self._on_summary_done)
        self.home.comparison_requested.connect(self.blocks.from_home)
        self.home.blocks_requested.connect(self.blocks.list_blocks)
        self.blocks.home.connect(self._on_summary_done)
        self.home.plan_requested.connect(self._on_home_plan_requested)
        self.home.progress_requested.connect(self.show_progress)
        self.home.history_requested.connect(self.show_history)
        self.home.print_requested.connect(self.print_sheet)
        self.plan_view.saved.connect(self._on_plan_view_saved)
        self.plan_view.cancelled.connect(self._on_summary_done)
        self.plan_view.calendar_requested.connect(self.save_calendar)
        self.home.voice_requested.connect(self._on_home_voice_requested)
        self.voice_view.saved.connect(self._on_voice_view_saved)
        self.voice_view.cancelled.connect(self._on_summary_done)
        self.safety.back_home.connect(self._on_summary_done)
        self.safety.changed.connect(self.reload)
        self.reload()
        self.reminders.plan(self.checkins.log.plan_days(), self.coaching.reminder())
        self.safety.first_run()  # the full screen before anything else, the first time

    def show_above(self, strip: QWidget) -> None:
        """A strip above every screen (e.g. that nothing can be saved)."""
        self._column.insertWidget(0, strip)

    def _fit_to_screen(self) -> None:
        width, height = 1280, 800
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    def _show(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(view)
        # The view may already have chosen where focus goes (e.g. the first question).
        (view.focusWidget() or view).setFocus()

    def reload(self) -> None:
        """Read the routine files and the safety state again and show them."""
        self.catalogue = self._load_catalogue()
        self._done = self.log.done_dates()
        self._person = self.safety.log.person(self.safety.rules, self._done)
        cards = []
        for loaded in self.catalogue.routines:
            plan = self._plan(loaded)
            done = self._done.get(loaded.routine.id)
            own_doses = self.checkins.log.own_doses(loaded.routine.id)
            cards.append(
                RoutineCard(
                    id=loaded.routine.id,
                    title=loaded.routine.title,
                    summary=loaded.routine.summary,
                    minutes=planned_minutes(plan),
                    trains=loaded.routine.trains,
                    exercises=[p.exercise.name for p in plan],
                    left_out=[f"{e.name} ({why})" for e, why in self._left_out(loaded)],
                    last_done=done.last if done else None,
                    own=not loaded.builtin,
                    own_doses=[
                        f"{p.exercise.name} {dose_text(p)}"
                        for p in plan
                        if p.exercise.id in own_doses
                    ],
                )
            )
        lock = self.safety.lock()
        reason = None
        if lock is not None:
            reason = f"Workouts are stopped. {self.safety.rules.halt[lock.halt].title}."
        clearances = self.safety.log.clearances()
        note = None
        if clearances:
            note = (
                "A clinician's all-clear was confirmed on"
                f" {clearances[-1].astimezone():%-d %B %Y at %H:%M}."
            )
        self.home.show_routines(
            cards,
            self.catalogue.errors,
            self._now(),
            lock_reason=reason,
            history_note=note,
            block_note=self.blocks.note(),
            week=self.checkins.log.this_week(self._now().astimezone().date()).sentence(),
            past_blocks=self.blocks.any_past(),
        )

    def _routine_title(self, routine_id: str) -> str | None:
        loaded = self.catalogue.routine(routine_id)
        return loaded.routine.title if loaded else None

    def _on_home_plan_requested(self) -> None:
        self.plan_view.edit(self.checkins.log.plan_days(), self.coaching.reminder())
        self._show(self.plan_view)

    def due_routine(self) -> LoadedRoutine | None:
        """The routine a reminder is for: the current block's, else the last one done,
        else the first."""
        block = self.checkins.log.current_block()
        routine_id = due_routine(
            block.routine_id if block else None,
            {routine: done.last for routine, done in self._done.items()},
            [loaded.routine.id for loaded in self.catalogue.routines],
        )
        return self.catalogue.routine(routine_id) if routine_id else None

    def _reminder_text(self) -> str | None:
        """What the plan-day notification says, or None when there is nothing to remind of."""
        if self.stack.currentWidget() is self.workout_view:
            return None
        if self.checkins.log.this_week(self._now().astimezone().date()).done_today:
            return None
        loaded = self.due_routine()
        if loaded is None:
            return None
        minutes = planned_minutes(self._plan(loaded))
        return f"{loaded.routine.title}, about {minutes} minutes. Click to start."

    def _on_reminders_open_requested(self) -> None:
        self.reminders.bring_back()
        loaded = self.due_routine()
        if loaded is not None and self.stack.currentWidget() is self.home:
            self.start_routine(loaded.routine.id)

    def save_calendar(self, days: list[int], at: time) -> Path | None:
        """Ask where, and save the plan days as an .ics file for the person's calendar."""
        from coach.core.calendar import plan_file
        from coach.store.coaching import save_calendar

        loaded = self.due_routine()
        start = str(Path.home() / "hip-and-core-plan.ics")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Add the workout days to your calendar", start, "Calendar files (*.ics)"
        )
        if not chosen:
            return None
        target = Path(chosen) if chosen.endswith(".ics") else Path(chosen + ".ics")
        text = plan_file(days, at, title=loaded.routine.title if loaded else None,
                         minutes=planned_minutes(self._plan(loaded)) if loaded else None,
                         now=self._now())  # fmt: skip
        try:
            save_calendar(target, text)
        except OSError as error:
            reason = error.strerror or str(error)
            QMessageBox.warning(self, "The calendar file was not saved",
                                f"{target} could not be written: {reason}.")  # fmt: skip
            return None
        QMessageBox.information(
            self,
            "Calendar file saved",
            f"{len(days)} weekly event{'s' if len(days) > 1 else ''} at {at:%H:%M} were saved"
            f" to {target}. Open it with your calendar program (or import it there) to add"
            " them.",
        )
        return target

    def _on_home_voice_requested(self) -> None:
        self.voice_view.edit(self.workout_view.voice.settings)
        self._show(self.voice_view)

    def _on_voice_view_saved(self, settings: VoiceSettings) -> None:
        self.coaching.set_voice(settings)
        self.workout_view.voice.apply(settings)
        self._on_summary_done()

    def show_progress(self) -> ProgressView:
        if self._progress is None:
            from coach.ui.progress.view import ProgressView, Sources

            sources = Sources(
                stats=self._stats,
                exercise_name=self._exercise_name,
                plan_days=self.checkins.log.plan_days,
                block_start=self._latest_block_start,
                now=self._now,
            )
            self._progress = ProgressView(sources)
            self._progress.done.connect(self._on_summary_done)
            self.stack.addWidget(self._progress)
        self._progress.open()
        self._show(self._progress)
        return self._progress

    def show_history(self) -> HistoryView:
        if self._history_view is None:
            from coach.ui.history.view import HistoryView

            self._history_view = HistoryView(self._history, self._exercise_name)
            self._history_view.done.connect(self._on_summary_done)
            self.stack.addWidget(self._history_view)
        self._history_view.open()
        self._show(self._history_view)
        return self._history_view

    def sheet(self, routine_id: str) -> Sheet | None:
        """The printed sheet of a routine as this person does it."""
        from coach.core.sheet import build_sheet  # loaded when first printed

        loaded = self.catalogue.routine(routine_id)
        if loaded is None:
            return None
        return build_sheet(
            loaded,
            self.catalogue.exercises,
            self.safety.rules,
            pictures=self._resources.pictures,
            printed=self._now().astimezone().date(),
            plan_days=sorted(self.checkins.log.plan_days()),
            opt_in_allowed=sorted(self._person.opt_ins),
            hidden_tags=self._person.hidden_tags,
            own_doses=self.checkins.log.own_doses(routine_id),
        )

    def print_sheet(self, routine_id: str) -> None:
        """Qt's print preview of the sheet, with the system's printers (and PDF)."""
        from coach.ui.sheet import preview_dialog

        sheet = self.sheet(routine_id)
        if sheet is not None:
            self.preview = preview_dialog(sheet, self)
            self.preview.exec()
            self.preview = None

    def _exercise_name(self, exercise_id: str) -> str:
        exercise = self.catalogue.exercises.get(exercise_id)
        return exercise.name if exercise else exercise_id

    def _latest_block_start(self) -> datetime | None:
        blocks = self.checkins.log.blocks()
        return blocks[-1].started_at if blocks else None

    def _on_plan_view_saved(self, days: list[int]) -> None:
        self.checkins.log.set_plan_days(days)
        reminder = self.plan_view.reminder
        self.coaching.set_reminder(reminder)
        self.reminders.plan(self.checkins.log.plan_days(), reminder)
        self._on_summary_done()

    def _plan(self, loaded: LoadedRoutine) -> list[PlannedExercise]:
        today = self._now().astimezone().date()
        own_doses = self.checkins.log.own_doses(loaded.routine.id)
        return self._person.plan(loaded, self.catalogue.exercises, today, own_doses)

    def _left_out(self, loaded: LoadedRoutine) -> list[tuple[Exercise, str]]:
        return self._person.left_out(loaded, self.catalogue.exercises)

    def start_routine(self, routine_id: str) -> None:
        """Every way into a workout comes here, and goes through the safety screen."""
        if self.catalogue.routine(routine_id) is not None:
            self.safety.before_workout(routine_id)

    def _on_checkins_ready(self, routine_id: str) -> None:
        loaded = self.catalogue.routine(routine_id)
        if loaded is None:
            return
        plan = self._plan(loaded)
        if not plan:
            QMessageBox.information(
                self, "Nothing to do", "Every exercise in this routine is left out for you."
            )
            self._on_summary_done()
            return
        self.workout_view.begin(loaded, plan)
        self.stack.setCurrentWidget(self.workout_view)
        self.workout_view.setFocus()

    def _on_home_start_requested(self, routine_id: str) -> None:
        self.start_routine(routine_id)

    def _on_workout_view_workout_over(self, summary: WorkoutSummary) -> None:
        on_disk = self.save_guard is None or self.save_guard.try_again()
        self.summary.show_summary(summary, on_disk=on_disk)
        self.summary.offer_doses(self._dose_offers(summary.routine_id))
        self.checkins.after_workout(summary.workout_id)

    def _dose_offers(self, routine_id: str) -> list[DoseOffer]:
        loaded = self.catalogue.routine(routine_id)
        if loaded is None:
            return []
        offers = []
        for planned in self._plan(loaded):
            exercise, dose = planned.exercise, planned.dose
            feelings = self.checkins.log.feelings(routine_id, exercise.id)
            suggestion = suggest(feelings, sets=dose.sets, reps=dose.reps)
            if suggestion is not None:
                offer = DoseOffer(routine_id, exercise.id, exercise.name, dose.sets, dose.reps,
                                  suggestion)  # fmt: skip
                offers.append(offer)
        return offers

    def _on_summary_accepted(self, offer: DoseOffer) -> None:
        dose = OwnDose(offer.suggestion.sets, offer.suggestion.reps)
        self.checkins.log.accept_dose(offer.routine_id, offer.exercise_id, dose)

    def _on_summary_declined(self, offer: DoseOffer) -> None:
        self.checkins.log.decline_dose(offer.routine_id, offer.exercise_id)

    def _on_checkins_after_done(self) -> None:
        self.stack.setCurrentWidget(self.summary)
        self.summary.back_button.setFocus()

    def _on_workout_view_halted(self, kind: HaltKind, workout_id: int, screen: str) -> None:
        self.safety.halt(kind, screen, workout_id)

    def _on_workout_view_exercise_dropped(self, exercise_id: str, workout_id: int) -> None:
        self.safety.exercise_dropped(exercise_id, workout_id)

    def _on_home_settings_requested(self) -> None:
        opt_in = [e for e in self.catalogue.exercises.values() if e.opt_in]
        self.safety.edit_profile(opt_in)

    def _on_home_lock_details_requested(self) -> None:
        lock = self.safety.lock()
        if lock is not None:
            self.safety.show_lock(lock)

    def _on_summary_done(self) -> None:
        self.reload()
        self.stack.setCurrentWidget(self.home)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        minimised = event.type() == QEvent.Type.WindowStateChange and self.isMinimized()
        if minimised and self.reminders.in_tray:
            QTimer.singleShot(0, self.hide)  # waits in the tray for the reminder

    def closeEvent(self, event: QCloseEvent) -> None:
        guard = self.save_guard
        if guard is not None and not guard.ready_to_close():
            event.ignore()
            return
        self.workout_view.abandon()
        if self._history_view is not None:
            self._history_view.commit()  # deletes still on screen for undo are meant
        if guard is not None and not guard.closing():
            event.ignore()
            return
        self.workout_view.voice.close()  # an engine search still running is given up
        super().closeEvent(event)
