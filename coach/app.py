"""The composition root: paths -> store -> services -> main window."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QFileSystemWatcher, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from coach import instance, paths
from coach.core.clock import Clock, MonotonicClock, Now, ScaledClock, utc_now
from coach.core.safety import SafetyFileError
from coach.core.session import WorkoutSession
from coach.resources import Resources, locate
from coach.services import VOICE, Services
from coach.store.backup import daily_backup
from coach.store.database import DatabaseError
from coach.ui import theme
from coach.ui.main_window import MainWindow
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
    """The whole program, wired as a person gets it, without starting the event loop.

    `clock` times the workout (monotonic seconds); `now` is the calendar (aware UTC
    datetimes) for everything dated: tests pass fakes of both.
    """
    app = ensure_app()
    resources = resources or locate()
    app.setWindowIcon(QIcon(str(resources.icon)))
    services = Services.open(data_dir, resources, now)
    clock = clock or MonotonicClock()
    voice = voice or Voice()
    voice.apply(services.settings.read(VOICE))
    session = WorkoutSession(services.workouts, clock)
    workout = WorkoutView(resources, cues or CuePlayer(resources.sounds), session, clock, voice)
    return MainWindow(services, workout)


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


def _on_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    logging.getLogger("coach").error("unexpected error", exc_info=(kind, error, trace))
    QMessageBox.critical(
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
        QMessageBox.information(
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


def _open_window(
    data_dir: Path, time_scale: float, start: str | None, *, answer_others: bool
) -> int:
    app = ensure_app()
    sys.excepthook = _on_unexpected_error
    clock: Clock = MonotonicClock()
    if time_scale != 1.0:
        clock = ScaledClock(clock, time_scale)
    try:
        window = build_main_window(data_dir, clock=clock)
    except DatabaseError as error:
        QMessageBox.critical(None, "Hip & Core Coach cannot open your data", str(error))
        return 1
    except SafetyFileError as error:
        # The safety screen must never run with questions missing.
        QMessageBox.critical(
            None,
            "Hip & Core Coach cannot start",
            f"The safety questions could not be read, so no workout can be offered.\n\n{error}"
            "\n\nReinstall the program, or undo the change to that file.",
        )
        return 1
    except OSError as error:
        QMessageBox.critical(
            None,
            "Hip & Core Coach cannot use its data folder",
            f"{data_dir} cannot be used: {error.strerror or error}.\n\n"
            "Choose another folder with --data-dir, or check its permissions.",
        )
        return 1
    catalogue = window.services.routines.catalogue()
    if start is not None and catalogue.routine(start) is None:
        known = ", ".join(r.routine.id for r in catalogue.routines)
        print(f"coach: there is no routine '{start}'. Routines: {known}", file=sys.stderr)
        return 2
    window.show()
    _watcher = answer_second_copies(window, data_dir) if answer_others else None
    warm_up_beside(window)
    notice = window.services.data.notice
    if notice is None:  # never back up a fresh file over the last good copies
        QTimer.singleShot(0, lambda: daily_backup(
            paths.database_path(data_dir), paths.backups_dir(data_dir), date.today()
        ))  # fmt: skip
    workout = window.screens.workout.view
    QTimer.singleShot(0, workout.cues.load)
    QTimer.singleShot(0, workout.voice.load)
    if notice:
        QMessageBox.warning(window, "About your saved progress", notice)
    if start is not None:
        window.start_routine(start)
    return app.exec()
