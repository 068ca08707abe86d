"""A first look at the saved settings, before the store is opened: the window's colours
are needed for its very first paint, which comes before anything else is read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coach.store.reading import reading


def saved_theme(database: Path) -> str | None:
    """The theme the person chose, as saved; None when there is none or the file cannot
    be read (the store, opened just after, says why and reads it again)."""
    if not database.is_file():
        return None
    try:
        with reading(database) as connection:  # SQLite reads the JSON: no json module yet
            row = connection.execute(
                "SELECT CASE json_type(value) WHEN 'text' THEN json_extract(value, '$') END"
                " FROM setting WHERE key = 'theme'"
            ).fetchone()
        value = row[0] if row else None
    except (OSError, sqlite3.Error):
        return None
    return value if isinstance(value, str) else None
