"""Run one routine's workout in the real workout screen, at real speed, with the real
voice, and print when each cue was handed to the speech engine.

This is for hearing the cues, not for the test suite: it needs a speech engine
(speech-dispatcher with espeak-ng on Debian) and takes as long as the routine. Record
the machine's sound output meanwhile and compare, e.g. with PulseAudio:

    parec -d @DEFAULT_MONITOR@ --file-format=wav cues.wav &
    .venv/bin/python scripts/hear_cues.py morning-bridge-core
    kill %1; sox cues.wav -n stat

Usage: hear_cues.py ROUTINE_ID [--week N] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coach.app import build_main_window
from coach.core.cues import schedule
from coach.ui.voice.speech import Voice


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("routine")
    parser.add_argument("--week", type=int, default=1)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="coach-hear-"))
    voice = Voice()
    window = build_main_window(data_dir, voice=voice)
    if not voice.wait():
        print(f"No speech engine works here ({voice.problem or 'none found'}): nothing to"
              " hear.", file=sys.stderr)  # fmt: skip
        return 1
    catalogue = window.services.routines.catalogue()
    loaded = catalogue.routine(args.routine)
    if loaded is None:
        print(f"No routine {args.routine!r}.", file=sys.stderr)
        return 2
    plan = loaded.plan(catalogue.exercises, week=args.week)
    expected = schedule(plan, voice.settings.choice)
    print(f"{loaded.routine.title}: {len(expected)} cues planned over"
          f" {expected[-1][0]:.0f} s with {voice.engine_name}.")  # fmt: skip
    app = QApplication.instance()
    assert app is not None
    view = window.screens.workout.view
    started = time.monotonic()
    said_before = 0

    def report() -> None:
        nonlocal said_before
        for text in voice.said[said_before:]:
            print(f"{time.monotonic() - started:7.2f}  {text}", flush=True)
        said_before = len(voice.said)
        if view.controls.currentWidget() is view.check_bar:  # the check after an exercise
            QTest.keyClick(view, Qt.Key.Key_Return)  # "all fine", as a person would answer

    ticker = QTimer()
    ticker.timeout.connect(report)
    ticker.start(50)
    view.workout_over.connect(lambda _summary: QTimer.singleShot(4000, app.quit))
    window.show()
    view.begin(loaded, plan)
    window.show_screen(view)
    app.exec()
    report()
    print(f"{len(voice.said)} cues said; {len(expected)} planned.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
