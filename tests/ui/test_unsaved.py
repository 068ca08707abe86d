"""The disk refuses the data: the workout goes on, the person is told, nothing is lost."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coach.store.database import open_database
from coach.store.transfer import import_tables, read_file
from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock, file_size_limit
from tests.ui.conftest import answer_all_no, skip_pain
from tests.ui.test_workout_flow import finish_first_set, press, run_until, start_morning

MakeWindow = Callable[..., MainWindow]


def sets_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM workout_set").fetchone()[0])


def to_summary(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    run_until(window, clock, lambda: window.stack.currentWidget() is window.checkins.view)
    skip_pain(qtbot, window)
    assert window.stack.currentWidget() is window.summary


@pytest.mark.skipif(os.name != "posix", reason="POSIX file-size limits")
def test_a_disk_that_fills_mid_workout_is_said_on_screen_and_nothing_is_lost(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "coach.db"
    guard = window.save_guard
    assert guard is not None and not guard.isVisible()
    finish_first_set(qtbot, window, clock)
    assert sets_in(path) == 1
    with file_size_limit(max(p.stat().st_size for p in path.parent.glob("coach.db*"))):
        run_until(window, clock, guard.isVisible)
        assert guard.label.text().startswith("Not saved to disk since ")
        assert "the disk could not be written" in guard.label.text()
        assert window.stack.currentWidget() is window.workout_view  # the workout goes on
        to_summary(qtbot, window, clock)
        assert guard.isVisible()  # tried again after the workout, still refused
        assert guard.label.text().startswith("Still not saved since ")
        assert window.summary.saved.text().startswith("Not saved to disk yet")
        [workout] = window.log.workouts()
        kept = len(window.log.sets(workout.id or 0))
        assert kept == 6 and workout.outcome == "finished"  # every set of the routine
    assert sets_in(path) < kept  # the sets after the disk filled are in memory only
    qtbot.keyClick(window.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not guard.isVisible()
    assert sets_in(path) == kept


def test_a_data_folder_that_cannot_be_made_runs_a_workout_and_closes_to_a_copy(
    qtbot: QtBot,
    make_window: MakeWindow,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "usb-stick-gone"
    blocker.write_text("a file where the data folder should be")
    window = make_window(blocker / "data", screened=False)
    assert window.startup_notice is not None
    assert "Nothing can be saved in your data folder" in window.startup_notice
    guard = window.save_guard
    assert guard is not None and guard.isVisible()
    answer_all_no(qtbot, window)  # the first run's full screen
    start_morning(qtbot, window)
    to_summary(qtbot, window, clock)
    [workout] = window.log.workouts()
    sets = len(window.log.sets(workout.id or 0))
    assert sets > 0

    # Closing asks first; going back keeps the window and everything in it.
    choices = iter(["Go back", "Save a copy…"])

    def answer_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.text().startswith("What you did since ")
        wanted = next(choices)
        [button] = [b for b in box.buttons() if b.text() == wanted]
        button.click()

    copy = tmp_path / "copy.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(copy), ""))
    )
    QTimer.singleShot(0, answer_box)
    assert not window.close()
    assert window.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(0, answer_box)
    qtbot.keyClick(window.home, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # Quit
    assert not window.isVisible()
    assert copy.exists() and oct(copy.stat().st_mode & 0o777) == "0o600"

    # The copy brings it all back on a machine whose disk works.
    home = open_database(tmp_path / "elsewhere" / "coach.db")
    import_tables(home, read_file(copy))
    assert sets_in(home.path) == sets


def test_on_a_small_screen_with_the_strip_and_the_check_nothing_beside_the_count_is_cut(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.resize(1024, 640)
    window.log._database.keep_in_memory("the disk is full")  # the strip shows
    view = window.workout_view
    start_morning(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    run_until(window, clock, lambda: view.controls.currentWidget() is view.check_bar)
    qtbot.wait(10)  # the layout settles
    labels = [view.name_label, view.phase_label, view.countdown, view.instruction_label,
              view.status_label, view.paused_label, view.next_label]  # fmt: skip
    for label in labels:
        if label.isVisible():
            wanted = (
                label.heightForWidth(label.width())
                if label.hasHeightForWidth()
                else label.sizeHint().height()
            )
            assert label.height() >= wanted - 1, label.text()
    assert view.countdown.font().pixelSize() >= 36
    qtbot.keyClick(view, Qt.Key.Key_Return)  # answered: the instruction is back
    assert view.instruction_label.isVisible()
