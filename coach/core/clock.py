"""Two kinds of time: the clock that times a workout (monotonic seconds, never set back),
and the calendar that dates everything kept (aware UTC datetimes)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds."""
        ...


# The calendar, as opposed to the clock: aware UTC datetimes, for everything dated.
Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class ScaledClock:
    """A clock that runs ``rate`` times faster than the one it wraps (demos, tests)."""

    def __init__(self, base: Clock, rate: float) -> None:
        if rate <= 0:
            raise ValueError("the time scale must be above 0")
        self.rate = rate
        self._base = base
        self._origin = base.now()

    def now(self) -> float:
        return self._origin + (self._base.now() - self._origin) * self.rate
