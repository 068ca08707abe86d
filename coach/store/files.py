"""Care of the files themselves: damage found and kept aside (never deleted), owner-only
modes, whether a folder takes a write, and copies made with SQLite's online backup.
(Files the person asks for are written by coach.files.write_private.)"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from coach.files import private_folder
from coach.store.reading import reading
from coach.store.schema import wrong_schema

logger = logging.getLogger(__name__)

_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def damage(path: Path) -> str | None:
    """What is wrong with the file, or None when it is a sound database of ours."""
    try:
        with reading(path) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                return "; ".join(str(row[0]) for row in rows[:3])
            return wrong_schema(connection)
    except (OSError, sqlite3.DatabaseError) as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in _DAMAGED:
            return str(error)
        # Not knowing is not damage: a file that cannot be read now (a disk error, a
        # folder that cannot be written) is never moved aside for it.
        logger.warning("Could not check %s: %s", path, error)
        return None


def move_aside(path: Path) -> Path:
    """The file (and its journal files) renamed beside itself as damaged; the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(aside)
    aside.chmod(0o600)  # whatever its mode was: health answers, the owner's only
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
            aside.with_name(aside.name + suffix).chmod(0o600)
    return aside


def kept_aside(path: Path) -> Path | None:
    """The newest damaged file kept beside the database, or None."""
    found = [p for p in path.parent.glob(f"{path.name}.damaged-*")
             if not p.name.endswith(("-wal", "-shm", "-journal"))]  # fmt: skip
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def holds_nothing(path: Path) -> bool:
    """Whether the database holds nothing the person did or said yet (or is not there)."""
    if not path.exists():
        return True
    try:
        with reading(path) as connection:
            for table in ("workout", "checkin", "safety_event", "setting"):
                if connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                    return False
    except (OSError, sqlite3.Error):
        return True  # no tables yet
    return True


def backup_advice(path: Path) -> str:
    """Where the newest automatic backup is, and how to go back to it."""
    backups = sorted((path.parent / "backups").glob("coach-*.db"))
    if not backups:
        return "There is no automatic backup yet."
    return (
        f"Your newest automatic backup is {backups[-1]}: to go back to it, close the program"
        f" and copy it over {path}."
    )


def owner_only(path: Path) -> None:
    """Health answers are private: the database is readable by its owner only (POSIX)."""
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def writable(folder: Path) -> str | None:
    """Why nothing can be saved in `folder` (it cannot be made, or a byte written), or None."""
    probe = folder / f".coach-write-test-{os.getpid()}"
    try:
        private_folder(folder)
        handle = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(handle, b"x")
        finally:
            os.close(handle)
            probe.unlink()
    except OSError as error:
        return error.strerror or str(error)
    return None


def copy_beside(path: Path, label: str) -> Path:
    """A consistent copy made with SQLite's online backup, kept beside the database."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.{label}-{stamp}")
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    return copy


def copy_into(path: Path, memory: sqlite3.Connection) -> None:
    """Everything in the file (if it can be read at all) copied into `memory`."""
    if not path.exists():
        return
    try:
        with reading(path) as source:
            source.backup(memory)
    except (OSError, sqlite3.Error) as error:
        logger.warning("Reading %s to keep in memory: %s", path, error)
