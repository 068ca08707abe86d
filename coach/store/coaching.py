"""The voice and reminder settings, kept in the setting table like the others."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from coach.core.calendar import Reminder
from coach.core.cues import VoiceSettings
from coach.store.database import OpenedDatabase
from coach.store.files import write_private
from coach.store.settings import read_setting, write_setting

VOICE = "voice"
REMINDER = "reminder"


class CoachingSettings:
    def __init__(self, database: OpenedDatabase, now: Callable[[], datetime]) -> None:
        self._database = database
        self._now = now

    def voice(self) -> VoiceSettings:
        return VoiceSettings.from_dict(read_setting(self._database, VOICE, {}))

    def set_voice(self, settings: VoiceSettings) -> None:
        write_setting(self._database, VOICE, settings.to_dict(), self._now())

    def reminder(self) -> Reminder:
        return Reminder.from_dict(read_setting(self._database, REMINDER, {}))

    def set_reminder(self, reminder: Reminder) -> None:
        write_setting(self._database, REMINDER, reminder.to_dict(), self._now())


def save_calendar(path: Path, text: str) -> None:
    """An .ics file, written whole, readable by the owner only (it tells when you train)."""
    write_private(path, text.encode("utf-8"))
