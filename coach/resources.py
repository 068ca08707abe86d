"""Finds the shipped routines/ and assets/, in a checkout or an installed wheel.

In a checkout they sit beside the ``coach`` package; the wheel carries them
inside it (``coach/routines``, ``coach/assets``).
"""

from __future__ import annotations

from pathlib import Path

from coach.core.records import record

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the program's '{name}' folder is missing (looked in {_PACKAGE} and {_PACKAGE.parent});"
        " reinstall Hip & Core Coach"
    )


@record
class Resources:
    routines: Path
    assets: Path

    @property
    def pictures(self) -> Path:
        return self.assets / "exercises"

    @property
    def figures(self) -> Path:
        """The exercises' moving figures (coach.core.poses)."""
        return self.assets / "figures.toml"

    @property
    def sounds(self) -> Path:
        return self.assets / "sounds"

    @property
    def icon(self) -> Path:
        return self.assets / "icon.svg"


def locate() -> Resources:
    return Resources(routines=_find("routines"), assets=_find("assets"))
