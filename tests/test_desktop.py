"""`coach desktop install|uninstall` (`make install`/`make uninstall`): the applications menu."""

from __future__ import annotations

import configparser
import io
import shlex
import sys
from pathlib import Path

from coach import desktop
from coach.resources import locate


def test_install_puts_a_launcher_and_the_icon_where_the_menu_reads_them(tmp_path: Path) -> None:
    environ = {"XDG_DATA_HOME": str(tmp_path / "share")}
    out = io.StringIO()
    assert desktop.install(out, environ, "linux") == 0
    launcher = tmp_path / "share" / "applications" / "hip-core-coach.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "hip-core-coach.svg"
    assert icon.read_bytes() == locate().icon.read_bytes()
    entry = configparser.ConfigParser(interpolation=None)
    entry.read_string(launcher.read_text())
    section = entry["Desktop Entry"]
    assert section["Name"] == "Hip & Core Coach"
    assert section["Type"] == "Application" and section["Terminal"] == "false"
    assert section["Icon"] == "hip-core-coach"
    [command] = shlex.split(section["Exec"])
    assert Path(command) == Path(sys.executable).with_name("coach").absolute()
    assert "applications menu" in out.getvalue()

    out = io.StringIO()
    assert desktop.uninstall(out, environ) == 0
    assert not launcher.exists() and not icon.exists()
    assert "Your data is untouched" in out.getvalue()
    assert desktop.uninstall(io.StringIO(), environ) == 0  # again: nothing there, no error


def test_a_path_with_spaces_and_quotes_is_one_command_in_the_launcher() -> None:
    text = desktop.launcher_text(Path('/home/ann/my "coach" 100%/bin/coach'))
    [line] = [x for x in text.splitlines() if x.startswith("Exec=")]
    assert line == 'Exec="/home/ann/my \\\\"coach\\\\" 100%%/bin/coach"'


def test_elsewhere_the_way_to_a_menu_entry_is_said() -> None:
    out = io.StringIO()
    assert desktop.install(out, {}, "darwin") == 0
    assert "macOS" in out.getvalue() and "Windows" in out.getvalue()
