"""Records: what `@dataclass(frozen=True)` gives, made without generating code.

A dataclass writes and compiles the source of its `__init__`, `__eq__`, `__repr__`,
`__hash__`, `__setattr__` and `__delattr__` for every class: about half a millisecond a
class, and the home screen alone imports some fifty of them, 30 ms of start-up. A record
shares one set of plain methods, which read the class's list of fields instead. They act
as the dataclass's do: positional or keyword arguments, defaults and
`field(default_factory=...)`, `__post_init__`, equality by value with records of the same
class only, a hash of the values when frozen, a repr naming each field, no changes to a
frozen record (FrozenInstanceError), and class patterns (`__match_args__`). Building one
takes about a fifth longer than a dataclass's generated `__init__`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["FrozenInstanceError", "field", "record", "record_fields", "replace", "values"]

T = TypeVar("T")

_set = object.__setattr__


class _Fields:
    """A record class's fields: their names in order, defaults and default factories."""

    __slots__ = ("defaults", "factories", "names")

    def __init__(self, cls: type) -> None:
        self.names: tuple[str, ...] = ()
        self.defaults: dict[str, Any] = {}
        self.factories: dict[str, Callable[[], Any]] = {}
        for base in reversed(cls.__mro__[1:]):
            inherited = base.__dict__.get("__record_fields__")
            if inherited is not None:
                self.names += tuple(n for n in inherited.names if n not in self.names)
                self.defaults |= inherited.defaults
                self.factories |= inherited.factories
        for name, kind in inspect.get_annotations(cls).items():
            if _is_class_var(kind):
                continue
            given = cls.__dict__.get(name, MISSING)
            self.defaults.pop(name, None)  # a subclass's own say replaces its base's
            self.factories.pop(name, None)
            if isinstance(given, Field):
                _only_defaults(given, name)
                if given.default_factory is not MISSING:
                    self.factories[name] = given.default_factory
                    delattr(cls, name)
                elif given.default is not MISSING:
                    self.defaults[name] = given.default
                    setattr(cls, name, given.default)
                else:
                    delattr(cls, name)
            elif given is not MISSING:
                if isinstance(given, list | dict | set):
                    raise ValueError(
                        f"mutable default {type(given)} for field {name} is not allowed:"
                        " use default_factory"
                    )
                self.defaults[name] = given
            if name not in self.names:
                self.names += (name,)
        with_default = False
        for name in self.names:
            if name in self.defaults or name in self.factories:
                with_default = True
            elif with_default:
                raise TypeError(f"non-default argument {name!r} follows default argument")

    def missing(self, cls: type, name: str) -> Any:
        if name in self.factories:
            return self.factories[name]()
        if name in self.defaults:
            return self.defaults[name]
        raise TypeError(f"{cls.__qualname__}.__init__() missing required argument: {name!r}")


def _only_defaults(given: Field[Any], name: str) -> None:
    """A record's field() says a default or a default factory; nothing else is honoured,
    so nothing else may be asked."""
    plain = field()
    asked = [
        option
        for option in ("init", "repr", "hash", "compare", "metadata", "kw_only")
        if getattr(given, option) != getattr(plain, option)
    ]
    if asked:
        raise TypeError(f"field {name}: a record's field takes no {', '.join(asked)}")


def _is_class_var(kind: Any) -> bool:
    text = kind if isinstance(kind, str) else repr(kind)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    fields: _Fields = cls.__record_fields__
    names = fields.names
    if len(args) > len(names):
        raise TypeError(
            f"{cls.__qualname__}.__init__() takes {len(names)} arguments but {len(args)} were given"
        )
    for name, value in zip(names, args, strict=False):
        _set(self, name, value)
    for name in names[len(args) :]:
        _set(self, name, kwargs.pop(name) if name in kwargs else fields.missing(cls, name))
    if kwargs:
        wrong = next(iter(kwargs))
        if wrong in names:
            raise TypeError(f"{cls.__qualname__}.__init__() got multiple values for {wrong!r}")
        raise TypeError(f"{cls.__qualname__}.__init__() got an unexpected argument {wrong!r}")
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _values(self: Any) -> tuple[Any, ...]:
    return tuple([getattr(self, name) for name in type(self).__record_fields__.names])


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__.names)
    return f"{type(self).__qualname__}({shown})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(
    cls: type[T] | None = None, /, *, frozen: bool = True, eq: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """Make a class a record, frozen unless told otherwise (see the module's words)."""

    def make(cls: type[T]) -> type[T]:
        fields = _Fields(cls)
        methods: dict[str, Any] = {
            "__record_fields__": fields,
            "__match_args__": fields.names,
            "__init__": _init,
            "__repr__": _repr,
        }
        if eq:
            methods["__eq__"] = _eq
            methods["__hash__"] = _hash if frozen else None
        if frozen:
            methods["__setattr__"] = _frozen_setattr
            methods["__delattr__"] = _frozen_delattr
        for name, method in methods.items():
            if name in cls.__dict__ and not name.startswith(("__record", "__match")):
                continue  # the class's own method is kept, as a dataclass keeps it
            setattr(cls, name, method)
        return cls

    return make if cls is None else make(cls)


def record_fields(kind: type) -> tuple[str, ...]:
    """The names of a record class's fields, in order."""
    return kind.__record_fields__.names  # type: ignore[attr-defined,no-any-return]


def values(item: Any) -> dict[str, Any]:
    """A record as plain data: its fields by name, records and lists within made plain."""
    if hasattr(type(item), "__record_fields__"):
        return {name: values(getattr(item, name)) for name in record_fields(type(item))}
    if isinstance(item, list | tuple):
        return type(item)(values(v) for v in item)  # type: ignore[return-value]
    if isinstance(item, dict):
        return {key: values(v) for key, v in item.items()}
    return item  # type: ignore[no-any-return]


def replace(item: T, /, **changes: Any) -> T:
    """A copy of a record with these fields changed."""
    kind = type(item)
    return kind(**{name: getattr(item, name) for name in record_fields(kind)} | changes)
