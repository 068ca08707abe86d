"""Before Qt opens a window: say which system package is missing, not Qt's raw error."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from coach.doctor import PACKAGES, packages_for

# The libraries Qt's X11 (xcb) platform plugin may need, each with its Debian/Ubuntu package.
DEBIAN_PACKAGES = {
    library: debian
    for library, (debian, _fedora) in PACKAGES.items()
    if library.startswith(("libxcb", "libxkb", "libX11", "libEGL", "libGL", "libfont", "libfree",
                           "libdbus", "libglib"))
}  # fmt: skip


def _xcb_plugin_files() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    return [path for path in candidates if path.exists()]


def _not_found_by_ldd() -> list[str] | None:
    """Libraries the xcb plugin cannot find, as ldd sees them; None when ldd cannot tell."""
    ldd = shutil.which("ldd")
    files = _xcb_plugin_files()
    if ldd is None or not files:
        return None
    try:
        output = subprocess.run(
            [ldd, *map(str, files)], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted({line.split()[0] for line in output.splitlines() if "not found" in line})


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _not_found_by_loading() -> list[str]:
    return [library for library in DEBIAN_PACKAGES if not _loads(library)]


def missing_libraries(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> list[str]:
    """System libraries Qt needs to open an X11 window here and cannot find."""
    if not platform.startswith("linux"):
        return []
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return []  # offscreen, wayland ...: none of the xcb libraries are needed
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return []
    missing = _not_found_by_ldd()
    return _not_found_by_loading() if missing is None else missing


def problem(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """A sentence for the person, or None when a window can open."""
    if platform.startswith("linux"):
        chosen = environ.get("QT_QPA_PLATFORM", "")
        needs_display = not chosen or chosen.startswith(("xcb", "wayland"))
        if needs_display and not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
            return (
                "Hip & Core Coach needs a desktop session to open its window, and none was found"
                " (DISPLAY and WAYLAND_DISPLAY are not set)."
            )
    missing = missing_libraries(environ, platform)
    if not missing:
        return None
    message = (
        "Hip & Core Coach cannot open a window: Qt needs system libraries that are not"
        f" installed ({', '.join(missing)})."
    )
    if (packages := packages_for(missing)) is not None:
        debian, fedora = packages
        message += (
            f" On Debian or Ubuntu:\n\n    sudo apt install {debian}\n\n"
            f"On Fedora:\n\n    sudo dnf install {fedora}\n"
        )
    return message + "\n`coach doctor` says what else this machine has and lacks."
