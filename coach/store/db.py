"""Opening the database: schema version, and a damaged file kept aside, never deleted.

The checks use the standard library's sqlite3. SQLAlchemy, which takes longer to
import than the rest of start-up together, is loaded when the engine is first
needed: after the window is on screen (see ``make bench``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

T = TypeVar("T")
logger = logging.getLogger(__name__)

_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
# What SQLite's primary result codes mean for the person when the disk says no.
_REFUSALS = {
    8: "the data folder cannot be written (it is read-only)",  # SQLITE_READONLY
    10: "the disk could not be written",  # SQLITE_IOERR
    13: "the disk is full",  # SQLITE_FULL
    14: "the data file cannot be opened for writing",  # SQLITE_CANTOPEN
}

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
    """The person's database, or, when the disk refuses to keep it, a copy in memory.

    When a write is refused (read-only folder, full disk), everything saved so far is
    copied into memory and the program goes on there; `unsaved` then says why, and
    `save_again` copies it all back once the disk takes it.
    """

    path: Path
    # Said to the person once: e.g. a damaged file was moved aside.
    notice: str | None = None
    _engine: Engine | None = None
    # Why the data is only in memory (None while it is saved to `path`).
    unsaved: str | None = None
    # Told the reason when the data moves to memory during a session.
    listeners: list[Callable[[str], None]] = field(default_factory=list)
    _memory: sqlite3.Connection | None = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and the schema created) on first use."""
        if self._engine is None:
            self._engine = _make_engine(self.path, self._memory)
        return self._engine

    def read(self, sql: str, parameters: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows from a plain read-only query; none before the file or its tables exist.

        For what start-up needs, so the window can show before SQLAlchemy loads.
        """
        if self._memory is not None:
            try:
                return self._memory.execute(sql, parameters).fetchall()
            except sqlite3.OperationalError:
                return []
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

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A plain connection (autocommit, foreign keys on) to wherever the data is now."""
        _ = self.engine  # the schema exists and is current
        if self._memory is not None:
            yield self._memory
            return
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            yield connection
        finally:
            connection.close()

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction and commit it; in memory if the disk refuses.

        `work` may run twice (on the file, then in memory), so it makes its rows itself.
        """
        from sqlmodel import Session

        def attempt() -> T:
            with Session(self.engine, expire_on_commit=False) as session:
                result = work(session)
                session.commit()
                return result

        return self._refusable(attempt)

    def write_plain(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`write` for plain SQL: `work` gets an autocommit connection and makes its own
        transaction."""

        def attempt() -> T:
            with self.connect() as connection:
                return work(connection)

        return self._refusable(attempt)

    def _refusable(self, attempt: Callable[[], T]) -> T:
        from sqlalchemy.exc import OperationalError

        try:
            return attempt()
        except (OperationalError, sqlite3.OperationalError) as error:
            reason = refusal(error)
            if reason is None or self._memory is not None:
                raise
        self.keep_in_memory(reason)
        return attempt()

    def keep_in_memory(self, reason: str, *, copy: bool = True) -> None:
        """From now on, read and write a copy in memory; everyone listening is told."""
        logger.warning("Saving to %s failed (%s): going on in memory", self.path, reason)
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        if copy:
            _copy_into(self.path, memory)
        memory.execute("PRAGMA foreign_keys = ON")
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._memory = memory
        self.unsaved = reason
        for listener in self.listeners:
            listener(reason)

    def save_again(self) -> bool:
        """Copy what is in memory back to the file; True when the data is on disk again."""
        if self._memory is None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and _damage(self.path):
                _move_aside(self.path)  # a damaged file is kept, never written over
            target = sqlite3.connect(self.path)
            try:
                self._memory.backup(target)
            finally:
                target.close()
        except (OSError, sqlite3.Error) as error:
            logger.warning("Still cannot save to %s: %s", self.path, error)
            return False
        _owner_only(self.path)
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._memory.close()
        self._memory = None
        self.unsaved = None
        return True


def refusal(error: BaseException) -> str | None:
    """In plain words, how the disk refused a write; None for any other error."""
    code = getattr(getattr(error, "orig", error), "sqlite_errorcode", None)
    return None if code is None else _REFUSALS.get(code & 0xFF)


def _copy_into(path: Path, memory: sqlite3.Connection) -> None:
    """Everything in the file (if it can be read at all) copied into `memory`."""
    if not path.exists():
        return
    # A read-only folder may not allow the shared-memory file WAL reading needs:
    # immutable reads the file as it is.
    for uri in (f"file:{path}?mode=ro", f"file:{path}?immutable=1"):
        try:
            source = sqlite3.connect(uri, uri=True)
            try:
                source.backup(memory)
                return
            finally:
                source.close()
        except sqlite3.Error as error:
            logger.warning("Reading %s to keep in memory: %s", path, error)


def writable(folder: Path) -> str | None:
    """Why nothing can be saved in `folder` (it cannot be made, or a byte written), or None."""
    probe = folder / f".coach-write-test-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(handle, b"x")
        finally:
            os.close(handle)
            probe.unlink()
    except OSError as error:
        return error.strerror or str(error)
    return None


def open_database(path: Path) -> OpenedDatabase:
    """The database at `path`; in memory, with a notice, when its folder cannot be written."""
    unwritable = writable(path.parent)
    notice = None
    problem = _damage(path) if path.exists() else None
    if problem and unwritable is None:
        aside = _move_aside(path)
        notice = (
            f"Your saved progress file could not be read ({problem}). It was kept as"
            f" {aside} and a new, empty one was started. Nothing was deleted."
            f" {_backup_advice(path)}"
        )
    version = _user_version(path) if not problem else 0
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer version of Hip & Core Coach (schema {version};"
            f" this version knows up to {SCHEMA_VERSION}). Update the program to open it."
        )
    database = OpenedDatabase(path, notice)
    if unwritable is not None:
        # Nothing damaged is copied in; the file stays exactly where it is.
        database.keep_in_memory(
            f"the data folder cannot be written ({unwritable.lower()})", copy=not problem
        )
        database.notice = (
            f"Nothing can be saved in your data folder, {path.parent} ({unwritable})."
            " You can still do a workout: it is kept while the program is open, and saved"
            " as soon as the folder can be written again. Before closing, you can save a"
            " copy elsewhere from the Data menu (Export)."
        )
        if problem:
            database.notice += f" Your saved progress file could not be read ({problem})."
    return database


def _make_engine(path: Path, memory: sqlite3.Connection | None = None) -> Engine:
    from sqlalchemy import event
    from sqlalchemy.pool import StaticPool
    from sqlmodel import SQLModel, create_engine

    from coach.store import models  # noqa: F401  (registers the tables)

    if memory is not None:
        version = int(memory.execute("PRAGMA user_version").fetchone()[0])
        engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    else:
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
    if memory is None:
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
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in _DAMAGED:
            return str(error)
        # Not knowing is not damage: a file that cannot be read now (a disk error, a
        # folder that cannot be written) is never moved aside for it.
        logger.warning("Could not check %s: %s", path, error)
        return None


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
