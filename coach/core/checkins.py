"""Check-ins: which there are, and the order they are asked in.

:class:`CheckinStages` is a small machine: the check-in flow on screen tells it what the
person did (a number, a skip, activities picked, an impression) and shows what it says
comes next. Each answer is written the moment it is given, through a :class:`CheckinBook`
(the store implements it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from coach.core.records import field, record

AVERAGE = "What was your average pain over the last 24 hours, from 0 to 10?"
RIGHT_NOW = "How much pain do you have right now, from 0 to 10?"
PAIN_ENDS = ("0: no pain", "10: the worst pain you can imagine")
ACTIVITY_ENDS = ("0: no trouble at all", "10: I cannot do it")
BLOCK_WEEKS = 3
DUE_DAY = 21  # the three-week check-in is due from this day of the block
LATE_AFTER_DAYS = 7  # a check-in taken more than this after day 21 is flagged as late


class Due(StrEnum):
    NOT_YET = "not yet"
    DUE = "due"
    LATE = "late"


@record
class ThreeWeekStatus:
    due: Due
    days: int  # days until due (NOT_YET) or days since it became due (DUE, LATE)


def three_week_status(block_start: date, today: date) -> ThreeWeekStatus:
    """Due from day 21 of the block; a few days late is fine, a week late is flagged."""
    day = (today - block_start).days
    if day < DUE_DAY:
        return ThreeWeekStatus(Due.NOT_YET, DUE_DAY - day)
    late_by = day - DUE_DAY
    return ThreeWeekStatus(Due.LATE if late_by > LATE_AFTER_DAYS else Due.DUE, late_by)


def weekly_due(block_start: date, today: date, taken: Iterable[date]) -> int | None:
    """Which weekly check-in is due today (1 after week one, 2 after week two), or None.

    Each is due from the first day of the next week until the three-week check-in, and
    is asked once: a check-in taken on any day of that week counts.
    """
    day = (today - block_start).days
    week = day // 7
    if not 1 <= week < BLOCK_WEEKS:
        return None
    if any((when - block_start).days // 7 == week for when in taken):
        return None
    return week


class CheckinKind(StrEnum):
    BASELINE = "baseline"  # the average pain at the start of a block, then activities
    BEFORE_WORKOUT = "before workout"  # pain right now
    AFTER_WORKOUT = "after workout"  # pain right now
    WEEKLY = "weekly"  # the average pain after weeks 1 and 2
    THREE_WEEKS = "three weeks"  # the average pain, activities and the impression


@record
class Block:
    """A three-week block: its own baseline and its own comparison."""

    id: int
    started_at: datetime
    routine_id: str | None
    ended_at: datetime | None = None

    def first_day(self) -> date:
        return self.started_at.astimezone().date()


@record
class CheckinRecord:
    kind: CheckinKind
    at: datetime
    pain: int | None
    impression: str | None = None
    activities: dict[str, int] = field(default_factory=dict)
    id: int = 0


def latest_of(records: list[CheckinRecord], kind: CheckinKind) -> CheckinRecord | None:
    return next((r for r in reversed(records) if r.kind == kind), None)


def weekly_due_in(block: Block, records: list[CheckinRecord], today: date) -> int | None:
    """The weekly check-in due today in this block (1 or 2), or None."""
    taken = [r.at.astimezone().date() for r in records if r.kind == CheckinKind.WEEKLY]
    return weekly_due(block.first_day(), today, taken)


class CheckinBook(Protocol):
    """Where check-ins are read and written; each write is one transaction."""

    def current_block(self) -> Block | None: ...

    def start_block(self, routine_id: str | None = None) -> int: ...

    def checkins(self, block_id: int) -> list[CheckinRecord]: ...

    def record(
        self, block_id: int, kind: CheckinKind, pain: int | None, *, workout_id: int | None = None
    ) -> int: ...

    def add_activity(self, checkin_id: int, activity: str, score: int) -> None: ...

    def set_impression(self, checkin_id: int, impression: str) -> None: ...

    def link(self, checkin_id: int, workout_id: int) -> None: ...

    def name_block(self, block_id: int, routine_id: str) -> None:
        """The block's routine, if it has none yet (one begun before any workout)."""


# What comes next.


@record
class PainQuestion:
    heading: str
    question: str
    skippable: bool
    ends: tuple[str, str] = PAIN_ENDS


@record
class ChooseActivities:
    """Pick up to three everyday activities the pain makes hard (at the baseline)."""


@record
class ChooseImpression:
    """The global impression of change, at three weeks."""


class Done(StrEnum):
    READY = "ready"  # the check-ins before a workout are done: it may start
    BASELINE = "baseline"  # the baseline asked on its own (first run) is given
    AFTER = "after"  # the check-in after a workout is done or skipped
    WEEKLY = "weekly"  # the weekly check-in asked from home is answered or skipped
    THREE_WEEKS = "three weeks"  # the three-week check-in is saved: compare
    CANCELLED = "cancelled"  # the person went back from one that can wait


Next = PainQuestion | ChooseActivities | ChooseImpression | Done


class CheckinStages:
    """Which question comes next; writes each answer as it is given."""

    def __init__(self, book: CheckinBook, today: Callable[[], date]) -> None:
        self._book = book
        self._today = today
        self._stage: CheckinKind | None = None
        self._rating = False  # rating activities (of the baseline or the three weeks)
        self._checkin = 0  # the check-in ratings and the impression belong to
        self._checkin_kind: CheckinKind | None = None
        self._pain_before: int | None = None  # the check-in right before a workout
        self._to_rate: list[str] = []
        self._rating_count = 0
        self._block = 0
        self._workout: int | None = None
        self._from_home = False
        self._baseline_only = False  # the baseline asked on its own, at the first run
        self.routine = ""  # the routine whose workout waits on these check-ins

    # Where a round of check-ins begins.

    def before_workout(self, routine_id: str) -> Next:
        self.routine, self._from_home, self._baseline_only = routine_id, False, False
        self._pain_before = None
        return self._baseline(routine_id) or self._weekly() or self._before()

    def baseline(self) -> Next:
        """The block's baseline on its own (the first run, before any workout), so that the
        first Start asks only the pain right now; Done.BASELINE once given, or at once if
        the block has one."""
        self.routine, self._from_home, self._baseline_only = "", False, True
        return self._baseline(None) or Done.BASELINE

    def weekly_from_home(self) -> Next:
        self._from_home = True
        return self._weekly() or Done.WEEKLY

    def three_weeks(self) -> Next | None:
        """Average pain asked as at the start, the same activities, then the impression."""
        block = self._book.current_block()
        if block is None:
            return None
        self._block = block.id
        self._set(CheckinKind.THREE_WEEKS)
        return PainQuestion(
            "Three weeks on",
            f"{AVERAGE} This is the same question as at the start, to compare.",
            skippable=True,
        )

    def resume_three_weeks(self) -> Next | None:
        """What a three-week check-in left unanswered (the window was closed part-way);
        None when nothing is missing."""
        block = self._book.current_block()
        records = self._book.checkins(block.id) if block else []
        latest = latest_of(records, CheckinKind.THREE_WEEKS)
        if block is None or latest is None or latest.impression is not None:
            return None
        self._block, self._checkin = block.id, latest.id
        self._checkin_kind = CheckinKind.THREE_WEEKS
        baseline = self._baseline_activities(records)
        return self._rate([name for name in baseline if name not in latest.activities])

    def began(self, workout_id: int) -> None:
        """The workout these check-ins led to has begun: the pain given right before it is
        kept as that workout's (its history and summary show it beside the pain after)."""
        before, self._pain_before = self._pain_before, None
        if before is not None:
            self._book.link(before, workout_id)
        if self.routine and self._block:  # a block begun at the first run takes its name
            self._book.name_block(self._block, self.routine)

    def after_workout(self, workout_id: int) -> Next:
        block = self._book.current_block()
        if block is None:
            return Done.AFTER
        self._block, self._workout = block.id, workout_id
        self._set(CheckinKind.AFTER_WORKOUT)
        return PainQuestion("After your workout", RIGHT_NOW, skippable=True)

    # What the person did.

    def answer(self, value: int) -> Next:
        if self._rating:
            self._book.add_activity(self._checkin, self._to_rate.pop(0), value)
            return self._next_activity()
        stage = self._stage
        assert stage is not None
        workout = self._workout if stage == CheckinKind.AFTER_WORKOUT else None
        self._checkin = self._book.record(self._block, stage, value, workout_id=workout)
        self._checkin_kind = stage
        if stage == CheckinKind.BEFORE_WORKOUT:
            self._pain_before = self._checkin
        if stage == CheckinKind.BASELINE:
            return ChooseActivities()
        if stage == CheckinKind.THREE_WEEKS:
            return self._rate(self._baseline_activities(self._book.checkins(self._block)))
        return self._after(stage)

    def choose(self, activities: list[str]) -> Next:
        return self._rate(list(activities))

    def impression(self, answer: str) -> Next:
        self._book.set_impression(self._checkin, answer)
        return Done.THREE_WEEKS

    def skip(self) -> Next:
        stage = self._stage
        if stage == CheckinKind.THREE_WEEKS:
            return Done.CANCELLED
        if stage == CheckinKind.WEEKLY:  # skipped is an answer too: not asked again that week
            self._book.record(self._block, CheckinKind.WEEKLY, None)
        assert stage is not None
        return self._after(stage)

    # Inside.

    def _set(self, stage: CheckinKind) -> None:
        self._stage, self._rating = stage, False

    def _baseline(self, routine_id: str | None) -> Next | None:
        """The average pain that starts a block, if its block has none yet (a block is
        started for it if there is none)."""
        block = self._book.current_block()
        self._block = block.id if block else self._book.start_block(routine_id)
        if any(c.kind == CheckinKind.BASELINE for c in self._book.checkins(self._block)):
            return None
        self._set(CheckinKind.BASELINE)
        return PainQuestion(
            "Where you are starting from",
            f"{AVERAGE} In three weeks you will be asked the same way, to compare.",
            skippable=False,
        )

    def _weekly(self) -> Next | None:
        block = self._book.current_block()
        if block is None:
            return None
        week = weekly_due_in(block, self._book.checkins(block.id), self._today())
        if week is None:
            return None
        self._block = block.id
        self._set(CheckinKind.WEEKLY)
        return PainQuestion(
            f"Week {week} check-in",
            f"{AVERAGE} The same question as at the start, once a week.",
            skippable=True,
        )

    def _before(self) -> Next:
        self._set(CheckinKind.BEFORE_WORKOUT)
        return PainQuestion("Before you start", RIGHT_NOW, skippable=True)

    def _after(self, stage: CheckinKind) -> Next:
        """Once a pain question is answered or skipped."""
        if stage == CheckinKind.WEEKLY:
            return Done.WEEKLY if self._from_home else self._before()
        if stage == CheckinKind.BEFORE_WORKOUT:
            return Done.READY
        return Done.AFTER

    @staticmethod
    def _baseline_activities(records: list[CheckinRecord]) -> list[str]:
        baseline = next((c for c in records if c.kind == CheckinKind.BASELINE), None)
        return list(baseline.activities) if baseline else []

    def _rate(self, names: list[str]) -> Next:
        self._to_rate, self._rating_count = list(names), len(names)
        return self._next_activity()

    def _next_activity(self) -> Next:
        """The next activity to rate, or what comes after the ratings."""
        if self._to_rate:
            self._rating = True
            name = self._to_rate[0]
            number = self._rating_count - len(self._to_rate) + 1
            return PainQuestion(
                f"Everyday activities: {number} of {self._rating_count}",
                f"How hard is this for you now: {name.lower()}?",
                skippable=False,
                ends=ACTIVITY_ENDS,
            )
        self._rating = False
        if self._checkin_kind == CheckinKind.BASELINE:
            return Done.BASELINE if self._baseline_only else self._before()
        return ChooseImpression()
