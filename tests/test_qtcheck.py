"""`make run` on a machine without Qt's system libraries names the package to install."""

from __future__ import annotations

import pytest

from coach import qtcheck


def test_a_missing_xcb_library_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_loads", lambda name: name != "libxcb-cursor.so.0")
    message = qtcheck.problem({"DISPLAY": ":0"}, "linux")
    assert message is not None
    assert "sudo apt install libxcb-cursor0" in message


def test_nothing_to_say_when_every_library_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_loads", lambda name: True)
    assert qtcheck.problem({"DISPLAY": ":0"}, "linux") is None


def test_no_display_at_all_is_said_plainly() -> None:
    message = qtcheck.problem({}, "linux")
    assert message is not None and "needs a desktop session" in message


def test_offscreen_wayland_and_other_systems_need_no_xcb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_loads", lambda name: False)
    assert qtcheck.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert qtcheck.problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert qtcheck.problem({}, "darwin") is None


def test_the_real_check_finds_what_this_machine_has() -> None:
    # The xcb libraries are either here or reported; either way the answer is a list of
    # Debian package names drawn from the known table.
    missing = qtcheck.missing_packages({"DISPLAY": ":0"}, "linux")
    assert set(missing) <= set(qtcheck.XCB_LIBRARIES.values())
