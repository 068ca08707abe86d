"""Safety screens, halts, clinician confirmations, the profile and opt-in settings.

As in log.py, what the home screen needs at start-up (the lock, when the full
screen is due, the profile) is read with plain sqlite3; writes go through sqlmodel.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from coach.core.routines import Person
from coach.core.safety import HaltKind, PastHalt, Profile, SafetyRules, Verdict
from coach.store.database import OpenedDatabase
from coach.store.log import DoneDates, Now, utc_now
from coach.store.settings import read_setting, write_setting

FULL_SCREEN = "full screen"
SHORT_SCREEN = "short screen"
STOP_KEY = "stop key"
AFTER_EXERCISE = "after exercise"


class SafetyLog:
    def __init__(self, database: OpenedDatabase, now: Now = utc_now) -> None:
        self._database = database
        self._now = now

    # Writing.

    def record(
        self,
        screen: str,
        verdict: Verdict,
        answers: Mapping[str, Any] | None = None,
        workout_id: int | None = None,
    ) -> datetime:
        from coach.store.models import SafetyEvent

        at = self._now()
        self._add(
            lambda: SafetyEvent(
                at=at,
                screen=screen,
                verdict=verdict.kind,
                halt=verdict.halt.value if verdict.halt else None,
                answers=json.dumps(dict(answers or {}), sort_keys=True),
                workout_id=workout_id,
            )
        )
        return at

    def record_clearance(self) -> datetime:
        from coach.store.models import ClinicianClearance

        at = self._now()
        self._add(lambda: ClinicianClearance(at=at))
        return at

    def save_profile(self, profile: Profile) -> None:
        self._set("profile", {"facts": profile.facts, "agreed": profile.agreed})

    def save_opt_ins(self, exercise_ids: set[str]) -> None:
        self._set("opt_in", sorted(exercise_ids))

    def _set(self, key: str, value: object) -> None:
        write_setting(self._database, key, value, self._now())

    def _add(self, row: Callable[[], object]) -> None:
        self._database.write(lambda session: session.add(row()))

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
            "SELECT MAX(at) FROM safety_event WHERE screen = ?", (FULL_SCREEN,)
        )
        return datetime.fromisoformat(rows[0][0]) if rows and rows[0][0] else None

    def events(self) -> list[tuple[datetime, str, str, str | None]]:
        """Every screen and check, oldest first: when, which, verdict, halt."""
        rows = self._database.read(
            "SELECT at, screen, verdict, halt FROM safety_event ORDER BY at, id"
        )
        return [(datetime.fromisoformat(at), screen, v, halt) for at, screen, v, halt in rows]

    def profile(self) -> Profile:
        value = self._get("profile", {})
        return Profile(facts=dict(value.get("facts", {})), agreed=dict(value.get("agreed", {})))

    def opt_ins(self) -> set[str]:
        return set(self._get("opt_in", []))

    def person(self, rules: SafetyRules, done: Mapping[str, DoneDates]) -> Person:
        """The exercises this person turned on or is kept from, with the local date each
        routine was first done (`WorkoutLog.done_dates`): what shapes their plan."""
        return Person(
            first_done={routine: d.first.astimezone().date() for routine, d in done.items()},
            opt_ins=frozenset(self.opt_ins()),
            hidden_tags=rules.profile_effects(self.profile()).hidden_tags,
        )

    def _get(self, key: str, default: Any) -> Any:
        return read_setting(self._database, key, default)
