"""The person's own plan: doses, feelings, workout days and this week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from coach.core.progression import Feeling
from coach.core.routines import OwnDose
from coach.core.workout import SetCompleted
from coach.services import PLAN_DAYS, Services
from tests.services.conftest import START, Calendar

MORNING, BRIDGE = "morning-bridge-core", "glute-bridge"
EASY, HARD = Feeling.TOO_EASY, Feeling.TOO_HARD


def felt(services: Services, calendar: Calendar, feeling: Feeling, routine: str = MORNING) -> None:
    calendar.now += timedelta(days=2)
    workout = services.workouts.begin(routine, "Morning")
    services.workouts.record_feeling(workout, BRIDGE, feeling)


def test_feelings_come_back_latest_last_for_that_routine_and_exercise(
    services: Services, calendar: Calendar
) -> None:
    for feeling in (HARD, EASY, EASY):
        felt(services, calendar, feeling)
    felt(services, calendar, Feeling.ABOUT_RIGHT, routine="hip-openers")
    workouts = services.workouts
    assert workouts.feelings(MORNING, BRIDGE, "") == [EASY, EASY]
    assert workouts.feelings(MORNING, BRIDGE, "", last=3)[0] == HARD
    assert workouts.feelings(MORNING, "dead-bug", "") == []


def test_an_accepted_dose_is_kept_and_earlier_feelings_stop_counting(
    services: Services, calendar: Calendar
) -> None:
    plan = services.plan
    for _ in range(2):
        felt(services, calendar, EASY)
    [offered] = plan.dose_offers(MORNING)  # 10 reps already: one more set
    assert (offered.exercise_id, offered.suggestion.sets, offered.suggestion.reps) == (
        BRIDGE, 2, 10,
    )  # fmt: skip
    calendar.now += timedelta(minutes=5)
    plan.decide(offered, accepted=True)
    assert plan.own_doses(MORNING) == {BRIDGE: OwnDose(2, 10)}
    assert plan.own_doses("hip-openers") == {}
    assert plan.dose_offers(MORNING) == []  # a fresh start: the feelings before count no more
    felt(services, calendar, HARD)
    [lighter] = plan.dose_offers(MORNING)
    assert (lighter.suggestion.sets, lighter.suggestion.reps) == (2, 9)
    plan.decide(lighter, accepted=False)
    assert plan.dose_offers(MORNING) == []
    assert plan.own_doses(MORNING) == {BRIDGE: OwnDose(2, 10)}


def test_plan_days_are_kept(services: Services, open_services: Callable[[], Services]) -> None:
    assert services.plan.plan_days() == {0, 2, 4}
    services.settings.write((PLAN_DAYS, frozenset({5, 1})))
    assert open_services().plan.plan_days() == {1, 5}


def test_this_week_counts_workouts_from_monday_in_local_time(
    services: Services, calendar: Calendar
) -> None:
    workouts = services.workouts
    for days in (-1, 0, 2):  # last Sunday, then Monday and Wednesday
        calendar.now = START + timedelta(days=days)
        workout = workouts.begin(MORNING, "Morning bridge & core")
        workouts.record_set(workout, SetCompleted(BRIDGE, None, 1, 10, None))
    workouts.begin("hip-openers", "Hip openers")  # no set done: does not count
    status = services.plan.week()
    assert (status.done, status.planned, status.done_today) == (2, 3, True)
