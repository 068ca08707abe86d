"""The disk refuses the data: the workout goes on, the person is told, nothing is lost."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coach.store.database import open_database
from coach.store.transfer import import_tables, read_file
from coach.ui.progress.view import ProgressView
from tests.driver import Person
from tests.helpers import FakeClock, file_size_limit, sqlite
from tests.ui.conftest import MakePerson


def sets_in(path: Path) -> int:
    with sqlite(path) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM workout_set").fetchone()[0])


def to_summary(person: Person) -> None:
    person.run_until(lambda: person.on(person.summary))


@pytest.mark.skipif(os.name != "posix", reason="POSIX file-size limits")
def test_a_disk_that_fills_mid_workout_is_said_on_screen_and_nothing_is_lost(
    qtbot: QtBot, person: Person, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "coach.db"
    guard = person.window.save_guard
    assert guard is not None and not guard.isVisible()
    person.finish_first_set()
    assert sets_in(path) == 1
    with file_size_limit(0):  # no write reaches any file: the disk is full
        person.run_until(guard.isVisible)
        assert guard.label.accessibleName().startswith("Not saved to disk since ")
        assert "the disk could not be written" in guard.label.accessibleName()
        assert person.on(person.workout)  # the workout goes on
        to_summary(person)
        assert guard.isVisible()  # tried again after the workout, still refused
        assert guard.label.accessibleName().startswith("Still not saved since ")
        assert person.summary.saved.text().startswith("Not saved to disk yet")
        [workout] = person.services.workouts.workouts()
        kept = len(person.services.workouts.sets(workout.id or 0))
        assert kept == 6 and workout.outcome == "finished"  # every set of the routine
    assert sets_in(path) < kept  # the sets after the disk filled are in memory only
    qtbot.keyClick(person.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not guard.isVisible()
    assert sets_in(path) == kept


def test_a_data_folder_that_cannot_be_made_runs_a_workout_and_closes_to_a_copy(
    qtbot: QtBot,
    make_person: MakePerson,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "usb-stick-gone"
    blocker.write_text("a file where the data folder should be")
    person = make_person(blocker / "data", screened=False)
    assert person.services.data.notice is not None
    assert "Nothing can be saved in your data folder" in person.services.data.notice
    guard = person.window.save_guard
    assert guard is not None and guard.isVisible()
    person.begin()
    person.answer_all_no()  # the first run's full screen
    person.give_baseline()
    person.start_morning()
    to_summary(person)
    [workout] = person.services.workouts.workouts()
    sets = len(person.services.workouts.sets(workout.id or 0))
    assert sets > 0

    # The charts read the data in memory on the window's thread, whose connection it is.
    assert person.services.data.in_memory
    person.window.go_home()
    person.key(Qt.Key.Key_G)
    progress = person.showing()
    assert isinstance(progress, ProgressView)
    read_figures, threads = progress._figures.figures, []

    def figures(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return read_figures(*args)

    monkeypatch.setattr(progress._figures, "figures", figures)
    person.key(Qt.Key.Key_W)
    assert threads == [threading.main_thread()]
    assert progress.chart is not None and progress.save_button.isEnabled()
    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)

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
    assert not person.window.close()
    assert person.window.isVisible()
    person.window.activateWindow()
    qtbot.waitUntil(person.window.isActiveWindow)
    QTimer.singleShot(0, answer_box)
    qtbot.keyClick(person.home, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # Quit
    assert not person.window.isVisible()
    assert copy.exists() and oct(copy.stat().st_mode & 0o777) == "0o600"

    # The copy brings it all back on a machine whose disk works.
    home = open_database(tmp_path / "elsewhere" / "coach.db")
    import_tables(home, read_file(copy))
    assert sets_in(home.path) == sets


def test_on_a_small_screen_with_the_strip_and_the_check_nothing_beside_the_count_is_cut(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    person.window.resize(1024, 640)
    reason = "the data folder cannot be written (read-only file system)"
    person.services.workouts._database.keep_in_memory(reason)  # the strip shows
    view = person.workout
    person.start_morning()
    person.press(Qt.Key.Key_N)
    person.run_until(view.check_shown)
    qtbot.wait(10)  # the layout settles
    labels = [view.name_label, view.phase_label, view.instruction_label,
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
    # The countdown's label is as tall as its digits (no room kept for descenders).
    digits = view.countdown.fontMetrics().tightBoundingRect("0123456789").height()
    assert view.countdown.height() >= digits
    strip = person.window.save_guard
    assert strip is not None
    strip.resize(500, strip.height())  # narrower than its sentence, whatever the font
    shown, whole = strip.label.text(), strip.label.accessibleName()
    assert strip.label.fontMetrics().horizontalAdvance(shown) <= strip.label.width()
    assert shown.endswith("…") and whole.startswith(shown[:-1])  # never cut mid-word unsaid
    assert whole.endswith("All of it is kept while the program is open.")
    qtbot.keyClick(view, Qt.Key.Key_Return)  # answered: the instruction is back
    assert view.instruction_label.isVisible()
