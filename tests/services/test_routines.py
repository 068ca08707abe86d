"""The routine files are read once, and again only when one of them has changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.resources import locate
from coach.services import RoutineFiles

MINE = 'id = "mine"\ntitle = "Mine"\nsummary = "s"\n[[item]]\nexercise = "bird-dog"\n'


def test_unchanged_files_are_not_read_again_and_a_changed_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[Path] = []
    real = Path.read_text

    def counting(path: Path, *args: object, **kwargs: object) -> str:
        reads.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting)
    own = tmp_path / "routines"
    own.mkdir()
    files = RoutineFiles(locate(), own)
    first = files.catalogue()
    assert reads and [r.routine.id for r in first.routines][:1] == ["morning-bridge-core"]
    reads.clear()
    assert files.catalogue() is first  # home again: nothing read
    assert reads == []

    (own / "mine.toml").write_text(MINE)  # a new file of the person's own
    added = files.catalogue()
    assert added is not first and added.routine("mine") is not None
    mine = own / "mine.toml"
    mine.write_text(MINE.replace('"Mine"', '"Mine, longer"'))
    stat = mine.stat()
    os.utime(mine, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = files.catalogue()
    loaded = changed.routine("mine")
    assert loaded is not None and loaded.routine.title == "Mine, longer"
    assert files.reload() is not changed  # F5 reads everything again
