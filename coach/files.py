"""Writing a file the person asked for (an export, a sheet, a chart, a calendar file):
whole or not at all, readable by the owner only, and never over something that is not an
ordinary file of theirs, nor over the program's own data.

The window, the services and the store all write through :func:`write_private`.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# Files that live beside a database while it is open.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


class RefusedTarget(OSError):
    """The chosen file must not be replaced; `strerror` says why, in plain words."""


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def refusal(path: Path) -> str | None:
    """Why `path` must not be replaced by a file the program writes, or None."""
    try:
        found = path.stat()  # follows a link to what it points at
    except FileNotFoundError:
        found = None
    except OSError as error:
        return f"it cannot be looked at ({error.strerror or error})"
    if found is not None and stat.S_ISDIR(found.st_mode):
        return "it is a folder"
    if found is not None and not stat.S_ISREG(found.st_mode):
        return "it is a device or another special file, not an ordinary file"
    if found is not None and _is_database(path):
        return "it is a database (perhaps the program's own data); choose another name"
    for suffix in DATABASE_COMPANIONS:
        base = path.name.removesuffix(suffix)
        if base != path.name and _is_database(path.with_name(base)):
            return "it belongs to a database beside it; choose another name"
    if path.name == "lock" and path.parent.name == "running":
        return "it is the program's own lock file"
    return None


def private_folder(folder: Path) -> None:
    """Make `folder` and any folder above it that is missing, each readable by the owner
    only (a mode given to mkdir reaches only the last, and passes through the umask).
    Folders already there are left as they are. OSError when one cannot be made."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile (by a second copy starting)
        made.chmod(0o700)


def write_private(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or pieces of them as they are made) to `path` whole or not
    at all (a file beside it, then renamed into place), readable by the owner only. A
    link is followed to the file it names. Raises RefusedTarget for a folder, a device, a
    database or a file of one, and OSError when the disk refuses."""
    target = path.resolve() if path.is_symlink() else path
    why = refusal(target)
    if why is not None:
        raise RefusedTarget(errno.EPERM, why, str(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in (data,) if isinstance(data, bytes) else data:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(0o600)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
