"""Records act as frozen dataclasses do, without the code a dataclass generates."""

from __future__ import annotations

from typing import ClassVar

import pytest

from coach.core.records import FrozenInstanceError, field, record, record_fields, replace, values


@record
class Dose:
    sets: int
    reps: int = 10
    notes: list[str] = field(default_factory=list)
    LIMIT: ClassVar[int] = 50  # not a field


@record
class Other:
    sets: int
    reps: int = 10
    notes: list[str] = field(default_factory=list)


@record
class Score:
    value: int

    def __post_init__(self) -> None:
        if not 0 <= self.value <= 10:
            raise ValueError(f"a score is 0 to 10, not {self.value}")


@record(frozen=False)
class Tally:
    count: int = 0


def test_fields_come_by_position_or_name_with_their_defaults() -> None:
    assert record_fields(Dose) == ("sets", "reps", "notes")
    one, two = Dose(2), Dose(sets=2, reps=10)
    assert (one.sets, one.reps, one.notes) == (2, 10, [])
    assert Dose(3, 8, ["slow"]).notes == ["slow"]
    assert one.notes is not two.notes  # a new list for each
    assert Dose.LIMIT == 50


def test_wrong_arguments_are_refused_as_a_dataclass_refuses_them() -> None:
    with pytest.raises(TypeError, match="missing required argument: 'sets'"):
        Dose()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected argument 'weight'"):
        Dose(2, weight=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values for 'sets'"):
        Dose(2, sets=3)  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 3 arguments but 4"):
        Dose(1, 2, [], 4)  # type: ignore[call-arg]


def test_records_are_equal_by_value_and_only_to_their_own_kind() -> None:
    assert Dose(2, 8) == Dose(sets=2, reps=8)
    assert Dose(2, 8) != Dose(2, 9)
    assert Dose(2, 8) != Other(2, 8)
    assert Score(3) == Score(3) and hash(Score(3)) == hash(Score(3))
    assert len({Score(3), Score(3), Score(4)}) == 2


def test_a_frozen_record_cannot_be_changed_but_can_be_copied_with_changes() -> None:
    dose = Dose(2)
    with pytest.raises(FrozenInstanceError):
        dose.sets = 3  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del dose.reps
    assert replace(dose, reps=6) == Dose(2, 6)
    assert dose.reps == 10


def test_post_init_checks_each_new_record_and_its_copies() -> None:
    with pytest.raises(ValueError, match="not 11"):
        Score(11)
    with pytest.raises(ValueError, match="not -1"):
        replace(Score(4), value=-1)


def test_repr_names_each_field_and_values_are_plain_data() -> None:
    assert repr(Dose(2, notes=["a"])) == "Dose(sets=2, reps=10, notes=['a'])"
    nested = Other(1, notes=[Score(2)])  # type: ignore[list-item]
    assert values(nested) == {"sets": 1, "reps": 10, "notes": [{"value": 2}]}


def test_class_patterns_match_fields_by_position() -> None:
    match Dose(2, 8):
        case Dose(sets, reps):
            assert (sets, reps) == (2, 8)
        case _:
            pytest.fail("the pattern did not match")


def test_an_unfrozen_record_can_change_and_has_no_hash() -> None:
    tally = Tally()
    tally.count += 1
    assert tally == Tally(1)
    with pytest.raises(TypeError, match="unhashable"):
        hash(tally)


def test_a_field_without_a_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b'"):

        @record
        class Wrong:
            a: int = 1
            b: int  # type: ignore[misc]

    with pytest.raises(ValueError, match="mutable default"):

        @record
        class Shared:
            items: list[int] = []  # noqa: RUF012


def test_a_record_builds_on_its_base_records_fields() -> None:
    @record
    class Timed(Dose):
        seconds: float = 30.0
        reps: int = 12  # a new default for the base's field

    assert record_fields(Timed) == ("sets", "reps", "notes", "seconds")
    assert Timed(2) == Timed(sets=2, reps=12, notes=[], seconds=30.0)
    assert Timed(2) != Dose(2, 12)


def test_field_options_a_record_does_not_honour_are_refused() -> None:
    with pytest.raises(TypeError, match="takes no repr, compare"):

        @record
        class Quiet:
            secret: str = field(default="", repr=False, compare=False)
