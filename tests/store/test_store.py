"""The database: versioned from the start, writes at once, never deletes a damaged file."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import StatementError
from sqlmodel import SQLModel

from coach.core.outcome import Outcome, counts_as_done
from coach.core.phases import Side
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.database import DatabaseError, open_database
from coach.store.safety import SafetyLog
from coach.store.schema import COLUMNS, MIGRATIONS, SCHEMA_VERSION
from coach.store.workouts import DoneDates, WorkoutLog, done_days
from tests.helpers import sqlite


def test_a_new_database_carries_the_schema_version(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "data" / "coach.db")
    assert opened.notice is None
    WorkoutLog(opened).warm_up()
    with sqlite(opened.path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {
        "workout", "workout_set", "skipped_exercise", "safety_event", "setting", "block",
        "checkin", "activity_rating", "exercise_feeling",
    } <= tables  # fmt: skip


def test_sets_are_readable_by_another_connection_the_moment_they_are_recorded(
    tmp_path: Path,
) -> None:
    opened = open_database(tmp_path / "coach.db")
    log = WorkoutLog(opened)
    workout_id = log.begin("r", "R")
    log.record_set(workout_id, SetCompleted("bridge", Side.LEFT, 2, 10, None))
    log.record_skip(workout_id, ExerciseSkipped("camel", 0))
    with sqlite(opened.path) as other:
        rows = other.execute(
            "SELECT exercise_id, side, set_number, reps FROM workout_set"
        ).fetchall()
        skipped = other.execute("SELECT exercise_id FROM skipped_exercise").fetchall()
    assert rows == [("bridge", "left", 2, 10)]
    assert skipped == [("camel",)]


def test_times_are_stored_as_utc_and_read_back_aware(tmp_path: Path) -> None:
    local = datetime(2026, 3, 1, 9, 30, tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin"))
    log = WorkoutLog(open_database(tmp_path / "coach.db"), now=lambda: local)
    workout_id = log.begin("r", "R")
    workout = log.workout(workout_id)
    assert workout is not None
    assert workout.started_at == local
    assert workout.started_at.utcoffset() == timedelta(0)


def test_a_naive_datetime_is_refused(tmp_path: Path) -> None:
    log = WorkoutLog(open_database(tmp_path / "coach.db"), now=datetime.now)
    with pytest.raises(StatementError, match="naive datetime"):
        log.begin("r", "R")


def test_first_and_last_done_count_only_workouts_done(tmp_path: Path) -> None:
    times = iter(datetime(2026, 3, day, 8, tzinfo=UTC) for day in range(1, 30))
    log = WorkoutLog(open_database(tmp_path / "coach.db"), now=lambda: next(times))
    bridge = SetCompleted("bridge", None, 1, 10, None)
    empty = log.begin("morning", "Morning", 2)  # started and left at once: not "done"
    first = log.begin("morning", "Morning", 2)
    log.record_set(first, bridge)
    log.finish(first, Outcome.FINISHED)
    closed = log.begin("morning", "Morning", 2)  # the program closed mid-workout
    log.record_set(closed, bridge)
    later = log.begin("morning", "Morning", 2)
    log.record_set(later, bridge)
    log.finish(later, Outcome.ENDED_EARLY)  # after half its sets
    halted = log.begin("morning", "Morning", 2)
    log.record_set(halted, bridge)
    log.record_set(halted, bridge)
    log.halt(halted, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
    assert empty < first
    assert log.done_dates() == {
        "morning": DoneDates(
            first=datetime(2026, 3, 2, 8, tzinfo=UTC), last=datetime(2026, 3, 7, 8, tzinfo=UTC)
        )
    }


@pytest.mark.parametrize(
    ("outcome", "sets", "planned"),
    [(o, s, p) for o in Outcome for s in (0, 1, 2, 3) for p in (None, 1, 4, 6)],
)
def test_the_stores_rule_for_done_is_the_cores(
    tmp_path: Path, outcome: Outcome, sets: int, planned: int | None
) -> None:
    """The SQL that counts "done" says what coach.core.outcome.counts_as_done says."""
    database = open_database(tmp_path / "coach.db")
    at = datetime(2026, 3, 2, 8, tzinfo=UTC)
    log = WorkoutLog(database, now=lambda: at)
    workout = log.begin("r", "R", planned)
    for number in range(sets):
        log.record_set(workout, SetCompleted("bridge", None, number + 1, 10, None))
    log.finish(workout, outcome)
    counted = done_days(database, at - timedelta(days=1)) == [at.astimezone().date()]
    assert counted is counts_as_done(outcome, sets, planned)


def test_a_damaged_database_is_kept_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    garbage = b"this is not a database, but it is somebody's data" * 100
    path.write_bytes(garbage)
    opened = open_database(path)
    kept = list(tmp_path.glob("coach.db.damaged-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == garbage
    assert opened.notice is not None
    assert str(kept[0]) in opened.notice and "Nothing was deleted" in opened.notice
    WorkoutLog(opened).begin("r", "R")  # the new database works


def test_a_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    with sqlite(path) as connection:
        connection.execute("PRAGMA user_version = 99")
        connection.execute("CREATE TABLE future (x)")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_before_anything_is_saved_the_home_screen_reads_nothing_and_creates_nothing(
    tmp_path: Path,
) -> None:
    log = WorkoutLog(open_database(tmp_path / "coach.db"))
    assert log.done_dates() == {}
    assert not (tmp_path / "coach.db").exists()


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    log = WorkoutLog(open_database(path))
    workout_id = log.begin("r", "R")
    log.record_set(workout_id, SetCompleted("bridge", None, 1, 10, None))
    again = open_database(path)
    assert again.notice is None
    assert [s.exercise_id for s in WorkoutLog(again).sets(workout_id)] == ["bridge"]


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.db")), ids=lambda p: p.stem)
def test_every_old_schema_migrates_keeping_its_data_and_a_backup(
    tmp_path: Path, fixture: Path
) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(fixture, path)
    with sqlite(path) as connection:
        old_version = connection.execute("PRAGMA user_version").fetchone()[0]
        old_sets = connection.execute("SELECT * FROM workout_set ORDER BY id").fetchall()
        [(old_start,)] = connection.execute("SELECT started_at FROM workout").fetchall()
    log = WorkoutLog(open_database(path))
    log.warm_up()
    with sqlite(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("SELECT * FROM workout_set ORDER BY id").fetchall() == old_sets
        tables = {
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert tables == set(SQLModel.metadata.tables)
    backups = list(tmp_path.glob(f"coach.db.before-v{SCHEMA_VERSION}-*"))
    if old_version == SCHEMA_VERSION:
        assert backups == []  # nothing to migrate, nothing copied
    else:
        [backup] = backups
        with sqlite(backup) as kept:  # the database as it was before migrating
            assert kept.execute("PRAGMA user_version").fetchone()[0] == old_version
            assert kept.execute("SELECT * FROM workout_set ORDER BY id").fetchall() == old_sets
    [workout] = log.workouts()
    assert workout.started_at == datetime.fromisoformat(old_start)
    if old_version == 1:  # no safety answers were kept yet: ended early after a set, done
        assert workout.outcome == "ended early"
        assert log.done_dates()["morning-bridge-core"].last == workout.started_at
    else:  # the halt that stopped it (kept as "ended early" before schema 3): not done
        assert workout.outcome == "halted: radiating"
        assert (
            log.done_dates() == {}
        )  # the stop key's halt, answered by the all-clear three days later
        [halt] = SafetyLog(open_database(path)).halts()
        assert halt.causes == ("leg-pain",) and halt.cleared_at is not None


def test_there_is_a_fixture_and_a_migration_step_for_every_version() -> None:
    versions = sorted(int(p.stem.removeprefix("schema-v")) for p in FIXTURES.glob("schema-v*.db"))
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert sorted(MIGRATIONS) == versions
    added = [name for step in MIGRATIONS.values() for name in step.tables]
    assert sorted(added) == sorted(SQLModel.metadata.tables)  # each table added once


def test_the_database_is_written_ahead_and_private(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "coach.db"
    log = WorkoutLog(open_database(path))
    log.begin("r", "R")
    with sqlite(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    for file in path.parent.glob("coach.db*"):  # the log and its index too
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"this is not a database, but it is somebody's data" * 100)


def _truncated(path: Path) -> None:
    whole = (FIXTURES / f"schema-v{SCHEMA_VERSION}.db").read_bytes()
    path.write_bytes(whole[: len(whole) // 3])


def _wrong_columns(path: Path) -> None:
    with sqlite(path) as connection:
        connection.execute("CREATE TABLE workout (id INTEGER PRIMARY KEY, title TEXT)")
        connection.execute("PRAGMA user_version = 1")


def _another_programs(path: Path) -> None:
    with sqlite(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('shopping')")


DAMAGE = {
    "not SQLite": (_not_sqlite, "file is not a database"),
    "truncated": (_truncated, "malformed"),
    "wrong schema": (_wrong_columns, "the table 'workout' has no column 'routine_id'"),
    "another program's": (_another_programs, "another program's tables: notes"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_each_kind_of_damage_is_kept_aside_with_the_way_back(tmp_path: Path, kind: str) -> None:
    damage, problem = DAMAGE[kind]
    path = tmp_path / "coach.db"
    damage(path)
    original = path.read_bytes()
    backups = tmp_path / "backups"
    backups.mkdir()
    shutil.copy(FIXTURES / f"schema-v{SCHEMA_VERSION}.db", backups / "coach-2026-03-01.db")
    opened = open_database(path)
    [kept] = tmp_path.glob("coach.db.damaged-*")
    assert kept.read_bytes() == original  # moved, not changed, not deleted
    assert opened.notice is not None
    assert problem in opened.notice
    assert f"It was kept as {kept}" in opened.notice
    assert (
        f"Your newest automatic backup is {backups / 'coach-2026-03-01.db'}: to go back to it,"
        f" close the program and copy it over {path}."
    ) in opened.notice
    log = WorkoutLog(opened)
    log.begin("r", "R")  # the new database works
    assert [w.routine_id for w in log.workouts()] == ["r"]


def test_without_a_backup_the_notice_says_so(tmp_path: Path) -> None:
    _not_sqlite(tmp_path / "coach.db")
    notice = open_database(tmp_path / "coach.db").notice
    assert notice is not None and notice.endswith("There is no automatic backup yet.")


def test_the_quick_schema_check_knows_every_column_of_the_models(tmp_path: Path) -> None:
    WorkoutLog(open_database(tmp_path / "coach.db")).warm_up()
    assert {
        name: tuple(column.name for column in table.columns)
        for name, table in SQLModel.metadata.tables.items()
    } == COLUMNS


ORM_AT_ONCE = """
import sys
from pathlib import Path
from coach.store.database import load_orm_beside, open_database
from coach.store.workouts import WorkoutLog
load_orm_beside()  # as the window does once it is up
log = WorkoutLog(open_database(Path(sys.argv[1])))
workout = log.begin("morning-bridge-core", "Morning")  # at once: it waits for the modules
print(len(log.workouts()), workout)
"""


def test_the_store_used_while_its_modules_load_beside_waits_for_them(tmp_path: Path) -> None:
    """In a fresh process, a write the moment the ORM starts loading on its own thread
    finds whole modules (importing them on two threads at once could meet half-made
    ones)."""
    for run in range(3):
        done = subprocess.run(
            [sys.executable, "-c", ORM_AT_ONCE, str(tmp_path / f"{run}" / "coach.db")],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
        )  # fmt: skip
        assert done.stdout.split() == ["1", "1"], done.stderr
