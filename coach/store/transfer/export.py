"""Every row of every table, out to one JSON document or a zip of CSV files."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.files import write_private
from coach.store.database import OpenedDatabase
from coach.store.schema import SCHEMA_VERSION
from coach.store.transfer.tables import ABOUT, FORMAT, VERSION, Tables, schema

Progress = Callable[[float], None]


def _quiet(_fraction: float) -> None:
    """No one is told how far the work has gone."""


def export_tables(database: OpenedDatabase, progress: Progress = _quiet) -> Tables:
    """Every row of every table, values as stored, in id order."""
    tables: Tables = {}
    every = schema()
    with database.connect() as db:
        for done, table in enumerate(every):
            progress(0.6 * done / len(every))
            names = [c.name for c in table.columns]
            rows = db.execute(
                f'SELECT {", ".join(names)} FROM "{table.name}" ORDER BY {table.key}'
            ).fetchall()
            tables[table.name] = [dict(zip(names, row, strict=True)) for row in rows]
    return tables


def export_file(
    database: OpenedDatabase, path: Path, kind: str, now: datetime, progress: Progress = _quiet
) -> Tables:
    """Write everything to `path` as "json" or "csv" (a zip); OSError if it cannot be.
    `progress` hears how far it is (0 to 1), and may raise to stop it before the file is
    written."""
    tables = export_tables(database, progress)
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
    progress(0.9)  # the last moment to stop: after it, the file is written whole
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
