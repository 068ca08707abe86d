"""A block, from its check-ins and workouts to the comparison and the home banner."""

from __future__ import annotations

from datetime import timedelta

from coach.core.checkins import CheckinKind
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.services import Services
from tests.services.conftest import START, Calendar


def test_a_whole_block_becomes_the_comparison(services: Services, calendar: Calendar) -> None:
    checkins, workouts = services.checkins, services.workouts
    block_id = checkins.start_block("morning-bridge-core")
    checkins.record(
        block_id, CheckinKind.BASELINE, 6, activities={"putting on socks": 7, "walking": 5}
    )
    for day in (0, 2, 4, 7, 9, 11, 14, 16):  # eight workouts with a set done
        calendar.now = START + timedelta(days=day, hours=1)
        workout = workouts.begin("morning-bridge-core", "Morning")
        checkins.record(block_id, CheckinKind.BEFORE_WORKOUT, 5, workout_id=workout)
        workouts.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    workouts.record_skip(workout, ExerciseSkipped("bird-dog", 0))
    calendar.now = START + timedelta(days=18)
    halted = workouts.begin("morning-bridge-core", "Morning")  # nothing done: not counted
    workouts.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY)
    calendar.now = START + timedelta(days=22)
    assert services.blocks.note() == (
        "Three weeks are up: time to compare with where you started.",
        "Check in",
    )
    checkins.record(
        block_id, CheckinKind.THREE_WEEKS, 3, impression="much improved",
        activities={"putting on socks": 4, "walking": 5},
    )  # fmt: skip

    block = services.blocks.current()
    assert block is not None
    comparison = services.blocks.comparison(block)
    assert comparison.summary() == (
        "Your average pain went from 6 to 3 (-50%). Many people with back pain describe a"
        " change like that as meaningful. You did 8 of 9 planned workouts."
    )
    assert comparison.workouts.by_week == (3, 3, 2)
    assert (comparison.workouts.halts, comparison.workouts.skipped_exercises) == (1, 1)
    assert [(a.name, a.baseline, a.now) for a in comparison.activities] == [
        ("putting on socks", 7, 4),
        ("walking", 5, 5),
    ]
    assert comparison.impression == "much improved"
    assert comparison.days_late == 1
    assert services.blocks.note() == ("Your three-week comparison is ready.", "See it")
    [line] = services.blocks.lines()
    assert line.said == comparison.summary()
