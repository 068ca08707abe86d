"""`coach desktop install|uninstall`: the program in the person's application menu.

On Linux (and other freedesktop.org desktops) a launcher file goes into
$XDG_DATA_HOME/applications and the icon into $XDG_DATA_HOME/icons/hicolor/scalable/apps
(both default under ~/.local/share), as every desktop's menu reads them. The launcher starts
the `coach` this command belongs to, so it follows the virtual environment it was installed
from (`make install` in a clone, or `pipx install .`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from coach.files import write_private
from coach.resources import locate

APP_ID = "hip-core-coach"

ELSEWHERE = (
    "A menu entry is made on Linux desktops only. On macOS, keep `coach` in the Dock by"
    " starting it from Terminal and choosing Options > Keep in Dock, or make an Automator"
    " application that runs it. On Windows, right-click the Desktop, choose New > Shortcut,"
    " and give it the full path of coach.exe in your environment's Scripts folder; put that"
    " shortcut in the Start menu's folder (press Win+R and type shell:programs)."
)


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    value = environ.get("XDG_DATA_HOME", "")
    return Path(value) if Path(value).is_absolute() else Path.home() / ".local" / "share"


def launcher_path(environ: Mapping[str, str] = os.environ) -> Path:
    return data_home(environ) / "applications" / f"{APP_ID}.desktop"


def icon_path(environ: Mapping[str, str] = os.environ) -> Path:
    return data_home(environ) / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def coach_command() -> Path:
    """The `coach` of this very installation (beside this Python), else on the PATH."""
    beside = Path(sys.executable).with_name("coach")
    if beside.is_file():
        return beside.absolute()
    found = shutil.which("coach")
    return Path(found).absolute() if found else beside.absolute()


def launcher_text(command: Path) -> str:
    # The desktop entry spec: inside quotes, " ` $ and \ are escaped with a backslash; then
    # the value's own escapes double every backslash, and a % is written %%.
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in str(command)) + '"'
    exec_value = quoted.replace("\\", "\\\\").replace("%", "%%")
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.0\n"
        "Name=Hip & Core Coach\n"
        "GenericName=Exercise coach\n"
        "Comment=Short guided hip and core routines for back and hip pain\n"
        f"Exec={exec_value}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Utility;Education;\n"
        "Keywords=exercise;back pain;hip;core;physiotherapy;stretch;\n"
        "StartupNotify=true\n"
    )


def install(
    out: TextIO, environ: Mapping[str, str] = os.environ, system: str = sys.platform
) -> int:
    if not system.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        print(ELSEWHERE, file=out)
        return 0
    command = coach_command()
    launcher, icon = launcher_path(environ), icon_path(environ)
    try:
        for path in (launcher, icon):
            path.parent.mkdir(parents=True, exist_ok=True)  # the desktop's shared folders
        write_private(icon, locate().icon.read_bytes())
        write_private(launcher, launcher_text(command).encode())
    except OSError as error:
        print(f"coach: the menu entry could not be made: {error}", file=out)
        return 1
    _refresh(launcher.parent, icon.parents[2])
    print(f"Hip & Core Coach is in your applications menu: {launcher} starts {command}"
          f" (icon: {icon}). `coach desktop uninstall` takes it away.", file=out)  # fmt: skip
    if not command.is_file():
        print(f"coach: note: {command} does not exist yet; install the program there.", file=out)
    return 0


def uninstall(out: TextIO, environ: Mapping[str, str] = os.environ) -> int:
    removed = []
    for path in (launcher_path(environ), icon_path(environ)):
        if path.is_file():
            path.unlink()
            removed.append(str(path))
    if removed:
        _refresh(launcher_path(environ).parent, icon_path(environ).parents[2])
        print(f"Removed {' and '.join(removed)}. Your data is untouched.", file=out)
    else:
        print("There was no menu entry to remove. Your data is untouched.", file=out)
    return 0


def _refresh(applications: Path, icons: Path) -> None:
    """Tell the desktop's caches, where the tools for it are installed (optional)."""
    for tool, folder in (("update-desktop-database", applications),
                         ("gtk-update-icon-cache", icons)):  # fmt: skip
        found = shutil.which(tool)
        if found is not None:
            subprocess.run([found, "-q", str(folder)], capture_output=True, timeout=60)
