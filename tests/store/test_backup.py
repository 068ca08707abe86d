"""The daily backup: one a day, whole, the last seven kept, never in the way."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.store.backup import backups, daily_backup
from tests.helpers import sqlite


def make_database(path: Path, rows: int) -> None:
    with sqlite(path) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS workout (id INTEGER PRIMARY KEY)")
        connection.executemany("INSERT INTO workout VALUES (NULL)", [()] * rows)
    connection.close()


def count(path: Path) -> int:
    with sqlite(path) as connection:
        [(n,)] = connection.execute("SELECT COUNT(*) FROM workout").fetchall()
    connection.close()
    return int(n)


def test_one_copy_a_day_holding_everything(tmp_path: Path) -> None:
    database, folder = tmp_path / "coach.db", tmp_path / "backups"
    make_database(database, 5)
    day = date(2026, 3, 2)
    copy = daily_backup(database, folder, day)
    assert copy == folder / "coach-2026-03-02.db" and count(copy) == 5
    make_database(database, 1)
    assert daily_backup(database, folder, day) is None  # already made today
    assert count(copy) == 5
    assert count(database) == 6  # the database itself is untouched
    if os.name == "posix":  # health answers: the owner's only
        assert oct(copy.stat().st_mode & 0o777) == "0o600"
        assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_the_last_seven_are_kept_and_other_files_left_alone(tmp_path: Path) -> None:
    database, folder = tmp_path / "coach.db", tmp_path / "backups"
    make_database(database, 1)
    folder.mkdir()
    (folder / "my notes.txt").write_text("mine")
    first = date(2026, 3, 1)
    for n in range(10):
        daily_backup(database, folder, first + timedelta(days=n))
    kept = [p.name for p in backups(folder)]
    assert kept == [f"coach-2026-03-{d:02d}.db" for d in range(4, 11)]
    assert (folder / "my notes.txt").read_text() == "mine"


def test_nothing_to_copy_before_the_first_run(tmp_path: Path) -> None:
    assert daily_backup(tmp_path / "coach.db", tmp_path / "backups", date(2026, 3, 2)) is None
    assert not (tmp_path / "backups").exists()


def test_a_failed_backup_is_logged_and_keeps_the_old_copies(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database, folder = tmp_path / "coach.db", tmp_path / "backups"
    make_database(database, 1)
    daily_backup(database, folder, date(2026, 3, 1))
    blocker = folder / "coach-2026-03-02.db.partial"
    blocker.mkdir()  # the copy cannot be written where it must go
    assert daily_backup(database, folder, date(2026, 3, 2)) is None
    assert "daily backup could not be made" in caplog.text
    assert [p.name for p in backups(folder)] == ["coach-2026-03-01.db"]
    assert count(folder / "coach-2026-03-01.db") == 1


def test_a_fresh_empty_database_never_pushes_out_the_copies_of_a_real_one(
    tmp_path: Path,
) -> None:
    database, folder = tmp_path / "coach.db", tmp_path / "backups"
    make_database(database, 3)
    first = date(2026, 3, 1)
    for n in range(7):
        daily_backup(database, folder, first + timedelta(days=n))
    database.unlink()  # moved aside as damaged; a new one is started, with nothing in it
    make_database(database, 0)
    for n in range(7, 14):
        assert daily_backup(database, folder, first + timedelta(days=n)) is None
    kept = backups(folder)
    assert [p.name for p in kept] == [f"coach-2026-03-{d:02d}.db" for d in range(1, 8)]
    assert all(count(p) == 3 for p in kept)
