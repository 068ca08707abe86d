"""The weekly plan: the days a person means to work out, and how this week is going.

Weeks run Monday to Sunday, as on a wall calendar. Days are numbered as
``date.weekday()`` does: 0 is Monday, 6 is Sunday. The plan keeps its history: a change
applies from the day it is made, so a past week or block is counted against the plan
that was in force then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from coach.core.records import record

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_DAYS = frozenset({0, 2, 4})  # three a week with a rest day between


ALWAYS = date(2000, 1, 1)  # a plan with no date of its own (kept before plans had one)


def checked_days(days: Iterable[object]) -> frozenset[int]:
    """Plan days read back from storage; anything that is not a weekday is dropped, and an
    empty or unreadable plan falls back to the default."""
    kept = frozenset(d for d in days if isinstance(d, int) and 0 <= d <= 6)
    return kept or DEFAULT_DAYS


@record
class PlanPeriod:
    start: date  # in force from this local day on
    days: frozenset[int]


@record
class PlanHistory:
    """Each plan the person has had, oldest first, with the day it came into force."""

    periods: tuple[PlanPeriod, ...] = (PlanPeriod(ALWAYS, DEFAULT_DAYS),)

    @property
    def current(self) -> frozenset[int]:
        return self.periods[-1].days

    def days_on(self, day: date) -> frozenset[int]:
        """The plan in force on a day (before the first plan: the first plan)."""
        earlier = [p for p in self.periods if p.start <= day]
        return (earlier[-1] if earlier else self.periods[0]).days

    def planned(self, day: date) -> bool:
        return day.weekday() in self.days_on(day)

    def planned_between(self, first: date, last: date) -> int:
        """How many workout days the plans in force gave from `first` to `last`."""
        count = (last - first).days + 1
        return sum(self.planned(first + timedelta(days=n)) for n in range(max(count, 0)))

    def changed(self, days: Iterable[int], today: date) -> PlanHistory:
        """The plan from today on is `days`; a change made earlier today is replaced."""
        chosen = frozenset(days)
        if not chosen or not chosen <= set(range(7)):
            raise ValueError(f"a plan needs one or more weekdays from 0 to 6, not {chosen}")
        kept = tuple(p for p in self.periods if p.start < today)
        return PlanHistory((*kept, PlanPeriod(today, chosen)))


@record
class WeekStatus:
    planned: int
    done: int
    today_planned: bool
    done_today: bool
    next_day: int | None  # the next planned weekday after today, this week or the next

    def sentence(self, *, next_day: bool = False, stopped: bool = False) -> str:
        """The week so far; `next_day`: the next workout day said in every case (after a
        workout), not only when nothing else is; `stopped`: workouts wait on a clinician's
        all-clear, so no workout day is offered."""
        workouts = "workout" if self.planned == 1 else "workouts"
        said = f"This week: {self.done} of {self.planned} {workouts} done."
        if self.done > self.planned:  # never "4 of 3"
            done = "workout" if self.done == 1 else "workouts"
            said = f"This week: {self.done} {done} done; your plan has {self.planned}."
        coming = (
            f" Next workout day: {WEEKDAYS[self.next_day]}." if self.next_day is not None else ""
        )
        if stopped:
            return said + " Workouts wait for a clinician's all-clear."
        if self.done_today:
            said += " Today's workout is done."
        elif self.done >= self.planned:
            said += " That is the week's plan done."
        elif self.today_planned:
            said += " Today is a workout day."
        else:
            return said + coming
        return said + (coming if next_day else "")


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


def week_status(
    plan: PlanHistory | frozenset[int], today: date, workout_days: Iterable[date]
) -> WeekStatus:
    """Workouts done since this week's Monday against the days planned for the week (each
    day by the plan in force on it)."""
    history = plan if isinstance(plan, PlanHistory) else PlanHistory((PlanPeriod(ALWAYS, plan),))
    days = history.current
    monday = today - timedelta(days=today.weekday())
    done_days = [d for d in workout_days if monday <= d <= today]
    following = [(today.weekday() + n) % 7 for n in range(1, 8)]
    return WeekStatus(
        planned=history.planned_between(monday, monday + timedelta(days=6)),
        done=len(done_days),
        today_planned=today.weekday() in days,
        done_today=today in done_days,
        next_day=next((d for d in following if d in days), None),
    )
