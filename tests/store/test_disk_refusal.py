"""A disk that will not take the data: full, read-only, or a folder that cannot be made.

The faults are real ones, made in ways that hold for root too (CI may run as root, which
file permissions do not stop): a file-size limit on the process makes the operating
system refuse writes (as a full disk does), SQLite's query_only refuses writes as a
read-only file system does, and a data folder under a plain file cannot be created.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
from coach.core.phases import Side
from coach.core.workout import SetCompleted
from coach.store.checkins import CheckinLog
from coach.store.database import OpenedDatabase, open_database
from coach.store.workouts import WorkoutLog
from tests.helpers import file_size_limit, sqlite

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file-size limits")


def a_set(number: int) -> SetCompleted:
    return SetCompleted("bridge", Side.LEFT, number, 10, None)


def sets_in_file(path: Path) -> list[int]:
    with sqlite(path) as connection:
        return [n for (n,) in connection.execute("SELECT set_number FROM workout_set")]


def read_only(database: OpenedDatabase) -> None:
    """From now on every new connection to the file refuses writes."""
    engine = database.engine
    engine.dispose()
    event.listen(
        engine, "connect", lambda connection, _: connection.execute("PRAGMA query_only = ON")
    )


@posix_only
def test_a_full_disk_mid_workout_keeps_every_set_in_memory_and_saves_them_later(
    tmp_path: Path,
) -> None:
    path = tmp_path / "coach.db"
    database = open_database(path)
    told: list[str] = []
    database.listeners.append(told.append)
    log = WorkoutLog(database)
    workout = log.begin("morning", "Morning")
    log.record_set(workout, a_set(1))
    wal = path.with_name("coach.db-wal")
    with file_size_limit(max(wal.stat().st_size, path.stat().st_size)):
        log.record_set(workout, a_set(2))  # the disk refuses: no error reaches the workout
        log.record_set(workout, a_set(3))
        log.finish(workout, Outcome.FINISHED)
        assert database.unsaved is not None
        assert told == [database.unsaved]  # told once, with the reason
        assert [s.set_number for s in log.sets(workout)] == [1, 2, 3]
    with file_size_limit(0):
        assert not database.save_again()  # the disk still says no
        assert database.unsaved is not None
    assert sets_in_file(path) == [1]
    assert database.save_again()
    assert database.unsaved is None
    assert sets_in_file(path) == [1, 2, 3]
    log.record_set(workout, a_set(4))  # back on disk
    assert sets_in_file(path) == [1, 2, 3, 4]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_file_system_gone_read_only_keeps_the_session_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    database = open_database(path)
    log = WorkoutLog(database)
    checkins = CheckinLog(database)
    workout = log.begin("morning", "Morning")
    block = checkins.start_block("morning")
    read_only(database)
    log.record_set(workout, a_set(1))
    checkins.record(block, CheckinKind.BEFORE_WORKOUT, 4, workout_id=workout)
    assert database.unsaved == "the data folder cannot be written (it is read-only)"
    assert [s.set_number for s in log.sets(workout)] == [1]
    assert [c.pain for c in checkins.checkins(block)] == [4]
    assert sets_in_file(path) == []
    assert database.save_again()
    assert sets_in_file(path) == [1]
    reopened = CheckinLog(open_database(path))
    assert [c.pain for c in reopened.checkins(block)] == [4]


def test_other_errors_are_not_taken_for_a_full_disk(tmp_path: Path) -> None:
    database = open_database(tmp_path / "coach.db")

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        database.write_plain(broken)
    assert database.unsaved is None


@posix_only
def test_a_data_folder_that_refuses_writes_at_start_up_is_read_and_said(
    tmp_path: Path,
) -> None:
    path = tmp_path / "coach.db"
    log = WorkoutLog(open_database(path))
    workout = log.begin("morning", "Morning")
    log.record_set(workout, a_set(1))
    log.finish(workout, Outcome.FINISHED)
    before = path.read_bytes()
    with file_size_limit(0):
        database = open_database(path)
        assert database.unsaved is not None
        assert database.notice is not None
        assert "Nothing can be saved in your data folder" in database.notice
        assert "You can still do a workout" in database.notice
        log = WorkoutLog(database)
        assert "morning" in log.done_dates()  # what was saved is there to see
        second = log.begin("morning", "Morning")
        log.record_set(second, a_set(1))
        assert [s.set_number for s in log.sets(second)] == [1]
    assert path.read_bytes() == before  # untouched while it could not be written
    assert database.save_again()
    assert len(sets_in_file(path)) == 2


def test_a_data_folder_that_cannot_be_made_still_runs_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    database = open_database(blocker / "coach" / "coach.db")
    assert database.notice is not None and str(blocker / "coach") in database.notice
    log = WorkoutLog(database)
    workout = log.begin("morning", "Morning")
    log.record_set(workout, a_set(1))
    assert [s.set_number for s in log.sets(workout)] == [1]
    assert not database.save_again()
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores modes")
def test_a_read_only_data_folder_by_its_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    log = WorkoutLog(open_database(folder / "coach.db"))
    log.record_set(log.begin("morning", "Morning"), a_set(1))
    folder.chmod(0o500)
    try:
        database = open_database(folder / "coach.db")
        assert database.unsaved is not None
        assert len(WorkoutLog(database).done_dates()) == 1
    finally:
        folder.chmod(0o700)


@posix_only
def test_a_damaged_file_in_a_folder_that_cannot_be_written_is_left_exactly_as_it_is(
    tmp_path: Path,
) -> None:
    path = tmp_path / "coach.db"
    path.write_bytes(b"not a database at all" * 100)
    with file_size_limit(0):
        database = open_database(path)
        assert database.notice is not None and "could not be read" in database.notice
        WorkoutLog(database).begin("morning", "Morning")
    assert path.read_bytes() == b"not a database at all" * 100
    # Once the folder can be written, the damaged file is kept aside before saving.
    assert database.save_again()
    assert [p.name.startswith("coach.db.damaged-") for p in tmp_path.iterdir()].count(True) == 1
    assert WorkoutLog(open_database(path)).done_dates() == {}
