"""The window as a person on a mat uses it: full screen on one key, and back where it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from coach import paths
from tests.driver import Person
from tests.helpers import FakeClock
from tests.ui.conftest import MakePerson


def test_f11_and_the_button_toggle_full_screen_and_esc_leaves_it_before_offering_to_end(
    qtbot: QtBot, person: Person, clock: FakeClock
) -> None:
    window = person.window
    qtbot.keyClick(person.home, Qt.Key.Key_F11)  # on any screen
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(person.home, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    view = person.workout
    person.start_morning()
    assert view.full_button.text() == "Full screen  [F11]"
    person.click(view.full_button)
    qtbot.waitUntil(window.isFullScreen)
    person.press(Qt.Key.Key_Escape)  # out of full screen first; the workout goes on
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert view.controls.currentIndex() == 0 and not view.confirming()
    person.press(Qt.Key.Key_Escape)  # now it asks whether to end
    assert view.confirming()


def test_the_window_opens_where_and_as_big_as_it_was(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    first = make_person()
    first.window.resize(800, 560)  # the test screen is small
    first.window.move(12, 20)  # where it goes is the desktop's to honour; the size is ours
    qtbot.wait(10)
    assert first.window.close()
    place = paths.window_place_path(tmp_path / "data")
    assert oct(place.stat().st_mode & 0o777) == "0o600"
    again = make_person()
    assert (again.window.width(), again.window.height()) == (800, 560)


def test_a_damaged_place_file_opens_the_window_at_its_usual_size(
    make_person: MakePerson, tmp_path: Path
) -> None:
    place = paths.window_place_path(tmp_path / "data")
    place.parent.mkdir(parents=True)
    place.write_bytes(b"\x00not a place" * 1000)
    person = make_person()
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    room = screen.availableGeometry()
    usual = (min(1280, room.width()), min(800, room.height()))
    assert (person.window.width(), person.window.height()) == usual
