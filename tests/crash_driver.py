"""Runs the real program in its own process, answering the safety screen as a person
would (all no), then coaching a routine on sped-up real timers until it is killed.

Used by test_crash.py: python -m tests.crash_driver DATA_DIR ROUTINE SPEED
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from coach.app import build_main_window
from coach.core.workout import MonotonicClock, ScaledClock


def main() -> None:
    data_dir, routine, speed = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    logging.basicConfig(level=logging.INFO, format="coach: %(message)s")
    window = build_main_window(data_dir, clock=ScaledClock(MonotonicClock(), speed))
    window.show()
    window.start_routine(routine)
    screen = window.safety.safety_view
    for row in screen.rows:
        row.set_answer(False)
    screen.continue_button.click()
    assert window.stack.currentWidget() is window.workout_view, "the workout did not start"
    view = window.workout_view

    def answer_checks() -> None:  # "all fine" after each exercise, as a person would
        if view.controls.currentWidget() is view.check_bar:
            view.check_bar.fine_button.click()

    checks = QTimer()
    checks.timeout.connect(answer_checks)
    checks.start(50)
    QApplication.instance().exec()  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
