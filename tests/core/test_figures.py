"""The charts' rules, with dates worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from coach.core.figures import (
    Bucket,
    CalendarData,
    Day,
    DayState,
    Range,
    bucket_for,
    calendar_months,
    periods,
    plan_target,
    range_start,
)
from coach.core.plan import ALWAYS, PlanHistory, PlanPeriod

NOW = datetime(2026, 3, 4, 18, tzinfo=UTC)  # a Wednesday


def test_a_range_starts_at_the_block_three_months_back_or_never() -> None:
    block = datetime(2026, 2, 9, 8, tzinfo=UTC)
    assert range_start(Range.BLOCK, NOW, block) == block
    assert range_start(Range.MONTHS, NOW, block) == NOW - timedelta(days=91)
    assert range_start(Range.ALL, NOW, block) is None


def test_figures_group_by_week_then_month_then_year_for_bars() -> None:
    today = date(2026, 3, 4)
    assert bucket_for(today - timedelta(weeks=26), today, bars=True) is Bucket.WEEK
    assert bucket_for(today - timedelta(weeks=27), today, bars=True) is Bucket.MONTH
    assert bucket_for(today - timedelta(weeks=200), today, bars=True) is Bucket.YEAR
    assert bucket_for(today - timedelta(weeks=200), today, bars=False) is Bucket.MONTH


def test_periods_run_from_the_one_holding_the_first_day_to_the_one_holding_the_last() -> None:
    assert periods(date(2026, 3, 4), date(2026, 3, 16), Bucket.WEEK) == [
        date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16),
    ]  # fmt: skip
    assert periods(date(2025, 11, 20), date(2026, 2, 1), Bucket.MONTH) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
    ]  # fmt: skip
    assert plan_target(3, Bucket.WEEK) == 3
    assert round(plan_target(3, Bucket.MONTH), 2) == 13.05


def test_the_calendar_tells_done_halted_missed_rest_and_to_come() -> None:
    data = CalendarData(
        months=calendar_months(Range.MONTHS, date(2026, 3, 4), date(2026, 3, 2)),
        days={date(2026, 3, 2): DayState.DONE, date(2026, 3, 3): DayState.HALTED},
        plan=PlanHistory((PlanPeriod(ALWAYS, frozenset({0, 2, 4})),)),
        first=date(2026, 3, 1),
        today=date(2026, 3, 4),
    )
    assert data.months == [(2026, 1), (2026, 2), (2026, 3)]  # three months
    assert data.state(date(2026, 3, 2)) is Day.DONE
    assert data.state(date(2026, 3, 3)) is Day.HALTED
    assert data.state(date(2026, 2, 27)) is Day.REST  # a Friday before the first use
    assert data.state(date(2026, 3, 4)) is Day.TO_COME  # today, not yet missed
    counts = data.counts()
    assert (counts[Day.DONE], counts[Day.HALTED], counts[Day.MISSED]) == (1, 1, 0)
    assert data.shown()[-1] == date(2026, 3, 4)
    assert data.summary() == (
        "In these 3 months: 1 day with a workout, 1 halted, 0 workout days missed."
    )


def test_the_calendar_names_its_one_month() -> None:
    data = CalendarData(
        months=[(2026, 3)],
        days={date(2026, 3, d): DayState.DONE for d in (2, 4)},
        plan=PlanHistory((PlanPeriod(ALWAYS, frozenset({0, 2, 4})),)),
        first=date(2026, 3, 1),
        today=date(2026, 3, 9),
    )
    assert data.summary() == (
        "In March 2026: 2 days with a workout, 0 halted, 1 workout day missed."
    )  # Friday 6 March


def test_a_missed_day_is_one_the_plan_in_force_then_asked_for() -> None:
    # Mon-Wed-Fri, then from Wednesday 11 March only Tuesdays and Thursdays.
    plan = PlanHistory((PlanPeriod(ALWAYS, frozenset({0, 2, 4})),)).changed(
        {1, 3}, date(2026, 3, 11)
    )
    data = CalendarData(months=[(2026, 3)], plan=plan, first=date(2026, 3, 1),
                        today=date(2026, 3, 20))  # fmt: skip
    assert data.state(date(2026, 3, 9)) is Day.MISSED  # a Monday under the old plan
    assert data.state(date(2026, 3, 10)) is Day.REST  # a Tuesday under the old plan
    assert data.state(date(2026, 3, 11)) is Day.REST  # Wednesday: the new plan from today
    assert data.state(date(2026, 3, 12)) is Day.MISSED  # a Thursday under the new one
    assert data.state(date(2026, 3, 16)) is Day.REST


def test_each_range_shows_its_own_months_on_the_calendar() -> None:
    today = date(2026, 3, 4)
    assert calendar_months(Range.BLOCK, today, date(2026, 2, 24)) == [(2026, 2), (2026, 3)]
    assert calendar_months(Range.BLOCK, today, date(2026, 3, 2)) == [(2026, 3)]
    three = calendar_months(Range.MONTHS, today, date(2025, 12, 3))
    assert three == [(2026, 1), (2026, 2), (2026, 3)]  # three, not the four 91 days touch
    assert len(calendar_months(Range.ALL, today, date(2024, 1, 1))) == 12  # a year at most
    assert calendar_months(Range.ALL, today, date(2026, 3, 1)) == [(2026, 3)]
