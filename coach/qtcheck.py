"""Before Qt opens a window: say which system package is missing, not Qt's raw error."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping

# Libraries Qt's X11 (xcb) platform plugin loads, with the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_packages(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> list[str]:
    """Debian/Ubuntu packages to install before Qt can open an X11 window here."""
    if not platform.startswith("linux"):
        return []
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return []  # offscreen, wayland ...: none of the xcb libraries are needed
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return []
    return [package for library, package in XCB_LIBRARIES.items() if not _loads(library)]


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
    packages = missing_packages(environ, platform)
    if packages:
        return (
            "Hip & Core Coach cannot open a window: Qt needs system libraries that are not"
            " installed. On Debian or Ubuntu, install them with:\n\n"
            f"    sudo apt install {' '.join(packages)}\n"
        )
    return None
