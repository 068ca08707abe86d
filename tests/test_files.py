"""Files the person asks for (exports, sheets, charts, calendar files) are written whole,
owner-only, and never over the program's own data, a folder or a device."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.__main__ import main
from coach.files import RefusedTarget, write_private
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with a workout in its database."""
    folder = tmp_path / "data"
    WorkoutLog(open_database(folder / "coach.db")).begin("morning-bridge-core", "Morning")
    return folder


@pytest.mark.parametrize("name", ["coach.db", "coach.db-wal", "coach.db-shm"])
def test_an_export_over_the_live_database_or_its_files_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    target = data / name
    target.touch()  # the -wal and -shm may not be there between writes
    assert main(["--data-dir", str(data), "export", "-o", str(target)]) == 1
    said = capsys.readouterr().out
    assert f"{target} could not be written: it " in said
    assert "database" in said
    assert (data / "coach.db").read_bytes().startswith(b"SQLite format 3")
    assert len(WorkoutLog(open_database(data / "coach.db")).workouts()) == 1


def test_a_sheet_over_a_backup_is_refused_too(
    qapp: object, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """(`qapp`: the sheet is drawn with Qt, in the test run's one QApplication.)"""
    backup = data / "backups" / "coach-2026-03-01.db"
    backup.parent.mkdir()
    backup.write_bytes((data / "coach.db").read_bytes())
    before = backup.read_bytes()
    assert main(["--data-dir", str(data), "print", "hip-openers", "-o", str(backup)]) == 1
    assert "it is a database" in capsys.readouterr().out
    assert backup.read_bytes() == before


def test_a_folder_or_a_device_is_never_replaced(tmp_path: Path) -> None:
    with pytest.raises(RefusedTarget, match="it is a folder"):
        write_private(tmp_path, b"x")
    null = Path("/dev/null")
    with pytest.raises(RefusedTarget, match="device or another special file"):
        write_private(null, b"x")
    assert stat.S_ISCHR(null.stat().st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(RefusedTarget, match="special file"):
        write_private(fifo, b"x")


def test_a_file_is_written_whole_owner_only_and_a_link_names_its_file(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_private(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_leftovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the old sheet")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_private(target, b"%PDF" + b"x" * 10_000)
    assert target.read_bytes() == b"the old sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]
