"""The voice's own process: Qt's text-to-speech, driven a line at a time.

An engine can block for good (speech-dispatcher with no sound server behind it waits
forever, in opening or in speaking), so the program never calls one itself: it starts
``python -m coach.ui.speaker`` and talks to it over pipes, and a speaker that stops
answering is ended while the workout goes on with its sounds (see coach/ui/speech.py).

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
import sys
import threading
from typing import Any

MOCK = "mock"
NEVER_STARTED_MS = 3000  # words the engine dropped without a sound count as said


def die_with_parent() -> None:
    """On Linux, ask the kernel to end this process with the program, even one killed,
    and even while an engine holds this process inside a call."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


def say(line: str) -> None:
    print(line, flush=True)


def open_engine(wanted: str | None) -> Any:
    from PySide6.QtTextToSpeech import QTextToSpeech

    engines = [wanted] if wanted else QTextToSpeech.availableEngines()
    for engine in engines:
        if engine == MOCK and not wanted:
            continue
        say(f"trying {engine}")
        speech = QTextToSpeech(engine)
        if speech.state() == QTextToSpeech.State.Error:
            say(f"failed {engine}: {speech.errorString() or 'it would not start'}")
            continue
        say(f"ok {engine}")
        return speech
    say("none")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description="Says the program's cues.")
    parser.add_argument("--engine", help="this engine only (tests use Qt's mock)")
    args = parser.parse_args()
    die_with_parent()
    try:
        from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        say(f"failed Qt speech: {error}")
        say("none")
        return 0
    app = QCoreApplication(sys.argv[:1])
    speech = open_engine(args.engine)
    if speech is None:
        return 0
    states = QTextToSpeech.State

    class Commands(QObject):
        line = Signal(str)  # from the reading thread, queued to this one

    commands = Commands()
    now = {"seq": 0, "started": True}
    never_started = QTimer(singleShot=True, interval=NEVER_STARTED_MS)

    def report_free() -> None:
        now["started"] = True
        say(f"free {now['seq']}")

    never_started.timeout.connect(report_free)

    def on_state(state: object) -> None:
        if state in (states.Speaking, states.Synthesizing):
            if not now["started"]:
                now["started"] = True
                never_started.stop()
                say(f"busy {now['seq']}")
        elif now["started"]:  # Ready, Paused or Error after the words began
            say(f"free {now['seq']}")

    speech.stateChanged.connect(on_state)

    def on_line(line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "quit":
            app.quit()
            return
        number, _, text = rest.partition(" ")
        seq = int(number)
        if word == "say":
            now["seq"], now["started"] = seq, False  # the quiet of the stop is not news
            speech.stop()
            never_started.start()
            speech.say(text)
        elif word == "stop":
            now["seq"], now["started"] = seq, True
            never_started.stop()
            speech.stop()
        elif word == "set":
            volume, rate = (float(value) for value in text.split())
            speech.setVolume(volume)
            speech.setRate(rate)
        say(f"ack {seq}")

    commands.line.connect(on_line)

    def read() -> None:
        for raw in sys.stdin:
            commands.line.emit(raw.rstrip("\n"))
        commands.line.emit("quit")

    threading.Thread(target=read, daemon=True).start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
