"""Everything the program makes is its owner's only: every folder it makes (not just the
last), the database, its backups, the lock, the note in the routines folder, and a
damaged file kept aside, whatever its mode was."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.__main__ import main
from coach.files import private_folder
from coach.instance import InstanceLock
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def desktop_umask() -> Iterator[None]:
    """A usual desktop's umask: new folders would be 0755, new files 0644."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_every_folder_made_for_the_data_is_owner_only(tmp_path: Path, desktop_umask: None) -> None:
    data = tmp_path / "home" / ".local" / "share" / "hip-core-coach"
    (tmp_path / "home").mkdir(mode=0o755)
    assert main(["--data-dir", str(data), "plan"]) == 0
    lock = InstanceLock(data)
    assert lock.acquire()
    lock.release()
    made = [tmp_path / "home" / ".local", tmp_path / "home" / ".local" / "share", data,
            data / "routines", data / "running"]  # fmt: skip
    assert {str(p): oct(mode(p)) for p in made} == {str(p): "0o700" for p in made}
    assert oct(mode(tmp_path / "home")) == "0o755"  # a folder already there is left alone
    for file in (data / "routines" / "README.txt", data / "running" / "lock"):
        assert oct(mode(file)) == "0o600", file


def test_a_damaged_file_kept_aside_is_owner_only_whatever_its_mode_was(tmp_path: Path) -> None:
    database = tmp_path / "coach.db"
    database.write_bytes(b"not a database" * 100)
    database.chmod(0o644)
    opened = open_database(database)
    [kept] = tmp_path.glob("coach.db.damaged-*")
    assert oct(mode(kept)) == "0o600"
    WorkoutLog(opened).begin("r", "R")
    assert oct(mode(database)) == "0o600"


def test_a_folder_made_meanwhile_by_another_copy_is_no_error(tmp_path: Path) -> None:
    private_folder(tmp_path / "a" / "b")
    private_folder(tmp_path / "a" / "b")  # already there: nothing to do
    assert oct(mode(tmp_path / "a")) == "0o700"
