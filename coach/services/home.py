"""What the home screen says: each routine's card, the lock, this week, the block."""

from __future__ import annotations

from datetime import datetime

from coach.core.catalogue import Catalogue
from coach.core.phases import planned_minutes
from coach.core.records import field, record
from coach.core.routines import dose_text
from coach.core.toml_errors import FileError
from coach.services.person import PersonalPlan
from coach.services.safety import SafetyCheck


@record
class RoutineCard:
    """What the home screen shows of one routine."""

    id: str
    title: str
    summary: str
    minutes: int
    trains: list[str]
    exercises: list[str]
    left_out: list[str]
    last_done: str  # "Last done yesterday"
    own: bool
    own_doses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "Bridge, 2 × 9 reps: one step lighter..."


@record
class HomeState:
    cards: list[RoutineCard]
    errors: list[FileError]
    week: str  # "This week: 1 of 3 workouts done. ..."
    lock_reason: str | None = None  # why no workout can start now
    history_note: str | None = None  # the last clinician's all-clear
    block_note: tuple[str, str | None] | None = None  # the banner and its button
    past_blocks: bool = False


def last_done_text(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "Not done yet"
    local = when.astimezone()
    days = (now.astimezone().date() - local.date()).days
    if days == 0:
        return "Last done today"
    if days == 1:
        return "Last done yesterday"
    if days < 7:
        return f"Last done {local:%A}"
    return f"Last done {local:%-d %B %Y}"


def routine_cards(catalogue: Catalogue, plan: PersonalPlan, now: datetime) -> list[RoutineCard]:
    person = plan.person()
    done = plan.done_dates()
    cards = []
    for loaded in catalogue.routines:
        planned = plan.plan(loaded, person)
        last = done.get(loaded.routine.id)
        own_doses = plan.own_doses(loaded.routine.id)
        cards.append(
            RoutineCard(
                id=loaded.routine.id,
                title=loaded.routine.title,
                summary=loaded.routine.summary,
                minutes=planned_minutes(planned),
                trains=loaded.routine.trains,
                exercises=[p.exercise.name for p in planned],
                left_out=[f"{e.name} ({why})" for e, why in plan.left_out(loaded, person)],
                last_done=last_done_text(last.last if last else None, now),
                own=not loaded.builtin,
                own_doses=[
                    f"{p.exercise.name} {dose_text(p)}"
                    for p in planned
                    if p.exercise.id in own_doses
                ],
                notes=[
                    f"{p.exercise.name}, {dose_text(p)}: {p.note[:1].lower()}{p.note[1:]}"
                    for p in planned
                    if p.note
                ],
            )
        )
    return cards


def lock_reason(safety: SafetyCheck) -> str | None:
    lock = safety.lock()
    if lock is None:
        return None
    return f"Workouts are stopped. {safety.message(lock).title}."


def clearance_note(last: datetime | None) -> str | None:
    if last is None:
        return None
    return f"A clinician's all-clear was confirmed on {last.astimezone():%-d %B %Y at %H:%M}."
