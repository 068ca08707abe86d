"""The program's voice: cues said through Qt's text-to-speech, one at a time.

All speaking goes through one small back-end (:class:`SpeechBackend`); the real one wraps
QTextToSpeech and tests put a recording one in its place. Where the machine has no
speech engine the voice is simply unavailable, and the workout keeps its sounds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject

from coach.core.cues import Cue, VoiceSettings

log = logging.getLogger(__name__)

SAMPLE = "Glute bridge: 2 sets of 10, hold 3 seconds. Get ready. 3, 2, 1."
INSTALL_HINT = "On Debian or Ubuntu: sudo apt install speech-dispatcher espeak-ng"


class SpeechBackend(Protocol):
    name: str

    def speak(self, text: str) -> None: ...

    def stop(self) -> None: ...

    def speaking(self) -> bool: ...

    def configure(self, volume: float, rate: float) -> None: ...


class QtSpeech:
    """Qt's text-to-speech with one engine (speech-dispatcher, SAPI, macOS ...)."""

    def __init__(self, engine: str, parent: QObject) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.name = engine
        self._speech = QTextToSpeech(engine, parent)
        self._states = QTextToSpeech.State
        if self._speech.state() == self._states.Error:
            raise RuntimeError(self._speech.errorString() or f"the {engine} engine failed")

    def speak(self, text: str) -> None:
        self._speech.say(text)

    def stop(self) -> None:
        self._speech.stop()

    def speaking(self) -> bool:
        return self._speech.state() in (self._states.Speaking, self._states.Synthesizing)

    def configure(self, volume: float, rate: float) -> None:
        self._speech.setVolume(volume)
        self._speech.setRate(rate)


def find_engine(parent: QObject) -> SpeechBackend | None:
    """The first working speech engine on this machine, or None. Qt's "mock" engine is
    for Qt's own tests and says nothing, so it does not count."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        log.warning("Spoken cues are off: Qt's speech support could not load (%s).", error)
        return None
    for engine in QTextToSpeech.availableEngines():
        if engine == "mock":
            continue
        try:
            return QtSpeech(engine, parent)
        except RuntimeError as error:
            log.warning("The speech engine %s does not work here: %s", engine, error)
    log.warning("Spoken cues are off: no speech engine was found. %s.", INSTALL_HINT)
    return None


class Voice(QObject):
    """Says cues when the voice is on and an engine is there; never two at once.

    A cue for a new phase replaces one still playing; any other cue waits for nothing:
    if the voice is busy it is left out (a count said late is worse than none).
    """

    def __init__(
        self,
        find: Callable[[QObject], SpeechBackend | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._find = find
        self._backend: SpeechBackend | None = None
        self._loaded = False
        self.settings = VoiceSettings()
        self.said: list[str] = []  # what was handed to the engine, for tests and logs

    def load(self) -> bool:
        """Look for an engine once (after the window shows: it can take a moment)."""
        if not self._loaded:
            self._loaded = True
            self._backend = (self._find or find_engine)(self)
            self.apply(self.settings)
        return self._backend is not None

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
