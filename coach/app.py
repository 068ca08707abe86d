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
from coach.core.routines import SAFETY_FILE, Catalogue, load_catalogue
from coach.core.safety import SafetyFileError, load_safety
from coach.core.workout import Clock, MonotonicClock, ScaledClock
from coach.resources import Resources, locate
from coach.store.backup import daily_backup
from coach.store.checkins import CheckinLog
from coach.store.coaching import CoachingSettings
from coach.store.database import DatabaseError, open_database
from coach.store.history import History
from coach.store.log import Now, WorkoutLog, utc_now
from coach.store.safety_log import SafetyLog
from coach.store.stats import ProgressStats
from coach.ui import theme
from coach.ui.checkins.flow import CheckinFlow
from coach.ui.data.menu import DataMenu
from coach.ui.data.save_guard import SaveGuard
from coach.ui.home.view import HomeView
from coach.ui.main_window import MainWindow
from coach.ui.safety.flow import SafetyFlow
from coach.ui.voice.speech import Voice
from coach.ui.workout.sound import CuePlayer
from coach.ui.workout.view import WorkoutView

OWN_ROUTINES_README = """\
Put your own routines here as .toml files; they appear beside the built-in ones.
Copy one of the program's routine files to start from (they are in {builtin}).
An exercises.toml here can add exercises of your own.
"""


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Hip & Core Coach")
        app.setDesktopFileName("coach")
        theme.apply(app)
    return app


def catalogue_loader(resources: Resources, data_dir: Path) -> Catalogue:
    own = paths.user_routines_dir(data_dir)
    return load_catalogue(resources.routines, own, picture_dirs=[resources.pictures])


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
    # The data folder is made (owner only) here; one that cannot be written leaves the
    # data in memory, with a notice, and no folder for own routines is made.
    database = open_database(paths.database_path(data_dir))
    own = paths.user_routines_dir(data_dir)
    if database.unsaved is None and not own.exists():
        own.mkdir()
        (own / "README.txt").write_text(OWN_ROUTINES_README.format(builtin=resources.routines))
    log = WorkoutLog(database, now=now)
    rules = load_safety(resources.routines / SAFETY_FILE)
    safety_log = SafetyLog(database, now=now)
    clock = clock or MonotonicClock()
    cues = cues or CuePlayer(resources.sounds)
    coaching = CoachingSettings(database, now)
    voice = voice or Voice()
    voice.apply(coaching.voice())
    window = MainWindow(
        resources=resources,
        load_catalogue=lambda: catalogue_loader(resources, data_dir),
        log=log,
        workout_view=WorkoutView(resources, cues, log, clock, voice),
        home=HomeView(own),
        safety=lambda show: SafetyFlow(rules, safety_log, show, now=now),
        checkins=lambda show: CheckinFlow(CheckinLog(database, now=now), show, now),
        stats=ProgressStats(database),
        history=History(database),
        coaching=coaching,
        now=now,
        startup_notice=database.notice,
    )
    window.save_guard = SaveGuard(database, now, window)
    window.show_above(window.save_guard)
    window.data_menu = DataMenu(
        window, window.stack, window.home, database, paths.backups_dir(data_dir), now, window.reload
    )
    return window


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
    if start is not None and window.catalogue.routine(start) is None:
        known = ", ".join(r.routine.id for r in window.catalogue.routines)
        print(f"coach: there is no routine '{start}'. Routines: {known}", file=sys.stderr)
        return 2
    window.show()
    _watcher = answer_second_copies(window, data_dir) if answer_others else None
    QTimer.singleShot(0, window.log.warm_up)
    if window.startup_notice is None:  # never back up a fresh file over the last good copies
        QTimer.singleShot(0, lambda: daily_backup(
            paths.database_path(data_dir), paths.backups_dir(data_dir), date.today()
        ))  # fmt: skip
    QTimer.singleShot(0, window.workout_view.cues.load)
    QTimer.singleShot(0, window.workout_view.voice.load)
    if window.startup_notice:
        QMessageBox.warning(window, "About your saved progress", window.startup_notice)
    if start is not None:
        window.start_routine(start)
    return app.exec()
