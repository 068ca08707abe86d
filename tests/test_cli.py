"""The command line: `coach routines`, options, and the data folder it uses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coach import paths
from coach.__main__ import main, parse_args
from coach.cli import list_routines


def test_routines_lists_id_title_minutes_and_exercises(tmp_path: Path) -> None:
    out = io.StringIO()
    assert list_routines(tmp_path, out) == 0
    text = out.getvalue()
    assert "morning-bridge-core  Morning bridge & core  (6 min)" in text
    assert "    - Glute bridge\n" in text
    assert "    - Camel (left out: opt-in, turned off in settings)\n" in text
    assert "could not be read" not in text


def test_routines_reports_a_broken_file_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = paths.user_routines_dir(tmp_path)
    own.mkdir()
    (own / "bad.toml").write_text('id = "bad"\ntitle = "Bad"\nsummary = "s"\n[[item]]\n')
    (own / "ok.toml").write_text(
        'id = "ok"\ntitle = "Fine"\nsummary = "s"\n[[item]]\nexercise = "glute-bridge"\n'
    )
    assert main(["--data-dir", str(tmp_path), "routines"]) == 1
    text = capsys.readouterr().out
    assert "ok  Fine  (1 min)  [your own:" in text
    assert "1 routine file(s) could not be read:" in text
    assert f"{own / 'bad.toml'} (line 4, item 1, field 'exercise'): is missing (required)" in text


def test_the_data_folder_comes_from_the_option_then_the_environment(tmp_path: Path) -> None:
    assert paths.data_dir(str(tmp_path / "a"), {}) == tmp_path / "a"
    assert paths.data_dir(None, {"COACH_DATA_DIR": str(tmp_path / "b")}) == tmp_path / "b"
    assert paths.data_dir(str(tmp_path / "a"), {"COACH_DATA_DIR": "x"}) == tmp_path / "a"
    default = paths.data_dir(None, {})
    assert default.name == "coach" and default.is_absolute()


def test_time_scale_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args(["--time-scale", "20"]).time_scale == 20
    for bad in ("0", "-2", "fast"):
        with pytest.raises(SystemExit):
            parse_args(["--time-scale", bad])
    assert "is not a number" in capsys.readouterr().err


def test_plan_shows_the_days_and_writes_them_as_ics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import icalendar

    from tests.helpers import local_zone

    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "plan"]) == 0
    shown = capsys.readouterr().out
    assert "Workout days: Monday, Wednesday, Friday" in shown
    assert "Reminder: 18:00, off" in shown
    target = tmp_path / "plan.ics"
    with local_zone("America/New_York"):
        assert main([*data, "plan", "--ics", "-o", str(target), "--time", "06:45"]) == 0
    assert "(America/New_York)" in capsys.readouterr().out
    events = icalendar.Calendar.from_ical(target.read_text()).walk("VEVENT")
    assert sorted(str(e.get("RRULE")["BYDAY"][0]) for e in events) == ["FR", "MO", "WE"]
    for event in events:
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute, start.tzinfo.key) == (6, 45, "America/New_York")
    assert main([*data, "plan", "--ics", "-o", str(target), "--time", "6.45"]) == 2
    assert main([*data, "plan", "--ics"]) == 2
    assert "needs -o FILE" in capsys.readouterr().err


def test_plan_gives_the_routine_as_long_as_the_window_plans_it_this_week(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # First done ten days ago: week 2 of the block, with longer doses than week 1 (6 min).
    from datetime import UTC, datetime, timedelta

    from coach.core.outcome import Outcome
    from coach.core.workout import SetCompleted
    from coach.store.database import open_database
    from coach.store.workouts import WorkoutLog

    database = open_database(paths.database_path(tmp_path))
    then = datetime.now(UTC) - timedelta(days=10)
    log = WorkoutLog(database, now=lambda: then)
    workout = log.begin("morning-bridge-core", "Morning bridge & core", 1)
    log.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    log.finish(workout, Outcome.FINISHED)
    assert main(["--data-dir", str(tmp_path), "plan"]) == 0
    assert "Routine: Morning bridge & core, about 8 min" in capsys.readouterr().out


def damaged_with_a_backup(data: Path) -> Path:
    """A data folder whose database is damaged, with yesterday's good copy in backups/."""
    from coach.store.database import open_database
    from coach.store.workouts import WorkoutLog

    database = paths.database_path(data)
    opened = open_database(database)
    WorkoutLog(opened).begin("morning-bridge-core", "Morning")
    opened.close()  # the program is closed before the file is damaged
    backup = paths.backups_dir(data) / "coach-2026-03-01.db"
    backup.parent.mkdir()
    backup.write_bytes(database.read_bytes())
    database.write_bytes(b"not a database any more" * 200)
    for companion in data.glob("coach.db-*"):  # its write-ahead log went with it
        companion.unlink()
    return backup


@pytest.mark.parametrize("command", [["export", "-o", "out.json"], ["plan"]])
def test_a_command_that_finds_the_database_damaged_says_so_and_does_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    backup = damaged_with_a_backup(data)
    assert main(["--data-dir", str(data), *command]) == 1
    said = capsys.readouterr().out
    [kept] = data.glob("coach.db.damaged-*")
    assert f"It was kept as {kept}" in said and f"newest automatic backup is {backup}" in said
    assert "nothing was done" in said
    assert not (tmp_path / "out.json").exists()
    # Whatever opens the folder next says it too, until something new is kept.
    assert main(["--data-dir", str(data), "plan"]) == 0
    again = capsys.readouterr().out
    assert f"was kept as {kept}" in again and str(backup) in again


def test_an_import_into_a_damaged_folder_says_so_and_brings_the_data_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    source = tmp_path / "source"
    from coach.store.database import open_database
    from coach.store.workouts import WorkoutLog

    WorkoutLog(open_database(paths.database_path(source))).begin("morning-bridge-core", "M")
    assert main(["--data-dir", str(source), "export", "-o", str(tmp_path / "all.json")]) == 0
    damaged_with_a_backup(data)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "import", str(tmp_path / "all.json")]) == 0
    said = capsys.readouterr().out
    assert "could not be read" in said and "Added 1 workout" in said


def test_an_import_into_a_folder_that_cannot_be_written_keeps_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source"
    from coach.store.database import open_database
    from coach.store.workouts import WorkoutLog

    WorkoutLog(open_database(paths.database_path(source))).begin("morning-bridge-core", "M")
    assert main(["--data-dir", str(source), "export", "-o", str(tmp_path / "all.json")]) == 0
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    capsys.readouterr()
    assert main(["--data-dir", str(not_a_folder), "import", str(tmp_path / "all.json")]) == 1
    said = capsys.readouterr().out
    assert "nothing was imported: the data folder cannot be written" in said
    assert "Imported" not in said
    assert not_a_folder.read_text() == "mine"


def test_a_folder_where_the_data_file_should_be_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "coach.db").mkdir()
    assert main(["--data-dir", str(tmp_path), "plan"]) == 1
    assert capsys.readouterr().out == (
        f"coach: {tmp_path / 'coach.db'} is a folder, where Hip & Core Coach keeps its data"
        " file. Move it away, or choose another data folder (--data-dir).\n"
    )
