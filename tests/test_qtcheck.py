"""`make run` on a machine without Qt's system libraries names the package to install."""

from __future__ import annotations

import pytest

from coach import qtcheck


def test_a_missing_xcb_library_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_not_found_by_ldd", lambda: ["libxcb-cursor.so.0"])
    message = qtcheck.problem({"DISPLAY": ":0"}, "linux")
    assert message is not None
    assert "(libxcb-cursor.so.0)" in message
    assert "sudo apt install libxcb-cursor0\n" in message


def test_a_library_of_unknown_package_is_named_but_not_put_in_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(qtcheck, "_not_found_by_ldd", lambda: ["libnew.so.9", "libxcb-xkb.so.1"])
    message = qtcheck.problem({"DISPLAY": ":0"}, "linux")
    assert message is not None
    assert "libnew.so.9, libxcb-xkb.so.1" in message
    assert "sudo apt install libxcb-xkb1\n" in message


def test_without_ldd_each_library_is_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_not_found_by_ldd", lambda: None)
    monkeypatch.setattr(qtcheck, "_loads", lambda name: name != "libxcb-shm.so.0")
    assert qtcheck.missing_libraries({"DISPLAY": ":0"}, "linux") == ["libxcb-shm.so.0"]


def test_nothing_to_say_when_every_library_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_not_found_by_ldd", lambda: [])
    assert qtcheck.problem({"DISPLAY": ":0"}, "linux") is None


def test_no_display_at_all_is_said_plainly() -> None:
    message = qtcheck.problem({}, "linux")
    assert message is not None and "needs a desktop session" in message


def test_offscreen_wayland_and_other_systems_need_no_xcb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qtcheck, "_not_found_by_ldd", lambda: ["libxcb.so.1"])
    assert qtcheck.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert qtcheck.problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert qtcheck.problem({}, "darwin") is None


def test_ldd_reads_the_real_plugin() -> None:
    # Whatever this machine has, ldd answers with a list of library names (maybe empty).
    found = qtcheck._not_found_by_ldd()
    assert found is not None
    assert all(name.startswith("lib") and ".so" in name for name in found)
