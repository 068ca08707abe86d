"""The program's voice: cues said through Qt's text-to-speech, one at a time.

All speaking goes through one small back-end (:class:`SpeechBackend`). The real one,
:class:`SpeakerProcess`, drives the engine in a process of its own (coach/ui/voice/speaker.py),
because an engine can block for good in opening or in speaking; the window only ever
writes to a pipe, and a speaker that stops answering is ended, the workout going on with
its sounds. Tests put a recording back-end in its place.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QProcess, QTimer, Signal

from coach.core.cues import Cue, VoiceSettings

log = logging.getLogger(__name__)

SAMPLE = "Glute bridge: 2 sets of 10, hold 3 seconds. Get ready. 3, 2, 1."
INSTALL_HINT = "On Debian or Ubuntu: sudo apt install speech-dispatcher espeak-ng"
START_SECONDS = 8.0  # to find an engine; speech-dispatcher answers in about one
ANSWER_SECONDS = 4.0  # for each command once it is running; it answers in milliseconds


class SpeechBackend(Protocol):
    name: str

    def speak(self, text: str) -> None: ...

    def stop(self) -> None: ...

    def speaking(self) -> bool: ...

    def configure(self, volume: float, rate: float) -> None: ...


def speaker_command() -> list[str] | None:
    """How the speaker is started. Tests replace this with None (no engine, nothing
    started) or with a speaker of their own."""
    return [sys.executable, "-m", "coach.ui.voice.speaker"]


class SpeakerProcess(QObject):
    """The speaker, seen from the window: a :class:`SpeechBackend` whose calls never
    wait. It emits `ready` once an engine has opened, and `gone(problem)` once it has
    none: none on this machine (problem empty), none that opened, or one that stopped
    answering; by then the process is ended."""

    ready = Signal()
    gone = Signal(str)

    def __init__(
        self, command: list[str], parent: QObject, *, start_seconds: float = START_SECONDS,
        answer_seconds: float = ANSWER_SECONDS,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.name = ""
        self._command = command
        self._answer_seconds = answer_seconds
        self._start_seconds = start_seconds
        self._lines: list[str] = []
        self._partial = b""
        self._seq = 0
        self._said = 0  # the last say command
        self._quiet = 0  # the last command after which the voice is known to be quiet
        self._waiting: deque[tuple[int, float]] = deque()  # commands not yet answered
        self._over = False
        self._process = QProcess(self)
        self._process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self._process.readyReadStandardOutput.connect(self._read)
        self._process.finished.connect(self._on_finished)
        self._process.errorOccurred.connect(self._on_error)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    # SpeechBackend: each is a line down the pipe, never a wait

    def speak(self, text: str) -> None:
        self._said = self._send("say", " ".join(text.split()))

    def stop(self) -> None:
        self._quiet = self._send("stop")

    def speaking(self) -> bool:
        return self._said > self._quiet

    def configure(self, volume: float, rate: float) -> None:
        self._send("set", f"{volume:.2f} {rate:.2f}")

    # running the process

    def start(self) -> None:
        self._timer.start(round(self._start_seconds * 1000))
        self._process.start(self._command[0], self._command[1:])

    def close(self) -> None:
        """End the speaker now (the program is closing): nothing is left running, and
        nothing is reported."""
        self._end("", report=False)

    def _send(self, word: str, text: str = "") -> int:
        if self._over or not self.name:
            return self._seq
        self._seq += 1
        self._process.write(f"{word} {self._seq} {text}".rstrip().encode() + b"\n")
        self._waiting.append((self._seq, time.monotonic()))
        if not self._timer.isActive():
            self._timer.start(round(self._answer_seconds * 1000))
        return self._seq

    def _read(self) -> None:
        data = self._partial + bytes(self._process.readAllStandardOutput().data())
        *lines, self._partial = data.split(b"\n")
        for raw in lines:
            self._on_line(raw.decode(errors="replace").strip())

    def _on_line(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if not self.name:  # still starting
            self._lines.append(line)
            if word == "ok":
                self.name = rest
                self._timer.stop()
                self.ready.emit()
            elif word == "none":
                self._end(self._failures())
            return
        if word == "ack" and rest.isdigit():
            while self._waiting and self._waiting[0][0] <= int(rest):
                self._waiting.popleft()
            self._timer.stop()
            if self._waiting:
                left = self._answer_seconds - (time.monotonic() - self._waiting[0][1])
                self._timer.start(max(0, round(left * 1000)))
        elif word == "free" and rest.isdigit():
            self._quiet = max(self._quiet, int(rest))

    def _started_lines(self, word: str) -> list[str]:
        """What followed `word` in the lines the speaker wrote while starting."""
        prefix = f"{word} "
        return [line.removeprefix(prefix) for line in self._lines if line.startswith(prefix)]

    def _failures(self) -> str:
        return "; ".join(self._started_lines("failed"))

    def _on_timeout(self) -> None:
        if self.name:
            self._end(f"{self.name} stopped answering")
        else:
            tried = self._started_lines("trying")
            engine = tried[-1] if tried else "the speech engine"
            self._end(f"{engine} did not answer within {self._start_seconds:g} seconds")

    def _on_finished(self, code: int) -> None:
        self._read()
        if self.name:
            self._end(f"{self.name} stopped (the speaker ended with code {code})")
        else:
            self._end(self._failures())

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end(f"the speaker could not start: {self._process.errorString()}")

    def _end(self, problem: str, *, report: bool = True) -> None:
        if self._over:
            return
        self._over = True
        self._timer.stop()
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.finished.disconnect(self._on_finished)
            self._process.kill()
            self._process.waitForFinished(1000)
        if report:
            self.gone.emit(problem)


class Voice(QObject):
    """Says cues when the voice is on and an engine is there; never two at once.

    A cue for a new phase replaces one still playing; any other cue waits for nothing:
    if the voice is busy it is left out (a count said late is worse than none).
    """

    changed = Signal()  # an engine has opened, or there is none (any more)

    def __init__(
        self,
        find: Callable[[QObject], SpeechBackend | None] | None = None,
        parent: QObject | None = None,
        *,
        start_seconds: float = START_SECONDS,
        answer_seconds: float = ANSWER_SECONDS,
    ) -> None:
        """`find` gives the back-end at once (tests). Without it the speaker process is
        started (:class:`SpeakerProcess`), and the workout keeps its sounds until an
        engine has opened, and again if it stops answering."""
        super().__init__(parent)
        self._find = find
        self._seconds = start_seconds, answer_seconds
        self._backend: SpeechBackend | None = None
        self._speaker: SpeakerProcess | None = None
        self._loaded = False
        self.problem = ""  # why there is no voice, when something went wrong
        self.settings = VoiceSettings()
        self.said: list[str] = []  # what was handed to the engine, for tests and logs

    def load(self) -> bool:
        """Start looking for an engine, once; whether one is there yet."""
        if not self._loaded:
            self._loaded = True
            if self._find is not None:
                self._found(self._find(self), "")
            elif (command := speaker_command()) is None:
                self._found(None, "")
            else:
                start, answer = self._seconds
                speaker = SpeakerProcess(command, self, start_seconds=start,
                                         answer_seconds=answer)  # fmt: skip
                speaker.ready.connect(lambda: self._found(speaker, ""))
                speaker.gone.connect(self._on_speaker_gone)
                app = QCoreApplication.instance()
                if app is not None:
                    app.aboutToQuit.connect(self.close)
                self._speaker = speaker
                speaker.start()
        return self._backend is not None

    @property
    def searching(self) -> bool:
        """Whether the speaker is still looking for an engine."""
        return self._speaker is not None and self._backend is None

    def wait(self) -> bool:
        """Wait for the search to end (scripts; the window never waits)."""
        if not self.load() and self.searching:
            loop = QEventLoop()
            self.changed.connect(loop.quit)
            loop.exec()
        return self._backend is not None

    def close(self) -> None:
        """End the speaker (the program is closing)."""
        if self._speaker is not None:
            self._speaker.close()
            self._speaker = self._backend = None

    def _on_speaker_gone(self, problem: str) -> None:
        self._speaker = None
        self._found(None, problem)

    def _found(self, backend: SpeechBackend | None, problem: str) -> None:
        self._backend = backend
        if problem:
            self.problem = problem
            log.warning("Spoken cues are off: %s. Workouts use sounds instead.", problem)
        elif backend is None:
            log.info("Spoken cues are off: no speech engine was found. %s.", INSTALL_HINT)
        self.apply(self.settings)
        self.changed.emit()

    @property
    def available(self) -> bool:
        return self.load()

    @property
    def engine_name(self) -> str | None:
        return self._backend.name if self.load() and self._backend else None

    @property
    def speaking_cues(self) -> bool:
        """Whether the workout is spoken now (and so plays no tick or chime)."""
        return self.settings.on and self.available

    def apply(self, settings: VoiceSettings) -> None:
        self.settings = settings
        if self._backend is not None:
            self._backend.configure(settings.volume, settings.choice.rate)

    def say(self, cue: Cue) -> None:
        backend = self._backend if self.load() else None
        if backend is None or not self.settings.on:
            return
        if backend.speaking():
            if not cue.interrupts:
                return
            backend.stop()
        backend.speak(cue.text)
        self.said.append(cue.text)

    def try_out(self, settings: VoiceSettings) -> bool:
        """Say a sample with these settings (the settings screen's Try button)."""
        backend = self._backend if self.load() else None
        if backend is None:
            return False
        backend.configure(settings.volume, settings.choice.rate)
        backend.stop()
        backend.speak(SAMPLE)
        self.said.append(SAMPLE)
        return True

    def stop(self) -> None:
        if self._backend is not None:
            self._backend.stop()
