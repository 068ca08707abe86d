"""The schema: which tables each version added, every column, and the steps between.

A database of an earlier version is copied aside (see ``coach.store.database``), then
taken through each later step in turn, each in one transaction with its version number.
A step that changes an existing table gets its own SQL here. tests/store/fixtures holds
a database of every version, and a test migrates each one (make a new one with
tests/store/make_fixture.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

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


def user_version(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as connection:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    connection.close()
    return version


def migrate(engine: Engine, version: int) -> None:
    """Every step after `version`, each with its version number in one transaction."""
    from sqlmodel import SQLModel

    from coach.store import models  # noqa: F401  (registers the tables)

    tables = SQLModel.metadata.tables
    for step in range(version + 1, SCHEMA_VERSION + 1):
        with engine.begin() as connection:  # the step and its version number, or neither
            added = [tables[name] for name in MIGRATIONS[step]]
            SQLModel.metadata.create_all(connection, tables=added)
            connection.exec_driver_sql(f"PRAGMA user_version = {step}")


def wrong_schema(connection: sqlite3.Connection) -> str | None:
    """How an opened file differs from a database of ours, or None when it does not."""
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
        return None  # a newer program's: refused on opening, and never touched
    expected = [name for step in range(1, version + 1) for name in MIGRATIONS[step]]
    for table in expected:
        if table not in tables:
            return f"the table '{table}' is missing"
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        missing = [c for c in COLUMNS[table] if c not in columns]
        if missing:
            return f"the table '{table}' has no column '{missing[0]}'"
    return None
