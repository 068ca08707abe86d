"""The safety screen's rules: questions, answers -> verdict, and when a workout may start.

The questions and messages are data (``routines/safety.toml``) so they can be
reviewed and translated without touching code. A broken file is an error that
stops the program: the screen must never run with questions missing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coach.core.toml_errors import FileError, describe, split_toml_error

FULL_SCREEN_EVERY = timedelta(days=7)


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HaltMessage(_Strict):
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    action: str = Field(min_length=1)
    sheet: str = Field(min_length=1)  # leads this kind's signs on the printed sheet


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["emergency", "urgent", "radiating", "warn"]
    text: str = Field(min_length=1)
    short: bool = False
    message: str | None = None
    sign: str | None = None  # a halting question as a plain phrase, for the printed sheet

    @model_validator(mode="after")
    def _warn_has_message(self) -> Self:
        if self.kind == "warn" and not self.message:
            raise ValueError("a warn question needs a message")
        if self.kind != "warn" and not self.sign:
            raise ValueError("a question that halts needs a sign, for the printed sheet")
        return self

    @property
    def halts(self) -> HaltKind | None:
        return None if self.kind == "warn" else HaltKind(self.kind)


class Fact(_Strict):
    """A warn-only fact kept in the profile."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    text: str = Field(min_length=1)
    message: str = Field(min_length=1)
    hide_tags: list[str] = Field(default_factory=list)
    # A few words for the routine list: "left out: <reason>".
    reason: str | None = None
    unless: str | None = None

    @model_validator(mode="after")
    def _hiding_says_why(self) -> Self:
        if self.hide_tags and not self.reason:
            raise ValueError("a fact that hides exercises needs a reason")
        return self


class SafetyRules(_Strict):
    halt: dict[HaltKind, HaltMessage]
    question: list[Question] = Field(min_length=1)
    fact: list[Fact] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing = [kind.value for kind in HaltKind if kind not in self.halt]
        if missing:
            raise ValueError(f"[halt.{missing[0]}] is missing: every kind of halt needs a message")
        ids = [q.id for q in self.question] + [f.id for f in self.fact]
        if len(ids) != len(set(ids)):
            twice = next(i for i in ids if ids.count(i) > 1)
            raise ValueError(f"the id '{twice}' is used twice")
        # CONTENT.md: the screen before every workout asks the emergency and leg questions.
        for kind in (HaltKind.EMERGENCY, HaltKind.RADIATING):
            if not any(q.halts is kind and q.short for q in self.question):
                raise ValueError(f"the short screen has no {kind.value} question")
        return self

    # The screens.

    def full_screen(self) -> list[Question]:
        return list(self.question)

    def short_screen(self) -> list[Question]:
        return [q for q in self.question if q.short]

    def assess(self, questions: Iterable[Question], answers: Mapping[str, bool]) -> Verdict:
        """The verdict for a screen whose every question has an answer."""
        asked = list(questions)
        unanswered = [q.id for q in asked if q.id not in answers]
        if unanswered:
            raise ValueError(f"not every question has an answer: {', '.join(unanswered)}")
        halts = {q.halts for q in asked if answers[q.id] and q.halts is not None}
        for kind in _SEVERITY:
            if kind in halts:
                return Verdict(halt=kind)
        warnings = [q.message for q in asked if answers[q.id] and q.message]
        return Verdict(warnings=warnings)

    def profile_effects(self, profile: Profile) -> ProfileEffects:
        """What the person's warn-only facts mean: messages, and exercises to leave out."""
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
        return ProfileEffects(messages, hidden)


@dataclass(frozen=True)
class Verdict:
    halt: HaltKind | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> Literal["clear", "warn", "halt"]:
        if self.halt is not None:
            return "halt"
        return "warn" if self.warnings else "clear"


@dataclass
class Profile:
    """The warn-only facts a person gave, and whether a clinician agreed (the `unless`)."""

    facts: dict[str, bool] = field(default_factory=dict)
    agreed: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileEffects:
    messages: list[str]
    # Exercise tag -> why exercises with it are left out.
    hidden_tags: dict[str, str]


# During a workout: the one-key check after each exercise.


class CheckAnswer(StrEnum):
    FINE = "all fine"
    LEG = "pain spread into the leg"
    NUMB = "new numbness, tingling or weakness"
    NUMB_GROIN = "new numbness, tingling or weakness, with the groin, bottom or bladder"
    WORSE = "back pain 2 or more points higher"


@dataclass(frozen=True)
class CheckOutcome:
    halt: HaltKind | None = None
    skip_exercise: bool = False


def after_exercise(answer: CheckAnswer) -> CheckOutcome:
    match answer:
        case CheckAnswer.LEG:
            return CheckOutcome(halt=HaltKind.RADIATING)
        case CheckAnswer.NUMB:
            return CheckOutcome(halt=HaltKind.RADIATING)
        case CheckAnswer.NUMB_GROIN:
            return CheckOutcome(halt=HaltKind.EMERGENCY)
        case CheckAnswer.WORSE:
            return CheckOutcome(skip_exercise=True)
    return CheckOutcome()


# When may a workout start?


@dataclass(frozen=True)
class PastHalt:
    at: datetime
    kind: HaltKind


@dataclass(frozen=True)
class Lock:
    """Why no workout can start now, and whether a clinician's word would lift it."""

    halt: HaltKind
    since: datetime
    clinician_can_lift: bool


def workout_lock(
    halts: Iterable[PastHalt], clearances: Iterable[datetime], now: datetime
) -> Lock | None:
    """Emergency or urgent halts lock the rest of that local day; radiating-pain halts
    lock until a clinician's all-clear is confirmed after them."""
    today = now.astimezone().date()
    latest_clearance = max(clearances, default=None)
    locks = []
    for halt in halts:
        if halt.kind is HaltKind.RADIATING:
            if latest_clearance is None or latest_clearance < halt.at:
                locks.append(Lock(halt.kind, halt.at, clinician_can_lift=True))
        elif halt.at.astimezone().date() == today:
            locks.append(Lock(halt.kind, halt.at, clinician_can_lift=False))
    if not locks:
        return None
    return min(locks, key=lambda lock: (_SEVERITY.index(lock.halt), -lock.since.timestamp()))


def screen_due(last_full_screen: datetime | None, now: datetime) -> Literal["full", "short"]:
    """The full screen the first time and once a week has passed; the short one otherwise."""
    if last_full_screen is None or now - last_full_screen >= FULL_SCREEN_EVERY:
        return "full"
    return "short"


class SafetyFileError(Exception):
    """The questions file is broken; the program must not run without it."""

    def __init__(self, error: FileError) -> None:
        super().__init__(str(error))
        self.error = error


def load_safety(path: Path) -> SafetyRules:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SafetyFileError(FileError(path, "", f"cannot be read: {error}")) from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where, problem = split_toml_error(str(error))
        raise SafetyFileError(FileError(path, where, f"is not valid TOML: {problem}")) from error
    try:
        return SafetyRules.model_validate(data)
    except ValidationError as error:
        raise SafetyFileError(describe(path, text, error)) from error
