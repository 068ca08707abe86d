"""Blocks and check-ins, stored and read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.checkins import CheckinKind
from coach.core.progress import BlockActivity
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.checkins import CheckinLog
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog

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


def test_an_out_of_range_answer_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    log = CheckinLog(open_database(tmp_path / "coach.db"), now=Calendar())
    block_id = log.start_block()
    with pytest.raises(ValueError, match="pain must be between 0 and 10"):
        log.record(block_id, CheckinKind.BASELINE, 11)
    with pytest.raises(ValueError, match="socks must be between 0 and 10"):
        log.record(block_id, CheckinKind.BASELINE, 4, activities={"socks": -1})
    assert log.checkins(block_id) == []


def test_a_blocks_activity_counts_its_days_halts_and_skips(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    checkins, workouts = CheckinLog(database, now=calendar), WorkoutLog(database, now=calendar)
    block_id = checkins.start_block("morning-bridge-core")
    workout = workouts.begin("morning-bridge-core", "Morning")
    workouts.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    workouts.record_skip(workout, ExerciseSkipped("bird-dog", 0))
    calendar.now += timedelta(days=1)
    halted = workouts.begin("morning-bridge-core", "Morning")
    workouts.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY)
    calendar.now += timedelta(days=30)
    workouts.begin("morning-bridge-core", "Morning")  # after the block ended: not in it
    [block] = checkins.blocks()
    activity = checkins.block_activity(block)
    assert activity == BlockActivity([START.astimezone().date()], halts=1, skipped_exercises=1)
    assert checkins.checkins(block_id) == []
