"""Starting the program: problems with the data folder are said, never hidden."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach import app
from coach.__main__ import main
from coach.resources import Resources, locate
from coach.store.schema import SCHEMA_VERSION
from coach.ui.main_window import MainWindow, Screens
from tests.driver import Person
from tests.helpers import ROOT, FakeClock, sqlite
from tests.ui.conftest import RecordingCues, screened_yesterday


def test_a_data_folder_that_cannot_be_used_is_said_plainly_and_the_program_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    shown: list[tuple[str, str]] = []

    def warning(parent: QWidget | None, title: str, text: str) -> None:
        shown.append((title, text))
        QTimer.singleShot(0, lambda: QApplication.exit(0))  # the window was up: enough

    monkeypatch.setattr(QMessageBox, "warning", warning)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert app.run(blocker / "data") == 0
    [(title, text)] = shown
    assert title == "About your saved progress"
    assert f"Nothing can be saved in your data folder, {blocker / 'data'}" in text
    assert "You can still do a workout" in text
    for window in QApplication.topLevelWidgets():  # gone without the question on closing
        window.deleteLater()


def test_a_damaged_database_is_kept_aside_and_the_person_is_told(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "coach.db").write_bytes(b"not a database at all" * 50)
    window = app.build_main_window(tmp_path, cues=RecordingCues(locate().sounds))
    qtbot.addWidget(window)
    [kept] = tmp_path.glob("coach.db.damaged-*")
    notice = window.services.data.notice
    assert notice is not None
    assert str(kept) in notice
    assert "Nothing was deleted" in notice
    assert len(window.screens.home.start_buttons) == 3


def test_starting_an_unknown_routine_from_the_command_line_lists_the_real_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    assert main(["--data-dir", str(tmp_path), "--start", "hip-opners"]) == 2
    error = capsys.readouterr().err
    assert "there is no routine 'hip-opners'" in error
    assert "morning-bridge-core, hip-openers, reclined-stretches" in error


def test_a_broken_questions_file_stops_the_program_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    shipped = locate()
    routines = tmp_path / "routines"
    shutil.copytree(shipped.routines, routines)
    questions = routines / "safety.toml"
    questions.write_text(questions.read_text().replace('kind = "urgent"', 'kind = "soon"', 1))
    monkeypatch.setattr(app, "locate", lambda: Resources(routines, shipped.assets))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _p, title, text: shown.append((title, text))
    )

    assert app.run(tmp_path / "data") == 1
    [(title, text)] = shown
    assert title == "Hip & Core Coach cannot start"
    assert str(questions) in text
    assert "question 6, field 'kind'" in text


def test_a_second_start_on_a_day_makes_that_days_backup_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # return at once
    assert app.run(tmp_path / "data") == 0  # a first start keeps nothing: nothing to copy
    qtbot.wait(50)
    for window in QApplication.topLevelWidgets():
        window.close()
    assert not (tmp_path / "data" / "backups").exists()
    screened_yesterday(tmp_path / "data")  # then something of the person's is kept
    for _ in range(2):
        assert app.run(tmp_path / "data") == 0
        qtbot.wait(50)  # the backup runs once the window is on screen
        for window in QApplication.topLevelWidgets():
            window.close()
    copies = list((tmp_path / "data" / "backups").iterdir())
    assert [c.name for c in copies] == [f"coach-{date.today().isoformat()}.db"]
    with sqlite(copies[0]) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    connection.close()


def test_the_store_loads_beside_the_window_and_is_then_ready(qtbot: QtBot, person: Person) -> None:
    """SQLAlchemy's modules load on their own thread after the window shows (0.3 s the
    window once stood still for); the schema is then made on the window's thread."""
    watch = app.warm_up_beside(person.window)
    assert watch.isActive()  # returned at once: the window goes on answering
    qtbot.waitUntil(lambda: not watch.isActive(), timeout=10_000)
    workout = person.services.workouts.begin("morning-bridge-core", "Morning bridge & core")
    assert person.services.workouts.workout(workout) is not None


AT_START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from coach import app
from coach.core.clock import MonotonicClock

def go_on(window):  # once the frame has painted
    print(" ".join(sorted(sys.modules)))
    print(app.open_data(window, MonotonicClock()), len(window.home.start_buttons))
    print(" ".join(sorted(sys.modules)))
    QApplication.exit(0)

app.show_frame(Path(sys.argv[1]), go_on)
QApplication.instance().exec()
"""


@pytest.mark.slow
def test_the_frame_paints_before_the_data_is_read_and_nothing_unused_is_loaded(
    tmp_path: Path,
) -> None:
    """The frame and the home layout paint before the services, the routine files and the
    safety questions are loaded; with the home screen filled in, the ORM, the charts,
    sound, speech, printing and the export still wait until they are used."""
    screened_yesterday(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", AT_START, str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    at_paint, opened, at_home = done.stdout.splitlines()
    painted = set(at_paint.split())
    assert "coach.ui.home.view" in painted
    later = ["coach.services", "coach.core.safety", "coach.core.shapes", "coach.store.settings",
             "coach.ui.safety.flow", "coach.ui.workout.view"]  # fmt: skip
    assert [name for name in later if name in painted] == []
    assert opened == "None 3"  # opened, with the three routines' cards
    loaded = set(at_home.split())
    waiting = ["pydantic", "sqlalchemy", "sqlmodel", "icalendar", "PySide6.QtCharts",
               "PySide6.QtMultimedia", "PySide6.QtTextToSpeech", "PySide6.QtPdf",
               "PySide6.QtPrintSupport", "coach.store.transfer", "coach.ui.progress.view",
               "coach.ui.history.view", "coach.ui.workout.view"]  # fmt: skip
    assert [name for name in waiting if name in loaded] == []


def place(widget: QWidget) -> tuple[int, int, int, int]:
    corner = widget.mapTo(widget.window(), QPoint(0, 0))
    return corner.x(), corner.y(), widget.width(), widget.height()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_the_cards_fill_in_without_moving_the_frame(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    screened_yesterday(tmp_path)
    painted: list[MainWindow] = []
    window = app.show_frame(tmp_path, painted.append)
    qtbot.addWidget(window)
    window.resize(*size)
    qtbot.waitUntil(lambda: bool(painted))
    QApplication.processEvents()
    home = window.home
    assert not window.opened and home.start_buttons == {}
    fixed = [home.progress_button, home.history_button, home.settings_button,
             home.plan_button, home.voice_button, home.week_label]  # fmt: skip
    before = [place(widget) for widget in fixed]
    assert app.open_data(window, FakeClock()) is None
    QApplication.processEvents()  # laid out again with the cards and the week's words
    assert list(home.start_buttons) == ["morning-bridge-core", "hip-openers",
                                        "reclined-stretches"]  # fmt: skip
    assert [place(widget) for widget in fixed] == before


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_key_pressed_before_the_data_is_open_is_answered_once_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    screened_yesterday(tmp_path)
    painted: list[MainWindow] = []
    window = app.show_frame(tmp_path, painted.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(painted))
    home = window.home
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(home, Qt.Key.Key_H)  # History, pressed before the data is open
    assert window.showing() is home
    assert app.open_data(window, FakeClock()) is None
    assert window.showing() is not home  # answered once the data was open
    assert window.showing() is window.show_history()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_screens_are_made_a_turn_at_a_time_or_at_once_when_a_key_needs_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    screened_yesterday(tmp_path)
    window = app.show_frame(tmp_path, lambda window: None)
    qtbot.addWidget(window)
    assert app.open_data(window, FakeClock()) is None
    made: list[Screens] = []
    window.make_screens_in_turns(made.append)
    qtbot.wait(1)  # a turn or two: some screens are made, not all
    assert not made
    window.start_routine("hip-openers")  # Enter on a card: the rest are made now
    assert window.showing() in window.screens.safety.views
    qtbot.waitUntil(lambda: bool(made))
    assert made == [window.screens]


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_program_s_icon_is_given_once_the_window_is_up(qtbot: QtBot, tmp_path: Path) -> None:
    """Loading the icon waits until after the first paint; every window has it once the
    data is open, before any screen is made (a first run makes them at once, and the
    reminders' tray takes the icon as it is then)."""
    QApplication.setWindowIcon(QIcon())  # none yet, as at a fresh start
    window = app.show_frame(tmp_path, lambda window: None)  # a first run
    qtbot.addWidget(window)
    assert window.windowIcon().isNull()
    assert app.open_data(window, FakeClock()) is None
    assert window._screens is not None  # the welcome and the safety questions came first
    assert not window.windowIcon().isNull() and not QApplication.windowIcon().isNull()
    plan = window.screens.plan
    assert plan.reminders.tray is None or not plan.reminders.tray.icon().isNull()
