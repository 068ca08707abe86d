"""Runs the real program in its own process, answering the safety screen as a person
would (all no), then coaching a routine on sped-up real timers until it is killed.

Used by test_crash.py: python -m tests.crash_driver DATA_DIR ROUTINE SPEED
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from coach.app import build_main_window
from coach.core.clock import MonotonicClock, ScaledClock
from tests.driver import answer_checks_all_fine, start_with_all_no


def main() -> None:
    data_dir, routine, speed = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    logging.basicConfig(level=logging.INFO, format="coach: %(message)s")
    window = build_main_window(data_dir, clock=ScaledClock(MonotonicClock(), speed))
    window.show()
    start_with_all_no(window, routine)
    _checks = answer_checks_all_fine(window)
    QApplication.instance().exec()  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
