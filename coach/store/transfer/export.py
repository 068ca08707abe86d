"""Every row of every table, out to one JSON document or a zip of CSV files."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.files import write_private
from coach.store.database import OpenedDatabase
from coach.store.schema import SCHEMA_VERSION
from coach.store.transfer.tables import (
    ABOUT,
    FORMAT,
    VERSION,
    Progress,
    Tables,
    quiet,
    schema,
)


def export_tables(database: OpenedDatabase, progress: Progress = quiet) -> Tables:
    """Every row of every table, values as stored, in id order."""
    tables: Tables = {}
    every = schema()
    with database.connect() as db:
        for done, table in enumerate(every):
            progress(0.6 * done / len(every))
            names = [c.name for c in table.columns]
            cursor = db.execute(
                f'SELECT {", ".join(names)} FROM "{table.name}" ORDER BY {table.key}'
            )
            kept = tables[table.name] = []
            # A thousand rows at a time: one fetchall of 100,000 holds the interpreter, and
            # with it the window's thread, for a tenth of a second.
            while rows := cursor.fetchmany(1000):
                kept.extend(dict(zip(names, row, strict=True)) for row in rows)
    return tables


def export_file(
    database: OpenedDatabase, path: Path, kind: str, now: datetime, progress: Progress = quiet
) -> Tables:
    """Write everything to `path` as "json" or "csv" (a zip); OSError if it cannot be.
    `progress` hears how far it is (0 to 1), and may raise to stop it: until the file
    is complete, nothing is left behind."""
    tables = export_tables(database, progress)
    about = {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": now.astimezone(UTC).isoformat(timespec="seconds"),
    }
    data: bytes | Iterator[bytes]
    if kind == "json":
        rows = sum(len(rows) for rows in tables.values())
        data = _pieces({**about, "tables": tables}, rows, progress)
    elif kind == "csv":
        data = _zip(about, tables)
        progress(0.9)
    else:
        raise ValueError(f"unknown export format {kind!r}")
    write_private(path, data)
    return tables


PIECE = 1 << 16  # bytes written at a time


def _pieces(document: dict[str, Any], rows: int, progress: Progress) -> Iterator[bytes]:
    """The document as JSON, a piece at a time: no copy of the whole file is ever held in
    memory, and no one step holds the interpreter for long (the window's thread paints
    between pieces)."""
    expected = max(1, rows * 150)  # bytes, about: a row with its keys, indented
    encoder = json.JSONEncoder(indent=1, ensure_ascii=False)
    written, parts, size = 0, [], 0
    for part in encoder.iterencode(document):
        parts.append(part)
        size += len(part)
        if size >= PIECE:
            written += size
            progress(0.6 + 0.39 * min(1.0, written / expected))
            yield "".join(parts).encode()
            parts, size = [], 0
    yield "".join(parts).encode()


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
