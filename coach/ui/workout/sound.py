"""Short cue sounds, or silence where the machine has no audio back-end."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

CUES = ("start", "tick", "done")


class CuePlayer(QObject):
    """Plays the start, last-seconds and end-of-set cues; ``muted`` silences them.

    Qt's audio back-end can take a while to start, so nothing is loaded until
    :meth:`load` (called once the window is on screen, and again harmlessly
    before a workout).
    """

    def __init__(self, sounds_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = False
        self.played: list[str] = []  # what was asked for and not muted
        self._sounds_dir = sounds_dir
        self._effects: dict[str, QSoundEffect] = {}
        self._available: bool | None = None

    @property
    def available(self) -> bool:
        return self.load()

    def load(self) -> bool:
        if self._available is None:
            self._available = self._load(self._sounds_dir)
        return self._available

    def _load(self, sounds_dir: Path) -> bool:
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as error:
            log.warning("Sound cues are off: Qt's audio support could not load (%s).", error)
            return False
        if not QMediaDevices.audioOutputs():
            log.warning("Sound cues are off: no audio output device was found.")
            return False
        for name in CUES:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(sounds_dir / f"{name}.wav")))
            effect.setVolume(0.6)
            self._effects[name] = effect
        return True

    def play(self, name: str) -> None:
        if self.muted:
            return
        self.played.append(name)
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
