"""The open database: the file, or a copy in memory while the disk refuses it.

The checks on opening use the standard library's sqlite3. SQLAlchemy, which takes longer
to import than the rest of start-up together, is loaded when the engine is first needed:
after the window is on screen (see ``make bench``).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from coach.core.records import field, record
from coach.files import private_folder
from coach.store.files import (
    backup_advice,
    copy_beside,
    copy_into,
    damage,
    holds_nothing,
    kept_aside,
    move_aside,
    owner_only,
    writable,
)
from coach.store.reading import plain_reader, reading
from coach.store.schema import SCHEMA_VERSION, migrate, user_version

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

T = TypeVar("T")
logger = logging.getLogger(__name__)

_loading: list[threading.Thread] = []  # the ORM's modules, loading beside the window


def load_orm_beside() -> threading.Thread:
    """SQLAlchemy's and sqlmodel's modules loaded on a thread of their own (0.3 s of
    imports), so the window answers meanwhile; and the readers of history and progress,
    which the end of the first workout would otherwise wait 12 ms for."""

    def load() -> None:
        import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401
        import sqlmodel  # noqa: F401

        import coach.store.history
        import coach.store.models
        import coach.store.stats  # noqa: F401

    thread = threading.Thread(target=load, name="load the store's modules", daemon=True)
    _loading.append(thread)
    thread.start()
    return thread


def orm_ready() -> None:
    """Wait for the ORM's modules if they are loading beside: importing them here at the
    same moment could meet the other thread half-way, with a module half made."""
    for thread in tuple(_loading):  # a finished one returns at once
        if thread is not threading.current_thread():
            thread.join()


# What SQLite's primary result codes mean for the person when the disk says no.
_REFUSALS = {
    8: "the data folder cannot be written (it is read-only)",  # SQLITE_READONLY
    10: "the disk could not be written",  # SQLITE_IOERR
    13: "the disk is full",  # SQLITE_FULL
    14: "the data file cannot be opened for writing",  # SQLITE_CANTOPEN
}


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


@record(frozen=False)
class OpenedDatabase:
    """The person's database, or, when the disk refuses to keep it, a copy in memory.

    When a write is refused (read-only folder, full disk), everything saved so far is
    copied into memory and the program goes on there; `unsaved` then says why, and
    `save_again` copies it all back once the disk takes it.
    """

    path: Path
    # Said to the person: e.g. a damaged file was moved aside (now or before).
    notice: str | None = None
    _engine: Engine | None = None
    # Why the data is only in memory (None while it is saved to `path`).
    unsaved: str | None = None
    # Told the reason when the data moves to memory during a session.
    listeners: list[Callable[[str], None]] = field(default_factory=list)
    _memory: sqlite3.Connection | None = None
    moved_aside: bool = False  # a damaged file was moved aside on this opening
    # The journal file the engine's connections write to: (device, inode), once seen.
    _journal: tuple[int, int] | None = None
    _writer: sqlite3.Connection | None = None  # for `insert`, made when first needed
    _kept_reader: sqlite3.Connection | None = None  # for `read` on the window's thread
    _inserting: threading.Lock = field(default_factory=threading.Lock)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and the schema created) on first use."""
        if self._engine is None:
            orm_ready()
            self._engine = _make_engine(self.path, self._memory)
            self._journal = None
            # Its pooled connections close when this object goes, never left open for the
            # garbage collector (Python 3.13 warns of each one).
            weakref.finalize(self, self._engine.dispose)
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
            kept = self._reader()
            if kept is not None:
                try:
                    return kept.execute(sql, parameters).fetchall()
                except sqlite3.Error:  # its journal gone or replaced, say: read afresh
                    self._close_reader()
            with reading(self.path) as connection:
                return connection.execute(sql, parameters).fetchall()
        except (OSError, sqlite3.OperationalError):  # no file or tables yet: nothing saved
            return []

    def _reader(self) -> sqlite3.Connection | None:
        """A read-only connection kept for the window's reads: a new one for each read
        took 0.3 ms, and the home screen makes 25. None on other threads, before the file
        exists, and where the folder stops SQLite reading it as it is (see `reading`)."""
        if threading.current_thread() is not threading.main_thread():
            return None
        if self._kept_reader is None and self.path.is_file():
            try:
                self._kept_reader = plain_reader(self.path, kept=True)
            except sqlite3.Error:
                return None
            if self._kept_reader is not None:
                weakref.finalize(self, self._kept_reader.close)
        return self._kept_reader

    def _close_reader(self) -> None:
        if self._kept_reader is not None:
            self._kept_reader.close()
            self._kept_reader = None

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
        orm_ready()
        from sqlmodel import Session

        def attempt() -> T:
            with Session(self.engine, expire_on_commit=False) as session:
                result = work(session)
                session.commit()
                return result

        return self._refusable(attempt)

    def insert(self, table: str, row: dict[str, object]) -> None:
        """One row, committed at once, without the ORM's unit of work: one plain INSERT,
        its own transaction, on a connection kept for these rows, whose prepared
        statement SQLite keeps for the next row of the same shape (a workout's sets). In
        memory if the disk refuses."""
        columns = ", ".join(row)
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(row))})'
        values = tuple(row.values())

        def attempt() -> None:
            with self._inserting:
                if self._memory is not None:
                    with self._memory:  # a transaction, committed (or rolled back) here
                        self._memory.execute(sql, values)
                    return
                self._inserter().execute(sql, values)  # autocommit: committed at once

        self._refusable(attempt)

    def _inserter(self) -> sqlite3.Connection:
        if self._writer is None:
            # One of the engine's connections (made as they all are: WAL, NORMAL, keys on),
            # taken out of its pool for good, each statement its own transaction.
            pooled = self.engine.raw_connection()
            writer = pooled.driver_connection
            pooled.detach()
            if not isinstance(writer, sqlite3.Connection):
                raise TypeError(f"not a SQLite connection: {writer!r}")
            writer.isolation_level = None
            self._writer = writer
            weakref.finalize(self, writer.close)
        return self._writer

    def close(self) -> None:
        """Close every connection to the file: the journal is folded into it. Used again,
        it opens them anew."""
        self._let_go()

    def _let_go(self) -> None:
        """Close every connection to the file (each opens the journal anew when next used)."""
        self._close_reader()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def write_plain(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`write` for plain SQL: `work` gets an autocommit connection and makes its own
        transaction."""

        def attempt() -> T:
            with self.connect() as connection:
                return work(connection)

        return self._refusable(attempt)

    def _refusable(self, attempt: Callable[[], T]) -> T:
        orm_ready()
        from sqlalchemy.exc import OperationalError

        try:
            result = attempt()
        except (OperationalError, sqlite3.OperationalError) as error:
            reason = refusal(error)
            if reason is None or self._memory is not None:
                raise
        else:
            self._keep_journal()
            return result
        self.keep_in_memory(reason)
        return attempt()

    @cached_property
    def _wal(self) -> Path:
        """The journal beside the file, as a path made once: one made at every write
        interned its names each time, and the soak saw Python's heap step up 1.9 MB
        (the table of interned names growing) over a thousand workouts."""
        return self.path.with_name(self.path.name + "-wal")

    def _keep_journal(self) -> None:
        """After a write: the journal SQLite writes to must still be the file beside the
        database. Deleted or replaced while open (by a cleaner, a sync tool, a person
        tidying up), it would hold the latest saves only until the program ends, and a
        crash would lose them: they are folded into the database file at once, and the
        connections start a new journal."""
        if self._memory is not None or self._engine is None:
            return
        checkedin = getattr(self._engine.pool, "checkedin", None)
        if self._writer is None and (checkedin is None or checkedin() == 0):
            # No connection is open: no journal is held, and the last plain connection to
            # close took its journal away, as SQLite does.
            self._journal = None
            return
        try:
            status = self._wal.stat()
            seen: tuple[int, int] | None = (status.st_dev, status.st_ino)
        except OSError:
            seen = None  # after a write, the journal of an open connection is always there
        if seen is not None and self._journal in (None, seen):
            self._journal = seen
            return
        logger.warning(
            "The journal beside %s was removed or replaced while the program had it open:"
            " everything in it was saved again into the database file.",
            self.path,
        )
        if self._writer is not None:  # the connection that wrote, and holds the journal
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with self._engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self._let_go()  # each connection opens the new journal
        self._journal = None

    def keep_in_memory(self, reason: str, *, copy: bool = True) -> None:
        """From now on, read and write a copy in memory; everyone listening is told."""
        logger.warning("Saving to %s failed (%s): going on in memory", self.path, reason)
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        weakref.finalize(self, memory.close)
        if copy:
            copy_into(self.path, memory)
        memory.execute("PRAGMA foreign_keys = ON")
        self._let_go()
        self._memory = memory
        self.unsaved = reason
        for listener in self.listeners:
            listener(reason)

    def save_again(self) -> bool:
        """Copy what is in memory back to the file; True when the data is on disk again."""
        if self._memory is None:
            return True
        try:
            private_folder(self.path.parent)
            if self.path.exists() and damage(self.path):
                move_aside(self.path)  # a damaged file is kept, never written over
            target = sqlite3.connect(self.path)
            try:
                self._memory.backup(target)
            finally:
                target.close()
        except (OSError, sqlite3.Error) as error:
            logger.warning("Still cannot save to %s: %s", self.path, error)
            return False
        owner_only(self.path)
        self._let_go()
        self._memory.close()
        self._memory = None
        self.unsaved = None
        return True


def refusal(error: BaseException) -> str | None:
    """In plain words, how the disk refused a write; None for any other error."""
    code = getattr(getattr(error, "orig", error), "sqlite_errorcode", None)
    return None if code is None else _REFUSALS.get(code & 0xFF)


def open_database(path: Path) -> OpenedDatabase:
    """The database at `path`; in memory, with a notice, when its folder cannot be written."""
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not an ordinary file"
        raise DatabaseError(
            f"{path} is {what}, where Hip & Core Coach keeps its data file. Move it away,"
            " or choose another data folder (--data-dir)."
        )
    unwritable = writable(path.parent)
    notice = None
    problem = damage(path) if path.exists() else None
    if problem and unwritable is None:
        aside = move_aside(path)
        notice = (
            f"Your saved progress file could not be read ({problem}). It was kept as"
            f" {aside} and a new, empty one was started. Nothing was deleted."
            f" {backup_advice(path)}"
        )
    elif problem is None and (earlier := kept_aside(path)) and holds_nothing(path):
        # Found before (perhaps by a command), and nothing new kept since: said again.
        notice = (
            f"An earlier saved progress file could not be read and was kept as {earlier}."
            f" Nothing was deleted. {backup_advice(path)}"
        )
    version = user_version(path) if not problem else 0
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer version of Hip & Core Coach (schema {version};"
            f" this version knows up to {SCHEMA_VERSION}). Update the program to open it."
        )
    database = OpenedDatabase(path, notice)
    database.moved_aside = bool(problem and unwritable is None)
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
    if 0 < version < SCHEMA_VERSION:
        # An older database moves to today's shape now (its backup first), before the
        # start-up reads: they ask for today's columns (a halt's causes, its all-clear),
        # and a halt must never read as absent because its file is older.
        _ = database.engine
    return database


def _make_engine(path: Path, memory: sqlite3.Connection | None = None) -> Engine:
    from sqlalchemy import event
    from sqlalchemy.pool import StaticPool
    from sqlmodel import create_engine

    if memory is not None:
        version = int(memory.execute("PRAGMA user_version").fetchone()[0])
        engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    else:
        version = user_version(path)
        if 0 < version < SCHEMA_VERSION:
            copy_beside(path, f"before-v{SCHEMA_VERSION}")
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _on_connect)
    migrate(engine, version)
    if memory is None:
        owner_only(path)
    return engine


def _on_connect(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # Write-ahead logging: a crash mid-write leaves the last commit whole, and the home
    # screen can read while a set is written. NORMAL is durable against a crash of the
    # program; only a power cut can lose the last moment's commit.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
