"""Is this helping? The three-week comparison, adherence, and progression suggestions.

Pure rules from CONTENT.md section 3: pain on the 0-10 scale asked the same way each
time; a drop of 2 points or 30% counts as meaningful; a rise of 2 or more is worth a
word with a clinician; nine workouts are planned over three weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from coach.core.checkins import (
    BLOCK_WEEKS,
    DUE_DAY,
    LATE_AFTER_DAYS,
    CheckinKind,
    CheckinRecord,
    latest_of,
)

MEANINGFUL_POINTS = 2
MEANINGFUL_PERCENT = 30
WORSE_POINTS = 2
LOW_BASELINE = 3  # at or below this, there is little room to improve
PLANNED_PER_WEEK = 3

GLOBAL_IMPRESSION = (
    "very much improved",
    "much improved",
    "minimally improved",
    "no change",
    "minimally worse",
    "much worse",
    "very much worse",
)

ALWAYS_SAID = (
    "Back pain often eases by itself within the first month, so this comparison cannot"
    " show what caused a change.",
    "It is not a medical assessment.",
    "If your symptoms persist or get worse, see a clinician.",
)


def _check_score(value: int, what: str) -> None:
    if not 0 <= value <= 10:
        raise ValueError(f"{what} must be between 0 and 10, not {value}")


@dataclass(frozen=True)
class PainChange:
    baseline: int
    now: int

    def __post_init__(self) -> None:
        _check_score(self.baseline, "the baseline pain")
        _check_score(self.now, "the pain now")

    @property
    def points(self) -> int:
        """Now minus baseline: negative is better."""
        return self.now - self.baseline

    @property
    def percent(self) -> int | None:
        """Change as a whole percentage of the baseline; None from a zero baseline."""
        if self.baseline == 0:
            return None
        return round(100 * self.points / self.baseline)

    @property
    def meaningful(self) -> bool:
        """A drop of 2 points or 30% of the baseline (whole numbers, no rounding)."""
        drop = -self.points
        return drop >= MEANINGFUL_POINTS or (
            self.baseline > 0 and drop > 0 and 100 * drop >= MEANINGFUL_PERCENT * self.baseline
        )

    @property
    def worse(self) -> bool:
        return self.points >= WORSE_POINTS

    @property
    def low_baseline(self) -> bool:
        return self.baseline <= LOW_BASELINE

    def sentence(self) -> str:
        """The calm first sentence, in the tone of CONTENT.md's example."""
        if self.points == 0:
            return f"Your average pain stayed at {self.baseline}."
        change = f"Your average pain went from {self.baseline} to {self.now}"
        if self.percent is not None:
            change += f" ({self.percent:+d}%)"
        if self.meaningful:
            return (
                f"{change}. Many people with back pain describe a change like that as meaningful."
            )
        if self.worse:
            return f"{change}. A rise like that is worth talking over with a clinician."
        return f"{change}. A change this small can be ordinary day-to-day variation."


@dataclass(frozen=True)
class Activity:
    name: str
    baseline: int
    now: int | None = None

    @property
    def points(self) -> int | None:
        return None if self.now is None else self.now - self.baseline


@dataclass(frozen=True)
class Adherence:
    by_week: tuple[int, ...]
    halts: int = 0
    skipped_exercises: int = 0
    planned_per_week: int = PLANNED_PER_WEEK

    @property
    def done(self) -> int:
        return sum(self.by_week)

    @property
    def planned(self) -> int:
        return self.planned_per_week * len(self.by_week)

    def sentence(self) -> str:
        return f"You did {self.done} of {self.planned} planned workouts."


@dataclass(frozen=True)
class BlockActivity:
    """What was done in a block: days with a workout that got a set done, safety halts,
    and exercises skipped."""

    workout_days: list[date]
    halts: int = 0
    skipped_exercises: int = 0


def adherence(
    block_start: date,
    workout_days: Iterable[date],
    *,
    halts: int = 0,
    skipped_exercises: int = 0,
    weeks: int = BLOCK_WEEKS,
    per_week: int = PLANNED_PER_WEEK,
) -> Adherence:
    """Workouts done in each week of the block (days outside the block do not count)."""
    counts = [0] * weeks
    for day in workout_days:
        offset = (day - block_start).days
        if 0 <= offset < 7 * weeks:
            counts[offset // 7] += 1
    return Adherence(tuple(counts), halts, skipped_exercises, per_week)


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison screen says, in the order it says it."""

    pain: PainChange | None
    activities: list[Activity]
    impression: str | None
    workouts: Adherence
    missing: list[str] = field(default_factory=list)
    days_late: int = 0
    weekly_pain: list[int | None] = field(default_factory=list)  # after week 1, week 2

    def pain_by_week(self) -> str | None:
        """The average pain at each check-in of the block, in one line, when there is one."""
        if self.pain is None or not any(p is not None for p in self.weekly_pain):
            return None
        steps = [f"{self.pain.baseline} at the start"]
        steps += [f"{p} after week {n}" for n, p in enumerate(self.weekly_pain, 1) if p is not None]
        steps.append(f"{self.pain.now} at three weeks")
        return "Average pain along the way: " + ", ".join(steps) + "."

    def summary(self) -> str:
        first = self.pain.sentence() if self.pain else "There is no pain comparison yet."
        return f"{first} {self.workouts.sentence()}"

    def notes(self) -> list[str]:
        said = []
        if self.pain is not None and self.pain.baseline == 0:
            said.append("Your pain was 0 at the start, so no percentage is given.")
        elif self.pain is not None and self.pain.low_baseline:
            said.append(
                f"Your pain was low at the start ({self.pain.baseline} out of 10), so there was"
                " little room for it to improve."
            )
        if self.pain is not None and self.pain.worse:
            said.append("Your pain is 2 or more points higher: please talk to a clinician.")
        if self.days_late > LATE_AFTER_DAYS:
            said.append(
                f"The three-week check-in was taken {self.days_late} days after it was due,"
                " so it compares a longer stretch than planned."
            )
        said.extend(f"Not answered yet: {m}." for m in self.missing)
        return said


def compare(
    *,
    baseline_pain: int | None,
    pain_now: int | None,
    activities: Sequence[Activity] = (),
    impression: str | None = None,
    workouts: Adherence,
    days_late: int = 0,
    weekly_pain: Sequence[int | None] = (),
) -> Comparison:
    if impression is not None and impression not in GLOBAL_IMPRESSION:
        raise ValueError(f"'{impression}' is not one of the seven answers")
    missing = []
    if baseline_pain is None:
        missing.append("the baseline pain")
    if pain_now is None:
        missing.append("the three-week pain")
    if impression is None:
        missing.append("how you feel things have changed")
    pain = None
    if baseline_pain is not None and pain_now is not None:
        pain = PainChange(baseline_pain, pain_now)
    for value in weekly_pain:
        if value is not None:
            _check_score(value, "a weekly pain")
    return Comparison(
        pain, list(activities), impression, workouts, missing, days_late, list(weekly_pain)
    )


def block_comparison(
    block_start: date,
    records: Sequence[CheckinRecord],
    activity: BlockActivity,
    *,
    per_week: int,
) -> Comparison:
    """Baseline against three weeks for one block, with the workouts done in it."""
    baseline = next((r for r in records if r.kind == CheckinKind.BASELINE), None)
    latest = latest_of(list(records), CheckinKind.THREE_WEEKS)
    days_late = 0
    if latest is not None:
        days_late = max((latest.at.astimezone().date() - block_start).days - DUE_DAY, 0)
    activities = [
        Activity(name, score, latest.activities.get(name) if latest else None)
        for name, score in (baseline.activities if baseline else {}).items()
    ]
    weekly: list[int | None] = [None] * (BLOCK_WEEKS - 1)
    for record in records:
        week = (record.at.astimezone().date() - block_start).days // 7
        if record.kind == CheckinKind.WEEKLY and 1 <= week < BLOCK_WEEKS:
            weekly[week - 1] = record.pain
    return compare(
        weekly_pain=weekly,
        baseline_pain=baseline.pain if baseline else None,
        pain_now=latest.pain if latest else None,
        activities=activities,
        impression=latest.impression if latest else None,
        workouts=adherence(
            block_start,
            activity.workout_days,
            halts=activity.halts,
            skipped_exercises=activity.skipped_exercises,
            per_week=per_week,
        ),
        days_late=days_late,
    )
