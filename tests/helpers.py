"""Test doubles shared by the suites."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.core.routines import Dose, Exercise, PlannedExercise, Tempo

ROOT = Path(__file__).resolve().parent.parent


def qt_speech_missing() -> str | None:
    """Why Qt's speech module cannot load on this machine (a system library it needs is
    missing), or None when it loads."""
    try:
        import PySide6.QtTextToSpeech  # noqa: F401
    except ImportError as error:
        from coach.doctor import PACKAGES

        library = str(error).split(":")[0]
        debian, fedora = PACKAGES.get(library, ("libpulse0", "pulseaudio-libs"))
        return (
            f"Qt speech cannot load here ({error}); the library comes with: apt install"
            f" {debian} (Debian, Ubuntu), dnf install {fedora} (Fedora)"
        )
    return None


@contextmanager
def sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to the file: what was done committed (or rolled back on an
    error), then closed (Python 3.13 warns of a connection left open)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


@contextmanager
def local_zone(name: str) -> Iterator[None]:
    """The process's local time zone is `name` (as after travelling), restored after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@contextmanager
def file_size_limit(size: int) -> Iterator[None]:
    """The operating system refuses writes past `size` bytes in any file, as a full disk
    does (POSIX; root is bound by it too)."""
    import resource

    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, no signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, old_limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def exercise(
    exercise_id: str = "bridge",
    *,
    sets: int = 1,
    reps: int | None = 2,
    hold: float | None = None,
    per_side: bool = False,
    tempo: tuple[float, float, float] = (1, 2, 1),
    rest: float = 10,
    rest_after: float = 15,
) -> PlannedExercise:
    dose = Dose(
        sets=sets,
        reps=None if hold else reps,
        hold_seconds=hold,
        per_side=per_side,
        tempo=None if hold else Tempo(up=tempo[0], hold=tempo[1], down=tempo[2]),
        rest_between_sets=rest,
        rest_after=rest_after,
    )
    ex = Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        summary="A test exercise.",
        picture="glute-bridge.svg",
        steps=["Do it."],
        dose=dose,
    )
    return PlannedExercise(ex, dose)
