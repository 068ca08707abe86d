"""What a safety screen asks, and what its answers mean (CONTENT.md section 2).

:func:`build_screen` makes the list of questions for one screen from the rules and what
the person told before: the signs today, the signs that need a check (full screen), the
warn-only facts, and the standing history (the first time, and in the profile). A
question whose halt a clinician has cleared is asked as a change since that all-clear.
:func:`read_answers` turns the answers back into a verdict and the person's new profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from coach.core.records import record, replace
from coach.core.safety import (
    HISTORY,
    HISTORY_CHANGED,
    HaltKind,
    Profile,
    Question,
    SafetyRules,
    ScreenKind,
    Verdict,
)

FACT = "fact:"  # a warn-only fact
AGREED = "agreed:"  # a clinician agreed to what a fact leaves out
ITEM = "history:"  # a standing history item
BIRTH_YEAR = "birth-year"
CHECKED = "history-checked"  # "Has a clinician checked your back pain ... knowing this?"
OLDEST_YEAR = 1900
SECTIONS = {
    "today": "Signs today",
    "check": "Signs that need a check",
    "facts": "About you",
    "FULL": "Your health history: asked this once, and kept in your profile (S) to change",
    "PROFILE": "Your health history",
}


@record
class Ask:
    """One question as shown: yes/no, or a year. `follows` shows it only after a yes to
    any of those questions."""

    id: str
    text: str
    follows: tuple[str, ...] = ()
    year: bool = False  # a year of birth, which may be left blank
    section: str = ""  # a heading above it: the first question of a kind


Answer = bool | int | None  # yes/no, or a year (None: left blank)


@record
class Screen:
    kind: ScreenKind
    asks: list[Ask]
    questions: list[Question]  # those whose answers give the verdict
    given: dict[str, Answer]  # answers given before, filled in


@record
class ScreenResult:
    verdict: Verdict
    profile: Profile


def build_screen(
    rules: SafetyRules,
    kind: ScreenKind,
    profile: Profile,
    cleared: Mapping[str, date],
    *,
    ask_history: bool = False,
    history_holds: bool = False,
) -> Screen:
    """The questions of a full or short screen, or of the profile (kind PROFILE: the
    facts and the standing history, with the answers given before). `ask_history`: the
    standing history has not been asked yet; `history_holds`: a halt for it is waiting
    on its all-clear, so the question of a clinician's check is not asked again."""
    asks: list[Ask] = []
    questions: list[Question] = []
    if kind is not ScreenKind.PROFILE:
        questions = rules.full_screen() if kind is ScreenKind.FULL else rules.short_screen()
        asks += [Ask(q.id, rules.wording(q, kind, cleared.get(q.id))) for q in questions]
    if kind is ScreenKind.SHORT:
        return Screen(kind, asks, questions, {})
    if kind is ScreenKind.FULL:  # the two kinds of sign, each under its heading
        first_check = next(i for i, q in enumerate(questions) if q.group == "check")
        asks[0] = replace(asks[0], section=SECTIONS["today"])
        asks[first_check] = replace(asks[first_check], section=SECTIONS["check"])
    facts_from = len(asks)
    given: dict[str, Answer] = {}
    if kind is ScreenKind.PROFILE:
        given |= {FACT + k: v for k, v in profile.facts.items()}
        given |= {AGREED + k: v for k, v in profile.agreed.items()}
    for fact in rules.fact:
        asks.append(Ask(FACT + fact.id, fact.text, section="" if asks[facts_from:] else
                        SECTIONS["facts"]))  # fmt: skip
        if fact.unless:
            asks.append(Ask(AGREED + fact.id, fact.unless, follows=(FACT + fact.id,)))
    history = rules.history
    if ask_history or kind is ScreenKind.PROFILE:
        items = tuple(ITEM + item.id for item in history.item)
        asks += [Ask(ITEM + item.id, item.text, section="" if n else SECTIONS[kind.name])
                 for n, item in enumerate(history.item)]  # fmt: skip
        given |= {ITEM + i.id: profile.facts[i.id] for i in history.item if i.id in profile.facts}
        if profile.history_checked is None and not history_holds:
            asks.append(Ask(CHECKED, history.checked, follows=items))
        asks.append(Ask(BIRTH_YEAR, history.birth_year, year=True))
        given[BIRTH_YEAR] = profile.birth_year
    elif kind is ScreenKind.FULL and rules.history_said(profile) and profile.history_checked:
        asks.append(Ask(HISTORY_CHANGED, history.changed))
    return Screen(kind, asks, questions, given)


def shown(asks: list[Ask], answers: Mapping[str, Answer]) -> list[Ask]:
    """The questions being asked: a follow-up only after a yes to one it follows."""
    return [a for a in asks if not a.follows or any(answers.get(f) is True for f in a.follows)]


def year_problem(year: int, today: date) -> str | None:
    """Why a year of birth cannot be right, or None."""
    if not OLDEST_YEAR <= year <= today.year:
        return f"Enter a year from {OLDEST_YEAR} to {today.year}, or leave it blank."
    return None


def read_answers(
    rules: SafetyRules,
    screen: Screen,
    answers: Mapping[str, Answer],
    profile: Profile,
    today: date,
) -> ScreenResult:
    """The verdict and the profile as these answers leave them. Raises ValueError when a
    question being asked has no answer (a year may be blank)."""
    asked = shown(screen.asks, answers)
    missing = [a.id for a in asked if not a.year and not isinstance(answers.get(a.id), bool)]
    if missing:
        raise ValueError(f"not every question has an answer: {', '.join(missing)}")
    yes = {a.id for a in asked if answers.get(a.id) is True}
    verdict = rules.assess(screen.questions, {q.id: q.id in yes for q in screen.questions})
    own: list[str] = []  # the standing history's own halts
    if CHECKED in {a.id for a in asked} and CHECKED not in yes:
        own.append(HISTORY)
    if HISTORY_CHANGED in yes:
        own.append(HISTORY_CHANGED)
    if own:  # urgent: after an emergency, before pain down a leg
        if verdict.halt in (HaltKind.EMERGENCY, HaltKind.URGENT):
            verdict = Verdict(halt=verdict.halt, causes=(*verdict.causes, *own))
        else:
            verdict = Verdict(halt=HaltKind.URGENT, causes=(*own, *verdict.causes))
    return ScreenResult(verdict, _profile(rules, screen, asked, answers, profile, today))


def _profile(
    rules: SafetyRules,
    screen: Screen,
    asked: list[Ask],
    answers: Mapping[str, Answer],
    profile: Profile,
    today: date,
) -> Profile:
    ids = {a.id for a in screen.asks}
    if not any(a.startswith((FACT, ITEM)) for a in ids):
        return profile  # the short screen changes nothing kept
    facts = dict(profile.facts)
    agreed = dict(profile.agreed)
    for fact in rules.fact:
        facts[fact.id] = answers.get(FACT + fact.id) is True
        if AGREED + fact.id in ids:
            agreed[fact.id] = answers.get(AGREED + fact.id) is True
    changed = replace(profile, facts=facts, agreed=agreed)
    if ITEM + rules.history.item[0].id not in ids:
        return changed
    for item in rules.history.item:
        facts[item.id] = answers.get(ITEM + item.id) is True
    year = answers.get(BIRTH_YEAR)
    checked = profile.history_checked
    if any(a.id == CHECKED for a in asked) and answers.get(CHECKED) is True:
        checked = today
    return replace(
        changed,
        birth_year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        history_checked=checked,
        history_asked=True,
    )
