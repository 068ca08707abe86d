"""Merging checked tables into the database in one transaction, all or nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from coach.store.database import OpenedDatabase
from coach.store.transfer.tables import Row, Table, Tables, many, schema

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


@dataclass
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


def import_tables(database: OpenedDatabase, tables: Tables) -> Report:
    """Merge checked tables in; all or nothing. Rows already kept are left as they are."""
    report = Report()

    def merge(db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            moved: dict[str, dict[Any, Any]] = {}  # table -> imported id -> id here
            for table in schema():
                added = already = 0
                moved[table.name] = {}
                for row in tables.get(table.name, []):
                    values = {
                        c.name: moved[c.refers_to].get(row[c.name], row[c.name])
                        if c.refers_to
                        else row[c.name]
                        for c in table.columns
                    }
                    existing = _same(db, table, values)
                    if existing is not None:
                        moved[table.name][row[table.key]] = existing
                        already += 1
                        continue
                    moved[table.name][row[table.key]] = _insert(db, table, values)
                    added += 1
                report.added[table.name] = added
                report.already[table.name] = already
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    database.write_plain(merge)
    return report


def _same(db: sqlite3.Connection, table: Table, values: Row) -> Any:
    match = SAME_WHEN.get(table.name) or tuple(c.name for c in table.columns if not c.key)
    condition = " AND ".join(f"{name} IS ?" for name in match)
    found = db.execute(
        f'SELECT {table.key} FROM "{table.name}" WHERE {condition} LIMIT 1',
        [values[name] for name in match],
    ).fetchone()
    return None if found is None else found[0]


def _insert(db: sqlite3.Connection, table: Table, values: Row) -> Any:
    taken = db.execute(
        f'SELECT 1 FROM "{table.name}" WHERE {table.key} = ?', (values[table.key],)
    ).fetchone()
    names = [c.name for c in table.columns if not (c.key and taken)]
    cursor = db.execute(
        f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})',
        [values[name] for name in names],
    )
    return values[table.key] if not taken else cursor.lastrowid
