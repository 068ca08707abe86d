"""The main window: home, workout and summary screens in one stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget

from coach.core.routines import Catalogue, week_number
from coach.core.workout import planned_seconds
from coach.resources import Resources
from coach.store.log import DoneDates, WorkoutLog
from coach.ui.home_view import HomeView, RoutineCard
from coach.ui.summary_view import SummaryView
from coach.ui.workout_view import WorkoutSummary, WorkoutView

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
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        startup_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Hip & Core Coach")
        self.setWindowIcon(QIcon(str(resources.icon)))
        self.setMinimumSize(800, 520)
        self._fit_to_screen()
        self._load_catalogue = load_catalogue
        self.log = log
        self._now = now
        # Said once after the window shows, e.g. that a damaged database was kept aside.
        self.startup_notice = startup_notice
        self.catalogue = Catalogue()
        self._done: dict[str, DoneDates] = {}
        self.home = home
        self.workout_view = workout_view
        self.summary = SummaryView()
        self.stack = QStackedWidget()
        for view in (self.home, self.workout_view, self.summary):
            self.stack.addWidget(view)
        self.setCentralWidget(self.stack)
        self.home.start_requested.connect(self._on_home_start_requested)
        self.home.reload_requested.connect(self.reload)
        self.workout_view.workout_over.connect(self._on_workout_view_workout_over)
        self.summary.done.connect(self._on_summary_done)
        self.reload()

    def _fit_to_screen(self) -> None:
        width, height = 1280, 800
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    def reload(self) -> None:
        """Read the routine files again and show them."""
        self.catalogue = self._load_catalogue()
        self._done = self.log.done_dates()
        cards = []
        for loaded in self.catalogue.routines:
            plan = loaded.plan(self.catalogue.exercises, week=self._week_of(loaded.routine.id))
            done = self._done.get(loaded.routine.id)
            cards.append(
                RoutineCard(
                    id=loaded.routine.id,
                    title=loaded.routine.title,
                    summary=loaded.routine.summary,
                    minutes=max(1, round(planned_seconds(plan) / 60)),
                    trains=loaded.routine.trains,
                    exercises=[p.exercise.name for p in plan],
                    left_out=[e.name for e, _ in loaded.left_out(self.catalogue.exercises)],
                    last_done=done.last if done else None,
                    own=not loaded.builtin,
                )
            )
        self.home.show_routines(cards, self.catalogue.errors, self._now())

    def _week_of(self, routine_id: str) -> int:
        done = self._done.get(routine_id)
        today = self._now().astimezone().date()
        return week_number(done.first.astimezone().date() if done else None, today)

    def start_routine(self, routine_id: str) -> None:
        loaded = self.catalogue.routine(routine_id)
        if loaded is None:
            return
        plan = loaded.plan(self.catalogue.exercises, week=self._week_of(routine_id))
        if not plan:
            QMessageBox.information(
                self, "Nothing to do", "Every exercise in this routine is turned off."
            )
            return
        self.workout_view.begin(loaded, plan)
        self.stack.setCurrentWidget(self.workout_view)
        self.workout_view.setFocus()

    def _on_home_start_requested(self, routine_id: str) -> None:
        self.start_routine(routine_id)

    def _on_workout_view_workout_over(self, summary: WorkoutSummary) -> None:
        self.summary.show_summary(summary)
        self.stack.setCurrentWidget(self.summary)
        self.summary.back_button.setFocus()

    def _on_summary_done(self) -> None:
        self.reload()
        self.stack.setCurrentWidget(self.home)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.workout_view.abandon()
        super().closeEvent(event)
