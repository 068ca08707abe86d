"""Reading the routine folders: the exercise library and each routine file.

Loading never raises on a bad file: each problem becomes a :class:`FileError` naming
the file, the line or field, and what is wrong, and every other file still loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.core.records import field, record
from coach.core.routines import LIBRARY_FILE, SAFETY_FILE, Exercise, LoadedRoutine, Routine
from coach.core.shapes import ShapeError
from coach.core.toml_errors import FileError, TomlProblem, describe, location, read_toml


@record(frozen=False)
class Catalogue:
    """Everything found in the routine folders, good and bad."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    routines: list[LoadedRoutine] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def routine(self, routine_id: str) -> LoadedRoutine | None:
        return next((r for r in self.routines if r.routine.id == routine_id), None)


def load_catalogue(
    builtin_dir: Path, user_dir: Path | None = None, picture_dirs: Sequence[Path] = ()
) -> Catalogue:
    """Read the built-in routines, then the person's own beside them."""
    catalogue = Catalogue()
    folders = [(builtin_dir, True)]
    if user_dir is not None and user_dir.is_dir():
        folders.append((user_dir, False))
    for folder, _ in folders:
        library = folder / LIBRARY_FILE
        if library.is_file():
            _load_library(library, catalogue, picture_dirs)
    for folder, builtin in folders:
        try:
            found = sorted(folder.glob("*.toml"))
        except OSError as error:  # a folder that cannot be read: said, the rest still load
            catalogue.errors.append(FileError(folder, "", f"cannot be read: {error}"))
            continue
        for path in found:
            if path.name not in (LIBRARY_FILE, SAFETY_FILE):
                _load_routine(path, builtin, catalogue)
    catalogue.routines.sort(key=lambda r: (not r.builtin, r.routine.order, r.routine.title))
    return catalogue


def _read_toml(path: Path, catalogue: Catalogue) -> tuple[dict[str, Any], str] | None:
    try:
        return read_toml(path)
    except TomlProblem as problem:
        catalogue.errors.append(problem.error)
        return None


def _load_library(path: Path, catalogue: Catalogue, picture_dirs: Sequence[Path]) -> None:
    read = _read_toml(path, catalogue)
    if read is None:
        return
    data, text = read
    entries = data.get("exercise")
    if not isinstance(entries, list) or not entries:
        catalogue.errors.append(
            FileError(path, "", "has no [[exercise]] tables; an exercise library needs them")
        )
        return
    for index, entry in enumerate(entries):
        try:
            exercise = Exercise.validated(entry)
        except ShapeError as error:
            catalogue.errors.append(describe(path, text, error, prefix=("exercise", index)))
            continue
        where = location(text, ("exercise", index, "id"))
        if exercise.id in catalogue.exercises:
            problem = f"exercise id '{exercise.id}' is defined twice; the first one is used"
            catalogue.errors.append(FileError(path, where, problem))
        elif picture_dirs and not any((d / exercise.picture).is_file() for d in picture_dirs):
            where = location(text, ("exercise", index, "picture"))
            problem = f"picture '{exercise.picture}' of '{exercise.id}' was not found"
            catalogue.errors.append(FileError(path, where, problem))
        else:
            catalogue.exercises[exercise.id] = exercise


def _load_routine(path: Path, builtin: bool, catalogue: Catalogue) -> None:
    read = _read_toml(path, catalogue)
    if read is None:
        return
    data, text = read
    try:
        routine = Routine.validated(data)
    except ShapeError as error:
        catalogue.errors.append(describe(path, text, error))
        return
    for index, item in enumerate(routine.item):
        if item.exercise not in catalogue.exercises:
            known = ", ".join(sorted(catalogue.exercises)) or "none"
            problem = f"unknown exercise id '{item.exercise}' (known ids: {known})"
            where = location(text, ("item", index, "exercise"))
            catalogue.errors.append(FileError(path, where, problem))
            return
    if (other := catalogue.routine(routine.id)) is not None:
        problem = f"routine id '{routine.id}' is already used by {other.path}"
        catalogue.errors.append(FileError(path, location(text, ("id",)), problem))
        return
    catalogue.routines.append(LoadedRoutine(routine, path, builtin))
