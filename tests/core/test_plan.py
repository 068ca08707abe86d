"""The weekly plan: what the home screen says about this week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.plan import ALWAYS, DEFAULT_DAYS, PlanHistory, PlanPeriod, checked_days, week_status

WEDNESDAY = date(2026, 3, 4)
MONDAY = WEDNESDAY - timedelta(days=2)


def test_a_planned_day_not_yet_done_says_today() -> None:
    status = week_status(DEFAULT_DAYS, WEDNESDAY, [MONDAY])
    assert status.sentence() == "This week: 1 of 3 workouts done. Today is a workout day."


def test_a_rest_day_names_the_next_workout_day() -> None:
    thursday = WEDNESDAY + timedelta(days=1)
    status = week_status(DEFAULT_DAYS, thursday, [MONDAY, WEDNESDAY])
    assert status.sentence() == "This week: 2 of 3 workouts done. Next workout day: Friday."


def test_the_next_day_can_be_in_next_week() -> None:
    saturday = WEDNESDAY + timedelta(days=3)
    status = week_status(frozenset({0}), saturday, [])
    assert status.sentence() == "This week: 0 of 1 workout done. Next workout day: Monday."


def test_last_weeks_workouts_do_not_count_and_extra_ones_do() -> None:
    last_sunday = MONDAY - timedelta(days=1)
    tuesday = MONDAY + timedelta(days=1)
    status = week_status(DEFAULT_DAYS, WEDNESDAY, [last_sunday, MONDAY, tuesday])
    assert (status.done, status.done_today) == (2, False)


def test_done_today_and_a_finished_week() -> None:
    days = [MONDAY, WEDNESDAY]
    assert (
        week_status(DEFAULT_DAYS, WEDNESDAY, days).sentence().endswith("Today's workout is done.")
    )
    friday = WEDNESDAY + timedelta(days=2)
    saturday = friday + timedelta(days=1)
    status = week_status(DEFAULT_DAYS, saturday, [*days, friday])
    assert status.sentence() == "This week: 3 of 3 workouts done. That is the week's plan done."


def test_after_a_workout_the_next_workout_day_is_always_said() -> None:
    status = week_status(DEFAULT_DAYS, WEDNESDAY, [MONDAY, WEDNESDAY])
    assert status.sentence(next_day=True) == (
        "This week: 2 of 3 workouts done. Today's workout is done. Next workout day: Friday."
    )
    thursday = WEDNESDAY + timedelta(days=1)  # where it was said anyway, said once
    rest = week_status(DEFAULT_DAYS, thursday, [MONDAY, WEDNESDAY])
    assert rest.sentence(next_day=True) == rest.sentence()


@pytest.mark.parametrize(
    ("stored", "days"),
    [([1, 3], {1, 3}), ([], DEFAULT_DAYS), ([7, -1, "x", 2], {2}), (["a"], DEFAULT_DAYS)],
)
def test_a_stored_plan_is_checked_when_read(stored: list[object], days: set[int]) -> None:
    assert checked_days(stored) == days


def test_more_done_than_planned_is_never_four_of_three() -> None:
    days = [MONDAY, MONDAY + timedelta(days=1), WEDNESDAY, WEDNESDAY + timedelta(days=1)]
    status = week_status(DEFAULT_DAYS, WEDNESDAY + timedelta(days=1), days)
    assert status.sentence() == (
        "This week: 4 workouts done; your plan has 3. Today's workout is done."
    )


def test_a_plan_change_applies_from_the_day_it_is_made() -> None:
    plan = PlanHistory((PlanPeriod(ALWAYS, DEFAULT_DAYS),)).changed({1, 3}, WEDNESDAY)
    assert plan.current == {1, 3}
    assert plan.days_on(MONDAY) == DEFAULT_DAYS and plan.days_on(WEDNESDAY) == {1, 3}
    # This week: Monday by the old plan, then Thursday by the new one.
    assert plan.planned_between(MONDAY, MONDAY + timedelta(days=6)) == 2
    assert week_status(plan, WEDNESDAY, [MONDAY]).sentence() == (
        "This week: 1 of 2 workouts done. Next workout day: Thursday."
    )
    # A second change the same day replaces the first; an earlier day keeps its plan.
    again = plan.changed({4}, WEDNESDAY)
    assert [p.days for p in again.periods] == [DEFAULT_DAYS, {4}]
    with pytest.raises(ValueError, match="one or more weekdays"):
        plan.changed(set(), WEDNESDAY)
    with pytest.raises(ValueError, match="one or more weekdays"):
        plan.changed({7}, WEDNESDAY)


def test_a_stopped_week_offers_no_workout_day() -> None:
    status = week_status(DEFAULT_DAYS, WEDNESDAY, [MONDAY])  # a workout day
    assert status.sentence(stopped=True) == (
        "This week: 1 of 3 workouts done. Workouts wait for a clinician's all-clear."
    )
