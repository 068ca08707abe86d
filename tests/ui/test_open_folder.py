"""Opening a folder of the person's in the file manager (own routines, backups)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from coach.ui.widgets import open_folder


def test_a_missing_folder_is_made_for_the_owner_alone_and_then_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    folder = tmp_path / "data" / "backups"
    open_folder(folder)
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [url.toLocalFile() for url in opened] == [str(folder)]
