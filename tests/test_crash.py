"""Every set the program reports as done survives a SIGKILL of the real program."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import ROOT, sqlite

SAVED = re.compile(r"saved: workout (\d+), ([a-z-]+) set (\d+)(?: \((left|right)\))?")


@pytest.mark.slow
def test_sets_survive_the_program_being_killed_mid_workout(tmp_path: Path) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "tests.crash_driver", str(tmp_path), "reclined-stretches"]
    program = subprocess.Popen(
        [*command, "40"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, program.kill)  # never hang the suite
    watchdog.start()
    reported: list[tuple[int, str, int, str | None]] = []
    try:
        assert program.stderr is not None
        for line in program.stderr:
            if match := SAVED.search(line):
                workout, exercise, number, side = match.groups()
                reported.append((int(workout), exercise, int(number), side))
            if len(reported) == 4:
                break
        os.kill(program.pid, signal.SIGKILL)
        program.wait(timeout=30)
    finally:
        watchdog.cancel()
        program.kill()
        program.wait()
        if program.stderr is not None:
            program.stderr.close()
    assert program.returncode == -signal.SIGKILL
    assert len(reported) == 4, "the program stopped reporting sets"
    with sqlite(tmp_path / "coach.db") as connection:
        rows = connection.execute(
            "SELECT workout_id, exercise_id, set_number, side FROM workout_set"
        ).fetchall()
        outcome = connection.execute("SELECT outcome FROM workout").fetchall()
    assert set(reported) <= set(rows)
    assert rows[: len(reported)] == reported
    assert outcome == [(None,)]  # killed: neither finished nor ended early
