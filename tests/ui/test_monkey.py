"""A random walk of 2,000 keys from each screen, with a year of history, in a 1366x768
window: the window stays, no exception reaches Qt, no word is cut off (tests/monkey.py).

A failure names its seed and how to replay it (`COACH_MONKEY_SEED=N`, with the screen
chosen by -k); `COACH_MONKEY_KEYS` sets each walk's length and `COACH_MONKEY_BASE` the
first seed (make bench walks 50,000 keys this way, from a new base each time). The keys
of each walk are also written as they go to coach-monkey/SCREEN.txt in the temporary
folder, for a crash that takes the test process with it.
"""

from __future__ import annotations

import faulthandler
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.bench.synthetic import make_history
from tests.driver import Person
from tests.monkey import Walk
from tests.ui.conftest import MakePerson


def _to_questions(person: Person) -> None:
    person.start_by_keyboard()


def _to_pain(person: Person) -> None:
    person.start_by_keyboard()
    person.answer_all_no()


def _to_summary(person: Person) -> None:
    person.start_morning()
    person.run_until(lambda: person.on(person.summary))


def _to_comparison(person: Person) -> None:
    person.key(Qt.Key.Key_B)
    person.qtbot.keyClick(person.blocks.list, Qt.Key.Key_Return)


def _to_data_menu(person: Person) -> None:
    person.qtbot.keyClick(person.window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    person.qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)


def _key(key: Qt.Key) -> Callable[[Person], None]:
    return lambda person: person.key(key)


# Each screen, how to reach it from home, and how to tell it is showing.
START: dict[str, tuple[Callable[[Person], None], Callable[[Person], bool]]] = {
    "home": (lambda _person: None, lambda p: p.on(p.home)),
    "safety": (_to_questions, lambda p: p.on(p.questions)),
    "check-ins": (_to_pain, lambda p: p.on(p.pain)),
    "workout": (Person.start_morning, lambda p: p.on(p.workout)),
    "summary": (_to_summary, lambda p: p.on(p.summary)),
    "progress": (_key(Qt.Key.Key_G), lambda p: type(p.showing()).__name__ == "ProgressView"),
    "history": (_key(Qt.Key.Key_H), lambda p: type(p.showing()).__name__ == "HistoryView"),
    "profile": (_key(Qt.Key.Key_S), lambda p: p.on(p.questions)),
    "plan": (_key(Qt.Key.Key_D), lambda p: p.on(p.plan)),
    "voice": (_key(Qt.Key.Key_V), lambda p: p.on(p.voice)),
    "comparison": (_to_comparison, lambda p: p.on(p.comparison)),
    "data menu": (_to_data_menu, lambda _p: QApplication.activePopupWidget() is not None),
}


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise, no grab
@pytest.mark.parametrize("screen", list(START))
def test_a_random_walk_from_each_screen_leaves_the_window_whole(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path, screen: str
) -> None:
    make_history(tmp_path / "data", years=1, daily=False, end=date.today())
    person = make_person()
    person.window.resize(1366, 768)
    reach, showing = START[screen]
    reach(person)
    assert showing(person), f"the walk could not reach the {screen}"
    base = int(os.environ.get("COACH_MONKEY_BASE", 20261130))
    seed = int(os.environ.get("COACH_MONKEY_SEED", base + list(START).index(screen)))
    keys = int(os.environ.get("COACH_MONKEY_KEYS", 2000))
    replay = (
        f"replay: COACH_MONKEY_SEED={seed} COACH_MONKEY_KEYS={keys} make test"
        f" PYTEST_ARGS='tests/ui/test_monkey.py -k \"{screen}\"'"
    )
    trails = Path(tempfile.gettempdir()) / "coach-monkey"
    trails.mkdir(exist_ok=True)
    saved = tmp_path / "saved"
    saved.mkdir()
    faulthandler.enable()
    faulthandler.dump_traceback_later(300, exit=True)  # a walk stuck in a dialog: say where
    try:
        with (trails / f"{screen.replace(' ', '-')}.txt").open("w") as trail:
            walk = Walk(person.window, person.clock, seed, trail, replay)
            walk.run(keys, saved)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert len(walk.keys) == keys
    if "COACH_MONKEY_TIMES" in os.environ:  # make bench: is the last fifth slower?
        fifth = keys // 5
        with Path(os.environ["COACH_MONKEY_TIMES"]).open("a") as times:
            times.write(f"{screen}\t{sum(walk.times[:fifth])}\t{sum(walk.times[-fifth:])}\n")
    assert len(walk.screens) >= 2, walk.screens  # it went somewhere
