"""Import, attacked: seeded mutations of real exports (JSON and a zip of CSV files) in their
shapes, sizes, nesting, values and times. Every file is either refused with a message naming
it, or imported whole, after which the program still starts and draws every screen's figures.
Big files run in a process of their own with a memory limit and a time limit."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.core.figures import Range
from coach.resources import locate
from coach.services import Services
from coach.services.progress import Chart
from coach.store.transfer import ImportRefused, read_file
from coach.store.transfer.check import EARLIEST
from coach.store.transfer.tables import schema
from tests.bench.synthetic import make_history, many_rows

SEED = 20261130
CASES = 120  # of each kind, JSON and CSV
MEMORY = 500 * 2**20  # what an import of a big file may take, in bytes
SECONDS = 10  # and how long

Document = dict[str, Any]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, dict[str, bytes]]:
    """A real export of a few months, as JSON (parsed) and as the zip's members."""
    folder = tmp_path_factory.mktemp("source")
    make_history(folder, years=1, daily=False, end=date(2026, 3, 1))
    Services.open(folder, locate()).data.export(folder / "all.json", "json")
    document = json.loads((folder / "all.json").read_text())
    kept: dict[str, set[Any]] = {}
    for table in schema():  # a few of each, their parents kept too: quick to mutate and merge
        rows = [
            row
            for row in document["tables"].get(table.name, [])
            if all(row[c.name] is None or row[c.name] in kept[c.refers_to]
                   for c in table.columns if c.refers_to)
        ][:40]  # fmt: skip
        document["tables"][table.name] = rows
        kept[table.name] = {row[table.key] for row in rows}
    (folder / "few.json").write_text(json.dumps(document))
    few = Services.open(folder / "few", locate())
    few.data.merge(read_file(folder / "few.json"))
    few.data.export(folder / "all.zip", "csv")
    with zipfile.ZipFile(folder / "all.zip") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return document, members


# Values a mutation puts in a cell: wrong kinds, edges, and times that pass a quick look.
ODD_VALUES: list[Any] = [
    None, "", " ", 0, -1, 1, 2**63, -(2**63) - 1, 10**400, 1.5, float("nan"), float("inf"),
    True, [], {}, [1, [2, [3]]], {"a": {"b": {}}}, "x" * 1_001, "x" * 200_000, "\x00", "é" * 50,
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+00:00", "1999-12-31T23:59:59Z",
    "2026-02-30T08:00:00Z", "2026-01-10T08:00:00", "2026-01-10", "2026-01-10T08:00:00+14:00",
    "2026-01-10T08:00:00.000000+00:00", "2026-01-10T08:00:00Z", "2099-01-01T00:00:00Z",
    "NaN", "1e309", "0x10", "08", "-0", "finished", "halted: radiating", "morning-bridge-core",
]  # fmt: skip


def mutate_document(rng: random.Random, document: Document) -> bytes:
    """One seeded change to a JSON export, at any level."""
    doc = copy.deepcopy(document)
    tables = doc["tables"]
    name = rng.choice(sorted(tables))
    rows = tables[name]
    kind = rng.randrange(12)
    if kind <= 3 and rows:  # a cell set to an odd value
        row = rng.choice(rows)
        row[rng.choice(sorted(row))] = rng.choice(ODD_VALUES)
    elif kind == 4 and rows:  # a column gone, or one too many
        row = rng.choice(rows)
        if rng.random() < 0.5:
            row.pop(rng.choice(sorted(row)))
        else:
            row["unknown"] = 1
    elif kind == 5 and rows:  # a row twice, or a row whose parent is gone
        if rng.random() < 0.5:
            rows.append(copy.deepcopy(rng.choice(rows)))
        else:
            parent = rng.choice(sorted(tables))
            tables[parent] = tables[parent][1:]
    elif kind == 6:  # the shape of a level changed
        target = rng.choice(["tables", "rows", "row", "doc"])
        if target == "tables":
            doc["tables"] = list(tables.values())
        elif target == "rows":
            tables[name] = {"0": rows}
        elif target == "row" and rows:
            rows[0] = list(rows[0].values())
        else:
            return json.dumps([doc]).encode()
    elif kind == 7:  # the file's own facts
        key = rng.choice(["format", "version", "schema", "exported_at"])
        doc[key] = rng.choice(ODD_VALUES)
    elif kind == 8:  # deep nesting where a value is wanted
        depth = rng.choice([50, 5_000, 200_000])
        return json.dumps(doc)[:-1].encode() + b', "deep": ' + b"[" * depth + b"]" * depth + b"}"
    elif kind == 9:  # many copies of the rows, each its own
        tables[name] = [dict(r, id=i + 1) for i, r in enumerate(rows * rng.choice([2, 10]))]
    raw = json.dumps(doc, allow_nan=True).encode()
    if kind == 10:  # cut short
        return raw[: rng.randrange(len(raw))]
    if kind == 11:  # bytes damaged
        damaged = bytearray(raw)
        for _ in range(rng.choice([1, 5, 50])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        return bytes(damaged)
    return raw


def mutate_zip(rng: random.Random, members: dict[str, bytes]) -> bytes:
    """One seeded change to a zip of CSV files: a cell, a row, a header, a member."""
    files = dict(members)
    name = rng.choice(sorted(files))
    kind = rng.randrange(8)
    if kind <= 3:
        rows = list(csv.reader(io.StringIO(files[name].decode())))
        if len(rows) > 1:
            row = rng.choice(rows[1:]) if kind < 3 else rows[0]
            if kind == 0 and row:
                row[rng.randrange(len(row))] = str(rng.choice(ODD_VALUES))
            elif kind == 1 and row:
                row.pop()  # a short row
            elif kind == 2:
                row.append("1")  # a long row
            else:
                rows[0] = [h + "x" if rng.random() < 0.3 else h for h in rows[0]]
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        files[name] = out.getvalue().encode()
    elif kind == 4:
        files.pop(name)
    elif kind == 5:
        files[rng.choice(["../evil.csv", "/abs.csv", "notes.txt", "workout.csv.csv"])] = b"a\n1\n"
    elif kind == 6:
        files[name] = bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # a member twice is wanted here
        for member, data in files.items():
            archive.writestr(member, data)
        if kind == 7:
            archive.writestr(name, b"again")  # a member twice
    return buffer.getvalue()


def check_one(path: Path, data_dir: Path) -> str:
    """Refused with the file named, or imported whole and every screen's figures still
    drawn from the data: "refused" or "imported"."""
    try:
        tables = read_file(path)
    except ImportRefused as refused:
        assert str(refused).startswith(path.name), str(refused)
        return "refused"
    services = Services.open(data_dir, locate())
    services.data.merge(tables)
    opened = Services.open(data_dir, locate())  # the next start
    opened.home()
    figures = opened.progress()
    for chosen in Range:
        exercises = figures.exercises(chosen)
        for chart in Chart:
            figures.figures(chart, chosen, exercises[0][0] if exercises else None)
    for line in opened.history.lines():
        opened.history.detail(line.id)
    for workout in opened.workouts.workouts():
        assert workout.started_at >= EARLIEST
    return "imported"


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_every_mutated_export_is_refused_by_name_or_imported_and_the_program_still_starts(
    kind: str,
    exported: tuple[Document, dict[str, bytes]],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    rng = random.Random(f"{SEED}-{kind}")
    document, members = exported
    mutate: Callable[[], bytes] = (
        (lambda: mutate_document(rng, document))
        if kind == "json"
        else (lambda: mutate_zip(rng, members))
    )
    seen = {"refused": 0, "imported": 0}
    data_dir = tmp_path / "data"
    for case in range(CASES):
        path = tmp_path / f"case-{case}.{'json' if kind == 'json' else 'zip'}"
        path.write_bytes(mutate())
        seen[check_one(path, data_dir)] += 1
        path.unlink()
    # Both ends were reached: the mutations are neither all fatal nor all harmless.
    assert seen["refused"] > CASES // 4 and seen["imported"] > 0, seen
    assert "journal" not in caplog.text  # many opens and closes: no journal taken for lost


def big_files(folder: Path, document: Document) -> dict[str, Path]:
    """Files just under 50 MB (or inflating far past it) of the kinds that once ran away."""
    made = {}
    workout = document["tables"]["workout"][0]
    made["many rows"] = folder / "many.json"
    made["many rows"].write_text(json.dumps(many_rows(document)))
    made["one huge text"] = folder / "huge.json"
    made["one huge text"].write_text(
        json.dumps(
            dict(document, tables={"workout": [dict(workout, routine_title="x" * 45_000_000)]})
        )
    )
    made["deep"] = folder / "deep.json"
    made["deep"].write_bytes(b'{"format": ' + b"[" * 20_000_000 + b"]" * 20_000_000 + b"}")
    made["zip bomb"] = folder / "bomb.zip"
    with zipfile.ZipFile(made["zip bomb"], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("about.csv", "key,value\nformat,hip-core-coach export\nversion,1\n")
        with archive.open("workout.csv", "w", force_zip64=True) as member:
            chunk = b"1" * (1 << 20)
            for _ in range(1024):  # 1 GiB inflated, about 1 MB on disk
                member.write(chunk)
    for path in made.values():
        assert path.stat().st_size < 50_000_000
    return made


def limited() -> None:  # in the child, before it runs
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY, MEMORY))
    # Ten seconds of the processor's time (a loaded machine's waiting is not counted).
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS + 1))


@pytest.mark.skipif(os.name != "posix", reason="resource limits")
def test_a_big_file_is_imported_or_refused_within_the_memory_and_time_given(
    exported: tuple[Document, dict[str, bytes]], tmp_path: Path
) -> None:
    for what, path in big_files(tmp_path, exported[0]).items():
        data_dir = tmp_path / f"data-{path.stem}"
        done = subprocess.run(
            [sys.executable, "-m", "coach", "--data-dir", str(data_dir), "import", str(path)],
            capture_output=True, text=True, timeout=SECONDS * 6, preexec_fn=limited,
        )  # fmt: skip
        said = done.stdout + done.stderr
        assert done.returncode >= 0, (
            f"{what}: stopped by signal {-done.returncode} (time or memory)"
        )
        assert "Traceback" not in said and "MemoryError" not in said, (what, said[-2000:])
        if done.returncode == 0:
            assert said.startswith(f"Imported {path}"), (what, said)
        else:
            refused = f"coach: nothing was imported. {path.name}"
            assert done.returncode == 1 and said.startswith(refused), (what, said)
        path.unlink()
        shutil.rmtree(data_dir, ignore_errors=True)
