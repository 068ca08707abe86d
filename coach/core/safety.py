"""The safety screen's rules (version 2): questions, answers -> verdict, and the locks.

Three kinds of question are kept apart (CONTENT.md section 2): signs today (the short
screen before every workout), signs that need a check (the full screen, first and then
weekly), and standing history (asked once, in the profile). Every halt holds until the
person confirms a clinician's all-clear for it; a question whose halt was cleared is
asked from then on as a change since that all-clear.

The questions and messages are data (``routines/safety.toml``) so they can be reviewed
and translated without touching code. A broken file is an error that stops the program:
the screen must never run with questions missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Literal

from coach.core.records import field, record
from coach.core.shapes import Shape, ShapeError, rule
from coach.core.toml_errors import FileError, TomlProblem, describe, read_toml

FULL_SCREEN_EVERY = timedelta(days=7)
SCREEN_STANDS_FOR = timedelta(hours=1)  # a full screen this recent stands for the short one
# The causes of halts that no screen question names.
LEG = "leg-pain"  # the radiating question; the stop key and the check's L answer it too
CHECK_NUMBNESS = "check-numbness"  # new numbness after an exercise, not in the groin
CHECK_NUMBNESS_SERIOUS = "check-numbness-serious"  # ... with the groin, legs, bladder or bowel
HISTORY = "history"  # standing history that no clinician has checked
HISTORY_CHANGED = "history-changed"  # back pain new or different since that check
_ID = r"^[a-z0-9][a-z0-9-]*$"


class HaltKind(StrEnum):
    """Most serious first: when several apply, the first in this order wins."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    RADIATING = "radiating"


_SEVERITY = list(HaltKind)


class ScreenKind(StrEnum):
    """Where a safety answer was given."""

    FULL = "full screen"
    SHORT = "short screen"
    STOP_KEY = "stop key"
    AFTER_EXERCISE = "after exercise"
    PROFILE = "profile"


class HaltMessage(Shape):
    title: str = rule(min_length=1)
    text: str = rule(min_length=1)
    action: str = rule(min_length=1)
    # The question that confirms the all-clear, on the halt screen.
    confirm: str = rule(min_length=1)
    sheet: str | None = None  # leads this kind's signs on the printed sheet


class Question(Shape):
    id: str = rule(pattern=_ID)
    kind: Literal["emergency", "urgent", "radiating", "warn"]
    group: Literal["today", "check"]  # signs today (every workout), or signs for a check
    text: str = rule(min_length=1)  # as the full screen asks it
    short: str | None = None  # as the short screen asks it, where that differs
    changed: str | None = None  # asked after its all-clear: "... since the all-clear on {date}?"
    message: str | None = None
    sign: str | None = None  # a halting question as a plain phrase, for the printed sheet

    def check(self) -> None:
        if self.kind == "warn" and not self.message:
            raise ValueError("a warn question needs a message")
        if self.kind != "warn" and not self.sign:
            raise ValueError("a question that halts needs a sign, for the printed sheet")
        if self.kind != "warn" and (not self.changed or "{date}" not in self.changed):
            raise ValueError("a question that halts needs `changed`, worded with {date}")
        if self.short and self.group != "today":
            raise ValueError("only a sign today has a short-screen wording")

    @property
    def halts(self) -> HaltKind | None:
        return None if self.kind == "warn" else HaltKind(self.kind)


class Fact(Shape):
    """A warn-only fact kept in the profile."""

    id: str = rule(pattern=_ID)
    text: str = rule(min_length=1)
    message: str = rule(min_length=1)
    hide_tags: list[str] = rule(default_factory=list)
    # A few words for the routine list: "left out: <reason>".
    reason: str | None = None
    unless: str | None = None

    def check(self) -> None:
        if self.hide_tags and not self.reason:
            raise ValueError("a fact that hides exercises needs a reason")


class HistoryItem(Shape):
    id: str = rule(pattern=_ID)
    text: str = rule(min_length=1)


class History(Shape):
    """Standing history: asked once, kept in the profile, never a weekly halt."""

    item: list[HistoryItem] = rule(min_length=1)
    birth_year: str = rule(min_length=1)  # the question
    checked: str = rule(min_length=1)  # asked once after a yes
    changed: str = rule(min_length=1)  # asked on the weekly screen after the check
    age_message: str = rule(min_length=1)
    older_than: int = rule(ge=1, le=120)
    younger_than: int = rule(ge=1, le=120)


class SheetWords(Shape):
    during: str = rule(min_length=1)  # under the stop box: what to do during a workout


class SafetyRules(Shape):
    halt: dict[HaltKind, HaltMessage]
    sheet: SheetWords
    message: dict[str, HaltMessage] = rule(default_factory=dict)  # by cause, where it differs
    question: list[Question] = rule(min_length=1)
    fact: list[Fact] = rule(default_factory=list)
    history: History

    def check(self) -> None:
        missing = [kind.value for kind in HaltKind if kind not in self.halt]
        if missing:
            raise ValueError(f"[halt.{missing[0]}] is missing: every kind of halt needs a message")
        if any(self.halt[kind].sheet is None for kind in HaltKind):
            raise ValueError("every [halt.KIND] needs `sheet`, for the printed sheet")
        ids = [q.id for q in self.question] + [f.id for f in self.fact]
        ids += [h.id for h in self.history.item]
        if len(ids) != len(set(ids)):
            twice = next(i for i in ids if ids.count(i) > 1)
            raise ValueError(f"the id '{twice}' is used twice")
        today = [q for q in self.question if q.group == "today"]
        if not any(q.halts is HaltKind.EMERGENCY for q in today):
            raise ValueError("the short screen has no emergency question")
        if not any(q.id == LEG and q.halts is HaltKind.RADIATING for q in today):
            raise ValueError(f"the short screen needs the radiating question '{LEG}'")

    # The screens.

    def full_screen(self) -> list[Question]:
        return list(self.question)

    def short_screen(self) -> list[Question]:
        return [q for q in self.question if q.group == "today"]

    def wording(self, question: Question, screen: ScreenKind, cleared: date | None) -> str:
        """The question as it is asked: as a change since its all-clear, if it had one."""
        if cleared is not None and question.changed:
            return question.changed.format(date=f"{cleared:%-d %B %Y}")
        if screen is ScreenKind.SHORT and question.short:
            return question.short
        return question.text

    def assess(self, questions: Iterable[Question], answers: Mapping[str, bool]) -> Verdict:
        """The verdict for a screen whose every question has an answer."""
        asked = list(questions)
        unanswered = [q.id for q in asked if q.id not in answers]
        if unanswered:
            raise ValueError(f"not every question has an answer: {', '.join(unanswered)}")
        # Every sign that halts is a cause, the most serious first; the most serious
        # names the halt. Its all-clear answers them all.
        causes = [(_SEVERITY.index(q.halts), q.id) for q in asked if answers[q.id] and q.halts]
        if causes:
            causes.sort(key=lambda cause: cause[0])
            return Verdict(halt=_SEVERITY[causes[0][0]], causes=tuple(c for _, c in causes))
        warnings = [q.message for q in asked if answers[q.id] and q.message]
        return Verdict(warnings=warnings)

    def message_for(self, kind: HaltKind, causes: Iterable[str]) -> HaltMessage:
        """What a halt says: its first (most serious) cause's own message where there is
        one, else its kind's."""
        first = next(iter(causes), None)
        return self.message.get(first, self.halt[kind]) if first else self.halt[kind]

    def signs(self, kind: HaltKind) -> list[str]:
        """The signs that halt with this kind, as plain phrases, for the printed sheet."""
        return [q.sign for q in self.question if q.halts is kind and q.sign]

    # The profile.

    def profile_effects(self, profile: Profile, today: date) -> ProfileEffects:
        """What the person's warn-only facts and age mean: messages, exercises left out."""
        messages: list[str] = []
        hidden: dict[str, str] = {}
        for fact in self.fact:
            if not profile.facts.get(fact.id, False):
                continue
            messages.append(fact.message)
            if fact.unless and profile.agreed.get(fact.id, False):
                continue
            for tag in fact.hide_tags:
                hidden.setdefault(tag, fact.reason or fact.id)
        age = profile.age(today)
        history = self.history
        if age is not None and (age > history.older_than or age < history.younger_than):
            messages.append(history.age_message)
        return ProfileEffects(messages, hidden)

    def history_said(self, profile: Profile) -> bool:
        """Whether the person gave any standing history (a yes)."""
        return any(profile.facts.get(item.id, False) for item in self.history.item)


@record
class Verdict:
    halt: HaltKind | None = None
    warnings: list[str] = field(default_factory=list)
    causes: tuple[str, ...] = ()  # the questions (or checks) that halted

    @property
    def kind(self) -> Literal["clear", "warn", "halt"]:
        if self.halt is not None:
            return "halt"
        return "warn" if self.warnings else "clear"


@record(frozen=False)
class Profile:
    """What the person told about themselves: warn-only facts and standing history (yes
    or no), whether a clinician agreed (the `unless`), the year of birth, and when a
    clinician checked their back pain knowing their history."""

    facts: dict[str, bool] = field(default_factory=dict)
    agreed: dict[str, bool] = field(default_factory=dict)
    birth_year: int | None = None
    history_checked: date | None = None
    history_asked: bool = False  # the standing history was asked (first run, or once since)

    def age(self, today: date) -> int | None:
        """Age in whole years this year (the birthday may be still to come)."""
        return None if self.birth_year is None else today.year - self.birth_year


@record
class ProfileEffects:
    messages: list[str]
    # Exercise tag -> why exercises with it are left out.
    hidden_tags: dict[str, str]


# During a workout: the one-key check after each exercise.


class CheckAnswer(StrEnum):
    FINE = "all fine"
    LEG = "pain spread into the leg"
    NUMB = "new numbness, tingling or weakness"
    NUMB_SERIOUS = "new numbness, tingling or weakness, with the groin, both legs, bladder or bowel"
    WORSE = "back pain 2 or more points higher"


@record
class CheckOutcome:
    halt: HaltKind | None = None
    causes: tuple[str, ...] = ()
    pain_rose: bool = False  # offer to end for today; lighter next time


def after_exercise(answer: CheckAnswer) -> CheckOutcome:
    match answer:
        case CheckAnswer.LEG:
            return CheckOutcome(halt=HaltKind.RADIATING, causes=(LEG,))
        case CheckAnswer.NUMB:
            return CheckOutcome(halt=HaltKind.RADIATING, causes=(CHECK_NUMBNESS,))
        case CheckAnswer.NUMB_SERIOUS:
            return CheckOutcome(halt=HaltKind.EMERGENCY, causes=(CHECK_NUMBNESS_SERIOUS,))
        case CheckAnswer.WORSE:
            return CheckOutcome(pain_rose=True)
    return CheckOutcome()


# When may a workout start?


@record
class PastHalt:
    id: int
    at: datetime
    kind: HaltKind
    causes: tuple[str, ...] = ()
    cleared_at: datetime | None = None  # when a clinician's all-clear answered it


@record
class Lock:
    """Why no workout can start now, and whether a clinician's word would lift it now."""

    halt: HaltKind
    since: datetime
    clinician_can_lift: bool
    halt_id: int = 0
    causes: tuple[str, ...] = ()


def workout_lock(halts: Iterable[PastHalt], now: datetime) -> Lock | None:
    """Every halt not yet answered by an all-clear locks; the most serious (then the latest)
    is the one shown. After an emergency, the all-clear is offered from the next day on."""
    today = now.astimezone().date()
    locks = [
        Lock(halt.kind, halt.at,
             halt.kind is not HaltKind.EMERGENCY or halt.at.astimezone().date() < today,
             halt.id, halt.causes)
        for halt in halts
        if halt.cleared_at is None
    ]  # fmt: skip
    if not locks:
        return None
    return min(locks, key=lambda lock: (_SEVERITY.index(lock.halt), -lock.since.timestamp()))


def answered_by_clearance(halts: Iterable[PastHalt], lock: Lock) -> list[int]:
    """The halts an all-clear for this lock answers: its own, and every other not yet
    answered that shares a cause with it (the same sign, halted again)."""
    shared = set(lock.causes)
    return [
        h.id
        for h in halts
        if h.cleared_at is None and (h.id == lock.halt_id or shared & set(h.causes))
    ]


def cleared_questions(halts: Iterable[PastHalt]) -> dict[str, date]:
    """Each cause with an all-clear, and the local date of its latest one."""
    cleared: dict[str, date] = {}
    for halt in halts:
        if halt.cleared_at is None:
            continue
        day = halt.cleared_at.astimezone().date()
        for cause in halt.causes:
            cleared[cause] = max(day, cleared.get(cause, day))
    return cleared


def screen_due(
    last_full_screen: datetime | None,
    now: datetime,
    *,
    last_halted: bool = False,
    history_asked: bool = True,
) -> Literal["full", "short", "none"]:
    """The full screen the first time, once a week has passed, and while the standing
    history has not been asked; none when a full screen without a halt was answered in
    the last hour (never the same questions twice in a row); the short one otherwise."""
    if last_full_screen is None or not history_asked:
        return "full"
    since = now - last_full_screen
    if since >= FULL_SCREEN_EVERY:
        return "full"
    if timedelta(0) <= since < SCREEN_STANDS_FOR and not last_halted:
        return "none"
    return "short"


class SafetyFileError(Exception):
    """The questions file is broken; the program must not run without it."""

    def __init__(self, error: FileError) -> None:
        super().__init__(str(error))
        self.error = error


def load_safety(path: Path) -> SafetyRules:
    try:
        data, text = read_toml(path)
    except TomlProblem as problem:
        raise SafetyFileError(problem.error) from problem
    try:
        return SafetyRules.validated(data)
    except ShapeError as error:
        raise SafetyFileError(describe(path, text, error)) from error
