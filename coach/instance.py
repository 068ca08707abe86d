"""One copy of the program per data folder.

The first copy holds an exclusive lock on ``<data>/running/lock`` for as long as it
runs; the operating system lets go of it when the process ends, however it ends, so a
crash never leaves a stale lock. A second copy cannot take the lock: it leaves a
``raise`` request beside it, which the first copy watches for, removes, and answers by
bringing its window to the front. No sockets: nothing here touches the network.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import IO

from coach.files import private_folder, write_private

RAISE = "raise"


def folder(data_dir: Path) -> Path:
    return data_dir / "running"


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.folder = folder(data_dir)
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool | None:
        """True when this is the only copy; False when another holds the folder; None when
        no lock can be made there (a folder that cannot be written: nothing is saved to
        it, so there is nothing to keep apart)."""
        try:
            private_folder(self.folder)
            handle = os.fdopen(os.open(self.folder / "lock", os.O_RDWR | os.O_CREAT, 0o600), "r+b")
        except OSError:
            return None
        if not _lock(handle):
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        (self.folder / RAISE).unlink(missing_ok=True)  # a request nobody answered before
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing lets go of the lock
            self._file = None


def ask_first_copy_to_show(data_dir: Path, wait: float = 3.0) -> bool:
    """Ask the running copy to bring its window to the front; True once it has answered."""
    request = folder(data_dir) / RAISE
    try:
        write_private(request, str(os.getpid()).encode())
    except OSError:
        return False
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    request.unlink(missing_ok=True)
    return False


def take_request(data_dir: Path) -> bool:
    """For the running copy: whether a second one asked to see it (the request is removed)."""
    request = folder(data_dir) / RAISE
    try:
        request.unlink()
    except OSError:  # none there (or not ours to remove)
        return False
    return True


if sys.platform == "win32":  # pragma: no cover
    import msvcrt

    def _lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
