"""Small JSON values by name in the setting table: read plainly, written at once.

Every known setting has a shape. A value that is not valid JSON, or not of its shape
(a hand-edited database, an old bug), is read as the default and logged: no setting can
stop the program from starting. An import refuses such a value by name.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from coach.core.calendar import reminder_problem
from coach.core.cues import voice_problem
from coach.store.database import OpenedDatabase

logger = logging.getLogger(__name__)


class BadSetting(ValueError):
    """A setting's value is not of its shape; the message says how."""


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadSetting(f"should be {what}")
    return value


def _flags(value: Any) -> dict[str, bool]:
    flags = _mapping(value, "an object of yes/no answers")
    if not all(isinstance(v, bool) for v in flags.values()):
        raise BadSetting("should hold only true or false answers")
    return flags


def _profile(value: Any) -> dict[str, dict[str, bool]]:
    profile = _mapping(value, 'an object with "facts" and "agreed"')
    if set(profile) - {"facts", "agreed"}:
        raise BadSetting('should hold only "facts" and "agreed"')
    return {part: _flags(profile.get(part, {})) for part in ("facts", "agreed")}


def _names(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadSetting("should be a list of exercise ids")
    return value


def _weekdays(value: Any) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in value
    ):
        raise BadSetting("should be a list of weekdays from 0 (Monday) to 6")
    return value


def _count(value: Any, low: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= 1000


def _own_doses(value: Any) -> dict[str, Any]:
    routines = _mapping(value, "an object of routines")
    for routine in routines.values():
        for dose in _mapping(routine, "an object of exercises").values():
            dose = _mapping(dose, 'an object with "sets" and "reps"')
            if set(dose) != {"sets", "reps"} or not _count(dose["sets"], 1):
                raise BadSetting('should give each exercise "sets" (1 or more) and "reps"')
            if dose["reps"] is not None and not _count(dose["reps"], 1):
                raise BadSetting('should give "reps" as a whole number, or null')
    return routines


def _decisions(value: Any) -> dict[str, Any]:
    routines = _mapping(value, "an object of routines")
    for routine in routines.values():
        for when in _mapping(routine, "an object of exercises").values():
            if not isinstance(when, str):
                raise BadSetting("should give each exercise the time of its decision")
            try:
                datetime.fromisoformat(when)
            except ValueError:
                raise BadSetting(f"has {when!r}, which is not a time") from None
    return routines


def _checked_by(problem_of: Callable[[Any], str | None]) -> Callable[[Any], Any]:
    """A shape from a check in core that says what is wrong with a value, or None."""

    def shape(value: Any) -> Any:
        problem = problem_of(value)
        if problem:
            raise BadSetting(problem)
        return value

    return shape


SHAPES: dict[str, Callable[[Any], Any]] = {
    "profile": _profile,
    "opt_in": _names,
    "plan days": _weekdays,
    "own doses": _own_doses,
    "dose decisions": _decisions,
    "voice": _checked_by(voice_problem),
    "reminder": _checked_by(reminder_problem),
}


def setting_problem(key: str, text: str) -> str | None:
    """Why a stored value cannot be a setting of this key, or None when it can."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return f"is not valid JSON: {text[:40]!r}"
    shape = SHAPES.get(key)
    if shape is not None:
        try:
            shape(value)
        except BadSetting as error:
            return f"for '{key}' {error}"
    return None


def read_setting(database: OpenedDatabase, key: str, default: Any) -> Any:
    rows = database.read("SELECT value FROM setting WHERE key = ?", (key,))
    if not rows:
        return default
    problem = setting_problem(key, rows[0][0]) if isinstance(rows[0][0], str) else "is not text"
    if problem:
        logger.warning("The setting '%s' %s; using the default instead.", key, problem)
        return default
    value = json.loads(rows[0][0])
    shape = SHAPES.get(key)
    return shape(value) if shape else value


def write_setting(database: OpenedDatabase, key: str, value: object, at: datetime) -> None:
    from coach.store.models import Setting

    text = json.dumps(value)
    database.write(lambda session: session.merge(Setting(key=key, value=text, changed_at=at)))
