"""The write-ahead journal beside the database removed or replaced while the program runs (a
cleaner, a sync tool, a person tidying up): what it held is saved into the database file at
once, not lost at the next crash."""

from __future__ import annotations

import gc
import os
import shutil
import threading
from pathlib import Path

import pytest

from coach.core.phases import Side
from coach.core.workout import SetCompleted
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog
from tests.helpers import sqlite

posix_only = pytest.mark.skipif(os.name != "posix", reason="an open file can be deleted")


def a_set(number: int) -> SetCompleted:
    return SetCompleted("bridge", Side.LEFT, number, 10, None)


def after_a_crash(data: Path, to: Path) -> list[int]:
    """The sets a new start would find if the program died now: the files on disk by their
    names, copied as they are, with nothing the running program holds open."""
    to.mkdir()
    for file in data.glob("coach.db*"):
        shutil.copy2(file, to / file.name)
    with sqlite(to / "coach.db") as connection:
        return [n for (n,) in connection.execute("SELECT set_number FROM workout_set")]


@posix_only
@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_journal_removed_mid_workout_is_noticed_and_every_set_saved_again(
    tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    database = open_database(data / "coach.db")
    log = WorkoutLog(database)
    workout = log.begin("morning", "Morning")
    log.record_set(workout, a_set(1))
    wal = data / "coach.db-wal"
    assert wal.exists()
    wal.unlink()
    if how == "replaced":
        wal.write_bytes(b"")  # a sync tool put back an empty one
    log.record_set(workout, a_set(2))  # the write that notices
    assert "journal" in caplog.text and "saved again" in caplog.text
    log.record_set(workout, a_set(3))
    assert after_a_crash(data, tmp_path / "crashed") == [1, 2, 3]
    assert [s.set_number for s in log.sets(workout)] == [1, 2, 3]


def test_an_ordinary_session_never_saves_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = open_database(tmp_path / "coach.db")
    log = WorkoutLog(database)
    workout = log.begin("morning", "Morning")
    for number in range(1, 40):
        log.record_set(workout, a_set(number))
    assert "saved again" not in caplog.text
    assert after_a_crash(tmp_path, tmp_path / "crashed") == list(range(1, 40))


def test_closing_folds_the_journal_into_the_file_and_the_store_opens_again(
    tmp_path: Path,
) -> None:
    database = open_database(tmp_path / "coach.db")
    log = WorkoutLog(database)
    workout = log.begin("morning", "Morning")
    log.record_set(workout, a_set(1))
    database.close()  # the kept connection for sets closes too
    wal = tmp_path / "coach.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    log.record_set(workout, a_set(2))  # used again: its connections open anew
    assert after_a_crash(tmp_path, tmp_path / "crashed") == [1, 2]


@posix_only
@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_kept_reader_follows_a_journal_removed_under_it(tmp_path: Path, how: str) -> None:
    """The window reads through one connection it keeps; a journal removed or replaced
    while it is open never makes a read come back empty or old."""
    data = tmp_path / "data"
    database = open_database(data / "coach.db")
    log = WorkoutLog(database)
    workout = log.begin("morning", "Morning")
    log.record_set(workout, a_set(1))
    assert database.read("SELECT COUNT(*) FROM workout_set") == [(1,)]  # kept from here
    wal = data / "coach.db-wal"
    assert wal.exists()
    wal.unlink()
    if how == "replaced":
        wal.write_bytes(b"")
    assert database.read("SELECT COUNT(*) FROM workout_set") == [(1,)]
    log.record_set(workout, a_set(2))
    log.record_set(workout, a_set(3))
    assert database.read("SELECT COUNT(*) FROM workout_set") == [(3,)]
    database.close()
    assert database.read("SELECT COUNT(*) FROM workout_set") == [(3,)]  # opened again
    assert after_a_crash(data, tmp_path / "crashed") == [1, 2, 3]


def test_the_kept_connections_close_whichever_thread_lets_the_store_go(tmp_path: Path) -> None:
    """The last reference may go on a worker (an export's), and the garbage collector
    closes the store's connections there: no error, nothing left open."""
    database = open_database(tmp_path / "coach.db")
    log = WorkoutLog(database)
    log.record_set(log.begin("morning", "Morning"), a_set(1))
    assert database.read("SELECT COUNT(*) FROM workout_set") == [(1,)]  # the kept reader
    held = [database]
    del database, log
    failed: list[BaseException] = []

    def let_go() -> None:
        try:
            held.clear()
            gc.collect()
        except BaseException as error:  # pragma: no cover - the failure being tested
            failed.append(error)

    worker = threading.Thread(target=let_go)
    worker.start()
    worker.join()
    assert failed == []
    assert after_a_crash(tmp_path, tmp_path / "crashed") == [1]
