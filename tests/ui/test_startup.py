"""Starting the program: problems with the data folder are said, never hidden."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach import app
from coach.__main__ import main
from coach.resources import Resources, locate
from coach.store.schema import SCHEMA_VERSION
from tests.driver import Person
from tests.helpers import ROOT, sqlite
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


LOADED_AT_START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from coach.app import build_main_window
window = build_main_window(Path(sys.argv[1]))
window.show()
QApplication.processEvents()
print(window.showing() is window.screens.home)
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.slow
def test_the_home_screen_opens_without_the_libraries_it_does_not_use_yet(tmp_path: Path) -> None:
    """The checking of files, the database's ORM, the charts, sound, speech, printing and
    the export wait until they are used, so the first screen paints sooner."""
    screened_yesterday(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AT_START, str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    home, modules = done.stdout.splitlines()
    assert home == "True"
    loaded = set(modules.split())
    assert "coach.ui.home.view" in loaded
    waiting = ["pydantic", "sqlalchemy", "sqlmodel", "icalendar", "PySide6.QtCharts",
               "PySide6.QtMultimedia", "PySide6.QtTextToSpeech", "PySide6.QtPdf",
               "PySide6.QtPrintSupport", "coach.store.transfer", "coach.ui.progress.view",
               "coach.ui.history.view"]  # fmt: skip
    assert [name for name in waiting if name in loaded] == []
