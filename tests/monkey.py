"""A seeded random walk over the real window's keys, as a person trying everything would.

Each step presses one key drawn from the keys the screen on show offers (the keys named
on its buttons, "0-9" where a scale says so) and Tab, Enter, Esc and the arrows, or lets
a few seconds pass on the workout's clock. Dialogs that would wait for a person (a
question, a file to choose, the print preview) are answered at once from the same
seed, and nothing is opened outside the program.

After each step the walk checks that the window is still there and that no Python
exception reached Qt; every tenth step, and whenever the screen changes, that no word
on screen is cut off. A failure says the seed and the keys so far, so it can be
replayed: `Walk(window, clock, seed=...)` with the same start gives the same keys.
While it runs, the seed and every key go to a trail file as well, for a crash that
takes the process with it (faulthandler prints where; the trail says how).

Used by tests/ui/test_monkey.py (2,000 keys from each screen) and tests/bench/monkey.py
(50,000 keys over every screen).
"""

from __future__ import annotations

import random
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType
from typing import TextIO
from unittest.mock import patch

import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from coach.ui.main_window import MainWindow
from tests.helpers import FakeClock

COMMON = ("Tab", "Return", "Escape", "Left", "Right", "Up", "Down")
NEVER = {"Ctrl+Q"}  # quitting ends the walk, not the program's fault
NAMES = {"Esc": "Escape", "Enter": "Return", "Del": "Delete", "←": "Left", "→": "Right",
         "↑": "Up", "↓": "Down"}  # fmt: skip
KEY_IN_WORDS = re.compile(r"\[([^\]]+)\]")


class WalkFailed(AssertionError):
    pass


def shown_keys(window: MainWindow) -> list[str]:
    """The keys the screen on show names (on its buttons, or "0-9" in its words), and
    Alt+D for the Data menu; or a popup's own keys while one is open."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return ["Down", "Up", "Return", "Escape"]
    screen = window.showing()
    keys: set[str] = {"Alt+D"}
    if screen is None:
        return sorted(keys)
    for button in screen.findChildren(QAbstractButton):
        if not (button.isVisible() and button.isEnabled()):
            continue
        for named in KEY_IN_WORDS.findall(button.text()):
            for key in named.split(" or "):
                key = NAMES.get(key.strip(), key.strip())
                if key not in NEVER and not QKeySequence(key).isEmpty():
                    keys.add(key)
    if any("0-9" in label.text() for label in screen.findChildren(QLabel) if label.isVisible()):
        keys.update("0123456789")
    return sorted(keys)


def cut_off(window: MainWindow) -> list[str]:
    """The words on show that do not fit where they are drawn: a label whose lines need
    more height (or, unwrapped, more width) than it has, or a button too narrow for its
    words. A label cut with an ellipsis on purpose carries its whole text in its
    tooltip and is not counted."""
    cut: list[str] = []
    screen = window.showing()
    if screen is None:
        return cut
    for label in screen.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.width() <= 1:
            continue
        if label.text().endswith("…") and label.toolTip():
            continue
        metrics, room = label.fontMetrics(), label.contentsRect()
        plain = label.textFormat() == Qt.TextFormat.PlainText or not GuiQt.mightBeRichText(
            label.text()
        )
        one_line = plain and "\n" not in label.text()
        if one_line and metrics.horizontalAdvance(label.text()) <= room.width():
            # One line that fits across: its ink must fit up and down (a countdown's
            # label is as tall as its digits, with no room kept for descenders).
            too_small = metrics.tightBoundingRect(label.text()).height() > room.height() + 1
        elif label.wordWrap():
            too_small = label.heightForWidth(label.width()) > label.height() + 1
        else:
            too_small = label.minimumSizeHint().width() > label.width() + 1
        if too_small:
            cut.append(f"label {label.text()[:60]!r} ({label.width()}x{label.height()})")
    for button in screen.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        words = button.text().replace("&&", "&")
        needed = button.fontMetrics().horizontalAdvance(words)
        if needed > button.contentsRect().width():
            cut.append(f"button {words!r} ({button.width()} px for {needed})")
    return cut


@contextmanager
def answered_dialogs(rng: random.Random, folder: Path) -> Iterator[None]:
    """Every dialog that would wait for a person answered at once. Files are saved into
    `folder`; opening offers the last one saved."""
    saved: list[str] = []
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No

    def question(*_asked: object) -> QMessageBox.StandardButton:
        return rng.choice((yes, no))

    def told(*_said: object) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Ok

    def save_name(_parent: object, _title: str, name: str = "", *_rest: object) -> tuple[str, str]:
        if rng.random() < 0.5:
            return "", ""
        path = folder / (Path(name).name or "saved")
        saved.append(str(path))
        return str(path), ""

    def open_name(*_asked: object) -> tuple[str, str]:
        return (saved[-1], "") if saved and rng.random() < 0.5 else ("", "")

    def dialog(_self: QDialog) -> int:
        return int(QDialog.DialogCode.Rejected)

    def open_url(_url: QUrl) -> bool:
        return True  # nothing outside the program is opened

    patches: dict[tuple[type, str], Callable[..., object]] = {
        (QMessageBox, "question"): question,
        (QMessageBox, "information"): told,
        (QMessageBox, "warning"): told,
        (QMessageBox, "critical"): told,
        (QMessageBox, "exec"): dialog,
        (QDialog, "exec"): dialog,
        (QPrintDialog, "exec"): dialog,
        (QPrintPreviewDialog, "exec"): dialog,
        (QFileDialog, "getSaveFileName"): save_name,
        (QFileDialog, "getOpenFileName"): open_name,
        (QDesktopServices, "openUrl"): open_url,
    }
    with ExitStack() as stack:
        for (owner, name), replacement in patches.items():
            stack.enter_context(patch.object(owner, name, replacement))
        yield


class Walk:
    """One seeded walk from whatever the window shows now."""

    def __init__(
        self, window: MainWindow, clock: FakeClock, seed: int, trail: TextIO, replay: str = ""
    ) -> None:
        self.window = window
        self.replay = replay  # how to run this walk again
        self.clock = clock
        self.seed = seed
        self.rng = random.Random(seed)
        self.keys: list[str] = []
        self.trail = trail
        self.errors: list[str] = []
        self.screens: set[str] = set()
        self.times: list[float] = []  # each step's seconds

    def _hook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        self.errors.append("".join(traceback.format_exception(kind, error, tb)))

    def fail(self, why: str) -> WalkFailed:
        last = " ".join(self.keys[-60:])
        return WalkFailed(
            f"{why}\nseed {self.seed}, after {len(self.keys)} keys; the last ones: {last}\n"
            f"every key: {getattr(self.trail, 'name', 'the trail')}\n{self.replay}"
        )

    def run(self, steps: int, folder: Path) -> None:
        self.trail.write(f"seed {self.seed}\n")
        self.trail.flush()
        hook, sys.excepthook = sys.excepthook, self._hook
        try:
            with answered_dialogs(self.rng, folder):
                screen: QWidget | None = None
                for step in range(steps):
                    started = time.perf_counter()
                    self.step()
                    self.times.append(time.perf_counter() - started)
                    if not shiboken6.isValid(self.window) or not self.window.isVisible():
                        raise self.fail("the window is gone")
                    if self.errors:
                        raise self.fail(f"a Python exception reached Qt:\n{self.errors[0]}")
                    now = self.window.showing()
                    if now is not None:
                        self.screens.add(type(now).__name__)
                    if now is not screen or step % 10 == 0:
                        screen = now
                        cut = cut_off(self.window)
                        if cut:
                            raise self.fail(f"words cut off on {type(now).__name__}: {cut}")
        finally:
            sys.excepthook = hook

    def step(self) -> None:
        rng = self.rng
        if rng.random() < 0.25:  # time passes: the workout goes on by itself
            seconds = round(rng.uniform(0.2, 4.0), 1)
            self.record(f"wait:{seconds}")
            self.clock.advance(seconds)
            workout = self.window.screens.workout.view
            if self.window.showing() is workout:
                workout.poll()
        else:
            key = rng.choice([*COMMON, *shown_keys(self.window)])
            self.record(key)
            self.press(key)
        QApplication.processEvents()

    def record(self, what: str) -> None:
        self.keys.append(what)
        self.trail.write(f"{what}\n")
        self.trail.flush()

    def press(self, key: str) -> None:
        target = (
            QApplication.activePopupWidget()
            or self.window.focusWidget()
            or self.window.showing()
            or self.window
        )
        combination = QKeySequence(key)[0]  # type: ignore[index]
        QTest.keyClick(target, combination.key(), combination.keyboardModifiers())
