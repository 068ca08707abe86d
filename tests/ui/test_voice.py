"""Spoken cues in the real window, through a recording speech back-end; the voice
settings; the picture and summary of exercises done on each side."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from coach.core.cues import Cue, CueKind
from coach.ui.main_window import MainWindow
from coach.ui.voice.speech import SAMPLE, SpeechBackend, Voice
from coach.ui.voice.view import plain_problem
from tests.driver import Person
from tests.helpers import FakeClock
from tests.ui.conftest import open_window


class RecordingSpeech:
    """Says nothing aloud; keeps what it was asked, and can pretend to be mid-sentence."""

    name = "test engine"

    def __init__(self) -> None:
        self.spoken: list[str] = []
        self.stops = 0
        self.busy = False
        self.volume, self.rate = 1.0, 0.0

    def speak(self, text: str) -> None:
        self.spoken.append(text)

    def stop(self) -> None:
        self.stops += 1
        self.busy = False

    def speaking(self) -> bool:
        return self.busy

    def configure(self, volume: float, rate: float) -> None:
        self.volume, self.rate = volume, rate


def open_speaking_window(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, engine: RecordingSpeech | None
) -> MainWindow:
    def find(_parent: QObject) -> SpeechBackend | None:
        return engine

    return open_window(qtbot, data_dir, clock, voice=Voice(find))


def test_a_workout_is_spoken_instead_of_chimed_and_m_silences_the_voice(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    engine = RecordingSpeech()
    person = Person(qtbot, open_speaking_window(qtbot, tmp_path, clock, engine), clock)
    view = person.workout
    person.start_morning()
    assert engine.spoken == ["Glute bridge: 1 set of 10, hold 3 seconds. Get ready."]
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert engine.spoken[1:] == ["3", "2", "1", "Up."]
    assert view.cues.played == []  # the voice says what the ticks and chimes would
    person.run_until(lambda: view.name_label.text() == "Lying hip opener")
    assert "Last one. Up." in engine.spoken
    person.press(Qt.Key.Key_M)
    heard = len(engine.spoken)
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert len(engine.spoken) == heard and view.cues.played == []


def test_a_new_phase_replaces_a_cue_still_playing_and_other_cues_wait_their_turn(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    engine = RecordingSpeech()
    person = Person(qtbot, open_speaking_window(qtbot, tmp_path, clock, engine), clock)
    voice = person.workout.voice
    engine.busy = True
    voice.say(Cue(CueKind.HALFWAY, "Halfway.", 1.0))
    assert engine.spoken == [] and engine.stops == 0  # left out: the voice was busy
    voice.say(Cue(CueKind.STEP, "Lower.", 1.0, interrupts=True))
    assert engine.spoken == ["Lower."] and engine.stops == 1


def test_the_voice_screen_saves_which_cues_and_the_next_workout_follows_it(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    engine = RecordingSpeech()
    person = Person(qtbot, open_speaking_window(qtbot, tmp_path, clock, engine), clock)
    qtbot.keyClick(person.home, Qt.Key.Key_V)
    screen = person.voice
    assert person.on(screen)
    assert "(test engine)" in screen.engine_label.text()
    assert all(box.isChecked() for box in screen.boxes.values())
    qtbot.keyClick(screen, Qt.Key.Key_2)  # no names
    qtbot.keyClick(screen, Qt.Key.Key_3)  # no counts
    screen.volume.setValue(40)
    screen.rate.setValue(1)
    assert screen.rate_label.text() == "Speed: faster"
    qtbot.keyClick(screen, Qt.Key.Key_T)
    assert engine.spoken == [SAMPLE] and (engine.volume, engine.rate) == (0.4, 0.5)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert person.on(person.home)

    view = person.workout
    person.start_morning()
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert engine.spoken[1:] == ["Get ready.", "Up."]  # no name, no count

    person.window.close()
    again = Person(qtbot, open_speaking_window(qtbot, tmp_path, clock, RecordingSpeech()), clock)
    kept = again.workout.voice.settings
    assert (kept.volume, kept.choice.rate, kept.choice.names, kept.choice.counts) == (
        0.4, 0.5, False, False,
    )  # fmt: skip

    # Turned off altogether, the workout has its sounds back.
    qtbot.keyClick(again.home, Qt.Key.Key_V)
    qtbot.keyClick(again.voice, Qt.Key.Key_1)
    assert not again.voice.volume.isEnabled()
    qtbot.keyClick(again.voice, Qt.Key.Key_Return)
    assert again.workout.voice.speaking_cues is False


def test_without_a_speech_engine_the_screen_says_so_and_sounds_stay(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    person = Person(qtbot, open_speaking_window(qtbot, tmp_path, clock, None), clock)
    qtbot.keyClick(person.home, Qt.Key.Key_V)
    screen = person.voice
    assert "no speech engine" in screen.engine_label.text()
    assert "apt install speech-dispatcher espeak-ng" in screen.engine_label.text()
    assert not screen.boxes["on"].isEnabled() and not screen.try_button.isEnabled()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    view = person.workout
    person.start_morning()
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert view.cues.played == ["tick", "tick", "tick", "start"]


def test_the_other_side_is_shown_mirrored_and_the_summary_counts_each_side(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    engine = RecordingSpeech()
    person = Person(qtbot, open_speaking_window(qtbot, tmp_path, clock, engine), clock)
    view = person.workout
    person.start_morning()
    person.run_until(lambda: view.name_label.text() == "Lying hip opener")
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert not view.picture.mirrored
    person.run_until(lambda: view.phase_label.text() == "Switch sides")
    assert view.picture.mirrored  # already turned round for the right side
    assert view.picture.accessibleName().startswith(
        "Picture: Lying hip opener, right side (mirrored)"
    )
    assert "Switch to the right side." in engine.spoken
    person.run_until(lambda: view.name_label.text() == "Dead bug")
    assert not view.picture.mirrored
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # end early
    summary = person.summary.exercises.text()
    assert "Lying hip opener</td><td>&nbsp;&nbsp;1 set: left 1, right 1" in summary
    assert "Glute bridge</td><td>&nbsp;&nbsp;1 set</td>" in summary


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("Qt speech: libpulse.so.0: cannot open shared object file: No such file or directory",
         "a library the voice needs, libpulse.so.0, is missing: install it (Debian, Ubuntu:"
         " sudo apt install libpulse0; Fedora: sudo dnf install pulseaudio-libs)"),
        ("speechd: Text to speech engine not initialized",
         "has no voice that works. Install one (Debian, Ubuntu: sudo apt install espeak-ng"),
        ("speechd stopped answering", "Check the sound, then start the program again."),
        ("the engine said no", "the engine said no. Check that the computer's sound works"),
    ],
)  # fmt: skip
def test_a_voice_that_does_not_work_is_said_plainly_with_what_to_do(raw: str, said: str) -> None:
    plain = plain_problem(raw)
    assert said in plain
    assert "speechd:" not in plain and "cannot open shared object" not in plain
