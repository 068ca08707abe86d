"""The first look at the saved theme, made before the store opens: the chosen colours, or
nothing when there is no saying (the store, opened next, reports any damage)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.store.database import open_database
from coach.store.peek import saved_theme
from coach.store.settings import THEME, Settings
from tests.helpers import sqlite

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "coach.db"
    opened = open_database(path)
    Settings(opened, lambda: NOW).write((THEME, "dark"))
    opened.close()
    return path


def test_the_chosen_theme_is_read_before_the_store_opens(database: Path) -> None:
    assert saved_theme(database) == "dark"


@pytest.mark.parametrize(
    "stored", ["7", '["dark"]', "not json", "null"], ids=["number", "list", "broken", "null"]
)
def test_a_theme_that_is_not_a_word_reads_as_none(database: Path, stored: str) -> None:
    with sqlite(database) as connection:
        connection.execute("UPDATE setting SET value = ? WHERE key = 'theme'", (stored,))
    assert saved_theme(database) is None


def test_no_database_no_setting_or_a_damaged_file_reads_as_none(
    database: Path, tmp_path: Path
) -> None:
    assert saved_theme(tmp_path / "none.db") is None
    with sqlite(database) as connection:
        connection.execute("DELETE FROM setting WHERE key = 'theme'")
    assert saved_theme(database) is None
    database.write_bytes(b"this is not a database" * 100)
    assert saved_theme(database) is None
