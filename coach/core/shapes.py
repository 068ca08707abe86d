"""Checked shapes for what the program reads: routine files, the safety questions, settings.

A shape is a frozen record whose fields carry their limits (`rule(ge=1, le=10)`).
`Shape.validated(data)` builds one from plain data (TOML tables, JSON) and refuses data
that does not fit with `ShapeError`, which lists every problem found: its kind, where it
is (a path of keys and indexes), what is wrong in words, and the value given. The kinds
and words follow pydantic's, which read the same files before, so the messages a person
gets about a broken file did not change when this took its place.

Why not pydantic: importing it and building the models cost about 120 ms of every
start-up, before the window could paint; this module imports in about a millisecond.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable
from dataclasses import MISSING
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, ClassVar, Literal, Self, Union, dataclass_transform

Loc = tuple[str | int, ...]


class ShapeError(ValueError):
    """Data that does not fit its shape; `errors()` lists each problem, first found first."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        first = errors[0]
        where = ".".join(str(step) for step in first["loc"])
        super().__init__(f"{where}: {first['msg']}" if where else first["msg"])
        self._errors = errors

    def errors(self) -> list[dict[str, Any]]:
        """Each problem as {"type", "loc", "msg", "input"}."""
        return list(self._errors)


class Rule:
    """The limits of one value. `check` may refuse it with a ValueError of its own."""

    __slots__ = ("check", "ge", "gt", "le", "max_length", "min_length", "pattern")

    def __init__(
        self,
        ge: float | None = None,
        gt: float | None = None,
        le: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        check: Callable[[Any], object] | None = None,
    ) -> None:
        self.ge, self.gt, self.le, self.pattern, self.check = ge, gt, le, pattern, check
        self.min_length, self.max_length = min_length, max_length

    def problem(self, value: Any) -> tuple[str, str] | None:
        """(kind, words) for the first limit the value breaks, or None."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.gt is not None and not value > self.gt:
                return "greater_than", f"Input should be greater than {self.gt}"
            if self.ge is not None and not value >= self.ge:
                return "greater_than_equal", f"Input should be greater than or equal to {self.ge}"
            if self.le is not None and not value <= self.le:
                return "less_than_equal", f"Input should be less than or equal to {self.le}"
        if isinstance(value, str | list):
            found = self._length(value)
            if found:
                return found
        if (
            self.pattern is not None
            and isinstance(value, str)
            and not re.search(self.pattern, value)
        ):
            return "string_pattern_mismatch", f"String should match pattern '{self.pattern}'"
        if self.check is not None:
            try:
                self.check(value)
            except ValueError as error:
                return "value_error", f"Value error, {error}"
        return None

    def _length(self, value: str | list[Any]) -> tuple[str, str] | None:
        text = isinstance(value, str)
        what, noun = ("String", "character") if text else ("List", "item")
        after = "" if text else f" after validation, not {len(value)}"
        if self.min_length is not None and len(value) < self.min_length:
            kind = "string_too_short" if text else "too_short"
            return kind, f"{what} should have at least {_count(self.min_length, noun)}{after}"
        if self.max_length is not None and len(value) > self.max_length:
            kind = "string_too_long" if text else "too_long"
            return kind, f"{what} should have at most {_count(self.max_length, noun)}{after}"
        return None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class _Spec:
    """What `rule` gives a field: its limits, its default, the key it is written under."""

    __slots__ = ("alias", "default", "factory", "limits")

    def __init__(
        self,
        limits: Rule | None,
        default: Any,
        factory: Callable[[], Any] | None,
        alias: str | None,
    ) -> None:
        self.limits, self.default, self.factory, self.alias = limits, default, factory, alias

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.factory is None


def rule(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | None = None,
    alias: str | None = None,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
) -> Any:
    """A field with limits (and its default, and the key it is written under if that
    differs from its name)."""
    limits = Rule(ge, gt, le, min_length, max_length, pattern)
    return _Spec(limits, default, default_factory, alias)


class _Field:
    __slots__ = ("key", "kind", "limits", "name", "required")

    def __init__(self, name: str, spec: _Spec, kind: Any) -> None:
        self.name, self.key, self.kind = name, spec.alias or name, kind  # key: as written
        self.limits, self.required = spec.limits, spec.required


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(rule,))
class Shape:
    """A frozen record that can be built, checked, from plain data. Like a frozen
    dataclass (keyword arguments, equal by value), but made without generating code,
    which cost about half a millisecond a class at start-up."""

    _specs: ClassVar[dict[str, _Spec]] = {}
    _fields: ClassVar[list[_Field] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        specs = dict(cls._specs)
        for name, annotation in inspect.get_annotations(cls).items():
            if str(annotation).startswith("ClassVar"):
                continue
            given = cls.__dict__.get(name, MISSING)
            if isinstance(given, _Spec):
                specs[name] = given
                delattr(cls, name)
            else:
                specs[name] = _Spec(None, given, None, None)
        cls._specs = specs
        cls._fields = None  # the types are read from the annotations when first needed

    def __init__(self, **given: Any) -> None:
        for name, spec in self._specs.items():
            if name in given:
                value = given.pop(name)
            elif spec.factory is not None:
                value = spec.factory()
            elif spec.default is not MISSING:
                value = spec.default
            else:
                raise TypeError(f"{type(self).__name__}() needs {name}")
            object.__setattr__(self, name, value)
        if given:
            raise TypeError(f"{type(self).__name__}() has no field {next(iter(given))}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._specs)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._specs)
        return f"{type(self).__name__}({values})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a {type(self).__name__} cannot be changed (its {name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a {type(self).__name__} cannot be changed (its {name})")

    @classmethod
    def validated(cls, data: Any, *, strict: bool = False) -> Self:
        """Built from plain data. ShapeError when it does not fit. `strict` refuses a
        whole number written as 2.0."""
        return validate(cls, data, strict=strict)  # type: ignore[no-any-return]

    def check(self) -> None:
        """Rules across fields; raise ValueError saying what is wrong. Runs once every
        field is good."""

    def but(self, **changes: Any) -> Self:
        """A copy with these fields changed (unchecked, as built by hand)."""
        return type(self)(**{name: getattr(self, name) for name in self._specs} | changes)

    def dump(self) -> dict[str, Any]:
        """Back to plain data, keyed by field name."""
        return {name: _plain_data(getattr(self, name)) for name in self._specs}


def _plain_data(value: Any) -> Any:
    if isinstance(value, Shape):
        return value.dump()
    if isinstance(value, list):
        return [_plain_data(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_data(v) for k, v in value.items()}
    return value


def validate(kind: Any, value: Any, *, strict: bool = False) -> Any:
    """The value as the given type (a Shape, list[...], dict[...], a union, Literal,
    Annotated[..., Rule(...)] or a plain type); ShapeError when it does not fit."""
    errors: list[dict[str, Any]] = []
    out = _convert(kind, value, (), strict, errors)
    if errors:
        raise ShapeError(errors)
    return out


_BAD: Any = object()


def _fields(cls: type[Shape]) -> list[_Field]:
    if cls.__dict__.get("_fields") is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        cls._fields = [_Field(name, spec, hints[name]) for name, spec in cls._specs.items()]
    return cls._fields or []


def _fail(errors: list[dict[str, Any]], loc: Loc, value: Any, kind: str, msg: str) -> Any:
    errors.append({"type": kind, "loc": loc, "msg": msg, "input": value})
    return _BAD


def _choices(values: list[Any]) -> str:
    said = [repr(v) if isinstance(v, str) else str(v) for v in values]
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} or {said[-1]}"


_PLAIN: dict[type, tuple[str, str]] = {
    str: ("string_type", "Input should be a valid string"),
    bool: ("bool_type", "Input should be a valid boolean"),
    int: ("int_type", "Input should be a valid integer"),
    float: ("float_type", "Input should be a valid number"),
}


_NOUN = {int: "an integer", float: "a number"}


def _plain(kind: type, value: Any, loc: Loc, strict: bool, errors: list[dict[str, Any]]) -> Any:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind is float and number:
        return float(value)
    if kind is int and number:
        if isinstance(value, int):
            return value
        if not strict:  # 2.0 is 2; 2.5 is no whole number
            if value.is_integer():
                return int(value)
            words = "Input should be a valid integer, got a number with a fractional part"
            return _fail(errors, loc, value, "int_from_float", words)
    if kind in (str, bool) and type(value) is kind:
        return value
    if kind in (int, float) and isinstance(value, str) and not strict:
        try:  # sets = "3" in a file of one's own was read as 3, and still is
            return kind(value.strip())
        except ValueError:
            words = f"{_PLAIN[kind][1]}, unable to parse string as {_NOUN[kind]}"
            return _fail(errors, loc, value, f"{kind.__name__}_parsing", words)
    return _fail(errors, loc, value, *_PLAIN[kind])


def _convert(kind: Any, value: Any, loc: Loc, strict: bool, errors: list[dict[str, Any]]) -> Any:
    origin = typing.get_origin(kind)
    if origin is Annotated:
        base, *extras = typing.get_args(kind)
        out = _convert(base, value, loc, strict, errors)
        for extra in extras:
            if out is not _BAD and isinstance(extra, Rule) and (found := extra.problem(out)):
                out = _fail(errors, loc, value, *found)
        return out
    if origin in (Union, UnionType):
        options = typing.get_args(kind)
        if value is None and NoneType in options:
            return None
        first: list[dict[str, Any]] | None = None
        for option in (o for o in options if o is not NoneType):
            tried: list[dict[str, Any]] = []
            out = _convert(option, value, loc, strict, tried)
            if not tried:
                return out
            first = first or tried
        errors.extend(first or [])
        return _BAD
    if origin is Literal:
        allowed = list(typing.get_args(kind))
        if any(value == a and type(value) is type(a) for a in allowed):
            return value
        return _fail(errors, loc, value, "literal_error", f"Input should be {_choices(allowed)}")
    if origin is list:
        if not isinstance(value, list):
            return _fail(errors, loc, value, "list_type", "Input should be a valid list")
        (item,) = typing.get_args(kind)
        before = len(errors)
        items = [_convert(item, v, (*loc, n), strict, errors) for n, v in enumerate(value)]
        return items if len(errors) == before else _BAD
    if origin is dict:
        if not isinstance(value, dict):
            return _fail(errors, loc, value, "dict_type", "Input should be a valid dictionary")
        key_kind, item = typing.get_args(kind)
        before = len(errors)
        out = {
            _convert(key_kind, k, (*loc, k, "[key]"), strict, errors): _convert(
                item, v, (*loc, k), strict, errors
            )
            for k, v in value.items()
        }
        return out if len(errors) == before else _BAD
    if kind is Any:
        return value
    if kind is NoneType:
        return value if value is None else _fail(errors, loc, value, "none_required",
                                                 "Input should be None")  # fmt: skip
    if isinstance(kind, type) and issubclass(kind, Shape):
        return _shape(kind, value, loc, strict, errors)
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            allowed = [member.value for member in kind]
            return _fail(errors, loc, value, "enum", f"Input should be {_choices(allowed)}")
    if kind in _PLAIN:
        return _plain(kind, value, loc, strict, errors)
    raise TypeError(f"no check for the type {kind!r}")  # a mistake in a shape, not in data


def _shape(
    cls: type[Shape], value: Any, loc: Loc, strict: bool, errors: list[dict[str, Any]]
) -> Any:
    if isinstance(value, cls):
        return value
    if not isinstance(value, dict):
        words = f"Input should be a valid dictionary or instance of {cls.__name__}"
        return _fail(errors, loc, value, "model_type", words)
    before = len(errors)
    fields = _fields(cls)
    given: dict[str, Any] = {}
    for f in fields:
        if f.key not in value:
            if f.required:
                _fail(errors, (*loc, f.key), value, "missing", "Field required")
            continue
        out = _convert(f.kind, value[f.key], (*loc, f.key), strict, errors)
        if out is not _BAD and f.limits is not None and (found := f.limits.problem(out)):
            out = _fail(errors, (*loc, f.key), value[f.key], *found)
        given[f.name] = out
    known = {f.key for f in fields}
    for key in value:
        if key not in known:
            _fail(errors, (*loc, key), value[key], "extra_forbidden",
                  "Extra inputs are not permitted")  # fmt: skip
    if len(errors) > before:
        return _BAD
    made = cls(**given)
    try:
        made.check()
    except ValueError as error:
        return _fail(errors, loc, value, "value_error", f"Value error, {error}")
    return made
