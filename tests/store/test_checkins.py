"""Blocks, check-ins and feelings, stored and read back into the comparison."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.routines import OwnDose
from coach.core.safety import HaltKind, Verdict
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.checkins import BASELINE, BEFORE_WORKOUT, THREE_WEEKS, CheckinLog
from coach.store.database import open_database
from coach.store.log import WorkoutLog
from coach.store.safety_log import STOP_KEY, SafetyLog

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


class Calendar:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def test_blocks_start_end_and_stay_readable(tmp_path: Path) -> None:
    calendar = Calendar()
    log = CheckinLog(open_database(tmp_path / "coach.db"), now=calendar)
    assert log.current_block() is None
    first = log.start_block("morning-bridge-core")
    calendar.now += timedelta(days=25)
    second = log.start_block("hip-openers")
    current = log.current_block()
    assert current is not None and (current.id, current.routine_id) == (second, "hip-openers")
    blocks = log.blocks()
    assert [(b.id, b.ended_at) for b in blocks] == [(first, calendar.now), (second, None)]


def test_a_whole_block_becomes_the_comparison(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    checkins = CheckinLog(database, now=calendar)
    workouts = WorkoutLog(database, now=calendar)
    safety = SafetyLog(database, now=calendar)
    block_id = checkins.start_block("morning-bridge-core")
    checkins.record(block_id, BASELINE, 6, activities={"putting on socks": 7, "walking": 5})
    for day in (0, 2, 4, 7, 9, 11, 14, 16):  # eight workouts with a set done
        calendar.now = START + timedelta(days=day, hours=1)
        workout = workouts.begin("morning-bridge-core", "Morning")
        checkins.record(block_id, BEFORE_WORKOUT, 5, workout_id=workout)
        workouts.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    workouts.record_skip(workout, ExerciseSkipped("bird-dog", 0))
    calendar.now = START + timedelta(days=18)
    workouts.begin("morning-bridge-core", "Morning")  # started, nothing done: not counted
    safety.record(STOP_KEY, Verdict(halt=HaltKind.RADIATING))
    calendar.now = START + timedelta(days=22)
    checkins.record(
        block_id, THREE_WEEKS, 3, impression="much improved",
        activities={"putting on socks": 4, "walking": 5},
    )  # fmt: skip

    block = checkins.current_block()
    assert block is not None
    comparison = checkins.comparison(block)
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


def test_an_out_of_range_answer_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    log = CheckinLog(open_database(tmp_path / "coach.db"), now=Calendar())
    block_id = log.start_block()
    with pytest.raises(ValueError, match="pain must be between 0 and 10"):
        log.record(block_id, BASELINE, 11)
    with pytest.raises(ValueError, match="socks must be between 0 and 10"):
        log.record(block_id, BASELINE, 4, activities={"socks": -1})
    assert log.checkins(block_id) == []


def test_feelings_come_back_latest_last_for_that_routine_and_exercise(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    workouts = WorkoutLog(database, now=calendar)
    log = CheckinLog(database, now=calendar)
    for feeling in ("too hard", "too easy", "too easy"):
        calendar.now += timedelta(days=2)
        workout = workouts.begin("morning-bridge-core", "Morning")
        log.record_feeling(workout, "glute-bridge", feeling)
    other = workouts.begin("hip-openers", "Hips")
    log.record_feeling(other, "glute-bridge", "about right")
    assert log.feelings("morning-bridge-core", "glute-bridge") == ["too easy", "too easy"]
    assert log.feelings("morning-bridge-core", "glute-bridge", last=3)[0] == "too hard"
    assert log.feelings("morning-bridge-core", "dead-bug") == []


def test_an_accepted_dose_is_kept_and_earlier_feelings_stop_counting(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    workouts = WorkoutLog(database, now=calendar)
    log = CheckinLog(database, now=calendar)
    for _ in range(2):
        calendar.now += timedelta(days=2)
        log.record_feeling(workouts.begin("morning-bridge-core", "M"), "glute-bridge", "too easy")
    assert log.feelings("morning-bridge-core", "glute-bridge") == ["too easy", "too easy"]
    calendar.now += timedelta(minutes=5)
    log.accept_dose("morning-bridge-core", "glute-bridge", OwnDose(1, 11))
    assert log.own_doses("morning-bridge-core") == {"glute-bridge": OwnDose(1, 11)}
    assert log.own_doses("hip-openers") == {}
    assert log.feelings("morning-bridge-core", "glute-bridge") == []  # a fresh start
    calendar.now += timedelta(days=2)
    log.record_feeling(workouts.begin("morning-bridge-core", "M"), "glute-bridge", "too hard")
    assert log.feelings("morning-bridge-core", "glute-bridge") == ["too hard"]
    log.decline_dose("morning-bridge-core", "glute-bridge")
    assert log.feelings("morning-bridge-core", "glute-bridge") == []
    assert log.own_doses("morning-bridge-core") == {"glute-bridge": OwnDose(1, 11)}


def test_plan_days_are_kept_and_an_empty_plan_is_refused(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    log = CheckinLog(database, now=calendar)
    assert log.plan_days() == {0, 2, 4}
    log.set_plan_days([5, 1, 1])
    with pytest.raises(ValueError, match="one or more weekdays"):
        log.set_plan_days([])
    with pytest.raises(ValueError, match="one or more weekdays"):
        log.set_plan_days([7])
    assert CheckinLog(open_database(tmp_path / "coach.db")).plan_days() == {1, 5}


def test_this_week_counts_workouts_from_monday_in_local_time(tmp_path: Path) -> None:
    calendar = Calendar()  # a Monday
    database = open_database(tmp_path / "coach.db")
    log, workouts = CheckinLog(database, now=calendar), WorkoutLog(database, now=calendar)
    for days in (-1, 0, 2):  # last Sunday, then Monday and Wednesday
        calendar.now = START + timedelta(days=days)
        workout = workouts.begin("morning-bridge-core", "Morning bridge & core")
        workouts.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    workouts.begin("hip-openers", "Hip openers")  # no set done: does not count
    wednesday = (START + timedelta(days=2)).astimezone().date()
    status = log.this_week(wednesday)
    assert (status.done, status.planned, status.done_today) == (2, 3, True)
