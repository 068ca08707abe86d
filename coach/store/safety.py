"""Safety screens, halts and clinician confirmations, each kept with its time.

As in workouts.py, what the home screen needs at start-up (the lock, when the full
screen is due) is read with plain sqlite3; writes go through sqlmodel.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from coach.core.clock import Now, utc_now
from coach.core.safety import HaltKind, PastHalt, ScreenKind, Verdict
from coach.store.database import OpenedDatabase


class SafetyLog:
    def __init__(self, database: OpenedDatabase, now: Now = utc_now) -> None:
        self._database = database
        self._now = now

    # Writing.

    def record(
        self, screen: ScreenKind, verdict: Verdict, answers: Mapping[str, Any] | None = None
    ) -> datetime:
        """A screen answered, with its verdict and every answer as given."""
        from coach.store.models import SafetyEvent

        at = self._now()
        text = json.dumps(dict(answers or {}), sort_keys=True)
        self._database.write(
            lambda session: session.add(
                SafetyEvent(
                    at=at,
                    screen=screen.value,
                    verdict=verdict.kind,
                    halt=verdict.halt.value if verdict.halt else None,
                    answers=text,
                )
            )
        )
        return at

    def record_clearance(self) -> datetime:
        from coach.store.models import ClinicianClearance

        at = self._now()
        self._database.write(lambda session: session.add(ClinicianClearance(at=at)))
        return at

    # Reading.

    def halts(self) -> list[PastHalt]:
        rows = self._database.read(
            "SELECT at, halt FROM safety_event WHERE verdict = 'halt' ORDER BY at"
        )
        return [PastHalt(datetime.fromisoformat(at), HaltKind(kind)) for at, kind in rows]

    def clearances(self) -> list[datetime]:
        rows = self._database.read("SELECT at FROM clinician_clearance ORDER BY at")
        return [datetime.fromisoformat(at) for (at,) in rows]

    def last_full_screen(self) -> datetime | None:
        """When the last full screen was completed (whatever its verdict)."""
        rows = self._database.read(
            "SELECT MAX(at) FROM safety_event WHERE screen = ?", (ScreenKind.FULL.value,)
        )
        return datetime.fromisoformat(rows[0][0]) if rows and rows[0][0] else None

    def events(self) -> list[tuple[datetime, str, str, str | None]]:
        """Every screen and check, oldest first: when, which, verdict, halt."""
        rows = self._database.read(
            "SELECT at, screen, verdict, halt FROM safety_event ORDER BY at, id"
        )
        return [(datetime.fromisoformat(at), screen, v, halt) for at, screen, v, halt in rows]
