"""Long work on a worker thread: the window keeps going, Cancel stops it, errors come back."""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coach.store.transfer.tables import Progress
from coach.ui.background import in_background


def slow(seconds: float, steps: int = 50) -> tuple[list[int], Callable[[Progress], str]]:
    done: list[int] = []

    def work(progress: Progress) -> str:
        for step in range(steps):
            time.sleep(seconds / steps)
            done.append(step)
            progress((step + 1) / steps)
        return "finished"

    return done, work


def test_long_work_leaves_the_window_s_event_loop_running(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ticks: list[float] = []
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start(10)
    done, work = slow(0.6)
    assert in_background(window, "Working…", work) == "finished"
    beat.stop()
    assert len(done) == 50
    assert len(ticks) >= 20  # the window's timers ran all along
    gaps = [b - a for a, b in pairwise(ticks)]
    assert max(gaps) < 0.25


def test_cancel_stops_the_work_and_nothing_is_returned(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    done, work = slow(5.0, steps=500)
    pressed: list[bool] = []

    def press_cancel() -> None:
        dialog = window.findChild(QProgressDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, press_cancel)  # shown once the work has taken 300 ms
            return
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        button.click()
        pressed.append(True)

    QTimer.singleShot(100, press_cancel)
    started = time.perf_counter()
    assert in_background(window, "Working…", work) is None
    assert pressed and time.perf_counter() - started < 3.0
    assert 0 < len(done) < 500  # it stopped where it was


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise, no grab
def test_an_error_in_the_work_is_raised_to_the_caller_and_leaves_no_dialog(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)

    def work(_progress: Progress) -> None:
        raise OSError("the disk is full")

    with pytest.raises(OSError, match="the disk is full"):
        in_background(window, "Working…", work)
    # No dialog shows itself later and holds the keyboard: the next window is active.
    other = QWidget()
    qtbot.addWidget(other)
    with qtbot.waitActive(other, timeout=2000):
        other.show()
    qtbot.wait(400)
    assert not any(d.isVisible() for d in QApplication.topLevelWidgets()
                   if isinstance(d, QProgressDialog))  # fmt: skip
