"""What the printed routine sheet says: the person's own version of a routine.

Pure content; coach/ui/sheet.py lays it out on paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from coach.core.phases import planned_minutes
from coach.core.plan import WEEKDAYS
from coach.core.poses import Figure
from coach.core.records import field, record
from coach.core.routines import Dose, Exercise, LoadedRoutine, OwnDose
from coach.core.safety import HaltKind, SafetyRules

WEEKS = 3
COUNT_WORDS = {1: "Once", 2: "Twice", 3: "Three times", 4: "Four times", 5: "Five times",
               6: "Six times", 7: "Every day"}  # fmt: skip


@record
class SheetExercise:
    name: str
    dose: str  # "2 sets × 10 reps · hold 3 s · rest 45 s"
    steps: list[str]
    cautions: list[str]
    picture: Path
    own_dose: bool = False
    figure: Figure | None = None  # its start and end poses, drawn side by side


@record
class StopGroup:
    heading: str  # what to do
    signs: list[str]  # when


@record
class Sheet:
    title: str
    summary: str
    plan: str
    days: list[str]  # the workout days, for the tick grid's columns
    exercises: list[SheetExercise]
    stop: list[StopGroup]
    during: str
    personal: str  # what makes this the person's own version, for the footer
    printed: date
    weeks: int = WEEKS
    notes: list[str] = field(default_factory=list)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _by_week(values: Sequence[int], unit: str) -> str:
    """'2 sets', or, when it builds up week by week, 'sets by week: 1, 2, 3'."""
    if len(set(values)) == 1:
        return _plural(values[0], unit)
    return f"{unit}s by week: {', '.join(str(v) for v in values)}"


def dose_line(doses: Sequence[Dose]) -> str:
    """A dose as people read it at a glance; `doses` is one per week of the block."""
    first = doses[0]
    sets = [d.sets for d in doses]
    side = ", each side" if first.per_side else ""
    if first.reps is not None:
        reps = [d.reps or 0 for d in doses]
        if len(set(sets)) > 1 and len(set(reps)) == 1:
            amount = f"{reps[0]} reps; {_by_week(sets, 'set')}{side}"
        elif len(set(reps)) > 1:
            amount = f"{_plural(sets[0], 'set')}; {_by_week(reps, 'rep')}{side}"
        else:
            amount = f"{_plural(sets[0], 'set')} × {reps[0]} reps{side}"
        parts = [amount]
        if first.tempo is not None and first.tempo.hold > 0:
            parts.append(f"hold {first.tempo.hold:g}\u00a0s")
    else:
        held = f"{first.hold_seconds:g}\u00a0s hold"
        parts = [f"{held}; {_by_week(sets, 'set')}{side}" if len(set(sets)) > 1
                 else f"{sets[0]} × {held}{side}"]  # fmt: skip
    if max(sets) > 1:
        parts.append(f"rest {first.rest_between_sets:g}\u00a0s")
    return " · ".join(parts)


def build_sheet(
    loaded: LoadedRoutine,
    library: dict[str, Exercise],
    rules: SafetyRules,
    *,
    pictures: Path,
    printed: date,
    plan_days: Sequence[int] = (0, 2, 4),
    opt_in_allowed: Sequence[str] = (),
    hidden_tags: Mapping[str, str] | None = None,
    own_doses: Mapping[str, OwnDose] | None = None,
    figures: Mapping[str, Figure] | None = None,
) -> Sheet:
    """The routine as this person does it: what their profile leaves out is left out, and
    their own accepted doses replace the routine's."""
    weeks = [
        loaded.plan(library, week=week, opt_in_allowed=opt_in_allowed, hidden_tags=hidden_tags,
                    own_doses=own_doses)
        for week in range(1, WEEKS + 1)
    ]  # fmt: skip
    own = own_doses or {}
    exercises = [
        SheetExercise(
            name=planned.exercise.name,
            dose=dose_line([week[index].dose for week in weeks]),
            steps=list(planned.exercise.steps),
            cautions=list(planned.exercise.cautions),
            picture=pictures / planned.exercise.picture,
            own_dose=planned.exercise.id in own,
            figure=(figures or {}).get(planned.exercise.id),
        )
        for index, planned in enumerate(weeks[0])
    ]
    days = sorted(set(plan_days)) or [0, 2, 4]
    # The home screen says the length of this week's workout; the sheet covers all three.
    first, last = planned_minutes(weeks[0]), planned_minutes(weeks[-1])
    minutes = (f"About {first} minutes each time" if first == last
               else f"About {first} minutes each time in week 1, {last} by week 3")  # fmt: skip
    often = COUNT_WORDS[len(days)]
    named = ", ".join(WEEKDAYS[d][:3] for d in days)
    plan = (
        f"{often} a week ({named}) for three weeks, then compare how you are with how you"
        f" started. {minutes}. After each workout, tick its box and"
        " write down your pain (0 = none, 10 = worst) before and after."
    )
    stop = [StopGroup(rules.halt[kind].sheet or "", rules.signs(kind)) for kind in HaltKind]
    personal = []
    for exercise, reason in loaded.left_out(library, opt_in_allowed, hidden_tags):
        personal.append(f"{exercise.name} left out ({reason})")
    personal += [f"your own dose of {e.name}" for e in exercises if e.own_dose]
    said = (
        "Your own version: " + "; ".join(personal) + "."
        if personal
        else "Every exercise of the routine, at its usual dose."
    )
    return Sheet(
        title=loaded.routine.title,
        summary=loaded.routine.summary,
        plan=plan,
        days=[WEEKDAYS[d] for d in days],
        exercises=exercises,
        stop=stop,
        during=rules.sheet.during,
        personal=said,
        printed=printed,
    )
