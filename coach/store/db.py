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

# 1: workouts, sets, skipped exercises. 2: safety events, clinician clearances, settings.
# 3: three-week blocks, check-ins, activity ratings, how each exercise felt.
SCHEMA_VERSION = 3


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
    # Every change so far only adds tables, which create_all does; a change to an
    # existing table gets its own step here, tested against tests/store/fixtures.
    SQLModel.metadata.create_all(engine)
    if version < SCHEMA_VERSION:
        with sqlite3.connect(path) as connection:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return engine


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
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _user_version(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _damage(path: Path) -> str | None:
    """What is wrong with the file, or None when SQLite finds it sound."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    if rows != [("ok",)]:
        return "; ".join(str(row[0]) for row in rows[:3])
    return None


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
