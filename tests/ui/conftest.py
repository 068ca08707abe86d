from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.app import build_main_window
from coach.core.clock import Now, utc_now
from coach.core.safety import Profile, ScreenKind, Verdict
from coach.resources import locate
from coach.store.database import open_database
from coach.store.safety import SafetyLog
from coach.store.settings import PROFILE, Settings
from coach.ui.main_window import MainWindow
from coach.ui.voice.speech import Voice
from coach.ui.workout.sound import CuePlayer
from tests.driver import Person
from tests.helpers import FakeClock


@pytest.fixture(autouse=True)
def _no_real_speech(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test speaks through the machine's speech engine: one that wants a voice passes
    its own recording back-end (tests/ui/test_voice.py), and no speaker process is started."""
    monkeypatch.setattr("coach.ui.voice.speech.speaker_command", lambda: None)


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
    """A returning person: the full screen was answered (all no, the standing history
    with it) some days ago."""
    then = datetime.now(UTC) - timedelta(days=days_ago)
    database = open_database(data_dir / "coach.db")
    SafetyLog(database, now=lambda: then).record(ScreenKind.FULL, Verdict(), {})
    Settings(database, now=lambda: then).write((PROFILE, Profile(history_asked=True)))


def open_window(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    *,
    screened: bool = True,
    voice: Voice | None = None,
    now: Now = utc_now,
    cues: CuePlayer | None = None,
) -> MainWindow:
    """The real window, shown and active, its sounds recorded; `screened`: a returning
    person who answered the full safety screen yesterday."""
    if screened:
        screened_yesterday(data_dir)
    cues = cues or RecordingCues(locate().sounds)
    window = build_main_window(data_dir, clock=clock, cues=cues, voice=voice, now=now)
    qtbot.addWidget(window)
    # Keyboard shortcuts reach an active window only, as on a person's desktop.
    with qtbot.waitActive(window):
        window.show()
    return window


MakePerson = Callable[..., Person]


@pytest.fixture
def make_person(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> MakePerson:
    def make(
        data_dir: Path = tmp_path / "data", *, screened: bool = True, **more: object
    ) -> Person:
        window = open_window(qtbot, data_dir, clock, screened=screened, **more)  # type: ignore[arg-type]
        return Person(qtbot, window, clock)

    return make


@pytest.fixture
def person(make_person: MakePerson) -> Person:
    """A returning person at the real window, on the home screen."""
    return make_person()
