"""The person's data as a whole: whether it is on disk, and export and import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.clock import Now
from coach.store.database import OpenedDatabase

if TYPE_CHECKING:  # export and import load when first used
    from coach.store.transfer import Report
    from coach.store.transfer.tables import Progress as Progress  # for the window's worker
    from coach.store.transfer.tables import Tables


class DataCare:
    def __init__(self, database: OpenedDatabase, backups: Path, now: Now) -> None:
        self._database = database
        self.backups = backups
        self._now = now

    @property
    def path(self) -> Path:
        """The database file."""
        return self._database.path

    @property
    def notice(self) -> str | None:
        """Said once after start-up, e.g. that a damaged file was kept aside."""
        return self._database.notice

    @property
    def damage_found_now(self) -> bool:
        """Whether opening found the database damaged and moved it aside (just now)."""
        return self._database.moved_aside

    @property
    def unsaved(self) -> str | None:
        """Why the data is only in memory now (the disk refuses it), or None."""
        return self._database.unsaved

    def when_unsaved(self, listener: Callable[[str], None]) -> None:
        """Tell `listener` why, if the data has to move to memory during the session."""
        self._database.listeners.append(listener)

    def save_again(self) -> bool:
        """Copy what is in memory back to disk; True when the data is on disk again."""
        return self._database.save_again()

    def export(self, path: Path, kind: str, progress: Progress | None = None) -> str:
        """Everything, written to `path` as "json" or "csv" (a zip): what was written, in
        words. OSError when it cannot be written."""
        from coach.store.transfer import export_file
        from coach.store.transfer.tables import counts, quiet

        return counts(export_file(self._database, path, kind, self._now(), progress or quiet))

    @staticmethod
    def read(path: Path) -> Tables:
        """An export file's tables, every value checked; ImportRefused if any is wrong.
        Needs no data folder: a file is checked before anything is opened."""
        from coach.store.transfer import read_file

        return read_file(path)

    @staticmethod
    def describe(tables: Tables) -> str:
        from coach.store.transfer.tables import counts

        return counts(tables)

    def merge(self, tables: Tables, progress: Progress | None = None) -> Report:
        """Checked tables merged in, all or nothing; what is already here is kept."""
        from coach.store.transfer import import_tables
        from coach.store.transfer.tables import quiet

        return import_tables(self._database, tables, progress or quiet)

    @property
    def in_memory(self) -> bool:
        """The data is only in memory (the disk refused it): work on it stays on the
        window's thread, whose connection it is."""
        return self._database.unsaved is not None
