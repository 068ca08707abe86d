"""Safety screens, halts and clinician confirmations, each kept with its time; each halt
with its causes, and the all-clear that answered it.

As in workouts.py, what the home screen needs at start-up (the lock, when the full
screen is due) is read with plain sqlite3; writes go through sqlmodel.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.core.clock import Now, utc_now
from coach.core.records import record
from coach.core.safety import HaltKind, PastHalt, ScreenKind, Verdict
from coach.store.database import OpenedDatabase

if TYPE_CHECKING:
    from sqlmodel import Session

_KINDS = {kind.value for kind in HaltKind}


def _causes(text: str | None) -> tuple[str, ...]:
    """A halt's stored causes (a JSON list of names); none from a file damaged by hand."""
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(c for c in value if isinstance(c, str)) if isinstance(value, list) else ()


@record
class LastScreen:
    at: datetime
    halted: bool
    answers: dict[str, Any]


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
                    cause=json.dumps(list(verdict.causes)) if verdict.halt else None,
                )
            )
        )
        return at

    def clear(self, halt_ids: Iterable[int]) -> datetime:
        """A clinician's all-clear, confirmed by the person, answering these halts: the
        confirmation and its links, together."""
        from coach.store.models import ClinicianClearance, SafetyEvent

        at, ids = self._now(), list(halt_ids)

        def confirm(session: Session) -> None:
            clearance = ClinicianClearance(at=at)
            session.add(clearance)
            session.flush()
            for halt_id in ids:
                halt = session.get(SafetyEvent, halt_id)
                if halt is not None:
                    halt.clearance_id = clearance.id
                    session.add(halt)

        self._database.write(confirm)
        return at

    # Reading.

    def halts(self) -> list[PastHalt]:
        """Every halt, oldest first, with its causes and the all-clear that answered it."""
        rows = self._database.read(
            "SELECT e.id, e.at, e.halt, e.cause, c.at FROM safety_event e"
            " LEFT JOIN clinician_clearance c ON c.id = e.clearance_id"
            " WHERE e.verdict = 'halt' ORDER BY e.at, e.id"
        )
        return [
            PastHalt(
                int(halt_id), datetime.fromisoformat(at), HaltKind(kind), _causes(cause),
                datetime.fromisoformat(cleared) if cleared else None,
            )
            for halt_id, at, kind, cause, cleared in rows
            if kind in _KINDS
        ]  # fmt: skip

    def clearances(self) -> list[datetime]:
        rows = self._database.read("SELECT at FROM clinician_clearance ORDER BY at")
        return [datetime.fromisoformat(at) for (at,) in rows]

    def last_full_screen(self) -> datetime | None:
        """When the last full screen was completed (whatever its verdict)."""
        last = self.last_full()
        return last.at if last else None

    def last_full(self) -> LastScreen | None:
        """The last full screen: when, whether it halted, and its answers, in one read."""
        rows = self._database.read(
            "SELECT at, verdict, answers FROM safety_event WHERE screen = ?"
            " ORDER BY at DESC, id DESC LIMIT 1",
            (ScreenKind.FULL.value,),
        )
        if not rows:
            return None
        at, verdict, text = rows[0]
        try:
            answers = json.loads(text or "{}")
        except ValueError:  # a row damaged by hand: no answers
            answers = {}
        return LastScreen(
            datetime.fromisoformat(at),
            verdict == "halt",
            answers if isinstance(answers, dict) else {},
        )

    def events(self) -> list[tuple[datetime, str, str, str | None]]:
        """Every screen and check, oldest first: when, which, verdict, halt."""
        rows = self._database.read(
            "SELECT at, screen, verdict, halt FROM safety_event ORDER BY at, id"
        )
        return [(datetime.fromisoformat(at), screen, v, halt) for at, screen, v, halt in rows]
