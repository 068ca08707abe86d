"""The main window: every screen in one stack, the way between them, and the menus.

What each screen shows comes from the services; what happens on each screen is its
flow's. The window only says which screen is showing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from coach import paths
from coach.core.records import record
from coach.files import write_private
from coach.ui import theme
from coach.ui.data.menu import DataMenu
from coach.ui.home.view import HomeView
from coach.ui.widgets import Pages

if TYPE_CHECKING:
    from coach.core.cues import VoiceSettings
    from coach.services import Services
    from coach.ui.checkins.blocks_flow import BlockFlow
    from coach.ui.checkins.flow import CheckinFlow
    from coach.ui.data.save_guard import SaveGuard
    from coach.ui.history.view import HistoryView
    from coach.ui.plan.flow import PlanFlow
    from coach.ui.progress.view import ProgressView
    from coach.ui.safety.flow import SafetyFlow
    from coach.ui.voice.view import VoiceView
    from coach.ui.workout.flow import WorkoutFlow
    from coach.ui.workout.view import WorkoutView

QUIT = "Ctrl+Q"
FULL_SCREEN = "F11"
logger = logging.getLogger(__name__)


@record
class Screens:
    """Every screen and flow of the window, by what it is for."""

    home: HomeView
    safety: SafetyFlow
    checkins: CheckinFlow
    workout: WorkoutFlow
    blocks: BlockFlow
    plan: PlanFlow
    voice: VoiceView


class MainWindow(QMainWindow):
    """Made in two steps, so that something is on screen at once: the frame and the home
    screen's layout (no data read), then `open` with the person's data, which fills the
    home screen in. The other screens are made when first needed, or just after."""

    services: Services
    save_guard: SaveGuard

    def __init__(self, data_dir: Path, theme_choice: str = "system") -> None:
        super().__init__()
        self.data_dir = data_dir
        self.setWindowTitle("Hip & Core Coach")  # its icon is the program's (coach.app)
        self.setMinimumSize(800, 520)
        self._maximised_before = False
        self.preview: QDialog | None = None  # the print preview while it is open
        self._fit_to_screen()
        self.theme_choice = theme_choice
        self.show_theme(theme_choice)
        self._following = False
        self._follow_system(True)
        self.stack = Pages()  # every screen, one showing
        self.stack.setObjectName("screens")
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.stack)
        self.setCentralWidget(central)
        # The home screen goes in last, once: each move of a styled widget into a new
        # parent styles it again.
        self.home = HomeView(paths.user_routines_dir(data_dir))
        self.stack.addWidget(self.home)
        # The menu is there from the first paint, so the screen does not move down later.
        self.data_menu = DataMenu(self, self.stack, self.home, self.refresh)
        quit_key = QShortcut(QKeySequence(QUIT), self)
        quit_key.activated.connect(self.close)  # Ctrl+Q: closing keeps what was done
        full_key = QShortcut(QKeySequence(FULL_SCREEN), self)
        full_key.activated.connect(self.toggle_full_screen)
        self._screens: Screens | None = None
        self._steps: Iterator[None] | None = None  # the screens, made one by one
        self._workout_view: Callable[[], WorkoutView] | None = None
        self._progress: ProgressView | None = None  # made when first opened
        self._history: HistoryView | None = None
        self._waiting: list[Callable[[], object]] = []  # keys pressed before `open`
        self._connect_home()

    def open(self, services: Services, workout_view: Callable[[], WorkoutView]) -> None:
        """The person's data behind the frame: the home screen fills in and answers its
        keys. `workout_view` makes the workout screen when the screens are made."""
        from coach.services import THEME
        from coach.ui.data.save_guard import SaveGuard

        self.services = services
        self._workout_view = workout_view
        choice = services.settings.read(THEME)
        if choice != self.theme_choice:  # the frame guessed from the file; this is sure
            self.theme_choice = choice
            self.show_theme(choice)
        self.save_guard = SaveGuard(services.data, services.now, self)
        self._column.insertWidget(0, self.save_guard)  # above every screen: nothing saved
        self.data_menu.attach(services.data, services.now)
        self.refresh()
        waiting, self._waiting = self._waiting, []
        if services.safety.first_run():  # the welcome and the full screen come first
            self.screens.safety.first_run()
            return
        for act in waiting:
            act()

    @property
    def opened(self) -> bool:
        return self._workout_view is not None

    @property
    def screens(self) -> Screens:
        """Every screen and flow; what is not made yet is made now."""
        while self._screens is None:
            self._make_a_screen()
        return self._screens

    def make_screens(self) -> Screens:
        """Every screen made now, if they are not yet."""
        return self.screens

    def make_screens_in_turns(self, then: Callable[[Screens], None]) -> None:
        """The screens made one at a time, a turn of the event loop each (each 5 to 20
        ms), so the home screen answers keys meanwhile; then `then(screens)`."""

        def turn() -> None:
            if self._screens is None:
                self._make_a_screen()
                QTimer.singleShot(0, turn)
            else:
                then(self._screens)

        QTimer.singleShot(0, turn)

    def _make_a_screen(self) -> None:
        if self._steps is None:
            self._steps = self._screens_one_by_one()
        next(self._steps, None)

    def _screens_one_by_one(self) -> Iterator[None]:
        if self._workout_view is None:
            raise RuntimeError("the screens are made once the window is open")
        services, show = self.services, self.show_screen
        from coach.ui.safety.flow import SafetyFlow

        safety = SafetyFlow(services, show, self)
        yield
        from coach.ui.checkins.flow import CheckinFlow

        checkins = CheckinFlow(services, show, self)
        yield
        workout_view = self._workout_view()
        yield
        from coach.ui.workout.flow import WorkoutFlow

        workout = WorkoutFlow(services, workout_view, checkins, safety, show,
                              self.save_guard.try_again, self)  # fmt: skip
        yield
        from coach.ui.checkins.blocks_flow import BlockFlow

        blocks = BlockFlow(checkins, services.blocks, show, self)
        yield
        from coach.ui.plan.flow import PlanFlow

        showing_workout = lambda: self.showing() is workout_view  # noqa: E731
        plan = PlanFlow(services, self, self.windowIcon(), showing_workout, self)
        yield
        # The history screen's code (9 ms); the screen itself is made when first opened.
        import coach.ui.history.view  # noqa: F401

        yield
        from coach.ui.voice.view import VoiceView

        voice = VoiceView(workout_view.voice)
        screens = Screens(self.home, safety, checkins, workout, blocks, plan, voice)
        views = (
            workout_view, workout.summary, *safety.views, *checkins.views,
            *blocks.views, plan.view, voice,
        )  # fmt: skip
        for view in views:
            self.stack.addWidget(view)
        workout_view.full_screen_requested.connect(self.toggle_full_screen)
        workout_view.leave_full_screen = self._leave_full_screen
        self._connect_screens(screens)
        self._screens = screens

    def _connect_home(self) -> None:
        """The home screen's ways out, from its first paint: a key pressed before the data
        is open is kept and answered once it is. What they lead to is made when first
        taken."""
        home, later = self.home, self._once_open
        home.start_requested.connect(later(self.start_routine))
        home.reload_requested.connect(later(self.reload))
        home.lock_details_requested.connect(later(self._on_home_lock_details_requested))
        home.settings_requested.connect(later(self._on_home_settings_requested))
        home.comparison_requested.connect(later(lambda: self.screens.blocks.from_home()))
        home.blocks_requested.connect(later(lambda: self.screens.blocks.list_blocks()))
        home.plan_requested.connect(later(self._on_home_plan_requested))
        home.voice_requested.connect(later(self._on_home_voice_requested))
        home.progress_requested.connect(later(self.show_progress))
        home.history_requested.connect(later(self.show_history))
        home.print_requested.connect(later(self.print_sheet))

    def _once_open(self, act: Callable[..., object]) -> Callable[..., None]:
        def run(*args: object) -> None:
            if self.opened:
                act(*args)
            else:
                self._waiting.append(lambda: act(*args))

        return run

    def _connect_screens(self, screens: Screens) -> None:
        screens.safety.start_cleared.connect(screens.checkins.before_workout)
        screens.safety.back_home.connect(self.go_home)
        screens.safety.first_screen_done.connect(screens.checkins.baseline)
        screens.safety.changed.connect(self.refresh)
        for back in (screens.checkins.cancelled, screens.checkins.weekly_done,
                     screens.checkins.baseline_done,
                     screens.workout.done, screens.blocks.home, screens.plan.done,
                     screens.voice.cancelled):  # fmt: skip
            back.connect(self.go_home)
        screens.plan.open_requested.connect(self._on_plan_open_requested)
        screens.voice.saved.connect(self._on_voice_saved)
        screens.voice.theme_shown.connect(self.show_theme)

    def _fit_to_screen(self) -> None:
        """Where and how big the window was last time, if that is still on a screen; else
        1280 x 800, or the screen if it is smaller."""
        if self._place_again():
            return
        width, height = 1280, 800
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    def _place_again(self) -> bool:
        place = paths.window_place_path(self.data_dir)
        try:
            with place.open("rb") as file:  # a place is a few hundred bytes: no more is read
                saved = QByteArray.fromBase64(file.read(4096))
        except OSError:
            return False
        if saved.isEmpty() or not self.restoreGeometry(saved):
            return False
        visible = any(s.availableGeometry().intersects(self.frameGeometry())
                      for s in QGuiApplication.screens())  # fmt: skip
        return visible  # a screen since unplugged: the default place instead

    def _keep_place(self) -> None:
        """The window's place and size, for the next start (never fatal)."""
        try:
            write_private(paths.window_place_path(self.data_dir),
                          bytes(self.saveGeometry().toBase64().data()))  # fmt: skip
        except OSError as error:
            logger.info("The window's place was not kept: %s", error)

    def _leave_full_screen(self) -> bool:
        """Esc on the workout: out of full screen first; True if it was."""
        if not self.isFullScreen():
            return False
        self.toggle_full_screen()
        return True

    def toggle_full_screen(self) -> None:
        """F11: the whole screen for the workout, and back."""
        if self.isFullScreen():
            self.showMaximized() if self._maximised_before else self.showNormal()
        else:
            self._maximised_before = self.isMaximized()
            self.showFullScreen()

    # Which screen is showing.

    def show_screen(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(view)
        # The view may already have chosen where focus goes (e.g. the first question).
        (view.focusWidget() or view).setFocus()

    def showing(self) -> QWidget | None:
        return self.stack.currentWidget()

    def refresh(self) -> None:
        """The home screen as things are now (routine files are read again only when one
        has changed)."""
        if self.opened:
            self.home.show_routines(self.services.home())

    def reload(self) -> None:
        """Read the routine files again (F5), and show them."""
        self.services.routines.reload()
        self.refresh()

    def go_home(self) -> None:
        self.refresh()
        self.stack.setCurrentWidget(self.home)

    # Ways in.

    def start_routine(self, routine_id: str) -> None:
        """Every way into a workout comes here, and goes through the safety screen."""
        if self.services.routines.catalogue().routine(routine_id) is not None:
            self.screens.safety.before_workout(routine_id)

    def show_progress(self) -> ProgressView:
        if self._progress is None:
            from coach.ui.progress.view import ProgressView

            self._progress = ProgressView(self.services.progress())
            self._progress.done.connect(self.go_home)
            self.stack.addWidget(self._progress)
        self._progress.open()
        self.show_screen(self._progress)
        return self._progress

    def show_history(self) -> HistoryView:
        if self._history is None:
            from coach.ui.history.view import HistoryView

            services = self.services
            self._history = HistoryView(services.history, services.routines.exercise_name)
            self._history.done.connect(self.go_home)
            self.stack.addWidget(self._history)
        self._history.open()
        self.show_screen(self._history)
        return self._history

    def print_sheet(self, routine_id: str) -> None:
        """Qt's print preview of the sheet, with the system's printers (and PDF)."""
        from coach.ui.sheet import preview_dialog

        sheet = self.services.plan.sheet(routine_id)
        if sheet is not None:
            self.preview = preview_dialog(sheet, self)
            self.preview.exec()
            self.preview = None

    def _on_plan_open_requested(self) -> None:
        loaded = self.services.plan.due_routine()
        if loaded is not None and self.showing() is self.home:
            self.start_routine(loaded.routine.id)

    def _on_home_plan_requested(self) -> None:
        self.screens.plan.edit()
        self.show_screen(self.screens.plan.view)

    def _on_home_voice_requested(self) -> None:
        voice = self.screens.voice
        voice.edit(self.screens.workout.view.voice.settings, self.theme_choice)
        self.show_screen(voice)

    def _on_voice_saved(self, settings: VoiceSettings) -> None:
        from coach.services import THEME, VOICE

        self.theme_choice = self.screens.voice.chosen_theme
        self.services.settings.write((VOICE, settings), (THEME, self.theme_choice))
        self.screens.workout.view.voice.apply(settings)
        self.go_home()

    def _on_home_settings_requested(self) -> None:
        opt_in = [e for e in self.services.routines.catalogue().exercises.values() if e.opt_in]
        self.screens.safety.edit_profile(opt_in)

    def _on_home_lock_details_requested(self) -> None:
        lock = self.services.safety.lock()
        if lock is not None:
            self.screens.safety.show_lock(lock)

    # The window itself.

    def show_theme(self, choice: str) -> None:
        """These colours on every screen now ("system": as the system's)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, choice)

    def _follow_system(self, follow: bool) -> None:
        """Hear (or stop hearing) the system's colour scheme and contrast change."""
        if follow == self._following:
            return
        self._following = follow
        hints = QGuiApplication.styleHints()
        signals = (hints.colorSchemeChanged, hints.accessibility().contrastPreferenceChanged)
        for signal in signals:
            if follow:
                signal.connect(self._on_system_colours_changed)
            else:
                signal.disconnect(self._on_system_colours_changed)

    def _on_system_colours_changed(self, *_: object) -> None:
        if self.theme_choice == "system":
            self.show_theme("system")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        minimised = event.type() == QEvent.Type.WindowStateChange and self.isMinimized()
        if minimised and self._screens is not None and self._screens.plan.reminders.in_tray:
            QTimer.singleShot(0, self.hide)  # waits in the tray for the reminder

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.opened:  # closed before the data was read: nothing to keep
            self._follow_system(False)
            super().closeEvent(event)
            return
        guard = self.save_guard
        if not guard.ready_to_close():
            event.ignore()
            return
        if self._screens is not None:
            self._screens.workout.view.abandon()
        if self._history is not None:
            self._history.commit()  # deletes still on screen for undo are meant
        if not guard.closing():
            event.ignore()
            return
        if self._screens is not None:  # an engine search still running is given up
            self._screens.workout.view.voice.close()
        self._follow_system(False)  # a closed window no longer follows the system
        self._keep_place()
        super().closeEvent(event)
