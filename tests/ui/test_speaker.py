"""The voice is spoken by a process of its own (coach/ui/voice/speaker.py): an engine that
hangs, in opening or in speaking (speech-dispatcher with no sound server behind it),
cannot freeze the window; the workout keeps its sounds meanwhile and goes back to them
when the voice is lost, and the voice screen says what happened."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt
from pytestqt.qtbot import QtBot

from coach.core.cues import Cue, CueKind
from coach.ui.voice.speech import SpeakerProcess, Voice
from tests.driver import Person
from tests.helpers import ROOT, FakeClock, qt_speech_missing
from tests.ui.conftest import open_window

MOCK_SPEAKER = [sys.executable, "-m", "coach.ui.voice.speaker", "--engine", "mock"]
NAME_CUE = "Glute bridge: 1 set of 10, hold 3 seconds. Get ready."
# The tests that open Qt's own (silent) engine need Qt's speech module to load.
needs_qt_speech = pytest.mark.skipif(
    qt_speech_missing() is not None, reason=qt_speech_missing() or ""
)


def speaker_is(monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.setattr("coach.ui.voice.speech.speaker_command", lambda: command)


def fake_speaker(monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """A speaker that follows this Python script instead of opening an engine."""
    speaker_is(monkeypatch, [sys.executable, "-c", textwrap.dedent(script)])


STUCK_OPENING = """
    import time
    print("trying speechd", flush=True)
    time.sleep(60)
"""
STUCK_SPEAKING = """
    import sys, time
    print("trying speechd", flush=True)
    print("ok speechd", flush=True)
    for line in sys.stdin:
        if line.startswith("say"):
            time.sleep(60)  # as speech-dispatcher does with nothing to play through
        print("ack " + line.split()[1], flush=True)
"""


def speaker_of(voice: Voice) -> QProcess:
    speaker = voice._speaker
    assert isinstance(speaker, SpeakerProcess)
    return speaker._process


@needs_qt_speech
def test_the_real_speaker_speaks_a_workout_through_qt(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    speaker_is(monkeypatch, MOCK_SPEAKER)  # Qt's silent engine, through the real speaker
    voice = Voice()
    person = Person(qtbot, open_window(qtbot, tmp_path, clock, voice=voice), clock)
    voice.load()
    qtbot.waitUntil(lambda: not voice.searching, timeout=15_000)
    assert voice.engine_name == "mock" and voice.problem == ""
    person.start_morning()
    assert voice.said == [NAME_CUE]
    assert person.workout.cues.played == []  # spoken, so no chime
    speaker = voice._backend
    assert isinstance(speaker, SpeakerProcess)
    assert speaker.speaking()
    voice.say(Cue(CueKind.HALFWAY, "Halfway.", 0.6, interrupts=False))
    assert voice.said == [NAME_CUE]  # busy: a cue that does not interrupt waits its turn
    qtbot.waitUntil(lambda: not speaker.speaking(), timeout=15_000)  # the words are said
    voice.say(Cue(CueKind.HALFWAY, "Halfway.", 0.6, interrupts=False))
    assert voice.said == [NAME_CUE, "Halfway."]
    person.window.close()
    assert speaker._process.state() == QProcess.ProcessState.NotRunning


def test_an_engine_stuck_opening_is_given_up_on_and_the_workout_keeps_its_sounds(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_speaker(monkeypatch, STUCK_OPENING)
    voice = Voice(start_seconds=3.0)  # time enough to start the workout meanwhile
    person = Person(qtbot, open_window(qtbot, tmp_path, clock, voice=voice), clock)
    view = person.workout
    person.press(Qt.Key.Key_V)
    assert "Looking for this computer's speech engine" in person.voice.engine_label.text()
    assert not person.voice.try_button.isEnabled()
    person.press(Qt.Key.Key_Escape)
    person.start_morning()  # while the speaker still waits: the window answers
    assert voice.searching
    process = speaker_of(voice)
    qtbot.waitUntil(lambda: not voice.searching, timeout=10_000)
    assert process.state() == QProcess.ProcessState.NotRunning
    assert not voice.available
    assert voice.problem == "speechd did not answer within 3 seconds"
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert view.cues.played == ["tick", "tick", "tick", "start"]  # as without a voice
    assert voice.said == []


def test_an_engine_that_stops_answering_mid_workout_hands_back_to_the_sounds(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_speaker(monkeypatch, STUCK_SPEAKING)
    voice = Voice(answer_seconds=1.0)
    person = Person(qtbot, open_window(qtbot, tmp_path, clock, voice=voice), clock)
    view = person.workout
    voice.load()
    qtbot.waitUntil(lambda: voice.available, timeout=15_000)
    process = speaker_of(voice)
    person.start_morning()
    assert voice.said == [NAME_CUE] and view.cues.played == []
    # The window goes on meanwhile; the speaker does not answer.
    qtbot.waitUntil(lambda: not voice.available, timeout=10_000)
    assert process.state() == QProcess.ProcessState.NotRunning
    assert not voice.available and voice.problem == "speechd stopped answering"
    person.run_until(lambda: view.phase_label.text() == "Up")
    assert view.cues.played == ["tick", "tick", "tick", "start"]
    person.press(Qt.Key.Key_Escape)
    person.press(Qt.Key.Key_Return)  # end early
    person.press(Qt.Key.Key_Return)
    person.press(Qt.Key.Key_V)
    text = person.voice.engine_label.text()
    assert "does not work here: the speech service stopped answering" in text
    assert "Workouts use sounds instead" in text
    assert not person.voice.boxes["on"].isEnabled()


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ('print("trying speechd\\nfailed speechd: no voices\\nnone")', "speechd: no voices"),
        ('print("none")', ""),  # no engine on this machine: nothing went wrong
        ("raise SystemExit(0)", ""),
        ('print("ok espeak", flush=True); raise SystemExit(3)',
         "espeak stopped (the speaker ended with code 3)"),
    ],
)  # fmt: skip
def test_a_speaker_without_a_working_engine_says_why(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, script: str, problem: str
) -> None:
    fake_speaker(monkeypatch, script)
    voice = Voice()
    assert not voice.load()
    qtbot.waitUntil(lambda: voice._speaker is None, timeout=15_000)  # it has ended
    assert not voice.available and voice.problem == problem


def test_closing_while_the_speaker_looks_leaves_nothing_running(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    fake_speaker(monkeypatch, STUCK_OPENING)
    voice = Voice()
    voice.load()
    process = speaker_of(voice)
    assert process.waitForStarted(5000)
    voice.close()
    assert process.state() == QProcess.ProcessState.NotRunning
    assert not voice.searching and not voice.available
    assert "Spoken cues are off" not in caplog.text  # closing is not a problem to report


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
@needs_qt_speech
def test_the_speaker_ends_with_the_program_even_when_the_program_is_killed() -> None:
    parent = textwrap.dedent(f"""
        import subprocess, sys, time
        child = subprocess.Popen({MOCK_SPEAKER!r}, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        print(child.stdout.readline().strip(), child.stdout.readline().strip(), flush=True)
        # Another process holds the speaker's stdin open, as an engine stuck in a call
        # keeps it from reading: only the kernel's word can end it now.
        keeper = subprocess.Popen(["sleep", "60"], pass_fds=[child.stdin.fileno()])
        print(child.pid, keeper.pid, flush=True)
        time.sleep(60)
    """)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    program = subprocess.Popen(
        [sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )
    assert program.stdout is not None
    keeper = 0
    try:
        assert program.stdout.readline().strip() == "trying mock ok mock"
        speaker, keeper = (int(pid) for pid in program.stdout.readline().split())
        os.kill(program.pid, signal.SIGKILL)
        program.wait(timeout=10)
        assert_ends(speaker)
    finally:  # nothing this test started is left running, whatever happened
        program.kill()
        program.wait(timeout=10)
        program.stdout.close()
        if keeper:
            os.kill(keeper, signal.SIGKILL)


def assert_ends(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        if "State:\tZ" in Path(f"/proc/{pid}/status").read_text(errors="replace"):
            break  # ended, waiting only for init to collect it
        time.sleep(0.05)
    else:
        assert not Path(f"/proc/{pid}").exists(), "the speaker outlived the program"


def test_a_speaker_whose_program_is_gone_ends_quietly() -> None:
    """Killed, the program leaves the speaker a closed pipe: it ends at its next word,
    with no traceback (before, a BrokenPipeError was printed)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    speaker = subprocess.Popen(MOCK_SPEAKER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=ROOT, env=env)  # fmt: skip
    try:
        assert speaker.stdout is not None
        speaker.stdout.close()  # the program is gone
        _, errors = speaker.communicate(b"say 1 hello\n", timeout=30)
    finally:
        if speaker.poll() is None:
            speaker.kill()
        speaker.wait()
    assert speaker.returncode == 0
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors
