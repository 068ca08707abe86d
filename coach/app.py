"""The composition root: paths -> store -> services -> main window.

The program paints before it reads anything: the window's frame and the home screen's
layout show first (`show_frame`), then the person's data is opened behind them
(`open_data`) and the routine cards fill in; the other screens are made a moment later.
"""

from __future__ import annotations

# First, before anything else is imported: it makes PySide6's look at each import quicker.
import coach.ui  # noqa: F401

# isort: split
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QApplication

from coach import instance, paths
from coach.core.clock import Clock, MonotonicClock, Now, ScaledClock, utc_now
from coach.resources import Resources, locate
from coach.ui import theme
from coach.ui.main_window import MainWindow, Screens

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from coach.services import Services
    from coach.ui.voice.speech import Voice
    from coach.ui.workout.sound import CuePlayer
    from coach.ui.workout.view import WorkoutView


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Hip & Core Coach")
        app.setDesktopFileName("coach")
        theme.apply(app)
    return app


def build_main_window(
    data_dir: Path,
    *,
    clock: Clock | None = None,
    resources: Resources | None = None,
    cues: CuePlayer | None = None,
    voice: Voice | None = None,
    now: Now = utc_now,
) -> MainWindow:
    """The whole program, wired as a person gets it, every screen made, without starting
    the event loop.

    `clock` times the workout (monotonic seconds); `now` is the calendar (aware UTC
    datetimes) for everything dated: tests pass fakes of both.
    """
    from coach.services import THEME, Services

    ensure_app()
    resources = resources or locate()
    services = Services.open(data_dir, resources, now)
    window = _frame(data_dir, resources, services.settings.read(THEME))
    _program_icon(resources)
    window.open(services, _workout_view(services, clock, cues, voice))
    window.make_screens()
    return window


def _frame(data_dir: Path, resources: Resources, theme_choice: str) -> MainWindow:
    return MainWindow(data_dir, theme_choice)


def _program_icon(resources: Resources) -> None:
    """The icon of every window, and of the reminders in the tray: given once the frame
    has painted (loading it and its Qt class took 3 ms before the first paint), before
    the screens are made."""
    from PySide6.QtGui import QIcon

    QApplication.setWindowIcon(QIcon(str(resources.icon)))


def _workout_view(
    services: Services, clock: Clock | None, cues: CuePlayer | None, voice: Voice | None
) -> Callable[[], WorkoutView]:
    """What makes the workout screen, when the screens are made."""

    def make() -> WorkoutView:
        from coach.core.session import WorkoutSession
        from coach.services import VOICE
        from coach.ui.voice.speech import Voice
        from coach.ui.workout.sound import CuePlayer
        from coach.ui.workout.view import WorkoutView

        timing = clock or MonotonicClock()
        speaking = voice or Voice()
        speaking.apply(services.settings.read(VOICE))
        session = WorkoutSession(services.workouts, timing)
        sounds = cues or CuePlayer(services.resources.sounds)
        return WorkoutView(services.resources, sounds, session, timing, speaking)

    return make


def show_frame(data_dir: Path, then: Callable[[MainWindow], None]) -> MainWindow:
    """The window's frame and the home screen's layout, on screen now, in the colours the
    person chose; `then(window)` runs once they have painted (or after 0.3 s if the window
    is not painted, minimised say), to open the data behind them."""
    from coach.store.peek import saved_theme

    ensure_app()
    choice = saved_theme(paths.database_path(data_dir))
    window = _frame(data_dir, locate(), choice if choice in theme.CHOICES else "system")
    painted = _FirstPaint(window, then)
    window.installEventFilter(painted)
    window.show()
    QTimer.singleShot(300, painted.go)
    return window


class _FirstPaint(QObject):
    """Runs its work once, on the next turn after the window's first paint."""

    def __init__(self, window: MainWindow, then: Callable[[MainWindow], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[MainWindow], None] | None = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self.go)
        return False

    def go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then(self._window)


def warm_up_beside(window: MainWindow) -> QTimer:
    """The store's modules load on a thread of their own while the home screen answers
    keys; then the schema is checked on the window's thread (a few milliseconds)."""
    from coach.store.database import load_orm_beside

    loading = load_orm_beside()
    watch = QTimer(window)
    watch.setInterval(20)

    def look() -> None:
        if not loading.is_alive():
            watch.stop()
            window.services.workouts.warm_up()

    watch.timeout.connect(look)
    watch.start()
    return watch


def _tell(
    kind: Literal["critical", "warning", "information"],
    parent: QWidget | None,
    title: str,
    text: str,
) -> None:
    """A message box; its Qt class loads with the first one, not before the first paint."""
    from PySide6.QtWidgets import QMessageBox

    getattr(QMessageBox, kind)(parent, title, text)


def _on_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    logging.getLogger("coach").error("unexpected error", exc_info=(kind, error, trace))
    _tell(
        "critical",
        None,
        "Something went wrong",
        f"{error}\n\nEverything you finished is saved. The details are in the terminal output.",
    )


def answer_second_copies(window: MainWindow, data_dir: Path) -> QFileSystemWatcher:
    """Bring the window to the front whenever another copy is started on the same data."""
    watcher = QFileSystemWatcher([str(instance.folder(data_dir))], window)

    def on_request(_folder: str = "") -> None:
        if instance.take_request(data_dir):
            if window.isMinimized():
                window.showNormal()
            window.show()
            window.raise_()
            window.activateWindow()

    watcher.directoryChanged.connect(on_request)
    on_request()  # one left between taking the lock and watching
    return watcher


def open_data(window: MainWindow, clock: Clock) -> int | None:
    """The person's data and the program's files behind the frame. None when the window
    is open; else the exit code, once the person was told what is wrong."""
    from coach.core.safety import SafetyFileError
    from coach.services import Services
    from coach.store.database import DatabaseError

    data_dir = window.data_dir
    shown = window if window.isVisible() else None
    resources = locate()
    try:
        services = Services.open(data_dir, resources)
    except DatabaseError as error:
        _tell("critical", shown, "Hip & Core Coach cannot open your data", str(error))
        return 1
    except SafetyFileError as error:
        # The safety screen must never run with questions missing.
        _tell(
            "critical",
            shown,
            "Hip & Core Coach cannot start",
            f"The safety questions could not be read, so no workout can be offered.\n\n{error}"
            "\n\nReinstall the program, or undo the change to that file.",
        )
        return 1
    except OSError as error:
        _tell(
            "critical",
            shown,
            "Hip & Core Coach cannot use its data folder",
            f"{data_dir} cannot be used: {error.strerror or error}.\n\n"
            "Choose another folder with --data-dir, or check its permissions.",
        )
        return 1
    _program_icon(resources)  # before any screen is made: the reminders' tray takes it
    window.open(services, _workout_view(services, clock, None, None))
    return None


def when_open(window: MainWindow, start: str | None) -> None:
    """What follows once the home screen is filled in: the day's backup, any notice, the
    other screens and their sounds and voice, the store's modules, a routine asked for."""
    from coach.store.backup import daily_backup

    data_dir = window.data_dir
    notice = window.services.data.notice
    if notice is None:  # never back up a fresh file over the last good copies
        QTimer.singleShot(0, lambda: daily_backup(
            paths.database_path(data_dir), paths.backups_dir(data_dir), date.today()
        ))  # fmt: skip

    def with_screens(screens: Screens) -> None:
        workout = screens.workout.view
        QTimer.singleShot(0, workout.cues.load)
        QTimer.singleShot(0, workout.voice.load)
        QTimer.singleShot(0, lambda: warm_up_beside(window))

    if notice:
        _tell("warning", window, "About your saved progress", notice)
    if start is not None:
        with_screens(window.make_screens())
        window.start_routine(start)
    else:  # the home screen answers keys in the meantime
        window.make_screens_in_turns(with_screens)


def _open_window(
    data_dir: Path, time_scale: float, start: str | None, *, answer_others: bool
) -> int:
    app = ensure_app()
    sys.excepthook = _on_unexpected_error
    clock: Clock = MonotonicClock()
    if time_scale != 1.0:
        clock = ScaledClock(clock, time_scale)
    if start is not None:  # a routine named on the command line is checked before showing
        window = _frame(data_dir, locate(), "system")
        code = open_data(window, clock)
        if code is not None:
            return code
        catalogue = window.services.routines.catalogue()
        if catalogue.routine(start) is None:
            known = ", ".join(r.routine.id for r in catalogue.routines)
            print(f"coach: there is no routine '{start}'. Routines: {known}", file=sys.stderr)
            return 2
        window.show()
        when_open(window, start)
    else:

        def go_on(window: MainWindow) -> None:
            code = open_data(window, clock)
            if code is None:
                when_open(window, None)
            else:
                QApplication.exit(code)

        window = show_frame(data_dir, go_on)
    _watcher = answer_second_copies(window, data_dir) if answer_others else None
    return app.exec()


def run(data_dir: Path, time_scale: float = 1.0, start: str | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="coach: %(message)s")
    lock = instance.InstanceLock(data_dir)
    held = lock.acquire()  # None: a folder that cannot be written, so nothing to keep apart
    if held is False:  # another copy has this data folder: never two writers
        if instance.ask_first_copy_to_show(data_dir):
            print("coach: Hip & Core Coach is already running; its window is now in front.",
                  file=sys.stderr)  # fmt: skip
            return 0
        ensure_app()
        _tell(
            "information",
            None,
            "Hip & Core Coach is already running",
            f"Another copy of the program is using {data_dir}, but it did not come to the"
            " front. Look for its window (or wait for it to close), then start again.",
        )
        return 1
    try:
        return _open_window(data_dir, time_scale, start, answer_others=bool(held))
    finally:
        lock.release()
