"""Saying where a problem is in a TOML file: the line, the table, the field.

Shared by everything the program reads from TOML (routines, and later the
safety questions), so every file error reads the same way.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from coach.core.records import record
from coach.core.shapes import ShapeError


@record
class FileError:
    """A problem in one file: which file, where in it, and what is wrong."""

    path: Path
    where: str
    problem: str

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        return f"{self.path}{where}: {self.problem}"


MAX_TOML_BYTES = 1_000_000  # a routine or questions file is a few kilobytes


class TomlProblem(Exception):
    """A TOML file that cannot be read; `error` says which and why."""

    def __init__(self, error: FileError) -> None:
        super().__init__(str(error))
        self.error = error


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's data and its text. TomlProblem, naming the file (and the line),
    when it cannot be read, is not an ordinary file, is far too big, is not valid TOML
    or is nested too deeply to parse."""
    try:
        if path.exists() and not path.is_file():
            raise TomlProblem(FileError(path, "", "is not an ordinary file"))
        size = path.stat().st_size
        if size > MAX_TOML_BYTES:
            raise TomlProblem(FileError(path, "", f"is {size:,} bytes, far more than a file of"
                                        " routines or questions holds"))  # fmt: skip
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TomlProblem(FileError(path, "", f"cannot be read: {error}")) from error
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        where, problem = split_toml_error(str(error))
        raise TomlProblem(FileError(path, where, f"is not valid TOML: {problem}")) from error
    except RecursionError as error:
        raise TomlProblem(FileError(path, "", "is nested too deeply to be read")) from error


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def split_toml_error(message: str) -> tuple[str, str]:
    match = _TOML_POSITION.search(message)
    if not match:
        return "", message
    return f"line {match[1]}, column {match[2]}", message[: match.start()]


def describe(
    path: Path, text: str, error: ShapeError, prefix: tuple[str | int, ...] = ()
) -> FileError:
    """The first validation problem, said in words: where it is and what is wrong."""
    first = error.errors()[0]
    # A bad dictionary key is marked with a "[key]" step; the key itself says enough.
    loc = prefix + tuple(step for step in first["loc"] if step != "[key]")
    kind = first["type"]
    if kind == "missing":
        problem = "is missing (required)"
    elif kind == "extra_forbidden":
        problem = "is not a known field (check the spelling)"
    else:
        problem = first["msg"].removeprefix("Value error, ")
        problem = problem[0].lower() + problem[1:]
    more = len(error.errors()) - 1
    if more:
        problem += f" (and {more} more problem{'s' if more > 1 else ''})"
    return FileError(path, location(text, loc), problem)


def location(text: str, loc: tuple[str | int, ...]) -> str:
    """'line 12, item 2, field tempo.up' for a shape error's location, as far as it can be found."""
    parts: list[str] = []
    keys = list(loc)
    if len(keys) >= 2 and isinstance(keys[0], str) and isinstance(keys[1], int):
        parts.append(f"{keys[0]} {keys[1] + 1}")
        field_keys = keys[2:]
    else:
        field_keys = keys
    named = ".".join(str(k + 1) if isinstance(k, int) else k for k in field_keys)
    if named:
        parts.append(f"field '{named}'")
    line = find_line(text, loc)
    if line:
        parts.insert(0, f"line {line}")
    return ", ".join(parts)


def find_line(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The line where a field is written (or, when it is missing, its table's header)."""
    lines = text.splitlines()
    start, end, header_line = 0, len(lines), None
    rest = list(loc)
    if len(rest) >= 2 and isinstance(rest[0], str) and isinstance(rest[1], int):
        header = re.compile(rf"^\s*\[\[\s*{re.escape(rest[0])}\s*\]\]")
        starts = [n for n, line in enumerate(lines) if header.match(line)]
        if rest[1] >= len(starts):
            return None
        start = starts[rest[1]]
        header_line = start + 1
        following = (n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("[["))
        end = next(following, len(lines))
        rest = rest[2:]
    else:
        end = next((n for n, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    key = next((k for k in rest if isinstance(k, str)), None)
    if key is None:
        return header_line
    names = [k for k in rest if isinstance(k, str)]
    if header_line is None and len(names) >= 2:  # a [table.name] header, e.g. [halt.urgent]
        table = re.compile(rf"^\s*\[\s*{re.escape('.'.join(names[:2]))}\s*\]")
        found_table = next((n + 1 for n, line in enumerate(lines) if table.match(line)), None)
        if found_table:
            return found_table
    name = re.escape(key)
    pattern = re.compile(rf"^\s*(\[[^\]]*\.)?{name}\b\s*[=\]]|[{{,]\s*{name}\s*=")
    found = (n + 1 for n in range(start, end) if pattern.search(lines[n]))
    return next(found, header_line)
