"""Is this helping? The three-week comparison, adherence, and progression suggestions.

Pure rules from CONTENT.md section 3 (version 2): pain on the 0-10 scale asked the same
way each time; a drop of at least 2 points counts as meaningful (1 point is ordinary
day-to-day variation at any baseline); a rise of 2 or more is worth a word with a
clinician; workouts are counted as done only when they were, against the plan in force
on each day of the block's 21.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, timedelta

from coach.core.checkins import (
    BLOCK_WEEKS,
    DUE_DAY,
    LATE_AFTER_DAYS,
    CheckinKind,
    CheckinRecord,
    latest_of,
)
from coach.core.plan import PlanHistory
from coach.core.records import field, record, values

MEANINGFUL_POINTS = 2
WORSE_POINTS = 2
LOW_BASELINE = 2  # at or below this, there is little room to measure a change

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


def round_half_away(value: float) -> int:
    """Whole number, halves away from zero (-12.5 is -13), as people round."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def _check_score(value: int, what: str) -> None:
    if not 0 <= value <= 10:
        raise ValueError(f"{what} must be between 0 and 10, not {value}")


@record
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
        return round_half_away(100 * self.points / self.baseline)

    @property
    def meaningful(self) -> bool:
        """A drop of at least 2 points: 1 point is inside day-to-day variation, at any
        baseline (30% of a low baseline is under 2 points)."""
        return -self.points >= MEANINGFUL_POINTS

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


@record
class Activity:
    name: str
    baseline: int
    now: int | None = None

    @property
    def points(self) -> int | None:
        return None if self.now is None else self.now - self.baseline

    def change(self) -> str:
        """The change in words: "easier by 2 points", "1 point harder", "no change"."""
        if self.points is None:
            return ""
        size = abs(self.points)
        unit = "point" if size == 1 else "points"
        if self.points < 0:
            return f"easier by {size} {unit}"
        return f"{size} {unit} harder" if self.points > 0 else "no change"


@record
class Adherence:
    """A block's workouts: done against planned, week by week, and those shown apart."""

    by_week: tuple[int, ...]  # workouts done in each week
    planned_by_week: tuple[int, ...]  # workout days the plan in force gave each week
    halts: int = 0  # workouts and screens stopped for safety
    short: int = 0  # ended before half their planned sets
    unfinished: int = 0  # the program closed (or was stopped) mid-workout
    skipped_exercises: int = 0

    @property
    def done(self) -> int:
        return sum(self.by_week)

    @property
    def planned(self) -> int:
        return sum(self.planned_by_week)

    def sentence(self) -> str:
        if self.done > self.planned:  # never "12 of 9"
            return f"You did {self.done} workouts; your plan had {self.planned}."
        return f"You did {self.done} of {self.planned} planned workouts."

    def weeks(self) -> str:
        """Week by week: "week 1: 3 of 3, week 2: 4 (plan 3)"."""
        return ", ".join(
            f"week {n}: {done} of {planned}" if done <= planned
            else f"week {n}: {done} (plan {planned})"
            for n, (done, planned) in enumerate(zip(self.by_week, self.planned_by_week,
                                                   strict=True), 1)
        )  # fmt: skip

    def apart(self) -> str:
        """The workouts and halts shown apart from "done", in words."""
        said = [
            f"{count} {words}"
            for count, words in (
                (self.halts, "stopped for safety" if self.halts == 1 else "safety stops"),
                (self.short, "ended before half of its sets" if self.short == 1
                 else "ended before half of their sets"),
                (self.unfinished, "not finished (the program closed)"),
            )
            if count
        ]  # fmt: skip
        skipped = self.skipped_exercises
        exercises = f"{skipped} exercise{'s' if skipped != 1 else ''} skipped"
        if not said:
            return f"No safety stops, short or unfinished workouts; {exercises}."
        return f"Not counted as done: {', '.join(said)}; {exercises}."

    def to_json(self) -> str:
        return json.dumps(values(self))

    @classmethod
    def from_json(cls, text: str) -> Adherence | None:
        """Figures kept with a block; None when they cannot be read back."""
        try:
            value = json.loads(text)
            return cls(
                tuple(int(n) for n in value["by_week"]),
                tuple(int(n) for n in value["planned_by_week"]),
                *(int(value[k]) for k in ("halts", "short", "unfinished", "skipped_exercises")),
            )
        except (ValueError, KeyError, TypeError):
            return None


@record
class BlockActivity:
    """What happened in a block's days: the local days of the workouts done (one each),
    safety halts, short and unfinished workouts, and exercises skipped."""

    done_days: list[date]
    halts: int = 0
    short: int = 0
    unfinished: int = 0
    skipped_exercises: int = 0


def adherence(
    block_start: date, activity: BlockActivity, plan: PlanHistory, weeks: int = BLOCK_WEEKS
) -> Adherence:
    """Workouts done in each week of the block against the plan in force on each of its
    days (days outside the block do not count)."""
    counts = [0] * weeks
    for day in activity.done_days:
        offset = (day - block_start).days
        if 0 <= offset < 7 * weeks:
            counts[offset // 7] += 1
    planned = tuple(
        plan.planned_between(block_start + timedelta(weeks=n),
                             block_start + timedelta(weeks=n, days=6))
        for n in range(weeks)
    )  # fmt: skip
    return Adherence(tuple(counts), planned, activity.halts, activity.short,
                     activity.unfinished, activity.skipped_exercises)  # fmt: skip


@record
class Comparison:
    """Everything the comparison screen says, in the order it says it."""

    pain: PainChange | None
    activities: list[Activity]
    impression: str | None
    workouts: Adherence
    missing: list[str] = field(default_factory=list)
    days_late: int = 0
    weekly_pain: list[int | None] = field(default_factory=list)  # after week 1, week 2
    ended: bool = False  # the block ended: what is missing will not come now

    def pain_by_week(self) -> str | None:
        """The average pain at each check-in of the block, in one line, when there is one."""
        if self.pain is None or not any(p is not None for p in self.weekly_pain):
            return None
        steps = [f"{self.pain.baseline} at the start"]
        steps += [f"{p} after week {n}" for n, p in enumerate(self.weekly_pain, 1) if p is not None]
        steps.append(f"{self.pain.now} at three weeks")
        return "Average pain along the way: " + ", ".join(steps) + "."

    def summary(self) -> str:
        first = (
            self.pain.sentence()
            if self.pain
            else (
                "There is no pain comparison: the block ended before its three-week check-in."
                if self.ended
                else "There is no pain comparison yet."
            )
        )
        return f"{first} {self.workouts.sentence()}"

    def notes(self) -> list[str]:
        said = []
        if self.pain is not None and self.pain.baseline == 0:
            said.append("Your pain was 0 at the start, so no percentage is given.")
        elif self.pain is not None and self.pain.low_baseline:
            said.append(
                f"Your pain was low at the start ({self.pain.baseline} out of 10), so there was"
                " little room to measure a change."
            )
        if self.pain is not None and self.pain.worse:
            said.append("Your pain is 2 or more points higher: please talk to a clinician.")
        if self.days_late > LATE_AFTER_DAYS:
            said.append(
                f"The three-week check-in was taken {self.days_late} days after it was due,"
                " so it compares a longer stretch than planned."
            )
        missing = "Not answered before the block ended" if self.ended else "Not answered yet"
        said.extend(f"{missing}: {m}." for m in self.missing)
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
    ended: bool = False,
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
        pain, list(activities), impression, workouts, missing, days_late, list(weekly_pain), ended
    )


def block_comparison(
    block_start: date, records: Sequence[CheckinRecord], workouts: Adherence, *, ended: bool = False
) -> Comparison:
    """Baseline against three weeks for one block, with its workout figures; `ended`: the
    block is over, so nothing missing is still to come."""
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
    for checkin in records:
        week = (checkin.at.astimezone().date() - block_start).days // 7
        if checkin.kind == CheckinKind.WEEKLY and 1 <= week < BLOCK_WEEKS:
            weekly[week - 1] = checkin.pain
    return compare(
        weekly_pain=weekly,
        baseline_pain=baseline.pain if baseline else None,
        pain_now=latest.pain if latest else None,
        activities=activities,
        impression=latest.impression if latest else None,
        workouts=workouts,
        days_late=days_late,
        ended=ended,
    )
