"""Merging checked tables into the database in one transaction, all or nothing."""

from __future__ import annotations

import sqlite3
from typing import Any

from coach.core.records import field, record
from coach.store.database import OpenedDatabase
from coach.store.transfer.tables import Progress, Row, Table, Tables, many, quiet, schema

# What makes a row "the same" as one already kept, beyond its id. Tables not named
# here match on every column (with references translated).
SAME_WHEN = {
    "workout": ("routine_id", "started_at"),
    "block": ("started_at",),
    "checkin": ("block_id", "kind", "at"),
    "safety_event": ("at", "screen", "verdict", "answers"),
    "clinician_clearance": ("at",),
    "setting": ("key",),
}


@record(frozen=False)
class Report:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)

    def sentence(self) -> str:
        def listed(per_table: dict[str, int]) -> str:
            return ", ".join(many(n, t) for t, n in per_table.items() if n)

        added = listed(self.added) or "nothing new"
        text = f"Added {added}."
        if any(self.already.values()):
            text += f" Already there, so left as they were: {listed(self.already)}."
        return text


def import_tables(database: OpenedDatabase, tables: Tables, progress: Progress = quiet) -> Report:
    """Merge checked tables in; all or nothing. Rows already kept are left as they are.
    `progress` hears how far it is (0 to 1) every thousand rows; if it raises, nothing
    is kept."""
    report = Report()
    total = max(1, sum(len(rows) for rows in tables.values()))

    def merge(db: sqlite3.Connection) -> None:
        seen = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            moved: dict[str, dict[Any, Any]] = {}  # table -> imported id -> id here
            for table in schema():
                added = already = 0
                moved[table.name] = {}
                match = _match(table)
                kept, taken = _kept(db, table, match)
                for row in tables.get(table.name, []):
                    seen += 1
                    if seen % 1000 == 0:
                        progress(seen / total)
                    values = {
                        c.name: moved[c.refers_to].get(row[c.name], row[c.name])
                        if c.refers_to
                        else row[c.name]
                        for c in table.columns
                    }
                    same = tuple(values[name] for name in match)
                    existing = kept.get(same)
                    if existing is not None:
                        moved[table.name][row[table.key]] = existing
                        already += 1
                        continue
                    new = _insert(db, table, values, taken)
                    kept[same] = moved[table.name][row[table.key]] = new
                    taken.add(new)
                    added += 1
                report.added[table.name] = added
                report.already[table.name] = already
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    database.write_plain(merge)
    return report


def _match(table: Table) -> tuple[str, ...]:
    return SAME_WHEN.get(table.name) or tuple(c.name for c in table.columns if not c.key)


def _kept(
    db: sqlite3.Connection, table: Table, match: tuple[str, ...]
) -> tuple[dict[tuple[Any, ...], Any], set[Any]]:
    """What the table holds, read once: each row's matching values to its id (the first
    such row), and every id taken. Looked up per imported row, so an import takes time in
    proportion to its rows, not to its rows times the table's."""
    kept: dict[tuple[Any, ...], Any] = {}
    taken = set()
    names = ", ".join(match)
    for key, *values in db.execute(
        f'SELECT {table.key}, {names} FROM "{table.name}" ORDER BY rowid'
    ):
        kept.setdefault(tuple(values), key)
        taken.add(key)
    return kept, taken


def _insert(db: sqlite3.Connection, table: Table, values: Row, taken: set[Any]) -> Any:
    """The row added; under its own id unless that id is taken here (then a new one)."""
    clash = values[table.key] in taken
    names = [c.name for c in table.columns if not (c.key and clash)]
    cursor = db.execute(
        f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})',
        [values[name] for name in names],
    )
    return cursor.lastrowid if clash else values[table.key]
