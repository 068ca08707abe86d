"""The voice's own process: Qt's text-to-speech, driven a line at a time.

An engine can block for good (speech-dispatcher with no sound server behind it waits
forever, in opening or in speaking), so the program never calls one itself: it starts
``python -m coach.ui.voice.speaker`` and talks to it over pipes, and a speaker that stops
answering is ended while the workout goes on with its sounds (see coach/ui/voice/speech.py).

Startup, one line per engine tried: ``trying NAME`` then ``ok NAME`` (and it listens)
or ``failed NAME: why``; ``none`` when no engine works. Qt's "mock" engine is for Qt's
own tests and says nothing aloud, so it is skipped unless asked for with --engine.

Then, read from stdin:      answered on stdout:
    say N TEXT                  ack N      (the call returned), later busy N / free N
    stop N                      ack N
    set N VOLUME RATE           ack N
    quit (or stdin closed)      the process ends

`free N` follows `busy N` once the words of command N have been said, stopped or have
failed, so the program knows when the voice is quiet.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import sys
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

MOCK = "mock"
NEVER_STARTED_MS = 3000  # words the engine dropped without a sound count as said


def die_with_parent() -> None:
    """On Linux, ask the kernel to end this process with the program, even one killed,
    and even while an engine holds this process inside a call."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


def tell(line: str) -> None:
    """A line to the program, on stdout. When the program is gone (killed: the pipe is
    closed), end quietly: there is no one left to tell."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        # Python would complain once more as it flushes stdout at exit: point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        os._exit(0)


def open_engine(wanted: str | None) -> Any:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        tell(f"failed Qt speech: {error}")
        tell("none")
        return None
    engines = [wanted] if wanted else QTextToSpeech.availableEngines()
    for engine in engines:
        if engine == MOCK and not wanted:
            continue
        tell(f"trying {engine}")
        speech = QTextToSpeech(engine)
        if speech.state() == QTextToSpeech.State.Error:
            tell(f"failed {engine}: {speech.errorString() or 'it would not start'}")
            continue
        tell(f"ok {engine}")
        return speech
    tell("none")
    return None


class Speaker(QObject):
    """Says the words of each command and tells the program how it goes."""

    line = Signal(str)  # from the thread reading stdin, queued to this one

    def __init__(self, speech: Any, app: QCoreApplication) -> None:
        super().__init__()
        self._speech = speech
        self._app = app
        states = type(speech).State
        self._sounding = (states.Speaking, states.Synthesizing)
        self._seq = 0  # the command the voice is busy with, or was last
        self._started = True  # whether its words have begun (so their end is news)
        self._never_started = QTimer(self)
        self._never_started.setSingleShot(True)
        self._never_started.setInterval(NEVER_STARTED_MS)
        self._never_started.timeout.connect(self._on_never_started)
        speech.stateChanged.connect(self._on_state)
        self.line.connect(self._on_line)

    def _on_line(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "quit":
            self._app.quit()
            return
        number, _, text = rest.partition(" ")
        seq = int(number)
        if word == "say":
            self._seq, self._started = seq, False  # the quiet of the stop is not news
            self._speech.stop()
            self._never_started.start()
            self._speech.say(text)
        elif word == "stop":
            self._seq, self._started = seq, True
            self._never_started.stop()
            self._speech.stop()
        elif word == "set":
            volume, rate = (float(value) for value in text.split())
            self._speech.setVolume(volume)
            self._speech.setRate(rate)
        tell(f"ack {seq}")

    def _on_state(self, state: object) -> None:
        if state in self._sounding:
            if not self._started:
                self._started = True
                self._never_started.stop()
                tell(f"busy {self._seq}")
        elif self._started:  # Ready, Paused or Error after the words began
            tell(f"free {self._seq}")

    def _on_never_started(self) -> None:
        self._started = True
        tell(f"free {self._seq}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Says the program's cues.")
    parser.add_argument("--engine", help="this engine only (tests use Qt's mock)")
    args = parser.parse_args()
    die_with_parent()
    app = QCoreApplication(sys.argv[:1])
    speech = open_engine(args.engine)
    if speech is None:
        return 0
    speaker = Speaker(speech, app)

    def read() -> None:
        for raw in sys.stdin:
            speaker.line.emit(raw.rstrip("\n"))
        speaker.line.emit("quit")

    threading.Thread(target=read, daemon=True).start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
