"""The schema: what each version added, every column, and the steps between versions.

A database of an earlier version is copied aside (see ``coach.store.database``), then
taken through each later step in turn, each in one transaction with its version number.
tests/store/fixtures holds a database of every version, and a test migrates each one
(make a new one with tests/store/make_fixture.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.records import record
from coach.store.reading import reading

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


@record
class Step:
    """One version: the tables it adds (made from the models), the columns it adds to
    tables already there, the indexes it adds, and how the data already kept moves to
    the new shape."""

    tables: tuple[str, ...] = ()
    columns: tuple[tuple[str, str, str], ...] = ()  # (table, column, SQL type)
    data: Callable[[Connection], None] | None = None
    indexes: tuple[tuple[str, str, str], ...] = ()  # (name, table, columns)


Rows = dict[str, list[dict[str, Any]]]


def _v4_rows(tables: Rows, now: datetime) -> None:
    """Safety version 2, on rows (of a database being migrated, or of an older export):
    every halt names its causes and holds until an all-clear; a version 1 all-clear
    (only ever offered after pain down a leg) answers the radiating halts before it; an
    old 'ever had cancer: yes' becomes standing history, to be confirmed once; a workout
    an early version kept as "ended early" when a halt stopped it is halted."""
    events = sorted(tables.get("safety_event", []), key=lambda e: (e["at"], e["id"]))
    stopped = {e["workout_id"]: e["halt"] for e in events if e["verdict"] == "halt"
               and e.get("workout_id") is not None and e["halt"]}  # fmt: skip
    for workout in tables.get("workout", []):
        if workout["id"] in stopped and workout["outcome"] in ("ended early", None):
            workout["outcome"] = f"halted: {stopped[workout['id']]}"
    clearances = sorted(tables.get("clinician_clearance", []), key=lambda c: c["at"])
    for event in events:
        if event["verdict"] != "halt":
            continue
        event["cause"] = json.dumps(_v1_causes(event["screen"], event["halt"], event["answers"]))
        after = next((c["id"] for c in clearances if c["at"] > event["at"]), None)
        if event["halt"] == "radiating" and after is not None:
            event["clearance_id"] = after
    said = [_json_object(e["answers"] or "{}") for e in events]
    cancer = [answers["cancer"] for answers in said if "cancer" in answers]
    if not cancer or cancer[-1] is not True:
        return
    settings = tables.setdefault("setting", [])
    row = next((r for r in settings if r["key"] == "profile"), None)
    if row is None:
        row = {"key": "profile", "value": "{}"}
        settings.append(row)
    profile = _json_object(row["value"])
    facts = profile.setdefault("facts", {})
    if isinstance(facts, dict):
        facts["cancer"] = True
    row["value"] = json.dumps(profile)
    row["changed_at"] = now.isoformat(timespec="microseconds")


def upgrade_rows(tables: Rows, version: int, now: datetime) -> None:
    """Rows of an export from an earlier schema, in today's shape: the columns added
    since are there (empty), and the data moves as migrating a database moves it."""
    for table, rows in tables.items():
        added = [c for c in COLUMNS.get(table, ()) if added_in(table, c) > version]
        for row in rows:
            for column in added:
                row.setdefault(column, None)
    if version < 4:
        _v4_rows(tables, now)


def _v4_data(connection: Connection) -> None:
    run = connection.exec_driver_sql
    names = {
        "workout": ("id", "outcome"),
        "safety_event": ("id", "at", "screen", "verdict", "halt", "answers", "workout_id"),
        "clinician_clearance": ("id", "at"),
        "setting": ("key", "value", "changed_at"),
    }
    tables: Rows = {
        table: [dict(zip(columns, row, strict=True))
                for row in run(f'SELECT {", ".join(columns)} FROM "{table}"')]
        for table, columns in names.items()
    }  # fmt: skip
    _v4_rows(tables, datetime.now(UTC))
    for event in tables["safety_event"]:
        if event["verdict"] == "halt":
            run("UPDATE safety_event SET cause = ?, clearance_id = ? WHERE id = ?",
                (event["cause"], event.get("clearance_id"), event["id"]))  # fmt: skip
    for workout in tables["workout"]:
        run("UPDATE workout SET outcome = ? WHERE id = ?", (workout["outcome"], workout["id"]))
    for setting in tables["setting"]:
        if setting["key"] == "profile":
            run("INSERT OR REPLACE INTO setting (key, value, changed_at) VALUES (?, ?, ?)",
                (setting["key"], setting["value"], setting["changed_at"]))  # fmt: skip


# The questions of safety version 1, by the halt a yes gave.
_V1_KINDS = {
    "emergency": ("saddle-numbness", "bladder", "bowel", "both-legs", "serious-accident"),
    "urgent": ("unwell", "weight-loss", "cancer", "night-pain", "tender-spine",
               "minor-fall-fragile"),
    "radiating": ("leg-pain",),
}  # fmt: skip


def _v1_causes(screen: str, kind: str, answers: str | None) -> list[str]:
    if screen in ("stop key", "after exercise") and kind == "radiating":
        return ["leg-pain"]
    if screen == "after exercise":
        return ["check-numbness-serious"]  # the only emergency after an exercise
    given = _json_object(answers or "{}")
    causes = [q for q in _V1_KINDS.get(kind, ()) if given.get(q) is True]
    causes = ["history" if q == "cancer" else q for q in causes]
    return causes or ([kind] if kind else [])


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


MIGRATIONS: dict[int, Step] = {
    1: Step(tables=("workout", "workout_set", "skipped_exercise")),
    2: Step(tables=("safety_event", "clinician_clearance", "setting")),
    3: Step(tables=("block", "checkin", "activity_rating", "exercise_feeling")),
    4: Step(
        columns=(
            ("workout", "planned_sets", "INTEGER"),
            ("safety_event", "cause", "VARCHAR"),
            ("safety_event", "clearance_id", "INTEGER REFERENCES clinician_clearance (id)"),
            ("block", "figures", "VARCHAR"),
        ),
        data=_v4_data,
    ),
    # What the charts and the history read by time: ten years of sets are found by
    # their date (and exercise), not by reading the whole table.
    5: Step(
        indexes=(
            ("ix_workout_started_at", "workout", "started_at, id"),
            ("ix_workout_set_completed_at", "workout_set", "completed_at, exercise_id"),
            ("ix_workout_set_exercise_completed_at", "workout_set", "exercise_id, completed_at"),
            ("ix_checkin_kind_at", "checkin", "kind, at"),
            ("ix_safety_event_workout_id", "safety_event", "workout_id"),
        ),
    ),
    # A workout's before and after pain, found by the workout: the history's detail read
    # every workout's check-ins (1.6 ms over ten years, growing), and so did deleting one.
    6: Step(indexes=(("ix_checkin_workout_id", "checkin", "workout_id"),)),
}
SCHEMA_VERSION = max(MIGRATIONS)
# Every column of every table, to tell a database of ours from a look-alike before
# SQLAlchemy loads (a test checks this against the models).
COLUMNS: dict[str, tuple[str, ...]] = {
    "workout": ("id", "routine_id", "routine_title", "started_at", "ended_at", "outcome",
                "planned_sets"),
    "workout_set": ("id", "workout_id", "exercise_id", "side", "set_number", "reps",
                    "hold_seconds", "completed_at"),
    "skipped_exercise": ("id", "workout_id", "exercise_id", "sets_done", "skipped_at"),
    "safety_event": ("id", "at", "screen", "verdict", "halt", "answers", "workout_id", "cause",
                     "clearance_id"),
    "clinician_clearance": ("id", "at"),
    "setting": ("key", "value", "changed_at"),
    "block": ("id", "started_at", "routine_id", "ended_at", "figures"),
    "checkin": ("id", "block_id", "at", "kind", "pain", "impression", "workout_id"),
    "activity_rating": ("id", "checkin_id", "activity", "score"),
    "exercise_feeling": ("id", "workout_id", "exercise_id", "feeling", "at"),
}  # fmt: skip


def added_in(table: str, column: str) -> int:
    """The schema version that added a column (1 for the columns a table began with)."""
    return next(
        (v for v, step in MIGRATIONS.items() if (table, column) in {c[:2] for c in step.columns}),
        1,
    )


def user_version(path: Path) -> int:
    if not path.exists():
        return 0
    with reading(path) as connection:  # never a write: the folder may be read-only
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(engine: Engine, version: int) -> None:
    """Every step after `version`, each with its version number in one transaction."""
    from sqlmodel import SQLModel

    from coach.store import models  # noqa: F401  (registers the tables)

    tables = SQLModel.metadata.tables
    for number in range(version + 1, SCHEMA_VERSION + 1):
        step = MIGRATIONS[number]
        with engine.begin() as connection:  # the step and its version number, or neither
            added = [tables[name] for name in step.tables]
            SQLModel.metadata.create_all(connection, tables=added)
            for table, column, kind in step.columns:
                present = {row[1] for row in connection.exec_driver_sql(
                    f'PRAGMA table_info("{table}")')}  # fmt: skip
                if column not in present:  # a table made at this version has it already
                    connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN {column} {kind}')
            for name, table, columns in step.indexes:
                connection.exec_driver_sql(
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})'
                )
            if step.data is not None:
                step.data(connection)
            connection.exec_driver_sql(f"PRAGMA user_version = {number}")


def wrong_schema(connection: sqlite3.Connection) -> str | None:
    """How an opened file differs from a database of ours, or None when it does not."""
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
        return None  # a newer program's: refused on opening, and never touched
    expected = [name for step in range(1, version + 1) for name in MIGRATIONS[step].tables]
    for table in expected:
        if table not in tables:
            return f"the table '{table}' is missing"
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        wanted = [c for c in COLUMNS[table] if added_in(table, c) <= version]
        missing = [c for c in wanted if c not in columns]
        if missing:
            return f"the table '{table}' has no column '{missing[0]}'"
    return None
