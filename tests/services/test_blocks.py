"""A block, from its check-ins and workouts to the comparison and the home banner."""

from __future__ import annotations

from datetime import timedelta

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
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
    for day in (0, 2, 4, 7, 9, 11, 14, 16):  # eight workouts done
        calendar.now = START + timedelta(days=day, hours=1)
        workout = workouts.begin("morning-bridge-core", "Morning", 1)
        checkins.record(block_id, CheckinKind.BEFORE_WORKOUT, 5, workout_id=workout)
        workouts.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
        workouts.finish(workout, Outcome.FINISHED)
    workouts.record_skip(workout, ExerciseSkipped("bird-dog", 0))
    calendar.now = START + timedelta(days=18)
    halted = workouts.begin("morning-bridge-core", "Morning", 6)  # a set, then a halt
    workouts.record_set(halted, SetCompleted("glute-bridge", None, 1, 10, None))
    workouts.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
    calendar.now = START + timedelta(days=22)
    assert services.blocks.note() == (
        "Three weeks are up: time to compare with where you started.",
        "Check in",
    )
    book = services.blocks.book  # as the check-in screens write it
    taken = book.record(block_id, CheckinKind.THREE_WEEKS, 3)
    book.add_activity(taken, "putting on socks", 4)
    book.add_activity(taken, "walking", 5)
    book.set_impression(taken, "much improved")

    block = services.blocks.current()
    assert block is not None
    comparison = services.blocks.comparison(block)
    assert comparison.summary() == (
        "Your average pain went from 6 to 3 (-50%). Many people with back pain describe a"
        " change like that as meaningful. You did 8 of 9 planned workouts."
    )
    assert comparison.workouts.by_week == (3, 3, 2)
    assert (comparison.workouts.halts, comparison.workouts.skipped_exercises) == (1, 1)
    # Once the three-week check-in is given, the figures stay as they were: a new plan
    # or a later workout does not change a past block.
    services.settings.write(services.plan.plan_change(range(7)))
    calendar.now = START + timedelta(days=23)
    late = workouts.begin("morning-bridge-core", "Morning", 1)
    workouts.record_set(late, SetCompleted("glute-bridge", None, 1, 10, None))
    workouts.finish(late, Outcome.FINISHED)
    assert services.blocks.comparison(block).workouts == comparison.workouts
    assert [(a.name, a.baseline, a.now) for a in comparison.activities] == [
        ("putting on socks", 7, 4),
        ("walking", 5, 5),
    ]
    assert comparison.impression == "much improved"
    assert comparison.days_late == 1
    assert services.blocks.note() == ("Your three-week comparison is ready.", "See it")
    [line] = services.blocks.lines()
    assert line.said == comparison.summary()


def test_a_block_ended_before_its_check_in_says_so(services: Services, calendar: Calendar) -> None:
    checkins = services.checkins
    first = checkins.start_block("morning-bridge-core")
    checkins.record(first, CheckinKind.BASELINE, 6)
    calendar.now = START + timedelta(days=10)
    checkins.start_block("morning-bridge-core")  # a new block: the first one ends
    ended = next(block for block in checkins.blocks() if block.id == first)
    comparison = services.blocks.comparison(ended)
    assert comparison.summary().startswith(
        "There is no pain comparison: the block ended before its three-week check-in."
    )
    assert "Not answered before the block ended: the three-week pain." in comparison.notes()
