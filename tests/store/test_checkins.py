"""Blocks and check-ins, stored and read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
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


def test_a_blocks_activity_counts_its_21_days_and_shows_the_rest_apart(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    checkins, workouts = CheckinLog(database, now=calendar), WorkoutLog(database, now=calendar)
    bridge = SetCompleted("glute-bridge", None, 1, 10, None)
    block_id = checkins.start_block("morning-bridge-core")

    def workout(sets: int, planned: int, outcome: Outcome | None) -> int:
        started = workouts.begin("morning-bridge-core", "Morning", planned)
        for _ in range(sets):
            workouts.record_set(started, bridge)
        if outcome is not None:
            workouts.finish(started, outcome)
        calendar.now += timedelta(days=1)
        return started

    done = workout(2, 2, Outcome.FINISHED)
    workouts.record_skip(done, ExerciseSkipped("bird-dog", 0))
    workout(2, 4, Outcome.ENDED_EARLY)  # half its sets: done
    workout(1, 4, Outcome.ENDED_EARLY)  # short
    workout(1, 4, Outcome.PAIN_ROSE)  # short too
    workout(3, 4, None)  # the program closed
    halted = workouts.begin("morning-bridge-core", "Morning", 4)
    workouts.record_set(halted, bridge)
    workouts.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
    calendar.now = START + timedelta(days=20, hours=1)  # the last of its 21 days
    last = workout(2, 2, Outcome.FINISHED)
    calendar.now = START + timedelta(days=21)  # day 22: outside the block's 21 days
    workout(2, 2, Outcome.FINISHED)
    workouts.halt(workouts.begin("morning-bridge-core", "Morning", 2), HaltKind.URGENT,
                  ScreenKind.AFTER_EXERCISE, ("x",))  # fmt: skip
    [block] = checkins.blocks()
    activity = checkins.block_activity(block)
    days = [(START + timedelta(days=d)).astimezone().date() for d in (0, 1)]
    ended = workouts.workout(last)
    assert ended is not None
    assert activity == BlockActivity(
        [*days, ended.started_at.astimezone().date()],
        halts=1, short=2, unfinished=1, skipped_exercises=1,
    )  # fmt: skip
    assert checkins.checkins(block_id) == []


def test_a_blocks_figures_once_fixed_stay_as_they_were(tmp_path: Path) -> None:
    checkins = CheckinLog(open_database(tmp_path / "coach.db"), now=Calendar())
    block_id = checkins.start_block()
    assert checkins.figures(block_id) is None
    checkins.fix_figures(block_id, '{"first": 1}')
    checkins.fix_figures(block_id, '{"second": 2}')
    assert checkins.figures(block_id) == '{"first": 1}'
