"""Exercises and routines as typed models, and a routine as one person does it today.

Two kinds of file live in a routines folder: ``exercises.toml``, the exercise
library (``[[exercise]]`` tables), and one file per routine (``id``, ``title``
and ``[[item]]`` tables naming library exercises); coach.core.catalogue reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from coach.core.records import field, record
from coach.core.shapes import Shape, rule

LIBRARY_FILE = "exercises.toml"
# The safety questions sit beside the routines but are not a routine.
SAFETY_FILE = "safety.toml"
_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Tempo(Shape):
    """Seconds for one paced rep: move up, hold at the top, come down."""

    up: float = rule(ge=0, le=30)
    hold: float = rule(ge=0, le=60)
    down: float = rule(ge=0, le=30)

    def check(self) -> None:
        if self.up + self.hold + self.down <= 0:
            raise ValueError("a rep must take some time: up, hold and down are all 0")


class Dose(Shape):
    """How much of an exercise: sets of paced reps, or sets of timed holds."""

    sets: int = rule(ge=1, le=10)
    reps: int | None = rule(default=None, ge=1, le=50)
    hold_seconds: float | None = rule(default=None, gt=0, le=600)
    per_side: bool = False
    tempo: Tempo | None = None
    rest_between_sets: float = rule(default=30, ge=0, le=600)
    rest_after: float = rule(default=15, ge=0, le=600)

    def check(self) -> None:
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("give either reps (with a tempo) or hold_seconds, not both")
        if self.reps is not None and self.tempo is None:
            raise ValueError("reps need a tempo, e.g. tempo = { up = 2, hold = 1, down = 2 }")


class Cues(Shape):
    """One-line instructions shown during each phase of the exercise."""

    up: str = "Move into position"
    hold: str = "Hold and breathe"
    down: str = "Come back slowly"


class Exercise(Shape):
    id: str = rule(pattern=_ID_PATTERN)
    name: str = rule(min_length=1, max_length=60)
    summary: str = rule(min_length=1)
    picture: str = rule(min_length=1)
    steps: list[str] = rule(min_length=1)
    cautions: list[str] = rule(default_factory=list)
    opt_in: bool = False
    # What a profile fact may leave out, e.g. "on-back" (see safety.toml's hide_tags).
    tags: list[str] = rule(default_factory=list)
    dose: Dose
    cues: Cues = Cues()


class RoutineItem(Shape):
    """One exercise in a routine, with any dosing that differs from the library."""

    exercise: str = rule(pattern=_ID_PATTERN)
    sets: int | None = rule(default=None, ge=1, le=10)
    reps: int | None = rule(default=None, ge=1, le=50)
    hold_seconds: float | None = rule(default=None, gt=0, le=600)
    tempo: Tempo | None = None
    rest_between_sets: float | None = rule(default=None, ge=0, le=600)
    rest_after: float | None = rule(default=None, ge=0, le=600)
    sets_by_week: list[int] | None = rule(default=None, min_length=1)
    reps_by_week: list[int] | None = rule(default=None, min_length=1)

    def check(self) -> None:
        limits = {"sets_by_week": (self.sets_by_week, 10), "reps_by_week": (self.reps_by_week, 50)}
        for name, (values, top) in limits.items():
            if values and not all(1 <= v <= top for v in values):
                raise ValueError(f"{name} values must be between 1 and {top}")

    def dose_for(self, base: Dose, week: int) -> Dose:
        """The library dose with this item's changes, for the given week (1-based)."""
        changes: dict[str, Any] = {
            key: value
            for key in ("sets", "reps", "hold_seconds", "tempo", "rest_between_sets", "rest_after")
            if (value := getattr(self, key)) is not None
        }
        if self.sets_by_week:
            changes["sets"] = _for_week(self.sets_by_week, week)
        if self.reps_by_week:
            changes["reps"] = _for_week(self.reps_by_week, week)
        if "hold_seconds" in changes:
            changes["reps"] = None
        elif "reps" in changes:
            changes["hold_seconds"] = None
        return Dose.validated(base.dump() | changes)


def week_number(first_day: date | None, today: date) -> int:
    """Week 1 is the seven days from the first workout of a routine; then 2, 3 ..."""
    if first_day is None:
        return 1
    return max((today - first_day).days, 0) // 7 + 1


def _for_week(values: Sequence[int], week: int) -> int:
    return values[min(max(week, 1), len(values)) - 1]


class Routine(Shape):
    id: str = rule(pattern=_ID_PATTERN)
    title: str = rule(min_length=1, max_length=60)
    summary: str = rule(min_length=1)
    trains: list[str] = rule(default_factory=list)
    order: int = 100  # where it stands in the list; lower first
    item: list[RoutineItem] = rule(min_length=1)


@record
class OwnDose:
    """A dose the person accepted for one exercise of one routine."""

    sets: int
    reps: int | None


@record
class PlannedExercise:
    """An exercise with the dose to do today."""

    exercise: Exercise
    dose: Dose
    note: str | None = None  # why the dose differs today ("One step lighter: ...")


def dose_text(planned: PlannedExercise) -> str:
    """The dose at a glance: 2 sets of 10 reps, or 1 of a 30 s hold a side."""
    dose = planned.dose
    amount = f"{dose.reps} reps" if dose.reps else f"{dose.hold_seconds:g} s hold"
    side = " a side" if dose.per_side else ""
    return f"{dose.sets} × {amount}{side}"


OPT_IN_OFF = "opt-in, turned off in settings"


@record
class LoadedRoutine:
    routine: Routine
    path: Path
    builtin: bool

    def plan(
        self,
        library: dict[str, Exercise],
        *,
        week: int = 1,
        opt_in_allowed: Iterable[str] = (),
        hidden_tags: Mapping[str, str] | None = None,
        own_doses: Mapping[str, OwnDose] | None = None,
    ) -> list[PlannedExercise]:
        """Today's exercises: opt-in ones only when turned on, none with a hidden tag, and
        the person's own accepted dose where they have one."""
        left_out = {e.id for e, _ in self.left_out(library, opt_in_allowed, hidden_tags)}
        planned = []
        for item in self.routine.item:
            if item.exercise in left_out:
                continue
            exercise = library[item.exercise]
            dose = item.dose_for(exercise.dose, week)
            own = (own_doses or {}).get(exercise.id)
            if own is not None:
                reps = own.reps if dose.reps is not None else None
                dose = Dose.validated(dose.dump() | {"sets": own.sets, "reps": reps})
            planned.append(PlannedExercise(exercise, dose))
        return planned

    def left_out(
        self,
        library: dict[str, Exercise],
        opt_in_allowed: Iterable[str] = (),
        hidden_tags: Mapping[str, str] | None = None,
    ) -> list[tuple[Exercise, str]]:
        """The exercises left out today, each with the reason."""
        allowed = set(opt_in_allowed)
        hidden = hidden_tags or {}
        out = []
        for item in self.routine.item:
            exercise = library[item.exercise]
            reasons = [hidden[tag] for tag in exercise.tags if tag in hidden]
            if reasons:
                out.append((exercise, reasons[0]))
            elif exercise.opt_in and exercise.id not in allowed:
                out.append((exercise, OPT_IN_OFF))
        return out


@record
class Person:
    """What makes the routines this person's own: the week each routine's block is in
    (from the local date it was first done), the exercises they turned on, and those
    their answers leave out. Their accepted doses are read at the moment of planning."""

    first_done: Mapping[str, date] = field(default_factory=dict)
    opt_ins: frozenset[str] = frozenset()
    hidden_tags: Mapping[str, str] = field(default_factory=dict)

    def week(self, routine_id: str, today: date) -> int:
        return week_number(self.first_done.get(routine_id), today)

    def plan(
        self,
        loaded: LoadedRoutine,
        library: dict[str, Exercise],
        today: date,
        own_doses: Mapping[str, OwnDose] | None = None,
    ) -> list[PlannedExercise]:
        """The routine as this person does it today."""
        return loaded.plan(library, week=self.week(loaded.routine.id, today),
                           opt_in_allowed=self.opt_ins, hidden_tags=self.hidden_tags,
                           own_doses=own_doses)  # fmt: skip

    def left_out(
        self, loaded: LoadedRoutine, library: dict[str, Exercise]
    ) -> list[tuple[Exercise, str]]:
        return loaded.left_out(library, self.opt_ins, self.hidden_tags)
