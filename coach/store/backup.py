"""A copy of the database once a day, made with SQLite's online backup; the last seven kept.

Copies are named ``coach-YYYY-MM-DD.db`` in ``<data>/backups/``. To restore one, close
the program and copy it over ``<data>/coach.db`` (the README says the same).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import date
from pathlib import Path

from coach.files import private_folder
from coach.store.files import holds_nothing
from coach.store.reading import reading

KEEP = 7
NAME = re.compile(r"coach-(\d{4}-\d{2}-\d{2})\.db")
logger = logging.getLogger(__name__)


def backups(folder: Path) -> list[Path]:
    """The daily copies in a folder, oldest first; other files there are not ours."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if NAME.fullmatch(p.name))


def daily_backup(database: Path, folder: Path, today: date, keep: int = KEEP) -> Path | None:
    """Today's copy, made unless it exists already or the database holds nothing yet.

    Never raises for a disk problem: a failed backup is logged and start-up goes on.
    Older copies beyond `keep` are removed only after today's is safely in place.
    """
    if holds_nothing(database):  # a fresh file never pushes out a copy of a real one
        return None
    copy = folder / f"coach-{today.isoformat()}.db"
    if copy.exists():
        return None
    partial = copy.with_name(copy.name + ".partial")
    try:
        private_folder(folder)
        with reading(database) as source:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
        partial.chmod(0o600)  # health answers: the owner's only, like the database
        partial.replace(copy)  # a copy under its real name is always whole
    except (OSError, sqlite3.Error) as error:
        logger.warning("The daily backup could not be made in %s: %s", folder, error)
        if partial.is_file():
            partial.unlink()
        return None
    for old in backups(folder)[:-keep]:
        old.unlink(missing_ok=True)
    return copy
