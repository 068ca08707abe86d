"""The tables as an export sees them: their columns, kinds and references, from the
models; and how a person says each one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.core.records import record
from coach.store.database import orm_ready

FORMAT = "hip-core-coach export"
VERSION = 1
ABOUT = "about.csv"

Row = dict[str, Any]
Tables = dict[str, list[Row]]
# How far an export or import has gone, 0 to 1; it may raise to stop the work.
Progress = Callable[[float], None]


def quiet(_fraction: float) -> None:
    """No one is told how far the work has gone."""


NAMES = {  # for the report, as a person says them: one, many
    "setting": ("setting", "settings"),
    "clinician_clearance": ("clinician's all-clear", "clinician's all-clears"),
    "block": ("three-week block", "three-week blocks"),
    "workout": ("workout", "workouts"),
    "checkin": ("check-in", "check-ins"),
    "exercise_feeling": ("exercise rating", "exercise ratings"),
    "safety_event": ("safety answer", "safety answers"),
    "skipped_exercise": ("skipped exercise", "skipped exercises"),
    "workout_set": ("set", "sets"),
    "activity_rating": ("activity rating", "activity ratings"),
}


def many(count: int, table: str) -> str:
    one, many = NAMES.get(table, (table, table))
    return f"{count} {one if count == 1 else many}"


@record
class Column:
    name: str
    kind: str  # "int", "float", "text", "time"
    nullable: bool
    key: bool  # the primary key
    refers_to: str | None  # the table an id column points at


@record
class Table:
    name: str
    columns: list[Column]

    @property
    def key(self) -> str:
        return next(c.name for c in self.columns if c.key)


def schema() -> list[Table]:
    """The tables in the order they can be filled (parents first), from the models."""
    orm_ready()
    from sqlmodel import SQLModel

    from coach.store import models  # noqa: F401  (registers the tables)

    kinds = {"Integer": "int", "Float": "float", "UTCDateTime": "time"}
    tables = []
    for table in SQLModel.metadata.sorted_tables:
        columns = [
            Column(
                name=column.name,
                kind=kinds.get(type(column.type).__name__, "text"),
                nullable=bool(column.nullable),
                key=column.primary_key,
                refers_to=next((fk.column.table.name for fk in column.foreign_keys), None),
            )
            for column in table.columns
        ]
        tables.append(Table(table.name, columns))
    return tables


def counts(tables: Tables) -> str:
    """What a file holds, for the person to confirm before it is imported."""
    shown = [many(len(rows), name) for name, rows in tables.items() if rows]
    return ", ".join(shown) or "nothing"
