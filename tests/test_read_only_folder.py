"""A data folder that can be read but not written (a read-only disk, a backup mounted read-only):
the command line and the window read everything in it, journal included, and change nothing."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach import paths
from coach.store.database import open_database
from coach.store.workouts import WorkoutLog

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX folders and mounts")

CANNOT = 97  # the shell's exit when the read-only mount cannot be made here


def in_read_only(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """`command` run while `folder` cannot be written: a read-only bind mount in a mount
    namespace of its own when root (root ignores a folder's mode), the folder's mode
    otherwise. Skipped, with the reason, where neither can be made."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        finally:
            folder.chmod(0o700)
    if shutil.which("unshare") is None:
        pytest.skip("as root, a read-only folder needs unshare (util-linux)")
    mount = f'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" || exit {CANNOT}; exec "$@"'
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", mount, str(folder), *command],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    if result.returncode == CANNOT or result.stderr.startswith("unshare:"):
        pytest.skip(f"a read-only mount cannot be made here: {result.stderr.strip()}")
    return result


def a_folder_with_a_journal(tmp_path: Path) -> Path:
    """A data folder as a program killed mid-session leaves it: two workouts, the second
    only in the -wal journal beside the database."""
    made = tmp_path / "made"
    database = paths.database_path(made)
    log = WorkoutLog(open_database(database))
    log.begin("morning-bridge-core", "Morning bridge & core")
    holder = sqlite3.connect(database)  # open: the journal is not folded in on closing
    holder.execute("SELECT COUNT(*) FROM workout").fetchone()
    log.begin("hip-openers", "Hip openers")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    for file in ("coach.db", "coach.db-wal"):
        shutil.copy2(made / file, data / file)
    holder.close()
    return data


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_command_line_exports_everything_from_a_read_only_folder_and_changes_nothing(
    tmp_path: Path,
) -> None:
    data = a_folder_with_a_journal(tmp_path)
    before = contents(data)
    out = tmp_path / "all.json"
    coach = [sys.executable, "-m", "coach", "--data-dir", str(data)]
    exported = in_read_only(data, *coach, "export", "-o", str(out))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert "Traceback" not in exported.stderr
    assert f"coach: {data}: the data folder cannot be written" in exported.stdout
    assert "nothing in it is changed" in exported.stdout
    titles = [w["routine_title"] for w in json.loads(out.read_text())["tables"]["workout"]]
    assert titles == ["Morning bridge & core", "Hip openers"]  # the journal's too

    planned = in_read_only(data, *coach, "plan")
    assert planned.returncode == 0, planned.stdout + planned.stderr
    assert "Workout days:" in planned.stdout

    imported = in_read_only(data, *coach, "import", str(out))
    assert imported.returncode == 1
    assert "nothing was imported: the data folder cannot be written" in imported.stdout
    assert contents(data) == before


WINDOW = """
import sys
from pathlib import Path
from coach.app import build_main_window
window = build_main_window(Path(sys.argv[1]))
window.show()
print(len(window.services.workouts.workouts()))
print(window.services.data.notice)
"""


def test_the_window_opens_a_read_only_folder_with_everything_in_it(tmp_path: Path) -> None:
    data = a_folder_with_a_journal(tmp_path)
    before = contents(data)
    opened = in_read_only(data, sys.executable, "-c", WINDOW, str(data))
    assert opened.returncode == 0, opened.stderr
    count, notice = opened.stdout.splitlines()[-2:]
    assert count == "2"
    assert notice.startswith(f"Nothing can be saved in your data folder, {data}")
    assert contents(data) == before
