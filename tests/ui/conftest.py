from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.core.safety import Verdict
from coach.resources import locate
from coach.store.database import open_database
from coach.store.log import Now, utc_now
from coach.store.safety_log import FULL_SCREEN, SafetyLog
from coach.ui.main_window import MainWindow
from coach.ui.voice.speech import Voice
from coach.ui.workout.sound import CuePlayer
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


def screened_yesterday(data_dir: Path, days_ago: float = 1) -> None:
    """A returning person: the full screen was answered (all no) some days ago."""
    then = datetime.now(UTC) - timedelta(days=days_ago)
    log = SafetyLog(open_database(data_dir / "coach.db"), now=lambda: then)
    log.record(FULL_SCREEN, Verdict(), {})


def open_window(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    *,
    screened: bool = True,
    voice: Voice | None = None,
    now: Now = utc_now,
) -> MainWindow:
    """The real window, shown and active, its sounds recorded; `screened`: a returning
    person who answered the full safety screen yesterday."""
    if screened:
        screened_yesterday(data_dir)
    cues = RecordingCues(locate().sounds)
    window = build_main_window(data_dir, clock=clock, cues=cues, voice=voice, now=now)
    qtbot.addWidget(window)
    # Keyboard shortcuts reach an active window only, as on a person's desktop.
    with qtbot.waitActive(window):
        window.show()
    return window


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> Callable[..., MainWindow]:
    def make(data_dir: Path = tmp_path / "data", *, screened: bool = True) -> MainWindow:
        return open_window(qtbot, data_dir, clock, screened=screened)

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


def answer_all_no(qtbot: QtBot, window: MainWindow) -> None:
    """Answer every question on the safety screen No, by keyboard, and continue."""
    view = window.safety.safety_view
    assert window.stack.currentWidget() is view
    for _ in range(len(view.rows)):
        focused = window.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_N)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)


def answer_pain(qtbot: QtBot, window: MainWindow, *values: int) -> None:
    """Answer the pain check-ins now showing, one number each, by keyboard (Enter saves)."""
    view = window.checkins.view
    for value in values:
        assert window.stack.currentWidget() is view, "no pain check-in is showing"
        if value == 10:
            qtbot.keyClick(view, Qt.Key.Key_9)
            qtbot.keyClick(view, Qt.Key.Key_Right)
        else:
            qtbot.keyClick(view, Qt.Key(Qt.Key.Key_0 + value))
        qtbot.keyClick(view, Qt.Key.Key_Return)


def skip_pain(qtbot: QtBot, window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.checkins.view
    qtbot.keyClick(window.checkins.view, Qt.Key.Key_Escape)


def answer_pain_until_workout(qtbot: QtBot, window: MainWindow, value: int = 5) -> None:
    """Answer the baseline (first time: no activities) and the pain right now, until the
    workout shows."""
    for _ in range(3):
        if window.stack.currentWidget() is window.checkins.view:
            answer_pain(qtbot, window, value)
        elif window.stack.currentWidget() is window.checkins.activity_view:
            qtbot.keyClick(window.checkins.activity_view.continue_button, Qt.Key.Key_Return)


def press_key(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """A key pressed wherever focus is, as a person at the keyboard does."""
    focused = window.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key)
