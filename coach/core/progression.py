"""Progression, by the 2-3 x 5-10 rule: how each exercise felt, and the change in dose
that follows (offered to the person, who accepts or declines it)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from coach.core.records import record

if TYPE_CHECKING:
    from coach.core.routines import Dose

MAX_REPS, MAX_SETS, MIN_REPS, MIN_SETS = 10, 3, 5, 1
SHORTEST_HOLD = 10  # seconds


class Feeling(StrEnum):
    """How an exercise felt, said after it in the check."""

    TOO_EASY = "too easy"
    ABOUT_RIGHT = "about right"
    TOO_HARD = "too hard"


@record
class Suggestion:
    sets: int
    reps: int | None
    why: str


@record
class DoseOffer:
    """A progression suggestion for one exercise of one routine, offered after a workout."""

    routine_id: str
    exercise_id: str
    exercise_name: str
    sets: int
    reps: int | None
    suggestion: Suggestion

    def text(self) -> str:
        now, then = _dose(self.sets, self.reps), _dose(self.suggestion.sets, self.suggestion.reps)
        return f"{self.exercise_name}: {self.suggestion.why} Change {now} to {then}?"


def _dose(sets: int, reps: int | None) -> str:
    # No-break spaces: a dose never splits across lines.
    if reps is not None:
        return f"{sets}\u00a0×\u00a0{reps}"
    return f"{sets}\u00a0set{'s' if sets != 1 else ''}"


def suggest(feelings: Sequence[Feeling], *, sets: int, reps: int | None) -> Suggestion | None:
    """From the last workouts' feelings about one exercise (oldest first), a change or None.

    Too easy twice in a row: one more rep up to 10, then one more set up to 3.
    Too hard the last time: one fewer rep down to 5, then one fewer set down to 1.
    Timed holds change by sets only.
    """
    if len(feelings) >= 2 and feelings[-1] == feelings[-2] == Feeling.TOO_EASY:
        if reps is not None and reps < MAX_REPS:
            return Suggestion(sets, reps + 1, "It felt too easy twice in a row: one more rep.")
        if sets < MAX_SETS:
            return Suggestion(sets + 1, reps, "It felt too easy twice in a row: one more set.")
        return None
    if feelings and feelings[-1] == Feeling.TOO_HARD:
        if reps is not None and reps > MIN_REPS:
            return Suggestion(sets, reps - 1, "It felt too hard: one fewer rep.")
        if sets > MIN_SETS:
            return Suggestion(sets - 1, reps, "It felt too hard: one fewer set.")
    return None


def lighter(dose: Dose) -> Dose | None:
    """One step lighter, after back pain rose with it: one fewer rep (down to 5), else
    one fewer set, else a hold a quarter shorter (down to 10 s, in whole 5 s). None when
    it is already as light as it goes."""
    if dose.reps is not None and dose.reps > MIN_REPS:
        return dose.but(reps=dose.reps - 1)
    if dose.sets > MIN_SETS:
        return dose.but(sets=dose.sets - 1)
    if dose.hold_seconds is not None and dose.hold_seconds > SHORTEST_HOLD:
        shorter = max(SHORTEST_HOLD, 5 * math.floor(dose.hold_seconds * 0.75 / 5 + 0.5))
        return dose.but(hold_seconds=float(shorter))
    return None
