"""The three-week comparison and progression, each branch with numbers worked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.checkins import Due, three_week_status, weekly_due
from coach.core.progress import ALWAYS_SAID, Activity, Adherence, PainChange, adherence, compare
from coach.core.progression import Feeling, suggest

EIGHT_OF_NINE = Adherence((3, 2, 3))


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
        (10, 7, -3, -30, True, False),  # exactly 30%
        (9, 7, -2, -22, True, False),  # exactly 2 points, though only 22%
        (7, 6, -1, -14, False, False),  # 1 point and 14%: day-to-day variation
        (4, 3, -1, -25, False, False),  # 25%: under the bar
        (3, 2, -1, -33, True, False),  # 33% of a low baseline reaches 30%
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
        "Your pain was low at the start (2 out of 10), so there was little room for it to improve."
    ]


def test_worse_pain_asks_for_a_clinician() -> None:
    worse = compare(baseline_pain=4, pain_now=7, impression="much worse", workouts=EIGHT_OF_NINE)
    assert worse.pain is not None and worse.pain.worse
    assert "Your pain is 2 or more points higher: please talk to a clinician." in worse.notes()


def test_missing_check_ins_are_named_and_nothing_is_made_up() -> None:
    comparison = compare(baseline_pain=None, pain_now=4, workouts=Adherence((1, 0, 0)))
    assert comparison.pain is None
    assert comparison.summary() == (
        "There is no pain comparison yet. You did 1 of 9 planned workouts."
    )
    assert comparison.notes() == [
        "Not answered yet: the baseline pain.",
        "Not answered yet: how you feel things have changed.",
    ]


def test_no_workouts_done_is_said_plainly() -> None:
    none = compare(
        baseline_pain=5, pain_now=5, impression="no change", workouts=Adherence((0, 0, 0))
    )
    assert none.summary() == "Your average pain stayed at 5. You did 0 of 9 planned workouts."


def test_workouts_are_counted_week_by_week_within_the_block() -> None:
    start = date(2026, 3, 2)
    days = [start + timedelta(days=d) for d in (0, 2, 4, 7, 9, 14, 15, 16, 20, 21, -1)]
    counted = adherence(start, days, halts=1, skipped_exercises=2)
    assert counted.by_week == (3, 2, 4)  # day 21 and the day before the block are outside
    assert (counted.done, counted.planned, counted.halts, counted.skipped_exercises) == (
        9,
        9,
        1,
        2,
    )


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
