"""Where the person's data lives: a folder of their own, never the program's."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "COACH_DATA_DIR"


def data_dir(cli_value: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """--data-dir wins, then COACH_DATA_DIR, then the platform's user data folder."""
    chosen = cli_value or environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # only here: its import compiles patterns, 4 ms

    return Path(platformdirs.user_data_dir("coach", appauthor=False))


def user_routines_dir(data: Path) -> Path:
    return data / "routines"


def database_path(data: Path) -> Path:
    return data / "coach.db"


def backups_dir(data: Path) -> Path:
    return data / "backups"


def window_place_path(data: Path) -> Path:
    """Where the window was and how big, to open there again."""
    return data / "window.place"
