"""The person's own plan: doses, feelings, workout days and this week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from coach.core.outcome import Outcome
from coach.core.progression import Feeling
from coach.core.routines import OwnDose, PlannedExercise
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import SetCompleted
from coach.services import Services
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
    services.settings.write(services.plan.plan_change({5, 1}))
    again = open_services().plan
    assert again.plan_days() == {1, 5}
    # The days before today keep the plan they had.
    assert again.plan_history().days_on(START.date() - timedelta(days=1)) == {0, 2, 4}


def test_this_week_counts_workouts_from_monday_in_local_time(
    services: Services, calendar: Calendar
) -> None:
    workouts = services.workouts
    for days in (-1, 0, 2):  # last Sunday, then Monday and Wednesday
        calendar.now = START + timedelta(days=days)
        workout = workouts.begin(MORNING, "Morning bridge & core", 1)
        workouts.record_set(workout, SetCompleted(BRIDGE, None, 1, 10, None))
        workouts.finish(workout, Outcome.FINISHED)
    workouts.begin("hip-openers", "Hip openers")  # no set done: does not count
    halted = workouts.begin(MORNING, "Morning bridge & core", 4)  # halted after a set: neither
    workouts.record_set(halted, SetCompleted(BRIDGE, None, 1, 10, None))
    workouts.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
    status = services.plan.week()
    assert (status.done, status.planned, status.done_today) == (2, 3, True)


def pain_rose_after(services: Services, calendar: Calendar, exercise: str | None) -> None:
    """A workout of the morning routine; back pain rose after `exercise`, if one."""
    calendar.now += timedelta(days=2)
    workout = services.workouts.begin(MORNING, "Morning", 8)
    services.workouts.record_set(workout, SetCompleted(BRIDGE, None, 1, 10, None))
    if exercise is not None:
        services.workouts.record_pain_rose(workout, exercise)
    services.workouts.finish(workout, Outcome.PAIN_ROSE if exercise else Outcome.FINISHED)


def planned_bridge(services: Services) -> PlannedExercise:
    loaded = services.routines.catalogue().routine(MORNING)
    assert loaded is not None
    return next(p for p in services.plan.plan(loaded) if p.exercise.id == BRIDGE)


def test_after_back_pain_rose_the_exercise_is_one_step_lighter_next_time(
    services: Services, calendar: Calendar
) -> None:
    usual = planned_bridge(services)
    assert usual.note is None and usual.dose.reps == 10
    pain_rose_after(services, calendar, BRIDGE)
    lighter = planned_bridge(services)
    assert (lighter.dose.sets, lighter.dose.reps) == (usual.dose.sets, 9)
    assert lighter.note == "One step lighter today: your back pain rose after it last time."
    assert services.plan.pain_rose_notes(MORNING, {BRIDGE: "Glute bridge"}) == [
        "Your back pain rose after the glute bridge: next time it is one step lighter."
    ]
    [card] = [c for c in services.home().cards if c.id == MORNING]
    assert card.notes and card.notes[0].startswith("Glute bridge, ")
    # Twice in a row: a check-up is suggested.
    pain_rose_after(services, calendar, BRIDGE)
    assert planned_bridge(services).note is not None
    assert "GP or physiotherapist" in (planned_bridge(services).note or "")
    [twice] = services.plan.pain_rose_notes(MORNING, {BRIDGE: "Glute bridge"})
    assert "last two workouts" in twice and "check it" in twice
    # A workout without it: back to the usual dose.
    pain_rose_after(services, calendar, None)
    assert planned_bridge(services) == usual
