"""The order check-ins are asked in, with a book in memory in place of the store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from coach.core.checkins import (
    Block,
    CheckinKind,
    CheckinRecord,
    CheckinStages,
    ChooseActivities,
    ChooseImpression,
    Done,
    PainQuestion,
)

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


class Book:
    """Blocks and check-ins kept in lists, dated by a calendar the test moves."""

    def __init__(self) -> None:
        self.now = START
        self.block: Block | None = None
        self.records: list[CheckinRecord] = []
        self.linked: list[tuple[int, int]] = []

    def today(self) -> date:
        return self.now.astimezone().date()

    def current_block(self) -> Block | None:
        return self.block

    def start_block(self, routine_id: str | None = None) -> int:
        self.block = Block(1, self.now, routine_id)
        return 1

    def checkins(self, block_id: int) -> list[CheckinRecord]:
        return list(self.records)

    def record(
        self, block_id: int, kind: CheckinKind, pain: int | None, *, workout_id: int | None = None
    ) -> int:
        self.records.append(CheckinRecord(kind, self.now, pain, id=len(self.records) + 1))
        return len(self.records)

    def add_activity(self, checkin_id: int, activity: str, score: int) -> None:
        self.records[checkin_id - 1].activities[activity] = score

    def link(self, checkin_id: int, workout_id: int) -> None:
        self.linked.append((checkin_id, workout_id))

    def name_block(self, block_id: int, routine_id: str) -> None:
        if self.block is not None and self.block.routine_id is None:
            self.block = Block(self.block.id, self.block.started_at, routine_id)

    def set_impression(self, checkin_id: int, impression: str) -> None:
        old = self.records[checkin_id - 1]
        self.records[checkin_id - 1] = CheckinRecord(
            old.kind, old.at, old.pain, impression, old.activities, old.id
        )


def kinds(book: Book) -> list[CheckinKind]:
    return [r.kind for r in book.records]


def test_the_first_workout_asks_the_baseline_its_activities_then_the_pain_now() -> None:
    book = Book()
    stages = CheckinStages(book, book.today)
    asked = stages.before_workout("morning")
    assert isinstance(asked, PainQuestion) and not asked.skippable
    assert asked.heading == "Where you are starting from"
    assert isinstance(stages.answer(6), ChooseActivities)
    rating = stages.choose(["Putting on socks"])
    assert isinstance(rating, PainQuestion) and rating.ends[1] == "10: I cannot do it"
    before = stages.answer(7)
    assert isinstance(before, PainQuestion) and before.heading == "Before you start"
    assert stages.answer(4) is Done.READY and stages.routine == "morning"
    assert kinds(book) == [CheckinKind.BASELINE, CheckinKind.BEFORE_WORKOUT]
    assert book.records[0].activities == {"Putting on socks": 7}
    stages.began(3)  # the pain right before is the workout's
    stages.began(4)  # and only that workout's
    assert book.linked == [(2, 3)]
    assert stages.after_workout(3).heading == "After your workout"  # type: ignore[union-attr]
    assert stages.skip() is Done.AFTER


def test_a_weekly_check_in_comes_first_once_due_and_a_skip_counts_as_asked() -> None:
    book = Book()
    stages = CheckinStages(book, book.today)
    stages.before_workout("morning")
    stages.answer(6)
    stages.choose([])
    stages.skip()  # the pain right now can wait
    book.now += timedelta(days=8)
    weekly = stages.before_workout("morning")
    assert isinstance(weekly, PainQuestion) and weekly.heading == "Week 1 check-in"
    assert isinstance(stages.skip(), PainQuestion)  # then the pain right now
    assert book.records[-1].kind == CheckinKind.WEEKLY and book.records[-1].pain is None
    assert stages.weekly_from_home() is Done.WEEKLY  # asked already this week


def test_three_weeks_asks_the_same_activities_then_the_impression_and_resumes() -> None:
    book = Book()
    stages = CheckinStages(book, book.today)
    stages.before_workout("morning")
    stages.answer(6)
    stages.choose(["Putting on socks", "Gardening"])
    stages.answer(7)
    stages.answer(5)
    stages.skip()
    book.now += timedelta(days=22)
    assert isinstance(stages.three_weeks(), PainQuestion)
    first = stages.answer(3)
    assert isinstance(first, PainQuestion) and "putting on socks" in first.question
    stages.answer(4)
    # The window is closed here; later, only the gardening and the impression are left.
    later = CheckinStages(book, book.today)
    left = later.resume_three_weeks()
    assert isinstance(left, PainQuestion) and "gardening" in left.question
    assert isinstance(later.answer(5), ChooseImpression)
    assert later.impression("much improved") is Done.THREE_WEEKS
    assert later.resume_three_weeks() is None
    assert book.records[-1].activities == {"Putting on socks": 4, "Gardening": 5}


def test_a_skipped_pain_before_links_nothing_to_the_workout() -> None:
    book = Book()
    stages = CheckinStages(book, book.today)
    stages.before_workout("morning")
    stages.answer(6)
    stages.choose([])
    assert stages.skip() is Done.READY
    stages.began(3)
    assert book.linked == []


def test_the_first_run_baseline_is_asked_on_its_own_and_the_first_start_asks_only_pain_now() -> (
    None
):
    book = Book()
    stages = CheckinStages(book, book.today)
    asked = stages.baseline()
    assert isinstance(asked, PainQuestion) and asked.heading == "Where you are starting from"
    assert isinstance(stages.answer(6), ChooseActivities)
    assert isinstance(stages.choose(["Putting on socks"]), PainQuestion)
    assert stages.answer(7) is Done.BASELINE  # home, not a workout
    assert book.block is not None and book.block.routine_id is None
    assert stages.baseline() is Done.BASELINE  # given once: not asked again

    before = stages.before_workout("morning")
    assert isinstance(before, PainQuestion) and before.heading == "Before you start"
    assert stages.answer(4) is Done.READY
    stages.began(3)
    assert book.block.routine_id == "morning"  # the block takes the first workout's routine
    assert kinds(book) == [CheckinKind.BASELINE, CheckinKind.BEFORE_WORKOUT]
