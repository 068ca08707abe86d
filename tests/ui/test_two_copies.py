"""Two copies started on the same data: the second brings the first to the front."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.app import answer_second_copies
from coach.cli import import_data
from coach.instance import InstanceLock, ask_first_copy_to_show, folder
from tests.ui.conftest import MakePerson

HOLD = """
import sys, time
from pathlib import Path
from coach.instance import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_the_lock_is_held_by_one_process_and_let_go_when_it_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert InstanceLock(tmp_path).acquire() is False
    finally:
        holder.kill()  # as a crash would: no chance to clean up
        holder.communicate()
    mine = InstanceLock(tmp_path)
    assert mine.acquire() is True
    mine.release()


def test_a_first_copy_that_does_not_answer_is_not_waited_for_forever(tmp_path: Path) -> None:
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    assert ask_first_copy_to_show(tmp_path, wait=0.2) is False
    assert list(folder(tmp_path).iterdir()) == [folder(tmp_path) / "lock"]  # request gone
    lock.release()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_starting_a_second_copy_brings_the_first_to_the_front(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    person = make_person(data)
    lock = InstanceLock(data)
    assert lock.acquire()  # as run() does
    _watcher = answer_second_copies(person.window, data)
    person.window.showMinimized()
    second = subprocess.Popen(
        [sys.executable, "-m", "coach", "--data-dir", str(data)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    finally:
        second.kill()
        _, said = second.communicate()
    assert second.returncode == 0
    assert "already running; its window is now in front" in said
    assert not person.window.isMinimized()
    assert person.window.isVisible()
    lock.release()


def test_the_command_line_import_waits_for_the_program_to_close(tmp_path: Path) -> None:
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    export = tmp_path / "export.json"
    export.write_text("{}")
    out = io.StringIO()
    assert import_data(tmp_path, export, out) == 1
    assert "Hip & Core Coach is open on" in out.getvalue()
    assert not (tmp_path / "coach.db").exists()  # nothing touched
    lock.release()
