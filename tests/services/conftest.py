from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.resources import locate
from coach.services import Services

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday


class Calendar:
    """The wall clock the services read, moved by the test."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def calendar() -> Calendar:
    return Calendar()


@pytest.fixture
def open_services(tmp_path: Path, calendar: Calendar) -> Callable[[], Services]:
    """The services of one data folder, as the window and the CLI open them."""
    return lambda: Services.open(tmp_path / "data", locate(), now=calendar)


@pytest.fixture
def services(open_services: Callable[[], Services]) -> Services:
    return open_services()
