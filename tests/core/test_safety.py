"""The safety rules: every question, every combination that matters, and the locks."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.safety import (
    CHECK_NUMBNESS,
    CHECK_NUMBNESS_SERIOUS,
    HISTORY,
    LEG,
    CheckAnswer,
    HaltKind,
    Lock,
    PastHalt,
    Profile,
    SafetyFileError,
    SafetyRules,
    ScreenKind,
    after_exercise,
    answered_by_clearance,
    cleared_questions,
    load_safety,
    screen_due,
    workout_lock,
)
from tests.helpers import ROOT

SAFETY = ROOT / "routines" / "safety.toml"
TODAY_EMERGENCY = ["saddle-numbness", "bladder", "bowel", "both-legs"]
TODAY = [*TODAY_EMERGENCY, "leg-pain", "hip-function", "strong-pain-today"]
CHECK = ["serious-accident", "unwell", "weight-loss", "night-pain", "hot-hip",
         "minor-fall-fragile"]  # fmt: skip
EMERGENCY = [*TODAY_EMERGENCY, "serious-accident"]
URGENT = ["hip-function", "unwell", "weight-loss", "night-pain", "hot-hip", "minor-fall-fragile"]
RADIATING = ["leg-pain"]
WARN = ["strong-pain-today"]


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    return load_safety(SAFETY)


def all_no(rules: SafetyRules) -> dict[str, bool]:
    return {q.id: False for q in rules.full_screen()}


def test_the_shipped_questions_are_the_ones_of_the_clinical_notes(rules: SafetyRules) -> None:
    assert [q.id for q in rules.full_screen()] == TODAY + CHECK
    assert [q.id for q in rules.short_screen()] == TODAY
    assert [f.id for f in rules.fact] == ["long-lasting", "pregnant", "hip-surgery",
                                          "knee-ankle-neck"]  # fmt: skip
    assert [i.id for i in rules.history.item] == ["cancer", "bones", "immune"]
    assert (rules.history.older_than, rules.history.younger_than) == (50, 20)
    assert "emergency number" in rules.halt[HaltKind.EMERGENCY].action


def test_signs_today_say_new_and_no_question_says_ever_or_asks_a_test(rules: SafetyRules) -> None:
    for question in rules.short_screen():
        if question.halts is HaltKind.EMERGENCY:
            assert " new" in question.text.lower() or "newly" in question.text.lower()
        asked = rules.wording(question, ScreenKind.SHORT, None)
        if question.id in ("leg-pain", "hip-function"):
            assert asked.startswith("Since your last workout")
    for question in rules.full_screen():
        assert " ever " not in f" {question.text.lower()} "
        assert "tap" not in question.text.lower() and "press on" not in question.text.lower()
    # The full screen asks plainly, so leg pain that is already there is caught once.
    leg = next(q for q in rules.question if q.id == "leg-pain")
    assert rules.wording(leg, ScreenKind.FULL, None) == (
        "Does pain, numbness or tingling travel down a leg, below the knee?"
    )
    accident = next(q for q in rules.question if q.id == "serious-accident")
    assert "last 6 weeks" in accident.text
    everything = SAFETY.read_text(encoding="utf-8")
    assert "GP practice" in everything and "surgery)" not in everything


def test_a_cleared_question_is_asked_as_a_change_since_its_all_clear(rules: SafetyRules) -> None:
    leg = next(q for q in rules.question if q.id == "leg-pain")
    for screen in (ScreenKind.SHORT, ScreenKind.FULL):
        assert rules.wording(leg, screen, date(2026, 3, 4)) == (
            "Has the pain, numbness or tingling in your leg got worse, spread further, or come"
            " with new numbness or weakness since the all-clear on 4 March 2026?"
        )
    for question in rules.question:
        if question.halts is not None:
            assert "4 March 2026" in rules.wording(question, ScreenKind.FULL, date(2026, 3, 4))


@pytest.mark.parametrize("question", EMERGENCY)
def test_any_single_emergency_answer_halts_with_the_emergency_message(
    rules: SafetyRules, question: str
) -> None:
    answers = all_no(rules) | {question: True}
    verdict = rules.assess(rules.full_screen(), answers)
    assert (verdict.halt, verdict.causes) == (HaltKind.EMERGENCY, (question,))
    assert rules.message_for(HaltKind.EMERGENCY, verdict.causes) == rules.halt[HaltKind.EMERGENCY]


@pytest.mark.parametrize("question", URGENT)
def test_any_single_urgent_answer_halts_for_a_doctor_today(
    rules: SafetyRules, question: str
) -> None:
    answers = all_no(rules) | {question: True}
    verdict = rules.assess(rules.full_screen(), answers)
    assert (verdict.halt, verdict.causes) == (HaltKind.URGENT, (question,))


def test_the_hip_red_flags_are_asked(rules: SafetyRules) -> None:
    short = {q.id: q for q in rules.short_screen()}
    assert "put weight on a leg" in short["hip-function"].text
    assert "move a leg at the hip" in short["hip-function"].text
    full = {q.id: q for q in rules.full_screen()}
    assert full["hot-hip"].text == "Is a hip hot, swollen or red?"


def test_pain_down_the_leg_halts(rules: SafetyRules) -> None:
    answers = all_no(rules) | {"leg-pain": True}
    verdict = rules.assess(rules.short_screen(), answers)
    assert (verdict.kind, verdict.halt, verdict.causes) == ("halt", HaltKind.RADIATING, (LEG,))


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
    """All 8,192 ways to answer the full screen, against the rule stated plainly: the
    most serious kind names the halt, and every sign said yes to is one of its causes."""
    questions = rules.full_screen()
    order = [*EMERGENCY, *URGENT, *RADIATING]
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
            causes = sorted(said_yes - set(WARN), key=order.index)
            assert sorted(verdict.causes, key=order.index) == causes
            assert verdict.causes[0] in {
                HaltKind.EMERGENCY: EMERGENCY, HaltKind.URGENT: URGENT,
                HaltKind.RADIATING: RADIATING}[expected]  # fmt: skip


def test_warn_only_facts_never_halt_and_never_soften_an_emergency(rules: SafetyRules) -> None:
    for facts in every_combination([f.id for f in rules.fact]):
        profile = Profile(facts=facts)
        effects = rules.profile_effects(profile, date(2026, 3, 2))
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
    today = date(2026, 3, 2)
    pregnant = rules.profile_effects(Profile(facts={"pregnant": True}), today)
    assert pregnant.hidden_tags == {"on-back": "during pregnancy", "back-bend": "during pregnancy"}
    assert "midwife or doctor" in pregnant.messages[0]
    agreed = rules.profile_effects(
        Profile(facts={"pregnant": True}, agreed={"pregnant": True}), today
    )
    assert agreed.hidden_tags == {}
    assert agreed.messages == pregnant.messages
    hips = rules.profile_effects(Profile(facts={"hip-surgery": True}), today)
    assert list(hips.hidden_tags) == ["deep-hip", "back-bend"]
    knees = rules.profile_effects(Profile(facts={"knee-ankle-neck": True}), today)
    assert list(knees.hidden_tags) == ["knee-ankle-neck"]


@pytest.mark.parametrize(
    ("born", "warned"),
    [(1975, True), (1976, False), (2006, False), (2007, True), (None, False)],
)
def test_age_over_50_or_under_20_only_suggests_a_check_up(
    rules: SafetyRules, born: int | None, warned: bool
) -> None:
    effects = rules.profile_effects(Profile(birth_year=born), date(2026, 3, 2))
    assert (rules.history.age_message in effects.messages) is warned
    assert effects.hidden_tags == {}


def test_standing_history_is_said_by_any_yes(rules: SafetyRules) -> None:
    assert not rules.history_said(Profile())
    assert not rules.history_said(Profile(facts={"cancer": False, "long-lasting": True}))
    assert rules.history_said(Profile(facts={"bones": True}))


def test_the_check_after_each_exercise(rules: SafetyRules) -> None:
    assert after_exercise(CheckAnswer.FINE).halt is None
    assert after_exercise(CheckAnswer.LEG) == after_exercise(CheckAnswer.LEG)
    leg = after_exercise(CheckAnswer.LEG)
    assert (leg.halt, leg.causes) == (HaltKind.RADIATING, (LEG,))
    numb = after_exercise(CheckAnswer.NUMB)
    assert (numb.halt, numb.causes) == (HaltKind.RADIATING, (CHECK_NUMBNESS,))
    serious = after_exercise(CheckAnswer.NUMB_SERIOUS)
    assert (serious.halt, serious.causes) == (HaltKind.EMERGENCY, (CHECK_NUMBNESS_SERIOUS,))
    worse = after_exercise(CheckAnswer.WORSE)
    assert worse.halt is None and worse.pain_rose
    # New numbness that is not in the groin has its own words, not the leg pain's.
    message = rules.message_for(HaltKind.RADIATING, numb.causes)
    assert "numbness" in message.text and message != rules.halt[HaltKind.RADIATING]
    assert rules.message_for(HaltKind.RADIATING, leg.causes) == rules.halt[HaltKind.RADIATING]
    assert rules.message_for(HaltKind.URGENT, (HISTORY,)).title == (
        "Please see your doctor before starting"
    )


NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


def halt(kind: HaltKind, at: datetime, *causes: str, hid: int = 1,
         cleared: datetime | None = None) -> PastHalt:  # fmt: skip
    return PastHalt(hid, at, kind, causes, cleared)


@pytest.mark.parametrize("kind", list(HaltKind))
def test_every_halt_holds_past_midnight_until_its_all_clear(kind: HaltKind) -> None:
    halts = [halt(kind, NOON, "night-pain")]
    for later in (timedelta(hours=1), timedelta(days=1), timedelta(days=400)):
        lock = workout_lock(halts, NOON + later)
        assert lock is not None and lock.halt is kind and lock.causes == ("night-pain",)
    cleared = [halt(kind, NOON, "night-pain", cleared=NOON + timedelta(days=2))]
    assert workout_lock(cleared, NOON + timedelta(days=3)) is None


def test_after_an_emergency_the_all_clear_is_offered_from_the_next_day_on() -> None:
    halts = [halt(HaltKind.EMERGENCY, NOON, "bowel")]
    today = workout_lock(halts, NOON + timedelta(hours=3))
    assert today is not None and not today.clinician_can_lift
    tomorrow = workout_lock(halts, NOON + timedelta(days=1))
    assert tomorrow is not None and tomorrow.clinician_can_lift
    for kind in (HaltKind.URGENT, HaltKind.RADIATING):
        lock = workout_lock([halt(kind, NOON, "x")], NOON + timedelta(minutes=1))
        assert lock is not None and lock.clinician_can_lift


def test_the_most_serious_lock_is_the_one_shown_and_each_waits_for_its_own() -> None:
    halts = [halt(HaltKind.RADIATING, NOON, LEG, hid=1),
             halt(HaltKind.URGENT, NOON, "unwell", hid=2)]  # fmt: skip
    lock = workout_lock(halts, NOON + timedelta(hours=1))
    assert lock is not None and (lock.halt, lock.halt_id) == (HaltKind.URGENT, 2)
    assert answered_by_clearance(halts, lock) == [2]  # the leg pain still waits


def test_an_all_clear_answers_its_halt_and_the_same_sign_halted_again() -> None:
    halts = [
        halt(HaltKind.RADIATING, NOON, LEG, hid=1),
        halt(HaltKind.RADIATING, NOON + timedelta(days=1), LEG, hid=2),
        halt(HaltKind.RADIATING, NOON + timedelta(days=2), CHECK_NUMBNESS, hid=3),
        halt(HaltKind.RADIATING, NOON - timedelta(days=9), LEG, hid=4, cleared=NOON),
    ]
    lock = Lock(HaltKind.RADIATING, NOON + timedelta(days=1), True, 2, (LEG,))
    assert answered_by_clearance(halts, lock) == [1, 2]


def test_cleared_questions_keep_the_local_date_of_the_latest_all_clear() -> None:
    halts = [
        halt(HaltKind.RADIATING, NOON, LEG, cleared=NOON + timedelta(days=1)),
        halt(HaltKind.RADIATING, NOON, LEG, "night-pain", cleared=NOON + timedelta(days=5)),
        halt(HaltKind.URGENT, NOON, "unwell"),  # not cleared
    ]
    assert cleared_questions(halts) == {LEG: date(2026, 3, 7), "night-pain": date(2026, 3, 7)}


@contextmanager
def time_zone(name: str) -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_local_midnight_decides_when_an_emergency_can_be_cleared() -> None:
    late = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # 23:30 in Auckland
    halts = [halt(HaltKind.EMERGENCY, late, "bladder")]
    with time_zone("Pacific/Auckland"):
        before = workout_lock(halts, late + timedelta(minutes=20))  # 23:50
        after = workout_lock(halts, late + timedelta(minutes=40))  # 00:10 the next day
        assert before is not None and not before.clinician_can_lift
        assert after is not None and after.clinician_can_lift  # it still holds
        assert cleared_questions([halt(HaltKind.EMERGENCY, late, "bladder",
                                       cleared=late)]) == {"bladder": date(2026, 3, 2)}  # fmt: skip


def test_a_change_of_time_zone_neither_lifts_a_halt_nor_hurries_its_all_clear() -> None:
    late = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # 23:30 in Auckland, 10:30 in London
    halts = [halt(HaltKind.EMERGENCY, late, "bladder")]
    with time_zone("Europe/London"):  # flown home: it is still 2 March here
        lock = workout_lock(halts, late + timedelta(hours=1))
        assert lock is not None and not lock.clinician_can_lift
    with time_zone("America/Los_Angeles"):  # 02:30 on 2 March: the halt was "today" too
        lock = workout_lock(halts, late + timedelta(hours=1))
        assert lock is not None and not lock.clinician_can_lift
        lock = workout_lock(halts, late + timedelta(days=3))
        assert lock is not None and lock.clinician_can_lift


def test_the_full_screen_comes_first_then_weekly_and_stands_for_the_short_for_an_hour() -> None:
    assert screen_due(None, NOON) == "full"
    assert screen_due(NOON, NOON + timedelta(minutes=5)) == "none"  # never twice in a row
    assert screen_due(NOON, NOON + timedelta(minutes=59)) == "none"
    assert screen_due(NOON, NOON + timedelta(hours=1)) == "short"
    assert screen_due(NOON, NOON + timedelta(minutes=5), last_halted=True) == "short"
    assert screen_due(NOON, NOON - timedelta(minutes=5)) == "short"  # the clock went back
    assert screen_due(NOON, NOON + timedelta(days=6, hours=23)) == "short"
    assert screen_due(NOON, NOON + timedelta(days=7)) == "full"
    assert screen_due(NOON, NOON + timedelta(minutes=5), history_asked=False) == "full"


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
        ('id = "leg-pain"', 'id = "leg-ache"', "", "needs the radiating question 'leg-pain'"),
        ('changed = "Has your control of your bowels got worse since the all-clear on {date}?"',
         'changed = "Has your control of your bowels got worse?"', "question 3",
         "worded with {date}"),
        ('text = "Is your pain today', 'txt = "Is your pain today', "question 7, field 'text'",
         "is missing"),
        ("[[fact]]\nid = \"pregnant\"", "[[fact]\nid = \"pregnant\"", "line",
         "is not valid TOML"),
        ("older_than = 50", "older_than = 500", "field 'history.older_than'", "less than"),
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
