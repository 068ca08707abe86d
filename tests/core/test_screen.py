"""What each safety screen asks this person, and what their answers mean: the standing
history asked once, its one confirmation, and a cleared question asked as a change."""

from __future__ import annotations

from datetime import date

import pytest

from coach.core.safety import (
    HISTORY,
    HISTORY_CHANGED,
    LEG,
    HaltKind,
    Profile,
    SafetyRules,
    ScreenKind,
    load_safety,
)
from coach.core.screen import (
    BIRTH_YEAR,
    CHECKED,
    FACT,
    ITEM,
    Answer,
    Screen,
    build_screen,
    read_answers,
    shown,
    year_problem,
)
from tests.helpers import ROOT

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    return load_safety(ROOT / "routines" / "safety.toml")


def no_to_all(screen: Screen) -> dict[str, Answer]:
    return {a.id: None if a.year else False for a in screen.asks}


def ids(screen: Screen) -> list[str]:
    return [a.id for a in screen.asks]


def test_the_first_full_screen_asks_the_signs_the_facts_and_the_history_once(
    rules: SafetyRules,
) -> None:
    first = build_screen(rules, ScreenKind.FULL, Profile(), {}, ask_history=True)
    asked = ids(first)
    assert asked[: len(rules.question)] == [q.id for q in rules.question]
    assert [a for a in asked if a.startswith(ITEM)] == [f"{ITEM}cancer", f"{ITEM}bones",
                                                        f"{ITEM}immune"]  # fmt: skip
    assert CHECKED in asked and BIRTH_YEAR in asked
    # The confirmation shows only after a yes to some history.
    check = next(a for a in first.asks if a.id == CHECKED)
    assert check.follows == (f"{ITEM}cancer", f"{ITEM}bones", f"{ITEM}immune")
    answers = no_to_all(first)
    assert CHECKED not in [a.id for a in shown(first.asks, answers)]
    answers[f"{ITEM}bones"] = True
    assert CHECKED in [a.id for a in shown(first.asks, answers)]
    # Later weekly screens do not ask the history again.
    weekly = build_screen(rules, ScreenKind.FULL, Profile(history_asked=True), {})
    assert not [a for a in ids(weekly) if a.startswith(ITEM) or a in (CHECKED, BIRTH_YEAR)]
    short = build_screen(rules, ScreenKind.SHORT, Profile(history_asked=True), {})
    assert ids(short) == [q.id for q in rules.short_screen()]


def test_no_to_all_is_clear_and_keeps_the_profile(rules: SafetyRules) -> None:
    first = build_screen(rules, ScreenKind.FULL, Profile(), {}, ask_history=True)
    answers = no_to_all(first) | {BIRTH_YEAR: 1968, f"{FACT}pregnant": True}
    result = read_answers(rules, first, answers, Profile(), TODAY)
    assert result.verdict.kind == "clear"
    assert result.profile.history_asked and result.profile.birth_year == 1968
    assert result.profile.facts["pregnant"] and not result.profile.facts["cancer"]
    assert result.profile.history_checked is None
    assert rules.history.age_message in rules.profile_effects(result.profile, TODAY).messages


def test_history_checked_by_a_clinician_is_kept_with_its_date_and_does_not_halt(
    rules: SafetyRules,
) -> None:
    first = build_screen(rules, ScreenKind.FULL, Profile(), {}, ask_history=True)
    answers = no_to_all(first) | {f"{ITEM}cancer": True, CHECKED: True}
    result = read_answers(rules, first, answers, Profile(), TODAY)
    assert result.verdict.halt is None
    assert result.profile.history_checked == TODAY and result.profile.facts["cancer"]
    # From then on the weekly screen asks whether the back pain is new or different.
    weekly = build_screen(rules, ScreenKind.FULL, result.profile, {})
    assert HISTORY_CHANGED in ids(weekly)
    said = no_to_all(weekly) | {HISTORY_CHANGED: True}
    changed = read_answers(rules, weekly, said, result.profile, TODAY)
    assert (changed.verdict.halt, changed.verdict.causes) == (HaltKind.URGENT, (HISTORY_CHANGED,))
    assert rules.message_for(HaltKind.URGENT, changed.verdict.causes).title.startswith(
        "Please see your doctor"
    )


def test_history_not_yet_checked_halts_until_a_clinician_has(rules: SafetyRules) -> None:
    first = build_screen(rules, ScreenKind.FULL, Profile(), {}, ask_history=True)
    answers = no_to_all(first) | {f"{ITEM}immune": True, CHECKED: False}
    result = read_answers(rules, first, answers, Profile(), TODAY)
    assert (result.verdict.halt, result.verdict.causes) == (HaltKind.URGENT, (HISTORY,))
    assert result.profile.history_checked is None and result.profile.history_asked


def test_the_history_halt_joins_the_signs_in_their_order(rules: SafetyRules) -> None:
    first = build_screen(rules, ScreenKind.FULL, Profile(), {}, ask_history=True)
    history = {f"{ITEM}cancer": True, CHECKED: False}
    with_leg = read_answers(rules, first, no_to_all(first) | history | {LEG: True},
                            Profile(), TODAY)  # fmt: skip
    assert (with_leg.verdict.halt, with_leg.verdict.causes) == (HaltKind.URGENT, (HISTORY, LEG))
    with_bowel = read_answers(rules, first, no_to_all(first) | history | {"bowel": True},
                              Profile(), TODAY)  # fmt: skip
    assert with_bowel.verdict.halt is HaltKind.EMERGENCY
    assert with_bowel.verdict.causes == ("bowel", HISTORY)


def test_a_cleared_question_is_worded_as_a_change_on_every_screen(rules: SafetyRules) -> None:
    cleared = {LEG: date(2026, 3, 4)}
    for kind in (ScreenKind.SHORT, ScreenKind.FULL):
        screen = build_screen(rules, kind, Profile(history_asked=True), cleared)
        leg = next(a for a in screen.asks if a.id == LEG)
        assert "since the all-clear on 4 March 2026" in leg.text
        # An honest "no change" lets the workout go on; "worse" halts again.
        assert read_answers(rules, screen, no_to_all(screen), Profile(), TODAY).verdict.halt is None
        worse = read_answers(rules, screen, no_to_all(screen) | {LEG: True}, Profile(), TODAY)
        assert worse.verdict.halt is HaltKind.RADIATING


def test_the_profile_shows_the_answers_given_and_halts_only_on_an_unchecked_history(
    rules: SafetyRules,
) -> None:
    profile = Profile(facts={"pregnant": True, "bones": True}, birth_year=1970,
                      history_checked=date(2026, 1, 5), history_asked=True)  # fmt: skip
    screen = build_screen(rules, ScreenKind.PROFILE, profile, {})
    assert not screen.questions  # no signs are asked here
    assert screen.given[f"{FACT}pregnant"] is True and screen.given[f"{ITEM}bones"] is True
    assert screen.given[BIRTH_YEAR] == 1970
    assert CHECKED not in ids(screen)  # already checked
    same = read_answers(rules, screen, no_to_all(screen) | screen.given, profile, TODAY)
    assert same.verdict.halt is None and same.profile.history_checked == date(2026, 1, 5)
    # Someone with no history who now tells of some is asked about a check once.
    fresh = Profile(history_asked=True)
    screen = build_screen(rules, ScreenKind.PROFILE, fresh, {})
    told = no_to_all(screen) | {f"{ITEM}cancer": True, CHECKED: False}
    result = read_answers(rules, screen, told, fresh, TODAY)
    assert (result.verdict.halt, result.verdict.causes) == (HaltKind.URGENT, (HISTORY,))
    # While that halt waits for its all-clear, the profile does not ask it again.
    waiting = build_screen(rules, ScreenKind.PROFILE, result.profile, {}, history_holds=True)
    assert CHECKED not in ids(waiting)


def test_a_question_left_unanswered_is_refused(rules: SafetyRules) -> None:
    screen = build_screen(rules, ScreenKind.FULL, Profile(), {}, ask_history=True)
    answers = no_to_all(screen)
    del answers["bowel"]
    with pytest.raises(ValueError, match="bowel"):
        read_answers(rules, screen, answers, Profile(), TODAY)
    # A follow-up that is showing needs its answer too; a blank year is fine.
    answers = no_to_all(screen) | {f"{ITEM}cancer": True}
    del answers[CHECKED]
    with pytest.raises(ValueError, match=CHECKED):
        read_answers(rules, screen, answers, Profile(), TODAY)


@pytest.mark.parametrize(
    ("year", "problem"), [(1899, True), (1900, False), (1990, False), (2026, False), (2027, True)]
)
def test_a_year_of_birth_outside_what_can_be_true_is_refused(year: int, problem: bool) -> None:
    assert (year_problem(year, TODAY) is not None) is problem
