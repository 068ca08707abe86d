"""The dose as the printed sheet says it, at a glance."""

from __future__ import annotations

from datetime import date
from typing import Any

from coach.core.routines import Dose
from coach.core.sheet import build_sheet, dose_line

TEMPO = {"up": 2, "hold": 3, "down": 2}


def dose(**fields: Any) -> Dose:
    return Dose.validated(fields)


def test_reps_holds_sides_and_rest_read_at_a_glance() -> None:
    bridge = dose(sets=2, reps=10, tempo=TEMPO, rest_between_sets=45)
    assert dose_line([bridge] * 3) == "2 sets × 10 reps · hold 3\u00a0s · rest 45\u00a0s"
    stretch = dose(sets=2, hold_seconds=30, per_side=True, rest_between_sets=15)
    assert dose_line([stretch] * 3) == "2 × 30\u00a0s hold, each side · rest 15\u00a0s"
    once = dose(sets=1, reps=8, tempo={"up": 2, "hold": 0, "down": 2})
    assert dose_line([once] * 3) == "1 set × 8 reps"  # no hold at the top, no rest between


def test_a_dose_that_builds_week_by_week_shows_the_steps() -> None:
    weeks = [dose(sets=n, reps=10, tempo=TEMPO, rest_between_sets=45) for n in (1, 2, 3)]
    assert dose_line(weeks) == ("10 reps; sets by week: 1, 2, 3 · hold 3\u00a0s · rest 45\u00a0s")
    reps = [dose(sets=1, reps=n, per_side=True, tempo=TEMPO) for n in (6, 7, 8)]
    assert dose_line(reps) == "1 set; reps by week: 6, 7, 8, each side · hold 3\u00a0s"
    holds = [dose(sets=n, hold_seconds=20) for n in (1, 1, 2)]
    assert dose_line(holds) == "20\u00a0s hold; sets by week: 1, 1, 2 · rest 30\u00a0s"


def test_the_footer_of_a_sheet_with_nothing_changed_says_so_plainly() -> None:
    from coach.core.catalogue import load_catalogue
    from coach.core.routines import SAFETY_FILE
    from coach.core.safety import load_safety
    from coach.resources import locate

    resources = locate()
    catalogue = load_catalogue(resources.routines, None, picture_dirs=[resources.pictures])
    loaded = catalogue.routine("morning-bridge-core")
    assert loaded is not None
    rules = load_safety(resources.routines / SAFETY_FILE)
    sheet = build_sheet(loaded, catalogue.exercises, rules, pictures=resources.pictures,
                        printed=date(2026, 3, 2))  # fmt: skip
    assert sheet.personal == "Every exercise of the routine, at its usual dose."
