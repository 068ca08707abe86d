"""Reading the database without writing a byte, even where nothing can be written.

SQLite reads a database in WAL mode through a shared-memory file beside it. In a folder that
cannot be written (a read-only disk, a backup mounted read-only) that file cannot be made, and
a plain read-only open fails with "unable to open database file". Then the file is read as it
is; and when a journal of unsaved-to-the-main-file changes lies beside it, both are copied to a
private temporary folder first, so those changes are read too and nothing is missed.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that reads the database at `path` as it is now and never writes it."""
    with ExitStack() as stack:
        connection = plain_reader(path)
        if connection is None:
            wal = path.with_name(path.name + "-wal")
            if wal.is_file() and wal.stat().st_size > 0:
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="coach-")))
                copy = folder / path.name
                shutil.copyfile(path, copy)
                shutil.copyfile(wal, folder / wal.name)
                connection = sqlite3.connect(copy)  # replays the journal into the copy
            else:
                connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        stack.callback(connection.close)
        yield connection


def plain_reader(path: Path, *, kept: bool = False) -> sqlite3.Connection | None:
    """A read-only connection that can read, or None where the folder stops WAL reading.
    `kept`: it may be closed from another thread (when the garbage collector runs there)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=not kept)
    try:
        connection.execute("PRAGMA schema_version").fetchone()  # opening is lazy: read once
    except sqlite3.Error as error:
        connection.close()
        if getattr(error, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_CANTOPEN:
            raise
        if not path.is_file():
            raise
        return None
    return connection
