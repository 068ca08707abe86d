"""Opening the database: schema version, and a damaged file kept aside, never deleted.

The checks use the standard library's sqlite3. SQLAlchemy, which takes longer to
import than the rest of start-up together, is loaded when the engine is first
needed: after the window is on screen (see ``make bench``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# The schema's history, in order: the tables each version added. A database of an
# earlier version is copied aside, then taken through each later step in turn, each in
# one transaction with its version number. A step that changes an existing table gets
# its own SQL here. tests/store/fixtures holds a database of every version, and a test
# migrates each one (make a new one with tests/store/make_fixture.py).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("workout", "workout_set", "skipped_exercise"),
    2: ("safety_event", "clinician_clearance", "setting"),
    3: ("block", "checkin", "activity_rating", "exercise_feeling"),
}
SCHEMA_VERSION = max(MIGRATIONS)
# Every column of every table, to tell a database of ours from a look-alike before
# SQLAlchemy loads (a test checks this against the models).
COLUMNS: dict[str, tuple[str, ...]] = {
    "workout": ("id", "routine_id", "routine_title", "started_at", "ended_at", "outcome"),
    "workout_set": ("id", "workout_id", "exercise_id", "side", "set_number", "reps",
                    "hold_seconds", "completed_at"),
    "skipped_exercise": ("id", "workout_id", "exercise_id", "sets_done", "skipped_at"),
    "safety_event": ("id", "at", "screen", "verdict", "halt", "answers", "workout_id"),
    "clinician_clearance": ("id", "at"),
    "setting": ("key", "value", "changed_at"),
    "block": ("id", "started_at", "routine_id", "ended_at"),
    "checkin": ("id", "block_id", "at", "kind", "pain", "impression", "workout_id"),
    "activity_rating": ("id", "checkin_id", "activity", "score"),
    "exercise_feeling": ("id", "workout_id", "exercise_id", "feeling", "at"),
}  # fmt: skip


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


@dataclass
class OpenedDatabase:
    path: Path
    # Said to the person once: e.g. a damaged file was moved aside.
    notice: str | None = None
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and the schema created) on first use."""
        if self._engine is None:
            self._engine = _make_engine(self.path)
        return self._engine

    def read(self, sql: str, parameters: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows from a plain read-only query; none before the file or its tables exist.

        For what start-up needs, so the window can show before SQLAlchemy loads.
        """
        try:
            connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.OperationalError:
            return []
        try:
            return connection.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError:  # no tables yet (or not yet migrated): nothing saved
            return []
        finally:
            connection.close()


def open_database(path: Path) -> OpenedDatabase:
    path.parent.mkdir(parents=True, exist_ok=True)
    notice = None
    if path.exists():
        problem = _damage(path)
        if problem:
            aside = _move_aside(path)
            notice = (
                f"Your saved progress file could not be read ({problem}). It was kept as"
                f" {aside} and a new, empty one was started. Nothing was deleted."
                f" {_backup_advice(path)}"
            )
    version = _user_version(path)
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer version of Hip & Core Coach (schema {version};"
            f" this version knows up to {SCHEMA_VERSION}). Update the program to open it."
        )
    return OpenedDatabase(path, notice)


def _make_engine(path: Path) -> Engine:
    from sqlalchemy import event
    from sqlmodel import SQLModel, create_engine

    from coach.store import models  # noqa: F401  (registers the tables)

    version = _user_version(path)
    if 0 < version < SCHEMA_VERSION:
        _back_up(path, f"before-v{SCHEMA_VERSION}")
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    tables = SQLModel.metadata.tables
    for step in range(version + 1, SCHEMA_VERSION + 1):
        with engine.begin() as connection:  # the step and its version number, or neither
            added = [tables[name] for name in MIGRATIONS[step]]
            SQLModel.metadata.create_all(connection, tables=added)
            connection.exec_driver_sql(f"PRAGMA user_version = {step}")
    _owner_only(path)
    return engine


def _owner_only(path: Path) -> None:
    """Health answers are private: the database is readable by its owner only (POSIX)."""
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def _back_up(path: Path, label: str) -> Path:
    """A consistent copy made with SQLite's online backup, kept beside the database."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.{label}-{stamp}")
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    return copy


def _on_connect(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # Write-ahead logging: a crash mid-write leaves the last commit whole, and the home
    # screen can read while a set is written. NORMAL is durable against a crash of the
    # program; only a power cut can lose the last moment's commit.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _user_version(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _damage(path: Path) -> str | None:
    """What is wrong with the file, or None when it is a sound database of ours."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                return "; ".join(str(row[0]) for row in rows[:3])
            return _wrong_schema(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)


def _wrong_schema(connection: sqlite3.Connection) -> str | None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if version == 0:
        if tables:
            return f"it holds another program's tables: {', '.join(sorted(tables)[:3])}"
        return None
    if version > SCHEMA_VERSION:
        return None  # a newer program's: refused below, and never touched
    expected = [name for step in range(1, version + 1) for name in MIGRATIONS[step]]
    for table in expected:
        if table not in tables:
            return f"the table '{table}' is missing"
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        missing = [c for c in COLUMNS[table] if c not in columns]
        if missing:
            return f"the table '{table}' has no column '{missing[0]}'"
    return None


def _backup_advice(path: Path) -> str:
    """Where the newest automatic backup is, and how to go back to it."""
    backups = sorted((path.parent / "backups").glob("coach-*.db"))
    if not backups:
        return "There is no automatic backup yet."
    return (
        f"Your newest automatic backup is {backups[-1]}: to go back to it, close the program"
        f" and copy it over {path}."
    )


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside
