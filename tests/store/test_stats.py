"""The progress figures, summed by SQLite from rows written through the real store."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.checkins import CheckinKind
from coach.core.figures import Bucket, DayState, PeriodCount, PeriodExercise, PeriodPain
from coach.core.outcome import Outcome
from coach.core.phases import Side
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import SetCompleted
from coach.store.checkins import CheckinLog
from coach.store.database import open_database
from coach.store.stats import (
    ProgressStats,
)
from coach.store.workouts import WorkoutLog

MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def berlin() -> Iterator[None]:
    """Local weeks are the person's: Sunday 23:30 UTC is already Monday in Berlin."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


class Calendar:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> datetime:
        return self.now


def _workout(log: WorkoutLog, sets: list[tuple[str, int | None, float | None]]) -> int:
    workout = log.begin("morning-bridge-core", "Morning bridge & core")
    for number, (exercise, reps, hold) in enumerate(sets, start=1):
        side = Side.LEFT if exercise == "bird-dog" else None
        log.record_set(workout, SetCompleted(exercise, side, number, reps, hold))
    log.finish(workout, Outcome.FINISHED)
    return workout


def test_figures_are_grouped_by_local_week_and_count_only_what_was_done(tmp_path: Path) -> None:
    calendar = Calendar()
    database = open_database(tmp_path / "coach.db")
    log, checkins = WorkoutLog(database, now=calendar), CheckinLog(database, now=calendar)
    block = checkins.start_block("morning-bridge-core")
    checkins.record(block, CheckinKind.BASELINE, 6)
    first = _workout(log, [("glute-bridge", 10, None), ("happy-baby", None, 30.0)])
    checkins.record(block, CheckinKind.BEFORE_WORKOUT, 5, workout_id=first)
    checkins.record(block, CheckinKind.AFTER_WORKOUT, 3, workout_id=first)
    calendar.now = MONDAY + timedelta(days=2)
    log.begin("morning-bridge-core", "Morning bridge & core")  # opened, nothing done
    calendar.now = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)  # Monday 9 March, 00:30 in Berlin
    halted = _workout(log, [("glute-bridge", 8, None)])
    log.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
    checkins.record(block, CheckinKind.WEEKLY, 4)
    checkins.record(block, CheckinKind.BEFORE_WORKOUT, 4, workout_id=halted)

    stats = ProgressStats(database)
    week_one, week_two = date(2026, 3, 2), date(2026, 3, 9)
    assert stats.average_pain(None, Bucket.WEEK) == [
        PeriodPain(week_one, 6.0, 1),
        PeriodPain(week_two, 4.0, 1),
    ]
    before, after = stats.workout_pain(None, Bucket.WEEK)
    assert before == [PeriodPain(week_one, 5.0, 1), PeriodPain(week_two, 4.0, 1)]
    assert after == [PeriodPain(week_one, 3.0, 1)]
    points = stats.workout_pain_points(None)
    assert [(p.before, p.after) for p in points] == [(5, 3), (4, None)]
    assert stats.workouts(None, Bucket.WEEK) == [
        PeriodCount(week_one, 1, 0),  # the workout with no sets does not count
        PeriodCount(week_two, 0, 1),  # nor does a halted one: it is shown apart
    ]
    assert stats.workouts(None, Bucket.MONTH) == [PeriodCount(date(2026, 3, 1), 1, 1)]
    assert stats.exercises(None) == [("glute-bridge", 2), ("happy-baby", 1)]
    assert stats.exercise("glute-bridge", None, Bucket.WEEK) == [
        PeriodExercise(week_one, 1, 10, 0.0),
        PeriodExercise(week_two, 1, 8, 0.0),
    ]
    assert stats.exercise("happy-baby", None, Bucket.YEAR) == [
        PeriodExercise(date(2026, 1, 1), 1, 0, 30.0)
    ]
    assert stats.days(None) == {week_one: DayState.DONE, week_two: DayState.HALTED}
    assert stats.first_activity() == MONDAY

    since = MONDAY + timedelta(days=3)
    assert stats.workouts(since, Bucket.WEEK) == [PeriodCount(week_two, 0, 1)]
    assert stats.exercises(since) == [("glute-bridge", 1)]


def test_no_data_gives_empty_figures(tmp_path: Path) -> None:
    stats = ProgressStats(open_database(tmp_path / "coach.db"))
    assert stats.first_activity() is None
    assert stats.average_pain(None, Bucket.WEEK) == []
    assert stats.workouts(None, Bucket.MONTH) == []
    assert stats.exercises(None) == []
    assert stats.days(None) == {}


def test_no_query_of_the_charts_or_the_history_reads_a_whole_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten years are 100,000 sets: every read of them goes through an index (SQLite's
    plan says SEARCH, never SCAN, for the sets table), whatever the range; and a
    workout's detail finds its rows in each table by the workout."""
    from coach.store.database import OpenedDatabase
    from coach.store.history import History

    database = open_database(tmp_path / "coach.db")
    log = WorkoutLog(database, lambda: MONDAY)
    workout = log.begin("morning-bridge-core", "Morning", 2)
    log.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    log.finish(workout, Outcome.FINISHED)
    asked: list[tuple[str, tuple[str, ...]]] = []
    read = OpenedDatabase.read

    def recorded(self: OpenedDatabase, sql: str, parameters: tuple[str, ...] = ()) -> object:
        asked.append((sql, parameters))
        return read(self, sql, parameters)

    monkeypatch.setattr(OpenedDatabase, "read", recorded)
    stats, history = ProgressStats(database), History(database)
    for since in (None, MONDAY - timedelta(days=91)):
        for bucket in Bucket:
            stats.workouts(since, bucket)
            stats.exercise("glute-bridge", since, bucket)
        stats.exercises(since)
        stats.days(since)
    first = history.page(None, 100)
    history.page(first[-1], 100)
    history.detail(workout)
    log.done_dates()
    log.pain_rose_runs("morning-bridge-core")
    on_sets = [(sql, p) for sql, p in asked if "workout_set" in sql]
    assert len(on_sets) >= 10
    monkeypatch.undo()
    whole = []
    with database.connect() as connection:
        for sql, parameters in on_sets:
            names = {"workout_set", *re.findall(r"workout_set\s+(?:AS\s+)?(\w+)", sql)}
            names -= {"WHERE", "GROUP", "ORDER", "INDEXED"}
            plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)]
            if any(step.split()[:2] in [["SCAN", name] for name in names] for step in plan):
                whole.append((" ".join(sql.split()), parameters, plan))
        # One workout's own rows (its detail) are found by the workout, in every table.
        for sql, parameters in asked:
            if sql.lstrip().startswith("SELECT") and " WHERE workout_id = ?" in sql:
                plan = [
                    row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)
                ]
                if not any("(workout_id=?)" in step for step in plan):
                    whole.append((" ".join(sql.split()), parameters, plan))
    assert whole == []
