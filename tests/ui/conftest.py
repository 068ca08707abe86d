from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.resources import locate
from coach.ui.main_window import MainWindow
from coach.ui.sound import CuePlayer
from tests.helpers import FakeClock


class RecordingCues(CuePlayer):
    """A cue player that hears everything and plays nothing: no sound card needed."""

    def _load(self, sounds_dir: Path) -> bool:
        return True


class NoAudio(CuePlayer):
    """A machine with no audio back-end. Kept at module level: PySide6 must not see a
    QObject subclass collected before its instances."""

    def _load(self, sounds_dir: Path) -> bool:
        return False


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> Callable[..., MainWindow]:
    def make(data_dir: Path = tmp_path / "data") -> MainWindow:
        cues = RecordingCues(locate().sounds)
        window = build_main_window(data_dir, clock=clock, cues=cues)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()
