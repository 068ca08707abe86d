"""Reading an export back, every value checked before anything is written."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from coach.store.schema import SCHEMA_VERSION, added_in, upgrade_rows
from coach.store.settings import setting_problem
from coach.store.transfer.tables import ABOUT, FORMAT, VERSION, Column, Row, Table, Tables, schema

RANGES = {("checkin", "pain"): (0, 10), ("activity_rating", "score"): (0, 10)}
# Ten years of a workout every day export to 24 MB of JSON, read in about a second and
# 150 MB. Anything over 60 MB (or a zip's tables inflating past it) is refused before it
# is read whole, so an import never needs much more than 400 MB.
MAX_FILE = MAX_INFLATED = 60_000_000
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # no time kept is older than the program
AHEAD = timedelta(days=1)  # a clock a little fast; no time kept is later than that
# Text: a name, a title or a word is short; a column holding JSON may be longer.
MAX_TEXT, MAX_JSON = 1_000, 100_000
JSON_COLUMNS = {("setting", "value"), ("safety_event", "answers"), ("safety_event", "cause"),
                ("block", "figures")}  # fmt: skip


class ImportRefused(Exception):
    """The file cannot be imported; the message says what is wrong, and nothing changed."""


def read_file(path: Path, now: datetime | None = None) -> Tables:
    """The tables of an export file, every value checked, times in UTC as the database
    keeps them. ImportRefused if any is wrong; `now` bounds the times (by default the
    clock's)."""
    raw = _read_bytes(path)
    if zipfile.is_zipfile(io.BytesIO(raw)):
        about, tables = _read_zip(path, raw)
    else:
        about, tables = _read_json(path, raw)
    version = _check_about(path, about)
    moment = now or datetime.now(UTC)
    checked = _check_tables(path, tables, version, moment + AHEAD)
    upgrade_rows(checked, version, moment)
    return checked


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: an ordinary file no bigger than an export can be."""
    try:
        if path.exists() and not path.is_file():
            raise ImportRefused(f"{path} is not an ordinary file: choose an export file.")
        size = path.stat().st_size
        if size > MAX_FILE:
            raise ImportRefused(f"{path} is {size:,} bytes, more than an export of this"
                                f" program can be ({MAX_FILE:,}).")  # fmt: skip
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE + 1)  # it may have grown since
    except OSError as error:
        raise ImportRefused(f"{path} cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE:
        raise ImportRefused(f"{path} is more than an export of this program can be.")
    return raw


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Each object as it is read. Being Python, it lets the window's thread have its turn
    between rows: json.loads alone holds the interpreter for the whole file (0.15 s for
    ten years)."""
    return dict(pairs)


def _read_json(path: Path, raw: bytes) -> tuple[dict[str, Any], Any]:
    try:
        document = json.loads(raw.decode("utf-8"), object_pairs_hook=_object)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(
            f"{path.name} is neither a JSON export nor a CSV zip from Hip & Core Coach ({error})."
        ) from None
    except RecursionError:
        raise ImportRefused(f"{path.name} is nested too deeply to be an export.") from None
    if not isinstance(document, dict):
        raise ImportRefused(f"{path.name}: the document should be an object with 'tables'.")
    return document, document.get("tables")


def _read_zip(path: Path, raw: bytes) -> tuple[dict[str, Any], Any]:
    known = {table.name: table for table in schema()}
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            listed = archive.namelist()
            names = set(listed)
            if len(names) < len(listed):
                twice = next(n for n in listed if listed.count(n) > 1)
                raise ImportRefused(f"{path.name}: the zip holds {twice} twice.")
            if ABOUT not in names:
                raise ImportRefused(f"{path.name}: the zip has no {ABOUT}; is it an export?")
            about_rows = _parse_csv(path, ABOUT, _member(path, archive, ABOUT))
            about: dict[str, Any] = {str(r.get("key")): r.get("value") for r in about_rows}
            for number in ("version", "schema"):
                if isinstance(about.get(number), str) and about[number].isdigit():
                    about[number] = int(about[number])
            tables: dict[str, Any] = {}
            budget = [MAX_INFLATED]  # what the tables may inflate to, together
            for name in sorted(names - {ABOUT}):
                table = name.removesuffix(".csv")
                if not name.endswith(".csv") or table not in known:
                    raise ImportRefused(f"{path.name}: {name} is not a table this program keeps.")
                rows = _parse_csv(path, name, _member(path, archive, name, budget))
                tables[table] = [_typed(known[table], row) for row in rows]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ImportRefused(f"{path.name}: the zip is damaged ({error}).") from None
    except RuntimeError as error:  # a member locked with a password
        raise ImportRefused(f"{path.name}: the zip cannot be read ({error}).") from None
    return about, tables


def _member(
    path: Path, archive: zipfile.ZipFile, name: str, budget: list[int] | None = None
) -> bytes:
    """One member of the zip, read in pieces and given up as soon as it inflates past
    what an export can be (a zip bomb stops there, its size list notwithstanding)."""
    left = (budget or [MAX_INFLATED])[0]
    pieces, total = [], 0
    with archive.open(name) as member:
        while piece := member.read(1 << 20):
            total += len(piece)
            if total > left:
                raise ImportRefused(f"{path.name}: {name} inflates to more than an export of"
                                    " this program can be.")  # fmt: skip
            pieces.append(piece)
    if budget is not None:
        budget[0] -= total
    return b"".join(pieces)


def _parse_csv(path: Path, name: str, data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{path.name}: {name} cannot be read as CSV ({error}).") from None
    for number, row in enumerate(rows, start=1):
        if None in row:  # cells past the header's
            raise ImportRefused(f"{path.name}: {name}, row {number} has more cells than the"
                                " header.")  # fmt: skip
        if any(cell is None for cell in row.values()):
            raise ImportRefused(f"{path.name}: {name}, row {number} has fewer cells than the"
                                " header.")  # fmt: skip
    return rows


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


def _check_about(path: Path, about: dict[str, Any]) -> int:
    """The export's schema version, once its format is known to be readable."""
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
    kept = about.get("schema", SCHEMA_VERSION)
    if not isinstance(kept, int) or isinstance(kept, bool) or not 1 <= kept <= SCHEMA_VERSION:
        raise ImportRefused(
            f"{path.name}: its data version ({kept!r}) is not one this program knows (1 to"
            f" {SCHEMA_VERSION}). If it came from a newer version, update the program."
        )
    return kept


def _check_tables(path: Path, tables: Any, version: int, latest: datetime) -> Tables:
    """Every row checked; a column added after the export's schema version may be
    missing, and is then empty. No time may be later than `latest`."""
    if not isinstance(tables, dict):
        raise ImportRefused(f"{path.name}: 'tables' is missing or is not an object.")
    known = {table.name: table for table in schema()}
    for name in tables:
        if name not in known:
            raise ImportRefused(f"{path.name}: '{name}' is not a table this program keeps.")
    checked: Tables = {}
    ids: dict[str, set[Any]] = {}  # each table's keys, made once (tables come parents first)
    for table in known.values():
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise ImportRefused(f"{path.name}: {table.name} should be a list of rows.")
        seen: set[Any] = set()
        for number, row in enumerate(rows, start=1):
            where = f"{path.name}: {table.name}, row {number}"
            _check_row(where, table, row, version, latest)
            if row[table.key] in seen:
                raise ImportRefused(f"{where}: {table.key} {row[table.key]!r} appears twice.")
            seen.add(row[table.key])
            for column in table.columns:
                target = column.refers_to
                value = row[column.name]
                if target and value is not None and value not in ids.get(target, ()):
                    raise ImportRefused(
                        f"{where}: {column.name} {value} points at no row of {target}."
                    )
        checked[table.name] = rows
        ids[table.name] = seen
    return checked


def _check_row(where: str, table: Table, row: Any, version: int, latest: datetime) -> None:
    if not isinstance(row, dict):
        raise ImportRefused(f"{where}: should be an object of column values.")
    names = {c.name for c in table.columns}
    for name in row:
        if name not in names:
            raise ImportRefused(f"{where}: '{name}' is not a column of {table.name}.")
    for column in table.columns:
        if column.name not in row and added_in(table.name, column.name) > version:
            row[column.name] = None  # kept from a version before the column
        if column.name not in row:
            raise ImportRefused(f"{where}: {column.name} is missing.")
        problem = _problem(table.name, column, row[column.name], latest)
        if problem:
            raise ImportRefused(f"{where}: {column.name} {problem}.")
        if column.kind == "time" and row[column.name] is not None:  # as the database keeps it
            when = datetime.fromisoformat(row[column.name]).astimezone(UTC)
            row[column.name] = when.isoformat(timespec="microseconds")
    if table.name == "setting":
        problem = setting_problem(row["key"], row["value"])
        if problem:
            raise ImportRefused(f"{where}: value {problem}.")


def _problem(table: str, column: Column, value: Any, latest: datetime) -> str | None:
    if value is None:
        return None if column.nullable else "is empty, and it is needed"
    if column.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"should be a whole number, not {_short(value)}"
        low, high = RANGES.get((table, column.name), (-(2**63), 2**63 - 1))
        if not low <= value <= high:
            return f"is {value}, outside {low} to {high}"
    elif column.kind == "float":
        if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
            return f"should be a number, not {_short(value)}"
        if abs(value) > 1e9:
            return f"is {value}, which is not a believable number of seconds"
    elif not isinstance(value, str):
        return f"should be text, not {_short(value)}"
    elif len(value) > (MAX_JSON if (table, column.name) in JSON_COLUMNS else MAX_TEXT):
        return f"is {len(value):,} characters long, more than this program ever writes"
    elif column.kind == "time":
        return _time_problem(value, latest)
    elif "\x00" in value:
        return "holds a NUL character"
    return None


def _time_problem(value: str, latest: datetime) -> str | None:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return f"should be a date and time like 2026-03-02T08:00:00+00:00, not {_short(value)}"
    if when.tzinfo is None:
        return f"has no time zone: {_short(value)}"
    try:
        utc = when.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= latest:
        return f"is {_short(value)}, outside the times this program keeps (from 2000 to today)"
    return None


def _short(value: Any) -> str:
    """A value as the message shows it: a long one cut short."""
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}..."
