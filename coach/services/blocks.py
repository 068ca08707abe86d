"""Three-week blocks as the person meets them: the home banner, the comparison, and the
list of every block that has something to read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from coach.core.checkins import (
    DUE_DAY,
    Block,
    CheckinKind,
    CheckinRecord,
    Due,
    latest_of,
    three_week_status,
    weekly_due_in,
)
from coach.core.clock import Now
from coach.core.plan import PlanHistory
from coach.core.progress import Adherence, Comparison, adherence, block_comparison
from coach.core.records import record
from coach.store.checkins import CheckinLog


@record
class BlockLine:
    """One block as the list shows it."""

    id: int
    heading: str  # when, and which routine
    said: str  # the comparison's first sentence, or where the block has got to


def block_dates(block: Block) -> str:
    start = f"{block.first_day():%-d %B %Y}"
    if block.ended_at is None:
        return f"Started {start}"
    return f"{start} to {block.ended_at.astimezone():%-d %B %Y}"


class Blocks:
    def __init__(
        self,
        checkins: CheckinLog,
        plan: Callable[[], PlanHistory],
        routine_title: Callable[[str], str | None],
        now: Now,
    ) -> None:
        self._checkins = checkins
        self._plan = plan
        self.book = FixingBook(checkins, self.fix_figures)
        self._title = routine_title
        self._now = now

    def _today(self) -> date:
        return self._now().astimezone().date()

    def current(self) -> Block | None:
        return self._checkins.current_block()

    def find(self, block_id: int) -> Block | None:
        return next((b for b in self._checkins.blocks() if b.id == block_id), None)

    def note(self) -> tuple[str, str | None] | None:
        """What the home screen's banner says about the current block, and its button if
        there is something to do."""
        block = self.current()
        if block is None:
            return None
        records = self._checkins.checkins(block.id)
        taken = latest_of(records, CheckinKind.THREE_WEEKS)
        if taken is not None and taken.impression is None:
            return ("Your three-week check-in is not finished.", "Finish it")
        if taken is not None:
            return ("Your three-week comparison is ready.", "See it")
        today = self._today()
        week = weekly_due_in(block, records, today)
        if week is not None:
            return (f"Week {week} is done: a quick check-in on your pain.", "Check in")
        if three_week_status(block.first_day(), today).due is Due.NOT_YET:
            day = (today - block.first_day()).days + 1
            due = block.first_day() + timedelta(days=DUE_DAY)
            return (
                f"Three-week block: day {day} of {DUE_DAY}. Your comparison is due from"
                f" {due:%A %-d %B}.",
                None,
            )
        return ("Three weeks are up: time to compare with where you started.", "Check in")

    def compared(self, block: Block) -> bool:
        """Whether the block's three-week check-in was taken (perhaps not finished)."""
        return latest_of(self._checkins.checkins(block.id), CheckinKind.THREE_WEEKS) is not None

    def weekly_due(self, block: Block) -> bool:
        return weekly_due_in(block, self._checkins.checkins(block.id), self._today()) is not None

    def readable(self) -> list[Block]:
        """Blocks with something to read: ended ones, and the current one once compared."""
        return [b for b in self._checkins.blocks() if b.ended_at is not None or self.compared(b)]

    def comparison(self, block: Block) -> Comparison:
        """Baseline against three weeks for one block, with the workouts done in it."""
        records = self._checkins.checkins(block.id)
        ended = block.ended_at is not None
        return block_comparison(block.first_day(), records, self.workouts(block), ended=ended)

    def workouts(self, block: Block) -> Adherence:
        """The block's workout figures: as they were fixed when its three-week check-in
        was given, else as they are now."""
        kept = self._checkins.figures(block.id)
        fixed = Adherence.from_json(kept) if kept else None
        if fixed is not None:
            return fixed
        activity = self._checkins.block_activity(block)
        return adherence(block.first_day(), activity, self._plan())

    def fix_figures(self, block_id: int) -> None:
        block = self.find(block_id)
        if block is not None:
            self._checkins.fix_figures(block.id, self.workouts(block).to_json())

    def title(self, block: Block) -> str:
        name = self._title(block.routine_id or "")
        return f"Three weeks of {name}" if name else "Your three weeks"

    def lines(self) -> list[BlockLine]:
        """Every readable block, newest first."""
        lines = []
        for block in reversed(self.readable()):
            name = self._title(block.routine_id or "") or "a routine no longer here"
            said = (
                self.comparison(block).summary()
                if self.compared(block)
                else "Ended before the three-week check-in."
            )
            lines.append(BlockLine(block.id, f"{block_dates(block)} · {name}", said))
        return lines

    def end_current(self) -> None:
        """The next workout starts a new block with its own baseline; this one is kept."""
        self._checkins.end_block()


class FixingBook:
    """The check-in book the check-in stages write to: the store's, and the moment a
    three-week check-in is given, the block's workout figures are fixed."""

    def __init__(self, checkins: CheckinLog, fix: Callable[[int], None]) -> None:
        self._checkins = checkins
        self._fix = fix

    def current_block(self) -> Block | None:
        return self._checkins.current_block()

    def start_block(self, routine_id: str | None = None) -> int:
        return self._checkins.start_block(routine_id)

    def checkins(self, block_id: int) -> list[CheckinRecord]:
        return self._checkins.checkins(block_id)

    def record(
        self, block_id: int, kind: CheckinKind, pain: int | None, *, workout_id: int | None = None
    ) -> int:
        checkin = self._checkins.record(block_id, kind, pain, workout_id=workout_id)
        if kind is CheckinKind.THREE_WEEKS:
            self._fix(block_id)
        return checkin

    def add_activity(self, checkin_id: int, activity: str, score: int) -> None:
        self._checkins.add_activity(checkin_id, activity, score)

    def set_impression(self, checkin_id: int, impression: str) -> None:
        self._checkins.set_impression(checkin_id, impression)

    def link(self, checkin_id: int, workout_id: int) -> None:
        self._checkins.link(checkin_id, workout_id)

    def name_block(self, block_id: int, routine_id: str) -> None:
        self._checkins.name_block(block_id, routine_id)
