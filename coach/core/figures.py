"""The rules behind the progress charts: which days a range covers, how figures are
grouped (by week, month or year), what the plan asks for in each group, which days
count as missed, and the sentence under each chart.

The figures themselves come from the store (coach.store.stats) as data of the shapes
declared here; the progress screen draws them.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from enum import Enum

from coach.core.plan import PlanHistory
from coach.core.records import field, record

MONTHS_BACK = timedelta(days=91)
MAX_CALENDAR_MONTHS = 12
# Weeks in a month and a year, for a plan of so many workouts a week.
WEEKS_IN = {"week": 1.0, "month": 30.44 / 7, "year": 365.25 / 7}


class Bucket(Enum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Range(Enum):
    BLOCK = "this block"
    MONTHS = "three months"
    ALL = "everything"


class DayState(Enum):
    """What the store knows of a day: a workout done, or a safety halt."""

    DONE = "done"
    HALTED = "halted"


class Day(Enum):
    """A day as the calendar shows it."""

    DONE = "Workout done"
    HALTED = "Halted by the safety check"
    MISSED = "A workout day without a workout"
    REST = "Not a workout day"
    TO_COME = "Still to come"


@record
class PeriodPain:
    start: date  # the first day of the week (or month, year)
    average: float
    count: int


@record
class PeriodCount:
    start: date
    workouts: int  # workouts done (finished, or ended after half their sets)
    halted: int  # workouts that ended on a safety halt


@record
class PeriodExercise:
    start: date
    sets: int
    reps: int  # the reps done in all those sets (0 for a held exercise)
    hold_seconds: float  # the seconds held in all those sets (0 for a rep exercise)


@record
class WorkoutPain:
    at: datetime
    before: int | None
    after: int | None


# Ranges and groups.


def range_start(chosen: Range, now: datetime, block_start: datetime | None) -> datetime | None:
    """Where a range begins; None for everything."""
    if chosen is Range.BLOCK:
        return block_start
    if chosen is Range.MONTHS:
        return now - MONTHS_BACK
    return None


def first_day(start: datetime | None, first_activity: datetime | None, today: date) -> date:
    """The first day a chart shows: the range's start, else the first use, else today."""
    begun = start or first_activity
    return begun.astimezone().date() if begun else today


def bucket_for(first: date, today: date, *, bars: bool) -> Bucket:
    """Weeks up to half a year; months up to three years (or always, for points); years."""
    weeks = (today - first).days / 7
    if weeks <= 26:
        return Bucket.WEEK
    return Bucket.MONTH if weeks <= 156 or not bars else Bucket.YEAR


def periods(first: date, last: date, bucket: Bucket) -> list[date]:
    """Every period from the one holding `first` to the one holding `last`."""
    if bucket is Bucket.WEEK:
        start = first - timedelta(days=first.weekday())
        return [start + timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]
    if bucket is Bucket.MONTH:
        months = (last.year - first.year) * 12 + last.month - first.month
        return [
            date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
            for n in range(months + 1)
        ]
    return [date(year, 1, 1) for year in range(first.year, last.year + 1)]


def plan_target(plan_days: int, bucket: Bucket) -> float:
    """The workouts the plan asks for in one period."""
    return plan_days * WEEKS_IN[bucket.value]


# Words.


def number(value: float) -> str:
    """6, 4.5: one decimal only when it says something."""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def period_name(start: date, bucket: Bucket) -> str:
    if bucket is Bucket.WEEK:
        return f"the week of {start:%-d %B %Y}"
    if bucket is Bucket.MONTH:
        return f"{start:%B %Y}"
    return f"{start:%Y}"


def bar_labels(starts: list[date], bucket: Bucket) -> list[str]:
    """Short labels that fit under narrow bars: the month or year only where it changes.

    A category axis needs every label to differ, so a repeated one (the 14th of two
    months) gets an invisible zero-width space.
    """
    labels: list[str] = []
    for index, start in enumerate(starts):
        earlier = starts[index - 1] if index else None
        if bucket is Bucket.WEEK:
            new_month = earlier is None or earlier.month != start.month
            label = f"{start:%-d %b}" if new_month or len(starts) <= 8 else f"{start:%-d}"
        elif bucket is Bucket.MONTH:
            new_year = earlier is None or earlier.year != start.year
            label = f"{start:%b %y}" if new_year and len(starts) > 8 else f"{start:%b}"
            if new_year and len(starts) <= 8:
                label = f"{start:%b %Y}"
        else:
            label = f"{start:%Y}"
        while label in labels:
            label += "\u200b"
        labels.append(label)
    return labels


def pain_summary(average: Sequence[PeriodPain], bucket: Bucket) -> str:
    if average:
        start, end = average[0], average[-1]
        if len(average) > 1 and number(start.average) == number(end.average):
            return (
                f"Your average pain was {number(start.average)} in"
                f" {period_name(start.start, bucket)}, and the same in"
                f" {period_name(end.start, bucket)}. ← and → read each point."
            )
        if len(average) == 1:
            return (
                f"One average-pain check-in in this range: {number(start.average)}"
                f" in {period_name(start.start, bucket)}."
            )
        return (
            f"Your average pain went from {number(start.average)} in"
            f" {period_name(start.start, bucket)} to {number(end.average)} in"
            f" {period_name(end.start, bucket)}. ← and → read each point."
        )
    return "Pain before and after your workouts. ← and → read each point with its date."


def workouts_summary(counts: Sequence[PeriodCount], target: float, bucket: Bucket) -> str:
    total = sum(c.workouts for c in counts)
    halted = sum(c.halted for c in counts)
    return (
        f"{total} workout{'s' if total != 1 else ''} in this range"
        + (f", {halted} halted by the safety check" if halted else "")
        + f". Your plan: {number(target)} a {bucket.value}."
    )


def exercise_summary(name: str, done: Sequence[PeriodExercise]) -> str:
    sets = sum(p.sets for p in done)
    reps = sum(p.reps for p in done)
    held = sum(p.hold_seconds for p in done)
    said = [f"{reps} reps"] if reps else []
    if held:
        said.append(f"{number(held / 60)} minutes held")
    return f"{name}: {sets} sets in this range, {' and '.join(said)}."


# The calendar.


def months_back(today: date, count: int) -> list[tuple[int, int]]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def calendar_months(chosen: Range, today: date, first: date) -> list[tuple[int, int]]:
    """The months the calendar shows, each range its own: this block's months (one or
    two), the last three months, or everything from the first day (at most a year)."""
    if chosen is Range.MONTHS:
        return months_back(today, 3)
    count = (today.year - first.year) * 12 + today.month - first.month + 1
    return months_back(today, max(1, min(MAX_CALENDAR_MONTHS, count)))


@record(frozen=False)
class CalendarData:
    months: list[tuple[int, int]]  # (year, month), oldest first
    days: dict[date, DayState] = field(default_factory=dict)
    plan: PlanHistory = field(default_factory=PlanHistory)  # the workout days, as they were
    first: date | None = None  # the first day the person used the program
    today: date = field(default_factory=date.today)

    def state(self, day: date) -> Day:
        """A halt wins; a day planned (by the plan in force then) since the first use
        without a workout done is missed."""
        known = self.days.get(day)
        if known is DayState.HALTED:
            return Day.HALTED
        if known is DayState.DONE:
            return Day.DONE
        if day >= self.today:
            return Day.TO_COME
        if self.plan.planned(day) and self.first is not None and day >= self.first:
            return Day.MISSED
        return Day.REST

    def shown(self) -> list[date]:
        """Every day of the months shown, up to today."""
        return [day for day in self._all() if day <= self.today]

    def counts(self) -> dict[Day, int]:
        """How many days of each kind the months shown hold."""
        totals = dict.fromkeys(Day, 0)
        for day in self._all():
            totals[self.state(day)] += 1
        return totals

    def describe(self, day: date) -> str:
        return f"{day:%A %-d %B %Y}: {self.state(day).value}"

    def summary(self) -> str:
        totals = self.counts()
        done, halted, missed = totals[Day.DONE], totals[Day.HALTED], totals[Day.MISSED]
        if len(self.months) == 1:
            year, month = self.months[0]
            span = f"In {calendar.month_name[month]} {year}"
        else:
            span = f"In these {len(self.months)} months"
        return (
            f"{span}: {done} day{'s' if done != 1 else ''} with a workout, {halted} halted,"
            f" {missed} workout day{'s' if missed != 1 else ''} missed."
        )

    def _all(self) -> list[date]:
        return [
            day
            for year, month in self.months
            for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month
        ]
