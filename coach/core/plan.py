"""The weekly plan: the days a person means to work out, and how this week is going.

Weeks run Monday to Sunday, as on a wall calendar. Days are numbered as
``date.weekday()`` does: 0 is Monday, 6 is Sunday.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_DAYS = frozenset({0, 2, 4})  # three a week with a rest day between


def checked_days(days: Iterable[object]) -> frozenset[int]:
    """Plan days read back from storage; anything that is not a weekday is dropped, and an
    empty or unreadable plan falls back to the default."""
    kept = frozenset(d for d in days if isinstance(d, int) and 0 <= d <= 6)
    return kept or DEFAULT_DAYS


@dataclass(frozen=True)
class WeekStatus:
    planned: int
    done: int
    today_planned: bool
    done_today: bool
    next_day: int | None  # the next planned weekday after today, this week or the next

    def sentence(self) -> str:
        workouts = "workout" if self.planned == 1 else "workouts"
        said = f"This week: {self.done} of {self.planned} {workouts} done."
        if self.done_today:
            return f"{said} Today's workout is done."
        if self.done >= self.planned:
            return f"{said} That is the week's plan done."
        if self.today_planned:
            return f"{said} Today is a workout day."
        if self.next_day is None:
            return said
        return f"{said} Next workout day: {WEEKDAYS[self.next_day]}."


def due_routine(
    block_routine: str | None, last_done: Mapping[str, datetime], routines: Sequence[str]
) -> str | None:
    """The routine a reminder is for: the current block's, else the one done last, else
    the first there is. Only routines that exist (``routines``) are answered."""
    if block_routine in routines:
        return block_routine
    done = [r for r in sorted(last_done, key=lambda r: last_done[r], reverse=True) if r in routines]
    if done:
        return done[0]
    return routines[0] if routines else None


def week_status(days: frozenset[int], today: date, workout_days: Iterable[date]) -> WeekStatus:
    """Workouts done since this week's Monday against the days planned for it."""
    monday = today - timedelta(days=today.weekday())
    done_days = [d for d in workout_days if monday <= d <= today]
    following = [(today.weekday() + n) % 7 for n in range(1, 8)]
    return WeekStatus(
        planned=len(days),
        done=len(done_days),
        today_planned=today.weekday() in days,
        done_today=today in done_days,
        next_day=next((d for d in following if d in days), None),
    )
