"""The checked shapes behind every file and setting the program reads: what they accept,
and what they say about what they refuse."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest

from coach.core.routines import Dose, Routine
from coach.core.shapes import Rule, Shape, ShapeError, rule, validate

TEMPO = {"up": 2, "hold": 1, "down": 2}


def problems(kind: Any, value: Any, *, strict: bool = False) -> list[tuple[Any, ...]]:
    with pytest.raises(ShapeError) as refused:
        validate(kind, value, strict=strict)
    return [(e["type"], e["loc"], e["msg"]) for e in refused.value.errors()]


def test_every_problem_in_a_table_is_listed_in_order_with_its_place() -> None:
    said = problems(Dose, {"sets": 0, "reps": "ten", "tempo": {"up": -1}, "colour": "red"})
    assert said == [
        ("greater_than_equal", ("sets",), "Input should be greater than or equal to 1"),
        ("int_parsing", ("reps",),
         "Input should be a valid integer, unable to parse string as an integer"),
        ("greater_than_equal", ("tempo", "up"), "Input should be greater than or equal to 0"),
        ("missing", ("tempo", "hold"), "Field required"),
        ("missing", ("tempo", "down"), "Field required"),
        ("extra_forbidden", ("colour",), "Extra inputs are not permitted"),
    ]  # fmt: skip


def test_a_rule_across_fields_speaks_only_once_every_field_is_good() -> None:
    assert problems(Dose, {"sets": 2, "reps": 10, "hold_seconds": 30, "tempo": TEMPO}) == [
        ("value_error", (), "Value error, give either reps (with a tempo) or hold_seconds,"
         " not both"),
    ]  # fmt: skip
    assert [kind for kind, _, _ in problems(Dose, {"sets": 0, "reps": 10})] == [
        "greater_than_equal"
    ]


def test_lists_texts_and_choices_say_what_they_needed() -> None:
    said = problems(Routine, {"id": "Mine!", "title": "", "summary": "s", "item": []})
    assert said == [
        ("string_pattern_mismatch", ("id",), "String should match pattern '^[a-z0-9][a-z0-9-]*$'"),
        ("string_too_short", ("title",), "String should have at least 1 character"),
        ("too_short", ("item",), "List should have at least 1 item after validation, not 0"),
    ]  # fmt: skip
    assert problems(Literal["light", "dark", "contrast"], "pink") == [
        ("literal_error", (), "Input should be 'light', 'dark' or 'contrast'"),
    ]
    assert problems(dict[str, list[int]], {"a": [1, "x"]}) == [
        ("int_parsing", ("a", 1),
         "Input should be a valid integer, unable to parse string as an integer"),
    ]  # fmt: skip


def test_files_take_a_whole_number_written_loosely_and_settings_do_not() -> None:
    assert validate(int, 3.0) == 3
    assert validate(int, " 3 ") == 3
    assert validate(float, 2) == 2.0
    assert problems(int, True) == [("int_type", (), "Input should be a valid integer")]
    assert problems(int, 3.0, strict=True) == [("int_type", (), "Input should be a valid integer")]
    assert problems(int, "3", strict=True) == [("int_type", (), "Input should be a valid integer")]
    assert problems(bool, 1) == [("bool_type", (), "Input should be a valid boolean")]


class Period(Shape):
    start: Annotated[str, Rule(min_length=10)] = rule(alias="from")
    days: Annotated[list[int], Rule(min_length=1)]
    note: str | None = None
    tags: list[str] = rule(default_factory=list)


def test_a_shape_reads_a_key_under_another_name_and_fills_its_defaults() -> None:
    period = Period.validated({"from": "2026-11-30", "days": [1, 3]})
    assert (period.start, period.days, period.note, period.tags) == ("2026-11-30", [1, 3], None, [])
    assert problems(Period, {"start": "2026-11-30", "days": []}) == [
        ("missing", ("from",), "Field required"),
        ("too_short", ("days",), "List should have at least 1 item after validation, not 0"),
        ("extra_forbidden", ("start",), "Extra inputs are not permitted"),
    ]
    with pytest.raises(ShapeError, match=r"^days: Input should be a valid list$"):
        Period.validated({"from": "2026-11-30", "days": 3})


def test_a_shape_is_frozen_and_equal_by_its_values() -> None:
    one = Dose.validated({"sets": 2, "reps": 10, "tempo": TEMPO})
    assert one == Dose.validated(one.dump())
    with pytest.raises(AttributeError):
        one.sets = 3  # type: ignore[misc]
