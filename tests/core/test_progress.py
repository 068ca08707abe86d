"""The three-week comparison and progression, each branch with numbers worked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.checkins import Due, three_week_status, weekly_due
from coach.core.plan import PlanHistory, PlanPeriod
from coach.core.progress import (
    ALWAYS_SAID,
    Activity,
    Adherence,
    BlockActivity,
    PainChange,
    adherence,
    compare,
    round_half_away,
)
from coach.core.progression import Feeling, lighter, suggest
from coach.core.routines import Dose, Tempo

THREE = (3, 3, 3)
EIGHT_OF_NINE = Adherence((3, 2, 3), THREE)
MON_WED_FRI = PlanHistory((PlanPeriod(date(2026, 1, 1), frozenset({0, 2, 4})),))


def test_the_example_of_the_clinical_notes_word_for_word() -> None:
    comparison = compare(
        baseline_pain=6, pain_now=3, impression="much improved", workouts=EIGHT_OF_NINE
    )
    assert comparison.summary() == (
        "Your average pain went from 6 to 3 (-50%). Many people with back pain describe a"
        " change like that as meaningful. You did 8 of 9 planned workouts."
    )
    assert comparison.notes() == []
    assert len(ALWAYS_SAID) == 3 and "not a medical assessment" in ALWAYS_SAID[1]


@pytest.mark.parametrize(
    ("baseline", "now", "points", "percent", "meaningful", "worse"),
    [
        (6, 3, -3, -50, True, False),  # the example
        (10, 8, -2, -20, True, False),  # 2 points, though only 20%
        (9, 7, -2, -22, True, False),
        (7, 6, -1, -14, False, False),  # 1 point: day-to-day variation
        (5, 4, -1, -20, False, False),
        (8, 7, -1, -13, False, False),  # -12.5% rounds away from zero
        (3, 2, -1, -33, False, False),  # 33% of a low baseline, but only 1 point
        (2, 1, -1, -50, False, False),
        (1, 0, -1, -100, False, False),
        (3, 1, -2, -67, True, False),
        (5, 5, 0, 0, False, False),
        (5, 6, 1, 20, False, False),  # a rise of 1 is not flagged
        (4, 6, 2, 50, False, True),  # a rise of 2 is
        (0, 0, 0, None, False, False),  # no percent from zero
        (0, 2, 2, None, False, True),
    ],
)
def test_change_in_points_and_percent_and_what_it_means(
    baseline: int, now: int, points: int, percent: int | None, meaningful: bool, worse: bool
) -> None:
    change = PainChange(baseline, now)
    assert (change.points, change.percent) == (points, percent)
    assert (change.meaningful, change.worse) == (meaningful, worse)


def test_each_kind_of_first_sentence() -> None:
    assert PainChange(5, 5).sentence() == "Your average pain stayed at 5."
    assert PainChange(7, 6).sentence() == (
        "Your average pain went from 7 to 6 (-14%). A change this small can be ordinary"
        " day-to-day variation."
    )
    assert PainChange(4, 6).sentence() == (
        "Your average pain went from 4 to 6 (+50%). A rise like that is worth talking over"
        " with a clinician."
    )
    assert PainChange(0, 2).sentence().startswith("Your average pain went from 0 to 2. ")


def test_a_zero_or_low_baseline_is_explained() -> None:
    zero = compare(baseline_pain=0, pain_now=0, impression="no change", workouts=EIGHT_OF_NINE)
    assert zero.notes() == ["Your pain was 0 at the start, so no percentage is given."]
    low = compare(baseline_pain=2, pain_now=1, impression="no change", workouts=EIGHT_OF_NINE)
    assert low.notes() == [
        "Your pain was low at the start (2 out of 10), so there was little room to measure a"
        " change."
    ]
    three = compare(baseline_pain=3, pain_now=2, impression="no change", workouts=EIGHT_OF_NINE)
    assert three.notes() == []  # 3 is not a low baseline, and 3 -> 2 is not meaningful
    assert three.pain is not None and "ordinary day-to-day variation" in three.pain.sentence()


def test_worse_pain_asks_for_a_clinician() -> None:
    worse = compare(baseline_pain=4, pain_now=7, impression="much worse", workouts=EIGHT_OF_NINE)
    assert worse.pain is not None and worse.pain.worse
    assert "Your pain is 2 or more points higher: please talk to a clinician." in worse.notes()


def test_missing_check_ins_are_named_and_nothing_is_made_up() -> None:
    comparison = compare(baseline_pain=None, pain_now=4, workouts=Adherence((1, 0, 0), THREE))
    assert comparison.pain is None
    assert comparison.summary() == (
        "There is no pain comparison yet. You did 1 of 9 planned workouts."
    )
    assert comparison.notes() == [
        "Not answered yet: the baseline pain.",
        "Not answered yet: how you feel things have changed.",
    ]


def test_a_block_that_ended_without_its_check_in_says_it_will_not_come() -> None:
    ended = compare(baseline_pain=6, pain_now=None, workouts=EIGHT_OF_NINE, ended=True)
    assert ended.summary() == (
        "There is no pain comparison: the block ended before its three-week check-in."
        " You did 8 of 9 planned workouts."
    )
    assert ended.notes() == [
        "Not answered before the block ended: the three-week pain.",
        "Not answered before the block ended: how you feel things have changed.",
    ]


def test_no_workouts_done_is_said_plainly() -> None:
    none = compare(
        baseline_pain=5, pain_now=5, impression="no change", workouts=Adherence((0, 0, 0), THREE)
    )
    assert none.summary() == "Your average pain stayed at 5. You did 0 of 9 planned workouts."


def test_workouts_are_counted_week_by_week_within_the_block() -> None:
    start = date(2026, 3, 2)  # a Monday
    days = [start + timedelta(days=d) for d in (0, 2, 4, 7, 9, 14, 15, 16, 20, 21, -1)]
    activity = BlockActivity(days, halts=1, short=2, unfinished=1, skipped_exercises=2)
    counted = adherence(start, activity, MON_WED_FRI)
    assert counted.by_week == (3, 2, 4)  # day 21 and the day before the block are outside
    assert counted.planned_by_week == THREE
    assert (counted.done, counted.planned, counted.halts, counted.short) == (9, 9, 1, 2)
    assert counted.weeks() == "week 1: 3 of 3, week 2: 2 of 3, week 3: 4 (plan 3)"
    assert counted.apart() == (
        "Not counted as done: 1 stopped for safety, 2 ended before half of their sets,"
        " 1 not finished (the program closed); 2 exercises skipped."
    )


def test_more_workouts_than_planned_is_never_twelve_of_nine() -> None:
    twelve = Adherence((4, 4, 4), THREE)
    assert twelve.sentence() == "You did 12 workouts; your plan had 9."
    assert "12 of 9" not in twelve.sentence() + twelve.weeks()
    assert Adherence((3, 3, 3), THREE).sentence() == "You did 9 of 9 planned workouts."


def test_planned_workouts_follow_the_plan_in_force_on_each_day() -> None:
    start = date(2026, 3, 2)  # Monday
    # Three days a week until Wednesday of week 2, then every weekday.
    plan = MON_WED_FRI.changed(range(5), start + timedelta(days=9))
    counted = adherence(start, BlockActivity([]), plan)
    # Week 2: Mon and Wed by the old plan, then Wed (the day of the change) to Fri: 2 + 3.
    assert counted.planned_by_week == (3, 4, 5)
    # A change made later does not touch the weeks before it.
    later = plan.changed({6}, start + timedelta(days=30))
    assert adherence(start, BlockActivity([]), later).planned_by_week == (3, 4, 5)


def test_fixed_figures_are_read_back_as_they_were_kept() -> None:
    kept = Adherence((3, 2, 4), (3, 4, 5), halts=1, short=2, unfinished=0, skipped_exercises=3)
    assert Adherence.from_json(kept.to_json()) == kept
    assert Adherence.from_json("{not json") is None
    assert Adherence.from_json('{"by_week": [1]}') is None


@pytest.mark.parametrize(
    ("value", "rounded"), [(-12.5, -13), (12.5, 13), (-0.5, -1), (2.5, 3), (-33.3, -33), (0, 0)]
)
def test_percents_round_half_away_from_zero(value: float, rounded: int) -> None:
    assert round_half_away(value) == rounded


@pytest.mark.parametrize(
    ("baseline", "now", "words"),
    [(7, 5, "easier by 2 points"), (5, 4, "easier by 1 point"), (4, 5, "1 point harder"),
     (3, 6, "3 points harder"), (5, 5, "no change"), (5, None, "")],
)  # fmt: skip
def test_activity_ratings_are_said_in_words(baseline: int, now: int | None, words: str) -> None:
    assert Activity("putting on socks", baseline, now).change() == words


@pytest.mark.parametrize(
    ("day", "due", "days"),
    [(0, Due.NOT_YET, 21), (20, Due.NOT_YET, 1), (21, Due.DUE, 0), (25, Due.DUE, 4),
     (28, Due.DUE, 7), (29, Due.LATE, 8)],
)  # fmt: skip
def test_the_three_week_check_in_is_due_from_day_21(day: int, due: Due, days: int) -> None:
    start = date(2026, 3, 2)
    status = three_week_status(start, start + timedelta(days=day))
    assert (status.due, status.days) == (due, days)


def test_a_late_three_week_check_in_is_flagged() -> None:
    comparison = compare(
        baseline_pain=6, pain_now=4, impression="minimally improved", workouts=EIGHT_OF_NINE,
        days_late=10,
    )  # fmt: skip
    assert comparison.notes() == [
        "The three-week check-in was taken 10 days after it was due, so it compares a longer"
        " stretch than planned."
    ]


def test_activities_and_the_impression_are_carried_through() -> None:
    socks = Activity("putting on socks", 7, 4)
    walking = Activity("walking 15 minutes", 5)
    comparison = compare(
        baseline_pain=6, pain_now=3, activities=[socks, walking], impression="much improved",
        workouts=EIGHT_OF_NINE,
    )  # fmt: skip
    assert [(a.name, a.points) for a in comparison.activities] == [
        ("putting on socks", -3),
        ("walking 15 minutes", None),
    ]
    assert comparison.impression == "much improved"


def test_out_of_range_answers_are_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 10"):
        PainChange(11, 3)
    with pytest.raises(ValueError, match="seven answers"):
        compare(baseline_pain=3, pain_now=3, impression="better", workouts=EIGHT_OF_NINE)


@pytest.mark.parametrize(
    ("feelings", "sets", "reps", "expected"),
    [
        (["too easy", "too easy"], 1, 8, (1, 9)),
        (["too easy", "too easy"], 1, 10, (2, 10)),  # reps at the top: one more set
        (["too easy", "too easy"], 3, 10, None),  # at 3 x 10: nothing more
        (["too easy"], 1, 8, None),  # once is not enough
        (["too easy", "about right", "too easy"], 1, 8, None),  # not in a row
        (["about right", "too hard"], 2, 8, (2, 7)),
        (["too hard"], 2, 5, (1, 5)),  # reps at the bottom: one fewer set
        (["too hard"], 1, 5, None),  # at 1 x 5: nothing less
        (["too easy", "too easy"], 2, None, (3, None)),  # timed holds: sets only
        ([], 2, 8, None),
    ],
)
def test_progression_follows_the_two_to_three_by_five_to_ten_rule(
    feelings: list[Feeling], sets: int, reps: int | None, expected: tuple[int, int | None] | None
) -> None:
    suggestion = suggest(feelings, sets=sets, reps=reps)
    assert (None if suggestion is None else (suggestion.sets, suggestion.reps)) == expected


TEMPO = Tempo(up=2, hold=1, down=2)


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        (Dose(sets=2, reps=10, tempo=TEMPO), (2, 9, None)),  # one fewer rep first
        (Dose(sets=2, reps=5, tempo=TEMPO), (1, 5, None)),  # reps at 5: one fewer set
        (Dose(sets=2, hold_seconds=30), (1, None, 30)),  # a hold: one fewer set
        (Dose(sets=1, hold_seconds=30), (1, None, 25)),  # one set: 22.5 s, to a whole 5 s
        (Dose(sets=1, hold_seconds=12), (1, None, 10)),  # never under 10 s
        (Dose(sets=1, hold_seconds=10), None),  # as light as it goes
        (Dose(sets=1, reps=5, tempo=TEMPO), None),
    ],
)
def test_one_step_lighter_after_back_pain_rose(
    dose: Dose, expected: tuple[int, int | None, float | None] | None
) -> None:
    lighter_dose = lighter(dose)
    got = None if lighter_dose is None else (
        lighter_dose.sets, lighter_dose.reps, lighter_dose.hold_seconds)  # fmt: skip
    assert got == expected


@pytest.mark.parametrize(
    ("day", "taken", "due"),
    [(0, [], None), (6, [], None), (7, [], 1), (13, [], 1), (13, [8], None), (14, [8], 2),
     (20, [8], 2), (20, [8, 15], None), (14, [6], 2), (21, [], None), (30, [], None)],
)  # fmt: skip
def test_a_weekly_check_in_is_due_once_in_weeks_two_and_three(
    day: int, taken: list[int], due: int | None
) -> None:
    start = date(2026, 3, 2)
    taken_days = [start + timedelta(days=d) for d in taken]
    assert weekly_due(start, start + timedelta(days=day), taken_days) == due


def test_weekly_pain_is_shown_along_the_way() -> None:
    comparison = compare(
        baseline_pain=6, pain_now=3, impression="much improved", workouts=EIGHT_OF_NINE,
        weekly_pain=[5, None],
    )  # fmt: skip
    assert comparison.pain_by_week() == (
        "Average pain along the way: 6 at the start, 5 after week 1, 3 at three weeks."
    )
    without = compare(baseline_pain=6, pain_now=3, workouts=EIGHT_OF_NINE)
    assert without.pain_by_week() is None
    with pytest.raises(ValueError, match="weekly pain"):
        compare(baseline_pain=6, pain_now=3, workouts=EIGHT_OF_NINE, weekly_pain=[11])
