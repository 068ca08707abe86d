"""The safety rules: every question, every combination that matters, and the locks."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.safety import (
    CheckAnswer,
    HaltKind,
    PastHalt,
    Profile,
    SafetyFileError,
    SafetyRules,
    after_exercise,
    load_safety,
    screen_due,
    workout_lock,
)
from tests.helpers import ROOT

SAFETY = ROOT / "routines" / "safety.toml"
EMERGENCY = ["saddle-numbness", "bladder", "bowel", "both-legs", "serious-accident"]
URGENT = ["unwell", "weight-loss", "cancer", "night-pain", "tender-spine", "minor-fall-fragile"]
RADIATING = ["leg-pain"]
WARN = ["strong-pain-today"]


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    return load_safety(SAFETY)


def all_no(rules: SafetyRules) -> dict[str, bool]:
    return {q.id: False for q in rules.full_screen()}


def test_the_shipped_questions_are_the_ones_of_the_clinical_notes(rules: SafetyRules) -> None:
    assert [q.id for q in rules.full_screen()] == EMERGENCY + URGENT + RADIATING + WARN
    assert [q.id for q in rules.short_screen()] == EMERGENCY[:4] + RADIATING + WARN
    assert [f.id for f in rules.fact] == [
        "long-lasting",
        "age",
        "pregnant",
        "hip-surgery",
        "knee-ankle-neck",
    ]
    assert "emergency number" in rules.halt[HaltKind.EMERGENCY].action


@pytest.mark.parametrize("question", EMERGENCY)
def test_any_single_emergency_answer_halts_with_the_emergency_message(
    rules: SafetyRules, question: str
) -> None:
    answers = all_no(rules) | {question: True}
    assert rules.assess(rules.full_screen(), answers).halt is HaltKind.EMERGENCY


@pytest.mark.parametrize("question", URGENT)
def test_any_single_urgent_answer_halts_for_a_doctor_today(
    rules: SafetyRules, question: str
) -> None:
    answers = all_no(rules) | {question: True}
    assert rules.assess(rules.full_screen(), answers).halt is HaltKind.URGENT


def test_pain_down_the_leg_halts(rules: SafetyRules) -> None:
    answers = all_no(rules) | {"leg-pain": True}
    verdict = rules.assess(rules.short_screen(), answers)
    assert (verdict.kind, verdict.halt) == ("halt", HaltKind.RADIATING)


def test_no_to_everything_is_clear_and_strong_pain_only_warns(rules: SafetyRules) -> None:
    assert rules.assess(rules.full_screen(), all_no(rules)).kind == "clear"
    verdict = rules.assess(rules.short_screen(), all_no(rules) | {"strong-pain-today": True})
    assert verdict.kind == "warn"
    assert verdict.halt is None
    assert "lightest routine" in verdict.warnings[0]


def every_combination(ids: list[str]) -> Iterator[dict[str, bool]]:
    for values in itertools.product((False, True), repeat=len(ids)):
        yield dict(zip(ids, values, strict=True))


def test_the_most_serious_halt_wins_in_every_combination(rules: SafetyRules) -> None:
    """All 8,192 ways to answer the full screen, against the rule stated plainly."""
    questions = rules.full_screen()
    for answers in every_combination([q.id for q in questions]):
        said_yes = {qid for qid, yes in answers.items() if yes}
        if said_yes & set(EMERGENCY):
            expected: HaltKind | None = HaltKind.EMERGENCY
        elif said_yes & set(URGENT):
            expected = HaltKind.URGENT
        elif said_yes & set(RADIATING):
            expected = HaltKind.RADIATING
        else:
            expected = None
        verdict = rules.assess(questions, answers)
        assert verdict.halt is expected, said_yes
        if expected is not None:
            assert verdict.warnings == []  # a halt is never softened by a warning


def test_warn_only_facts_never_halt_and_never_soften_an_emergency(rules: SafetyRules) -> None:
    for facts in every_combination([f.id for f in rules.fact]):
        profile = Profile(facts=facts)
        effects = rules.profile_effects(profile)
        assert len(effects.messages) == sum(facts.values())
        emergency = all_no(rules) | {"saddle-numbness": True}
        # However long the pain has lasted, the emergency verdict is the same.
        assert rules.assess(rules.full_screen(), emergency).halt is HaltKind.EMERGENCY


def test_a_screen_with_a_question_unanswered_is_refused(rules: SafetyRules) -> None:
    answers = all_no(rules)
    del answers["bowel"]
    with pytest.raises(ValueError, match="bowel"):
        rules.assess(rules.full_screen(), answers)


def test_profile_facts_hide_exercises_unless_a_clinician_agreed(rules: SafetyRules) -> None:
    pregnant = rules.profile_effects(Profile(facts={"pregnant": True}))
    assert list(pregnant.hidden_tags) == ["on-back"]
    assert pregnant.hidden_tags["on-back"] == "lying on your back, during pregnancy"
    assert "midwife or doctor" in pregnant.messages[0]
    agreed = rules.profile_effects(Profile(facts={"pregnant": True}, agreed={"pregnant": True}))
    assert agreed.hidden_tags == {}
    assert agreed.messages == pregnant.messages
    hips = rules.profile_effects(Profile(facts={"hip-surgery": True}))
    assert list(hips.hidden_tags) == ["deep-hip"]
    knees = rules.profile_effects(Profile(facts={"knee-ankle-neck": True}))
    assert list(knees.hidden_tags) == ["knee-ankle-neck"]
    older = rules.profile_effects(Profile(facts={"age": True, "long-lasting": True}))
    assert older.hidden_tags == {} and len(older.messages) == 2


def test_the_check_after_each_exercise() -> None:
    assert after_exercise(CheckAnswer.FINE).halt is None
    assert not after_exercise(CheckAnswer.FINE).skip_exercise
    assert after_exercise(CheckAnswer.LEG).halt is HaltKind.RADIATING
    assert after_exercise(CheckAnswer.NUMB).halt is HaltKind.RADIATING
    assert after_exercise(CheckAnswer.NUMB_GROIN).halt is HaltKind.EMERGENCY
    worse = after_exercise(CheckAnswer.WORSE)
    assert worse.halt is None and worse.skip_exercise


NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


@pytest.mark.parametrize("kind", [HaltKind.EMERGENCY, HaltKind.URGENT])
def test_emergency_and_urgent_halts_lock_the_rest_of_the_day_only(kind: HaltKind) -> None:
    halts = [PastHalt(NOON, kind)]
    lock = workout_lock(halts, [], NOON + timedelta(hours=3))
    assert lock is not None and lock.halt is kind and not lock.clinician_can_lift
    assert workout_lock(halts, [NOON + timedelta(hours=1)], NOON + timedelta(hours=3)) == lock
    assert workout_lock(halts, [], NOON + timedelta(days=1)) is None


def test_a_radiating_halt_locks_until_a_clinician_has_said_it_is_fine() -> None:
    halts = [PastHalt(NOON, HaltKind.RADIATING)]
    lock = workout_lock(halts, [], NOON + timedelta(days=30))
    assert lock is not None and lock.clinician_can_lift
    assert workout_lock(halts, [NOON - timedelta(days=1)], NOON + timedelta(days=1)) is not None
    assert workout_lock(halts, [NOON + timedelta(days=2)], NOON + timedelta(days=3)) is None
    again = [*halts, PastHalt(NOON + timedelta(days=5), HaltKind.RADIATING)]
    assert workout_lock(again, [NOON + timedelta(days=2)], NOON + timedelta(days=6)) is not None


def test_the_most_serious_lock_is_the_one_shown() -> None:
    halts = [PastHalt(NOON, HaltKind.RADIATING), PastHalt(NOON, HaltKind.URGENT)]
    lock = workout_lock(halts, [], NOON + timedelta(hours=1))
    assert lock is not None and lock.halt is HaltKind.URGENT


def test_the_day_lock_ends_at_local_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        late = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # 23:30 in Auckland
        halts = [PastHalt(late, HaltKind.URGENT)]
        assert workout_lock(halts, [], late + timedelta(minutes=20)) is not None
        assert workout_lock(halts, [], late + timedelta(minutes=40)) is None
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_full_screen_comes_first_and_then_every_week() -> None:
    assert screen_due(None, NOON) == "full"
    assert screen_due(NOON, NOON + timedelta(days=6, hours=23)) == "short"
    assert screen_due(NOON, NOON + timedelta(days=7)) == "full"


def line_of(text: str) -> int:
    return SAFETY.read_text().splitlines().index(text) + 1


def broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "safety.toml"
    text = SAFETY.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "where", "problem"),
    [
        ('kind = "urgent"', 'kind = "worrying"', "question 6, field 'kind'", "input should be"),
        ("[halt.urgent]", "[halt.urgen]", f"line {line_of('[halt.urgent]')}, field 'halt.urgen'",
         "input should be"),
        ('id = "bladder"', 'id = "bowel"', "", "the id 'bowel' is used twice"),
        ("[[question]]\nid = \"leg-pain\"\nkind = \"radiating\"\nshort = true",
         "[[question]]\nid = \"leg-pain\"\nkind = \"radiating\"", "",
         "the short screen has no radiating question"),
        ('text = "Is your pain today', 'txt = "Is your pain today', "question 13, field 'text'",
         "is missing"),
        ("[[fact]]\nid = \"age\"", "[[fact]\nid = \"age\"", "line", "is not valid TOML"),
    ],
)  # fmt: skip
def test_a_broken_questions_file_is_an_error_naming_file_and_field(
    tmp_path: Path, old: str, new: str, where: str, problem: str
) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(SafetyFileError) as caught:
        load_safety(path)
    error = caught.value.error
    assert error.path == path
    assert where in error.where
    assert problem in error.problem
    assert str(path) in str(caught.value)


def test_a_missing_questions_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SafetyFileError, match="cannot be read"):
        load_safety(tmp_path / "safety.toml")


SAFETY_TEXT = SAFETY.read_text(encoding="utf-8")


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(0, len(SAFETY_TEXT) - 1),
    st.integers(0, 40),
    st.text(max_size=6) | st.sampled_from(['"', "=", "[", "]]", "\n", "true", "kind = ", "'"]),
)
def test_a_damaged_questions_file_loads_or_is_refused_by_name(
    tmp_path: Path, start: int, length: int, insert: str
) -> None:
    path = tmp_path / "safety.toml"
    path.write_text(SAFETY_TEXT[:start] + insert + SAFETY_TEXT[start + length :], "utf-8")
    try:
        load_safety(path)
    except SafetyFileError as refused:
        assert str(path) in str(refused) and refused.error.problem


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_a_questions_file_of_any_bytes_is_refused_by_name(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "safety.toml"
    path.write_bytes(junk)
    with pytest.raises(SafetyFileError) as refused:
        load_safety(path)
    assert str(path) in str(refused.value)
