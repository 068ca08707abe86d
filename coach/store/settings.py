"""Every setting the program keeps, declared once: its name, its shape, its default.

A setting is stored as JSON text in the setting table. A stored value that is not valid
JSON or not of its shape (a hand-edited database, an old bug) reads as the default and is
logged: no setting can stop the program from starting. An import refuses such a value by
name (:func:`setting_problem`). Each shape is a type that coach.core.shapes checks; each
setting says in plain words what a value of it is, and what is wrong with one that is not.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Annotated, Any, Generic, Literal, TypeVar

from coach.core.calendar import Reminder
from coach.core.cues import CueChoice, VoiceSettings
from coach.core.plan import ALWAYS, PlanHistory, PlanPeriod, checked_days
from coach.core.records import field, record
from coach.core.routines import OwnDose
from coach.core.safety import Profile
from coach.core.shapes import Rule, Shape, ShapeError, rule, validate
from coach.store.database import OpenedDatabase

logger = logging.getLogger(__name__)
T = TypeVar("T")


class _Profile(Shape):
    facts: dict[str, bool] = rule(default_factory=dict)
    agreed: dict[str, bool] = rule(default_factory=dict)
    birth_year: int | None = rule(default=None, ge=1900, le=2100)
    history_checked: _Day | None = None  # when a clinician checked, knowing the history
    history_asked: bool = False  # the standing history was asked (first run, or once)


class _Dose(Shape):
    sets: int = rule(ge=1, le=1000)
    reps: int | None = rule(ge=1, le=1000)


class _Voice(Shape):
    on: bool = True
    volume: float = rule(default=0.8, ge=0, le=1)
    rate: float = rule(default=0.0, ge=-1, le=1)
    names: bool = True
    counts: bool = True
    halfway: bool = True
    next_up: bool = True


class _Reminder(Shape):
    on: bool = False
    time: str = rule(default="18:00", pattern=r"^([01]\d|2[0-3]):([0-5]\d)$")


def _a_time(text: str) -> str:
    datetime.fromisoformat(text)  # ValueError: not a time
    return text


def _a_day(text: str) -> str:
    date.fromisoformat(text)  # ValueError: not a day
    return text


_Weekday = Annotated[int, Rule(ge=0, le=6)]
_Time = Annotated[str, Rule(check=_a_time)]
_Day = Annotated[str, Rule(check=_a_day)]


class _PlanPeriod(Shape):
    start: _Day = rule(alias="from")
    days: Annotated[list[_Weekday], Rule(min_length=1)]


# Plan days as kept before they had dates (a plain list), or each plan with its first day.
_PlanDays = (
    Annotated[list[_Weekday], Rule(min_length=1)] | Annotated[list[_PlanPeriod], Rule(min_length=1)]
)


def _plan_history(stored: list[int] | list[_PlanPeriod]) -> PlanHistory:
    if all(isinstance(day, int) for day in stored):
        return PlanHistory((PlanPeriod(ALWAYS, checked_days(stored)),))
    periods = sorted(
        (PlanPeriod(date.fromisoformat(p.start), frozenset(p.days))
         for p in stored if isinstance(p, _PlanPeriod)),
        key=lambda period: period.start,
    )  # fmt: skip
    return PlanHistory(tuple(periods))


@record(eq=False)  # one of each, told apart by itself
class Setting(Generic[T]):
    """One setting: its key, the shape of its stored value, and its value when there is
    none (or none that can be read). `load` and `dump` turn the stored value into what
    the program uses, and back."""

    key: str
    shape: Any
    default: T
    load: Callable[[Any], T]
    dump: Callable[[T], Any]
    says: str  # what a value of this shape is, for a message when one is not
    words: Mapping[str, str] = field(default_factory=dict)  # error kind -> what is wrong

    def problem(self, value: Any) -> str | None:
        """What is wrong with a stored (JSON) value, in a person's words; None if nothing."""
        try:
            validate(self.shape, value, strict=True)
        except ShapeError as error:
            first = error.errors()[0]
            named = [str(part) for part in first["loc"] if isinstance(part, str)]
            said = self.words.get(first["type"], f"should be {self.says}")
            return said.format(field=named[-1] if named else "", value=first.get("input"))
        return None


_VALUE_WORDS = {
    "bool_type": 'should give "{field}" as true or false',
    "float_type": 'should give "{field}" as a number',
    "greater_than_equal": 'should give "{field}" within its range, not {value}',
    "less_than_equal": 'should give "{field}" within its range, not {value}',
    "extra_forbidden": 'has a setting this program does not know: "{field}"',
}

PROFILE = Setting(
    "profile", _Profile, Profile(),
    load=lambda v: Profile(
        facts=dict(v.facts), agreed=dict(v.agreed), birth_year=v.birth_year,
        history_checked=date.fromisoformat(v.history_checked) if v.history_checked else None,
        history_asked=v.history_asked),
    dump=lambda p: {
        "facts": p.facts, "agreed": p.agreed, "birth_year": p.birth_year,
        "history_checked": p.history_checked.isoformat() if p.history_checked else None,
        "history_asked": p.history_asked},
    says='an object with "facts" and "agreed"',
    words={"bool_type": "should hold only true or false answers",
           "dict_type": "should be an object of yes/no answers",
           "extra_forbidden": 'should hold only "facts", "agreed" and the standing history',
           "greater_than_equal": "should give a year of birth from 1900 on",
           "less_than_equal": "should give a year of birth before 2100",
           "int_type": "should give the year of birth as a whole number"},
)  # fmt: skip
OPT_INS: Setting[frozenset[str]] = Setting(
    "opt_in", list[str], frozenset(),
    load=frozenset, dump=sorted, says="a list of exercise ids",
)  # fmt: skip
PLAN_DAYS = Setting(
    "plan days", _PlanDays, PlanHistory(),
    load=_plan_history,
    dump=lambda h: [{"from": p.start.isoformat(), "days": sorted(p.days)} for p in h.periods],
    says="a list of one or more weekdays from 0 (Monday) to 6, or of plans with their"
    " first day",
)  # fmt: skip
OWN_DOSES = Setting(
    "own doses", dict[str, dict[str, _Dose]], dict[str, dict[str, OwnDose]](),
    load=lambda v: {r: {e: OwnDose(d.sets, d.reps) for e, d in doses.items()}
                    for r, doses in v.items()},
    dump=lambda v: {r: {e: {"sets": d.sets, "reps": d.reps} for e, d in doses.items()}
                    for r, doses in v.items()},
    says='an object of routines, each an object of exercises with "sets" and "reps"',
    words=dict.fromkeys(
        ("greater_than_equal", "less_than_equal", "int_type", "missing", "extra_forbidden"),
        'should give each exercise "sets" (1 or more) and "reps" (a whole number, or null)',
    ),
)  # fmt: skip
DOSE_DECISIONS = Setting(
    "dose decisions", dict[str, dict[str, _Time]], dict[str, dict[str, str]](),
    load=lambda v: {r: dict(e) for r, e in v.items()}, dump=lambda v: v,
    says="an object of routines, each giving its exercises the time of a decision",
    words={"value_error": "has {value!r}, which is not a time"},
)  # fmt: skip
VOICE = Setting(
    "voice", _Voice, VoiceSettings(),
    load=lambda v: VoiceSettings(on=v.on, volume=v.volume, choice=CueChoice(
        names=v.names, counts=v.counts, halfway=v.halfway, next_up=v.next_up, rate=v.rate)),
    dump=lambda s: {"on": s.on, "volume": s.volume, "rate": s.choice.rate,
                    "names": s.choice.names, "counts": s.choice.counts,
                    "halfway": s.choice.halfway, "next_up": s.choice.next_up},
    says="an object of voice settings", words=_VALUE_WORDS,
)  # fmt: skip
REMINDER = Setting(
    "reminder", _Reminder, Reminder(),
    load=lambda v: Reminder(on=v.on, at=time.fromisoformat(v.time)),
    dump=lambda r: {"on": r.on, "time": f"{r.at:%H:%M}"},
    says='an object with "on" and "time"',
    words={**_VALUE_WORDS,
           "string_pattern_mismatch": 'should give "time" as hours and minutes, like'
           ' "07:30", not {value!r}'},
)  # fmt: skip

THEME: Setting[str] = Setting(
    "theme", Literal["system", "light", "dark", "contrast"], "system",
    load=str, dump=str, says='one of "system", "light", "dark" or "contrast"',
)  # fmt: skip

SETTINGS: dict[str, Setting[Any]] = {
    s.key: s
    for s in (PROFILE, OPT_INS, PLAN_DAYS, OWN_DOSES, DOSE_DECISIONS, VOICE, REMINDER, THEME)
}


def setting_problem(key: str, text: str) -> str | None:
    """Why a stored text cannot be the setting of this key, or None when it can."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return f"is not valid JSON: {text[:40]!r}"
    setting = SETTINGS.get(key)
    problem = setting.problem(value) if setting is not None else None
    return f"for '{key}' {problem}" if problem else None


class Settings:
    """Reads and writes the settings; each write is one transaction."""

    def __init__(self, database: OpenedDatabase, now: Callable[[], datetime]) -> None:
        self._database = database
        self._now = now

    def read(self, setting: Setting[T]) -> T:
        rows = self._database.read("SELECT value FROM setting WHERE key = ?", (setting.key,))
        if not rows:
            return setting.default
        text = rows[0][0]
        problem = setting_problem(setting.key, text) if isinstance(text, str) else "is not text"
        if problem:
            logger.warning("The setting '%s' %s; using the default instead.", setting.key, problem)
            return setting.default
        stored = validate(setting.shape, json.loads(text), strict=True)
        return setting.load(stored)

    def write(self, *changes: tuple[Setting[Any], Any]) -> None:
        """Each (setting, value) given, together or not at all. ValueError, and nothing
        written, when a value is not of its setting's shape."""
        from coach.store.models import Setting as Row

        at = self._now()
        rows = []
        for setting, value in changes:
            stored = setting.dump(value)
            problem = setting.problem(stored)
            if problem:
                raise ValueError(f"The setting '{setting.key}' {problem}.")
            rows.append((setting.key, json.dumps(stored)))

        def save(session: Any) -> None:
            for key, text in rows:
                session.merge(Row(key=key, value=text, changed_at=at))

        self._database.write(save)
