"""Export and import: the round trip, merging without duplicates, and bad files refused."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import tempfile
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.__main__ import main
from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
from coach.core.phases import Side
from coach.core.plan import PlanHistory
from coach.core.progress import Adherence
from coach.core.progression import Feeling
from coach.core.safety import HaltKind, Profile, ScreenKind
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.checkins import CheckinLog
from coach.store.database import OpenedDatabase, open_database
from coach.store.safety import SafetyLog
from coach.store.settings import PLAN_DAYS, PROFILE, Settings
from coach.store.transfer import (
    ImportRefused,
    export_file,
    export_tables,
    import_tables,
    read_file,
)
from coach.store.transfer.tables import Tables, schema
from coach.store.workouts import WorkoutLog
from tests.bench.synthetic import make_history
from tests.helpers import sqlite

NOW = datetime(2026, 3, 20, 9, tzinfo=UTC)


def history(folder: Path, start: datetime) -> OpenedDatabase:
    """Two workouts with sets, a skip, a feeling, check-ins with activities, a halt,
    a clearance and settings: a row in every table, written through the real store."""
    database = open_database(folder / "coach.db")
    now = [start]
    log, checkins = WorkoutLog(database, lambda: now[0]), CheckinLog(database, lambda: now[0])
    safety = SafetyLog(database, lambda: now[0])
    block = checkins.start_block("morning-bridge-core")
    checkins.record(
        block, CheckinKind.BASELINE, 6, activities={"Putting on socks": 7, "Gardening": 5}
    )
    for day in range(2):
        now[0] = start + timedelta(days=2 * day)
        workout = log.begin("morning-bridge-core", "Morning bridge & core", 6)
        checkins.record(block, CheckinKind.BEFORE_WORKOUT, 5 - day, workout_id=workout)
        log.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
        log.record_set(workout, SetCompleted("bird-dog", Side.LEFT, 1, 6, 2.5))
        log.record_skip(workout, ExerciseSkipped("dead-bug", 0))
        log.record_feeling(workout, "glute-bridge", Feeling.ABOUT_RIGHT)
        checkins.record(block, CheckinKind.AFTER_WORKOUT, 3, workout_id=workout)
        log.finish(workout, Outcome.FINISHED)
    log.halt(workout, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
    safety.clear([halt.id for halt in safety.halts()])
    checkins.fix_figures(block, Adherence((2, 0, 0), (2, 2, 2), halts=1).to_json())
    Settings(database, lambda: now[0]).write(
        (PLAN_DAYS, PlanHistory().changed({1, 3}, start.date())),
        (PROFILE, Profile(facts={"cancer": True}, birth_year=1961,
                          history_checked=start.date(), history_asked=True)),
    )  # fmt: skip
    return database


def test_export_then_import_into_a_fresh_folder_gives_the_same_data(tmp_path: Path) -> None:
    original = history(tmp_path / "a", NOW)
    first = export_tables(original)
    assert all(first[table.name] for table in schema())  # every table has rows to carry
    for kind in ("json", "csv"):
        path = tmp_path / f"export.{kind}"
        export_file(original, path, kind, NOW)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the owner's only
        fresh = open_database(tmp_path / f"fresh-{kind}" / "coach.db")
        report = import_tables(fresh, read_file(path))
        assert report.added["workout"] == 2 and report.added["workout_set"] == 4
        assert export_tables(fresh) == first
        # The same file again adds nothing.
        again = import_tables(fresh, read_file(path))
        assert not any(again.added.values())
        assert again.already["workout_set"] == 4
        assert export_tables(fresh) == first
    with zipfile.ZipFile(tmp_path / "export.csv") as archive:
        assert sorted(archive.namelist()) == sorted(
            ["about.csv", *(f"{table.name}.csv" for table in schema())]
        )
        header = archive.read("workout_set.csv").decode().splitlines()[0]
    assert header == "id,workout_id,exercise_id,side,set_number,reps,hold_seconds,completed_at"
    document = json.loads((tmp_path / "export.json").read_text())
    assert (document["format"], document["version"]) == ("hip-core-coach export", 1)


def test_the_new_fields_travel_with_an_export(tmp_path: Path) -> None:
    original = history(tmp_path / "a", NOW)
    path = tmp_path / "export.json"
    export_file(original, path, "json", NOW)
    fresh = open_database(tmp_path / "fresh" / "coach.db")
    import_tables(fresh, read_file(path))
    [halt] = SafetyLog(fresh).halts()
    assert halt.causes == ("leg-pain",) and halt.cleared_at is not None
    [block] = CheckinLog(fresh).blocks()
    assert CheckinLog(fresh).figures(block.id) is not None
    assert {w["planned_sets"] for w in export_tables(fresh)["workout"]} == {6}
    settings = Settings(fresh, lambda: NOW)
    assert settings.read(PLAN_DAYS).current == {1, 3}
    assert settings.read(PROFILE).history_checked == NOW.date()


def v3_export(fixture: Path) -> dict[str, Any]:
    """What the version before wrote: every row of the schema 3 tables, as stored."""
    with sqlite(fixture) as connection:
        tables = {}
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            cursor = connection.execute(f'SELECT * FROM "{name}" ORDER BY 1')
            names = [d[0] for d in cursor.description]
            tables[name] = [dict(zip(names, row, strict=True)) for row in cursor]
    return {"format": "hip-core-coach export", "version": 1, "schema": 3,
            "exported_at": "2026-03-25T09:00:00+00:00", "tables": tables}  # fmt: skip


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_an_export_from_the_version_before_imports_cleanly(tmp_path: Path, kind: str) -> None:
    document = v3_export(Path(__file__).parent / "fixtures" / "v3-history.db")
    assert "cause" not in document["tables"]["safety_event"][0]  # truly the old shape
    path = tmp_path / f"old.{kind}"
    if kind == "json":
        path.write_text(json.dumps(document))
    else:
        with zipfile.ZipFile(path, "w") as archive:
            about = [("key", "value"), *((k, v) for k, v in document.items() if k != "tables")]
            archive.writestr("about.csv", "".join(f"{k},{v}\n" for k, v in about))
            for name, rows in document["tables"].items():
                text = io.StringIO()
                writer = csv.writer(text, lineterminator="\n")
                writer.writerow(list(rows[0]) if rows else [])
                writer.writerows([["" if v is None else v for v in row.values()] for row in rows])
                archive.writestr(f"{name}.csv", text.getvalue())
    fresh = open_database(tmp_path / "fresh" / "coach.db")
    report = import_tables(fresh, read_file(path))
    assert report.added["workout"] == 6 and report.added["safety_event"] == 5
    # As migrating the same data would leave it: causes, the all-clear's halt, the history.
    halts = SafetyLog(fresh).halts()
    assert [(h.causes, h.cleared_at is not None) for h in halts] == [
        (("history",), False), (("leg-pain",), True), (("saddle-numbness",), False),
        (("check-numbness-serious",), False),
    ]  # fmt: skip
    assert Settings(fresh, lambda: NOW).read(PROFILE).facts["cancer"] is True
    outcomes = [w["outcome"] for w in export_tables(fresh)["workout"]]
    assert outcomes == ["finished", "ended early", "ended early", "halted: radiating", None,
                        "halted: emergency"]  # fmt: skip


def test_a_second_machines_history_merges_in_with_its_sets_attached(tmp_path: Path) -> None:
    mine = history(tmp_path / "mine", NOW)
    theirs = history(tmp_path / "theirs", NOW + timedelta(days=30))  # same ids, other days
    path = tmp_path / "theirs.json"
    export_file(theirs, path, "json", NOW)
    report = import_tables(mine, read_file(path))
    assert report.added["workout"] == 2 and report.added["block"] == 1
    assert report.already["setting"] == 2  # the plan and the profile set here are kept
    merged = export_tables(mine)
    assert len(merged["workout"]) == 4 and len(merged["workout_set"]) == 8
    started = {w["id"]: w["started_at"] for w in merged["workout"]}
    by_day: dict[str, int] = {}
    for row in merged["workout_set"]:
        day = started[row["workout_id"]][:10]
        by_day[day] = by_day.get(day, 0) + 1
    assert sorted(by_day.values()) == [2, 2, 2, 2]  # each workout keeps its own two sets
    blocks = {b["id"] for b in merged["block"]}
    assert {c["block_id"] for c in merged["checkin"]} == blocks  # both blocks have check-ins


def test_a_year_of_synthetic_history_round_trips(tmp_path: Path) -> None:
    make_history(tmp_path / "year", years=1, daily=False, end=date(2026, 3, 1))
    database = open_database(tmp_path / "year" / "coach.db")
    export_file(database, tmp_path / "year.zip", "csv", NOW)
    fresh = open_database(tmp_path / "fresh" / "coach.db")
    import_tables(fresh, read_file(tmp_path / "year.zip"))
    assert export_tables(fresh) == export_tables(database)


# Malformed files: each is refused with a message naming what is wrong, and nothing changes.

Mutation = tuple[str, int, str, Any]
FIXTURES = [HealthCheck.function_scoped_fixture]  # each example makes its own folders
BAD_VALUES = {
    "int": st.one_of(st.text(max_size=5), st.floats(allow_nan=False), st.booleans()),
    "float": st.one_of(st.text(min_size=1, max_size=5), st.booleans()),
    "text": st.one_of(
        st.integers(), st.floats(allow_nan=False), st.booleans(), st.lists(st.none())
    ),
    "time": st.one_of(
        st.text(max_size=12).filter(lambda t: not _is_time(t)),
        st.just("2026-03-02T08:00:00"),  # no time zone
        st.integers(),
    ),
}


def _is_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


@st.composite
def broken_value(draw: st.DrawFn) -> Mutation:
    """One cell of a good export given a value its column cannot hold."""
    tables = [t for t in schema() if t.name != "setting"]
    table = draw(st.sampled_from(tables))
    column = draw(st.sampled_from([c for c in table.columns if not c.key]))
    refused: list[Any] = [999, "1"] if column.nullable else [999, "1", None]
    value = draw(st.sampled_from(refused) if column.refers_to else BAD_VALUES[column.kind])
    return table.name, 0, column.name, value


@st.composite
def broken_shape(draw: st.DrawFn) -> tuple[str, str]:
    """A structural fault, and the words the refusal must contain."""
    table = draw(st.sampled_from([t for t in schema() if t.name != "setting"]))
    column = draw(st.sampled_from([c for c in table.columns if not c.key]))
    kind = draw(st.sampled_from(["missing column", "extra column", "unknown table", "pain"]))
    return kind, f"{table.name}.{column.name}"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A good export (as JSON text) and a database to import it into, made once."""
    folder = tmp_path_factory.mktemp("good")
    path = folder / "good.json"
    export_file(history(folder / "source", NOW), path, "json", NOW)
    target = history(folder / "target", NOW + timedelta(days=60))
    return path.read_text(), target.path


def _good(good: tuple[str, Path]) -> tuple[dict[str, Any], OpenedDatabase, Tables]:
    """A fresh copy of both for one example."""
    text, template = good
    folder = Path(tempfile.mkdtemp())
    shutil.copy(template, folder / "coach.db")
    target = open_database(folder / "coach.db")
    return json.loads(text), target, export_tables(target)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutation=broken_value())
def test_a_value_of_the_wrong_kind_is_refused_by_name(
    good: tuple[str, Path], mutation: Mutation
) -> None:
    document, target, before = _good(good)
    table, row, column, value = mutation
    document["tables"][table][row][column] = value
    bad = target.path.parent / "bad.json"
    bad.write_text(json.dumps(document))
    with pytest.raises(ImportRefused) as refused:
        import_tables(target, read_file(bad))
    assert f"bad.json: {table}, row 1: {column} " in str(refused.value)
    assert export_tables(target) == before


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fault=broken_shape())
def test_a_file_of_the_wrong_shape_is_refused_by_name(
    good: tuple[str, Path], fault: tuple[str, str]
) -> None:
    document, target, before = _good(good)
    kind, where = fault
    table, column = where.split(".")
    rows = document["tables"][table]
    if kind == "missing column":
        del rows[0][column]
        expected = f"{table}, row 1: {column} is missing"
    elif kind == "extra column":
        rows[0]["mood"] = "fine"
        expected = f"{table}, row 1: 'mood' is not a column of {table}"
    elif kind == "unknown table":
        document["tables"][f"{table}s"] = []
        expected = f"'{table}s' is not a table this program keeps"
    else:
        document["tables"]["checkin"][0]["pain"] = 11
        expected = "checkin, row 1: pain is 11, outside 0 to 10"
    bad = target.path.parent / "bad.json"
    bad.write_text(json.dumps(document))
    with pytest.raises(ImportRefused, match=expected.replace("(", r"\(")):
        import_tables(target, read_file(bad))
    assert export_tables(target) == before


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=1, max_value=400), noise=st.binary(max_size=30))
def test_a_truncated_or_damaged_file_is_refused(
    good: tuple[str, Path], cut: int, noise: bytes
) -> None:
    text, template = good
    folder = Path(tempfile.mkdtemp())
    exports = {"json": text.encode()}
    export_file(open_database(template), folder / "export.zip", "csv", NOW)
    exports["csv"] = (folder / "export.zip").read_bytes()
    for kind, data in exports.items():
        path = folder / f"damaged.{kind}"
        path.write_bytes(data[: len(data) * cut // 401] + noise)
        try:
            tables = read_file(path)
        except ImportRefused as refused:
            assert path.name in str(refused)
        else:  # the noise happened to put back exactly what was cut
            assert tables == export_tables(open_database(template))


def test_a_bad_cell_in_a_csv_zip_is_named(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    export_file(history(tmp_path / "source", NOW), path, "csv", NOW)
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    lines = files["workout_set.csv"].splitlines()
    lines[1] = lines[1].replace(",10,", ",ten,")
    files["workout_set.csv"] = "\n".join(lines)
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    with pytest.raises(ImportRefused) as refused:
        read_file(path)
    assert str(refused.value) == (
        "export.zip: workout_set, row 1: reps should be a whole number, not 'ten'."
    )


def zip_files(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def write_zip(path: Path, files: list[tuple[str, str]]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files:
            archive.writestr(name, text)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda line: line + ",9", "workout_set.csv, row 1 has more cells than the header."),
        (lambda line: line.rsplit(",", 2)[0], "workout_set.csv, row 1 has fewer cells than the"
         " header."),
    ],
)  # fmt: skip
def test_a_csv_row_with_cells_missing_or_left_over_is_refused(
    tmp_path: Path, change: Any, said: str
) -> None:
    path = tmp_path / "export.zip"
    export_file(history(tmp_path / "source", NOW), path, "csv", NOW)
    files = zip_files(path)
    lines = files["workout_set.csv"].splitlines()
    lines[1] = change(lines[1])
    files["workout_set.csv"] = "\n".join(lines)
    write_zip(path, list(files.items()))
    with pytest.raises(ImportRefused) as refused:
        read_file(path)
    assert str(refused.value) == f"export.zip: {said}"


def test_a_zip_holding_a_table_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    export_file(history(tmp_path / "source", NOW), path, "csv", NOW)
    files = list(zip_files(path).items())
    with pytest.warns(UserWarning, match="Duplicate name"):
        write_zip(path, [*files, ("workout.csv", files[-1][1])])
    with pytest.raises(ImportRefused, match=r"^export.zip: the zip holds workout.csv twice.$"):
        read_file(path)


@pytest.mark.parametrize(
    ("when", "said"),
    [
        ("9999-12-31T23:59:59-23:59", "'9999-12-31T23:59:59-23:59', outside the times"),
        ("1999-12-31T23:00:00+00:00", "'1999-12-31T23:00:00+00:00', outside the times"),
        ("2026-04-01T09:00:00+00:00", "'2026-04-01T09:00:00+00:00', outside the times"),
    ],
)
def test_a_time_outside_what_can_be_true_is_refused_and_nothing_changes(
    tmp_path: Path, good: tuple[str, Path], when: str, said: str
) -> None:
    document, target, before = _good(good)
    document["tables"]["workout"][0]["started_at"] = when
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportRefused) as refused:
        read_file(path, now=NOW + timedelta(days=10))  # 1 April is then to come
    assert str(refused.value).startswith(f"bad.json: workout, row 1: started_at is {said}")
    assert export_tables(target) == before


def test_times_are_kept_in_utc_so_the_same_moment_is_the_same_row(tmp_path: Path) -> None:
    mine = history(tmp_path / "mine", NOW)
    path = tmp_path / "mine.json"
    export_file(mine, path, "json", NOW)
    document = json.loads(path.read_text())
    for row in document["tables"]["workout"]:  # the same moments, spelled otherwise
        when = datetime.fromisoformat(row["started_at"])
        row["started_at"] = when.astimezone(timezone(timedelta(hours=-5))).isoformat()
    for table in document["tables"].values():
        for row in table:
            for column, value in row.items():
                if isinstance(value, str) and value.endswith("+00:00") and "T" in value:
                    row[column] = value.removesuffix("+00:00") + "Z"
    path.write_text(json.dumps(document))
    tables = read_file(path)
    assert tables["workout"][0]["started_at"].endswith("+00:00")
    report = import_tables(mine, tables)
    assert not any(report.added.values())  # every row recognised as already there


def test_text_longer_than_the_program_ever_writes_is_refused_at_once(
    tmp_path: Path, good: tuple[str, Path]
) -> None:
    document, _, _ = _good(good)
    document["tables"]["workout"][0]["routine_title"] = "x" * 2_000_000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportRefused) as refused:
        read_file(path)
    assert str(refused.value) == (
        "long.json: workout, row 1: routine_title is 2,000,000 characters long, more than this"
        " program ever writes."
    )


def test_a_newer_format_or_a_missing_file_is_refused_clearly(
    tmp_path: Path, good: tuple[str, Path]
) -> None:
    document = json.loads(good[0])
    document["version"] = 2
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document))
    with pytest.raises(ImportRefused, match="newer version of the program"):
        read_file(newer)
    with pytest.raises(ImportRefused, match="cannot be read"):
        read_file(tmp_path / "nothing-here.json")


def test_export_and_import_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history(tmp_path / "a", NOW)
    out = tmp_path / "all.zip"
    assert main(["--data-dir", str(tmp_path / "a"), "export", "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Exported 1 three-week block, ")
    assert zipfile.is_zipfile(out)  # .zip means CSV in a zip
    assert main(["--data-dir", str(tmp_path / "b"), "import", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Added 1 three-week block, 1 clinician's all-clear, 2 settings, 2 workouts" in said
    assert main(["--data-dir", str(tmp_path / "b"), "import", str(out)]) == 0
    assert "Added nothing new." in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    assert main(["--data-dir", str(tmp_path / "b"), "import", str(bad)]) == 1
    assert capsys.readouterr().out.startswith("coach: nothing was imported. bad.json is neither")
    unwritable = tmp_path / "no such folder" / "x.json"
    assert main(["--data-dir", str(tmp_path / "a"), "export", "-o", str(unwritable)]) == 1
    assert "could not be written" in capsys.readouterr().out


def test_a_device_a_folder_or_a_deeply_nested_file_is_refused_in_one_line(
    tmp_path: Path,
) -> None:
    for path in (Path("/dev/zero"), tmp_path):  # /dev/zero would be read for ever
        with pytest.raises(ImportRefused, match="is not an ordinary file: choose an export"):
            read_file(path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ImportRefused, match=r"^deep.json is nested too deeply to be an export"):
        read_file(deep)


def test_a_file_bigger_than_an_export_can_be_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 5_000)
    monkeypatch.setattr("coach.store.transfer.check.MAX_FILE", 4_000)
    with pytest.raises(ImportRefused, match="is 5,000 bytes, more than an export"):
        read_file(big)


def test_a_zip_that_inflates_past_what_an_export_can_be_is_given_up_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.zip"
    export_file(history(tmp_path / "source", NOW), path, "csv", NOW)
    files = list(zip_files(path).items())
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files:
            archive.writestr(name, text + ("\n" * 3_000_000 if name == "workout.csv" else ""))
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr("coach.store.transfer.check.MAX_INFLATED", 1_000_000)
    with pytest.raises(ImportRefused, match=r"workout\.csv inflates to more than an export"):
        read_file(bomb)


def test_a_zip_member_locked_with_a_password_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    export_file(history(tmp_path / "source", NOW), path, "csv", NOW)
    raw = bytearray(path.read_bytes())
    # Mark every member as encrypted (general purpose flag bit 0), as a locked zip says.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := raw.find(signature, start)) != -1:
            raw[found + offset] |= 1
            start = found + 4
    path.write_bytes(bytes(raw))
    with pytest.raises(ImportRefused, match=r"^export.zip: the zip cannot be read \("):
        read_file(path)


class Stop(Exception):
    pass


def test_an_import_or_export_stopped_late_keeps_nothing(tmp_path: Path) -> None:
    source = open_database(tmp_path / "from" / "coach.db")
    log = WorkoutLog(source, lambda: datetime(2026, 3, 2, 8, tzinfo=UTC))
    for _ in range(4):  # 2,404 rows: told at the 1,000th and the 2,000th
        workout = log.begin("morning-bridge-core", "Morning bridge & core", 600)
        for number in range(600):
            log.record_set(workout, SetCompleted("glute-bridge", None, number, 10, None))
    tables = export_tables(source)
    heard: list[float] = []

    def stop_late(fraction: float) -> None:
        heard.append(fraction)
        if fraction > 0.8:
            raise Stop

    target = open_database(tmp_path / "to" / "coach.db")
    with pytest.raises(Stop):
        import_tables(target, tables, stop_late)
    assert len(heard) == 2 and 0.4 < heard[0] < 0.5  # told as it went
    assert export_tables(target)["workout"] == [] and export_tables(target)["workout_set"] == []

    heard.clear()
    with pytest.raises(Stop):
        export_file(source, tmp_path / "out.json", "json", datetime.now(UTC), stop_late)
    # Stopped while the file was being written: neither it nor a part of it is left.
    assert 0.8 < heard[-1] < 1 and sorted(p.name for p in tmp_path.iterdir()) == ["from", "to"]
