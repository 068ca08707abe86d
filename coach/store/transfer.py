"""Everything the program keeps, out to open formats and back in.

JSON is one document: {"format", "version", "schema", "exported_at", "tables"}, each
table a list of rows keyed by column name, values as stored (times are UTC ISO text).
CSV is a zip with one CSV file per table and about.csv with the same four facts.

An import is checked whole before anything is written: every table, column, type,
range and reference. A file that fails is refused with a message naming the file,
the table, the row and the column, and the database is not touched. A good file is
merged in one transaction: rows already there (the same workout, check-in, safety
answer...) are recognised and skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.store.db import SCHEMA_VERSION, OpenedDatabase
from coach.store.settings import setting_problem

FORMAT = "hip-core-coach export"
VERSION = 1
ABOUT = "about.csv"

Row = dict[str, Any]
Tables = dict[str, list[Row]]

# What makes a row "the same" as one already kept, beyond its id. Tables not named
# here match on every column (with references translated).
SAME_WHEN = {
    "workout": ("routine_id", "started_at"),
    "block": ("started_at",),
    "checkin": ("block_id", "kind", "at"),
    "safety_event": ("at", "screen"),
    "clinician_clearance": ("at",),
    "setting": ("key",),
}
RANGES = {("checkin", "pain"): (0, 10), ("activity_rating", "score"): (0, 10)}
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


def _many(count: int, table: str) -> str:
    one, many = NAMES.get(table, (table, table))
    return f"{count} {one if count == 1 else many}"


class ImportRefused(Exception):
    """The file cannot be imported; the message says what is wrong, and nothing changed."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "int", "float", "text", "time"
    nullable: bool
    key: bool  # the primary key
    refers_to: str | None  # the table an id column points at


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[Column]

    @property
    def key(self) -> str:
        return next(c.name for c in self.columns if c.key)


def schema() -> list[Table]:
    """The tables in the order they can be filled (parents first), from the models."""
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


@dataclass
class Report:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)

    def sentence(self) -> str:
        def listed(per_table: dict[str, int]) -> str:
            return ", ".join(_many(n, t) for t, n in per_table.items() if n)

        added = listed(self.added) or "nothing new"
        text = f"Added {added}."
        if any(self.already.values()):
            text += f" Already there, so left as they were: {listed(self.already)}."
        return text


def counts(tables: Tables) -> str:
    """What a file holds, for the person to confirm before it is imported."""
    shown = [_many(len(rows), name) for name, rows in tables.items() if rows]
    return ", ".join(shown) or "nothing"


# Export.


def export_tables(database: OpenedDatabase) -> Tables:
    """Every row of every table, values as stored, in id order."""
    tables: Tables = {}
    with database.connect() as db:
        for table in schema():
            names = [c.name for c in table.columns]
            rows = db.execute(
                f'SELECT {", ".join(names)} FROM "{table.name}" ORDER BY {table.key}'
            ).fetchall()
            tables[table.name] = [dict(zip(names, row, strict=True)) for row in rows]
    return tables


def export_file(database: OpenedDatabase, path: Path, kind: str, now: datetime) -> Tables:
    """Write everything to `path` as "json" or "csv" (a zip); OSError if it cannot be."""
    tables = export_tables(database)
    about = {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": now.astimezone(UTC).isoformat(timespec="seconds"),
    }
    if kind == "json":
        data = json.dumps({**about, "tables": tables}, indent=1, ensure_ascii=False).encode()
    elif kind == "csv":
        data = _zip(about, tables)
    else:
        raise ValueError(f"unknown export format {kind!r}")
    write_private(path, data)
    return tables


def _zip(about: dict[str, Any], tables: Tables) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(ABOUT, _csv([["key", "value"], *([k, v] for k, v in about.items())]))
        for table in schema():
            names = [c.name for c in table.columns]
            rows = [[_cell(row[n]) for n in names] for row in tables[table.name]]
            archive.writestr(f"{table.name}.csv", _csv([names, *rows]))
    return buffer.getvalue()


def _csv(rows: list[list[Any]]) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def write_private(path: Path, data: bytes) -> None:
    """Written whole or not at all, readable by the owner only."""
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).chmod(0o600)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# Import: read and check.


def read_file(path: Path) -> Tables:
    """The tables of an export file, every value checked. ImportRefused if any is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path} cannot be read: {error.strerror or error}") from None
    if zipfile.is_zipfile(io.BytesIO(raw)):
        about, tables = _read_zip(path, raw)
    else:
        about, tables = _read_json(path, raw)
    _check_about(path, about)
    return _check_tables(path, tables)


def _read_json(path: Path, raw: bytes) -> tuple[dict[str, Any], Any]:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(
            f"{path.name} is neither a JSON export nor a CSV zip from Hip & Core Coach ({error})."
        ) from None
    if not isinstance(document, dict):
        raise ImportRefused(f"{path.name}: the document should be an object with 'tables'.")
    return document, document.get("tables")


def _read_zip(path: Path, raw: bytes) -> tuple[dict[str, Any], Any]:
    known = {table.name: table for table in schema()}
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if ABOUT not in names:
                raise ImportRefused(f"{path.name}: the zip has no {ABOUT}; is it an export?")
            about_rows = _parse_csv(path, ABOUT, archive.read(ABOUT))
            about: dict[str, Any] = {str(r.get("key")): r.get("value") for r in about_rows}
            for number in ("version", "schema"):
                if isinstance(about.get(number), str) and about[number].isdigit():
                    about[number] = int(about[number])
            tables: dict[str, Any] = {}
            for name in sorted(names - {ABOUT}):
                table = name.removesuffix(".csv")
                if not name.endswith(".csv") or table not in known:
                    raise ImportRefused(f"{path.name}: {name} is not a table this program keeps.")
                rows = _parse_csv(path, name, archive.read(name))
                tables[table] = [_typed(known[table], row) for row in rows]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ImportRefused(f"{path.name}: the zip is damaged ({error}).") from None
    return about, tables


def _parse_csv(path: Path, name: str, data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8")
        return list(csv.DictReader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{path.name}: {name} cannot be read as CSV ({error}).") from None


def _typed(table: Table, row: dict[str, str]) -> Row:
    """CSV cells back to values: empty is NULL where NULL is allowed; numbers parsed
    where they parse (the checks then name any cell that does not)."""
    typed: Row = {}
    for name, cell in row.items():
        column = next((c for c in table.columns if c.name == name), None)
        if column is None or cell is None:
            typed[str(name)] = cell  # an unknown column or a short row: named by the checks
        elif cell == "" and column.nullable:
            typed[name] = None
        elif column.kind == "int":
            typed[name] = _number(cell, int)
        elif column.kind == "float":
            typed[name] = _number(cell, float)
        else:
            typed[name] = cell
    return typed


def _number(cell: str, kind: type[int] | type[float]) -> Any:
    try:
        return kind(cell)
    except ValueError:
        return cell


def _check_about(path: Path, about: dict[str, Any]) -> None:
    if about.get("format") != FORMAT:
        raise ImportRefused(f"{path.name} is not a Hip & Core Coach export (no format marker).")
    version = about.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"{path.name}: the format version is missing or not a number.")
    if version > VERSION:
        raise ImportRefused(
            f"{path.name} was written by a newer version of the program (export format"
            f" {version}; this one reads up to {VERSION}). Update the program to import it."
        )


def _check_tables(path: Path, tables: Any) -> Tables:
    if not isinstance(tables, dict):
        raise ImportRefused(f"{path.name}: 'tables' is missing or is not an object.")
    known = {table.name: table for table in schema()}
    for name in tables:
        if name not in known:
            raise ImportRefused(f"{path.name}: '{name}' is not a table this program keeps.")
    checked: Tables = {}
    for table in known.values():
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise ImportRefused(f"{path.name}: {table.name} should be a list of rows.")
        seen: set[Any] = set()
        for number, row in enumerate(rows, start=1):
            where = f"{path.name}: {table.name}, row {number}"
            _check_row(where, table, row)
            if row[table.key] in seen:
                raise ImportRefused(f"{where}: {table.key} {row[table.key]!r} appears twice.")
            seen.add(row[table.key])
            for column in table.columns:
                target = column.refers_to
                value = row[column.name]
                if target and value is not None and value not in _ids(checked, known, target):
                    raise ImportRefused(
                        f"{where}: {column.name} {value} points at no row of {target}."
                    )
        checked[table.name] = rows
    return checked


def _ids(checked: Tables, known: dict[str, Table], table: str) -> set[Any]:
    key = known[table].key
    return {row[key] for row in checked.get(table, [])}


def _check_row(where: str, table: Table, row: Any) -> None:
    if not isinstance(row, dict):
        raise ImportRefused(f"{where}: should be an object of column values.")
    names = {c.name for c in table.columns}
    for name in row:
        if name not in names:
            raise ImportRefused(f"{where}: '{name}' is not a column of {table.name}.")
    for column in table.columns:
        if column.name not in row:
            raise ImportRefused(f"{where}: {column.name} is missing.")
        problem = _problem(table.name, column, row[column.name])
        if problem:
            raise ImportRefused(f"{where}: {column.name} {problem}.")
    if table.name == "setting":
        problem = setting_problem(row["key"], row["value"])
        if problem:
            raise ImportRefused(f"{where}: value {problem}.")


def _problem(table: str, column: Column, value: Any) -> str | None:
    if value is None:
        return None if column.nullable else "is empty, and it is needed"
    if column.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"should be a whole number, not {value!r}"
        low, high = RANGES.get((table, column.name), (-(2**63), 2**63 - 1))
        if not low <= value <= high:
            return f"is {value}, outside {low} to {high}"
    elif column.kind == "float":
        if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
            return f"should be a number, not {value!r}"
        if abs(value) > 1e9:
            return f"is {value}, which is not a believable number of seconds"
    elif not isinstance(value, str):
        return f"should be text, not {value!r}"
    elif column.kind == "time":
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return f"should be a date and time like 2026-03-02T08:00:00+00:00, not {value!r}"
        if when.tzinfo is None:
            return f"has no time zone: {value!r}"
    elif "\x00" in value:
        return "holds a NUL character"
    return None


# Import: merge.


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
