"""Private by construction: a whole session of use opens no network connection.

An audit hook makes every socket the interpreter would create fail, and records the
attempt; Qt's own networking module must never be loaded; and on Linux no socket the
process holds at the end is an internet one. The session: the safety screen, a full
workout with pain before and after, every chart, a printed sheet and an export.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.ui.progress.view import ProgressView
from coach.ui.sheet import write_pdf
from tests.driver import Person
from tests.helpers import FakeClock

NETWORK_EVENTS = (
    "socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request", "http.client.connect",
)  # fmt: skip
_attempts: list[tuple[str, tuple[Any, ...]]] = []
_armed = False


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if _armed and event in NETWORK_EVENTS:
        _attempts.append((event, args))
        raise OSError(f"the test forbids the network ({event})")


sys.addaudithook(_refuse_network)  # hooks cannot be removed; it acts only while armed


@pytest.fixture
def no_network() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    global _armed
    _attempts.clear()
    _armed = True
    try:
        yield _attempts
    finally:
        _armed = False


def inet_sockets() -> set[str]:
    """Inodes of this process's open sockets that are TCP or UDP (Linux)."""
    mine = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[len("socket:[") : -1])
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        listing = Path("/proc/net") / table
        if listing.exists():
            for line in listing.read_text().splitlines()[1:]:
                inet.add(line.split()[9])
    return mine & inet


def test_the_network_is_refused_by_the_hook(no_network: list[Any]) -> None:
    import socket

    with pytest.raises(OSError, match="forbids the network"):
        socket.create_connection(("example.org", 80), timeout=1)
    assert no_network  # the hook is live: a test that cannot fail would not be one


def test_a_whole_session_opens_no_connection(
    qtbot: QtBot,
    person: Person,
    clock: FakeClock,
    tmp_path: Path,
    no_network: list[Any],
) -> None:
    person.start_morning()  # safety questions and pain before
    person.run_until(lambda: person.on(person.summary))
    person.answer_pain_after(3)
    qtbot.keyClick(person.summary.back_button, Qt.Key.Key_Return)
    assert person.on(person.home)

    person.key(Qt.Key.Key_G)
    progress = person.showing()
    assert isinstance(progress, ProgressView)
    for key in (Qt.Key.Key_P, Qt.Key.Key_W, Qt.Key.Key_X, Qt.Key.Key_C, Qt.Key.Key_E):
        qtbot.keyClick(progress, key)
    image = progress.grab()
    assert not image.isNull()
    qtbot.keyClick(progress, Qt.Key.Key_Escape)

    sheet = person.services.plan.sheet("morning-bridge-core")
    assert sheet is not None
    assert write_pdf(sheet, tmp_path / "sheet.pdf", "a4") >= 1
    person.services.data.export(tmp_path / "all.json", "json")
    assert (tmp_path / "all.json").stat().st_size > 0

    assert no_network == []
    assert not [name for name in sys.modules if name.startswith("PySide6.QtNetwork")]
    if sys.platform == "linux":
        assert inet_sockets() == set()
