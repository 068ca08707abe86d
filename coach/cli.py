"""Command-line views of the program's data; no Qt here."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from coach import paths
from coach.core.routines import SAFETY_FILE, load_catalogue
from coach.core.safety import SafetyFileError, load_safety
from coach.core.workout import planned_seconds
from coach.resources import locate


def list_routines(data_dir: Path, out: TextIO) -> int:
    """Each routine with its length and exercises, then every broken file. 1 if any is broken."""
    resources = locate()
    catalogue = load_catalogue(
        resources.routines, paths.user_routines_dir(data_dir), picture_dirs=[resources.pictures]
    )
    for loaded in catalogue.routines:
        routine = loaded.routine
        plan = loaded.plan(catalogue.exercises)
        minutes = planned_seconds(plan) / 60
        origin = "" if loaded.builtin else f"  [your own: {loaded.path}]"
        print(f"{routine.id}  {routine.title}  ({minutes:.0f} min){origin}", file=out)
        for planned in plan:
            print(f"    - {planned.exercise.name}", file=out)
        for exercise, reason in loaded.left_out(catalogue.exercises):
            print(f"    - {exercise.name} (left out: {reason})", file=out)
    errors = list(catalogue.errors)
    try:
        load_safety(resources.routines / SAFETY_FILE)
    except SafetyFileError as broken:
        errors.append(broken.error)
    if errors:
        print(f"\n{len(errors)} routine file(s) could not be read:", file=out)
        for error in errors:
            print(f"  {error}", file=out)
        return 1
    return 0
