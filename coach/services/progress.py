"""What each progress chart shows, for a range: its figures from the store, grouped and
worded by the rules in coach.core.figures. The progress screen only draws them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum

from coach.core.clock import Now
from coach.core.figures import (
    Bucket,
    CalendarData,
    PeriodCount,
    PeriodExercise,
    PeriodPain,
    Range,
    WorkoutPain,
    bucket_for,
    calendar_months,
    exercise_summary,
    first_day,
    pain_summary,
    periods,
    plan_target,
    range_start,
    workouts_summary,
)
from coach.core.plan import PlanHistory
from coach.core.records import field, record, replace
from coach.store.stats import ProgressStats


class Chart(Enum):
    PAIN = "pain"
    WORKOUTS = "workouts"
    EXERCISES = "exercises"
    CALENDAR = "calendar"


@record
class PainData:
    average: list[PeriodPain]  # the average-pain check-ins
    before: Sequence[PeriodPain | WorkoutPain]  # per workout in short ranges, else averaged
    after: Sequence[PeriodPain | WorkoutPain]
    bucket: Bucket


@record
class Figures:
    """One chart's figures for one range, and the sentence under it."""

    chart: Chart
    first: date
    last: date
    bucket: Bucket
    summary: str
    pain: PainData | None = None
    counts: list[PeriodCount] = field(default_factory=list)
    periods: list[date] = field(default_factory=list)  # every period, for the bars
    target: float = 0.0  # workouts the plan asks for in a period
    exercise: str = ""  # the exercise's name
    done: list[PeriodExercise] = field(default_factory=list)
    calendar: CalendarData | None = None


class ProgressFigures:
    def __init__(
        self,
        stats: ProgressStats,
        exercise_name: Callable[[str], str],
        plan: Callable[[], PlanHistory],
        block_start: Callable[[], datetime | None],
        now: Now,
        in_memory: Callable[[], bool] = lambda: False,
    ) -> None:
        self._stats = stats
        # Whether the data is only in memory (the disk refused it): then it is read on
        # the window's thread, whose connection it is, not on a worker.
        self.in_memory = in_memory
        self._name = exercise_name
        self._plan = plan
        self._block_start = block_start
        self._now = now

    def today(self) -> date:
        return self._now().astimezone().date()

    def has_block(self) -> bool:
        return self._block_start() is not None

    def exercises(self, chosen: Range) -> list[tuple[str, str]]:
        """The exercises done in the range, most done first: id and how to list it."""
        return [
            (exercise_id, f"{self._name(exercise_id)}  ({sets} sets)")
            for exercise_id, sets in self._stats.exercises(self._since(chosen))
        ]

    def figures(self, chart: Chart, chosen: Range, exercise_id: str | None) -> Figures | None:
        """The chart's figures for the range; None when there is nothing to show."""
        stats, since, today = self._stats, self._since(chosen), self.today()
        first = first_day(since, stats.first_activity(), today)
        bucket = bucket_for(first, today, bars=chart is Chart.WORKOUTS)
        shown = Figures(chart, first, today, bucket, summary="")
        if chart is Chart.PAIN:
            average = stats.average_pain(since, bucket)
            if bucket is Bucket.WEEK:
                points = stats.workout_pain_points(since)
                pain = PainData(average, points, points, bucket)
            else:
                before, after = stats.workout_pain(since, bucket)
                pain = PainData(average, before, after, bucket)
            if not (average or pain.before):
                return None
            return replace(shown, pain=pain, summary=pain_summary(average, bucket))
        if chart is Chart.WORKOUTS:
            counts = stats.workouts(since, bucket)
            if not any(c.workouts for c in counts):
                return None
            target = plan_target(len(self._plan().current), bucket)
            summary = workouts_summary(counts, target, bucket)
            starts = periods(first, today, bucket)
            return replace(shown, counts=counts, periods=starts, target=target, summary=summary)
        if chart is Chart.EXERCISES:
            if exercise_id is None:
                return None
            name = self._name(exercise_id)
            done = stats.exercise(exercise_id, since, bucket)
            return replace(shown, exercise=name, done=done, summary=exercise_summary(name, done))
        return self._calendar(shown, chosen, since)

    def _calendar(self, shown: Figures, chosen: Range, since: datetime | None) -> Figures | None:
        first_use = self._stats.first_activity()
        if first_use is None:
            return None
        first = (since or first_use).astimezone().date()
        months = calendar_months(chosen, shown.last, first)
        start = datetime.combine(date(*months[0], 1), datetime.min.time()).astimezone()
        data = CalendarData(
            months=months,
            days=self._stats.days(start),
            plan=self._plan(),
            first=first_use.astimezone().date(),
            today=shown.last,
        )
        return replace(shown, calendar=data, summary=data.summary())

    def _since(self, chosen: Range) -> datetime | None:
        return range_start(chosen, self._now(), self._block_start())
