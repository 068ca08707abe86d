"""Three-week blocks on screen: the home banner, the check-ins it opens, the comparison,
and the list of every block.

Signals:
    home(): back to the routines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.core.progress import DUE_DAY, Due, three_week_status
from coach.store.checkins import BlockInfo
from coach.ui.checkins.blocks import BlockLine, BlocksView
from coach.ui.checkins.comparison import ComparisonView
from coach.ui.checkins.flow import CheckinFlow


def block_dates(block: BlockInfo) -> str:
    start = f"{block.first_day():%-d %B %Y}"
    if block.ended_at is None:
        return f"Started {start}"
    return f"{start} to {block.ended_at.astimezone():%-d %B %Y}"


class BlockFlow(QObject):
    home = Signal()

    def __init__(
        self,
        checkins: CheckinFlow,
        routine_title: Callable[[str], str | None],
        show: Callable[[QWidget], None],
        now: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._checkins = checkins
        self.log = checkins.log
        self._title = routine_title
        self._show = show
        self._now = now
        self._from_list = False
        self.comparison = ComparisonView()
        self.list_view = BlocksView()
        checkins.three_weeks_done.connect(self._on_checkins_three_weeks_done)
        self.comparison.done.connect(self._on_comparison_done)
        self.comparison.new_block_requested.connect(self._on_comparison_new_block_requested)
        self.list_view.opened.connect(self._on_list_view_opened)
        self.list_view.done.connect(self.home.emit)

    def note(self) -> tuple[str, str | None] | None:
        """What the home screen's banner says about the current block, and its button if
        there is something to do."""
        block = self.log.current_block()
        if block is None:
            return None
        taken = self.log.three_weeks(block.id)
        if taken is not None and taken.impression is None:
            return ("Your three-week check-in is not finished.", "Finish it  [C]")
        if taken is not None:
            return ("Your three-week comparison is ready.", "See it  [C]")
        today = self._today()
        week = self.log.weekly_due(block, today)
        if week is not None:
            return (f"Week {week} is done: a quick check-in on your pain.", "Check in  [C]")
        if three_week_status(block.first_day(), today).due is Due.NOT_YET:
            day = (today - block.first_day()).days + 1
            due = block.first_day() + timedelta(days=DUE_DAY)
            return (
                f"Three-week block: day {day} of {DUE_DAY}. Your comparison is due from"
                f" {due:%A %-d %B}.",
                None,
            )
        return ("Three weeks are up: time to compare with where you started.", "Check in  [C]")

    def any_past(self) -> bool:
        return bool(self._readable())

    def _readable(self) -> list[BlockInfo]:
        """Blocks with something to read: ended ones, and the current one once compared."""
        return [
            b for b in self.log.blocks() if b.ended_at is not None or self._three_weeks_taken(b.id)
        ]

    def from_home(self) -> None:
        """The banner's button: the comparison, or whichever check-in is due."""
        block = self.log.current_block()
        if block is None:
            return
        if self._checkins.resume_three_weeks():
            return
        if self._three_weeks_taken(block.id):
            self._from_list = False
            self._show_block(block)
        elif self.log.weekly_due(block, self._today()) is not None:
            self._checkins.weekly_from_home()
        else:
            self._checkins.three_weeks()

    def list_blocks(self) -> None:
        lines = []
        for block in reversed(self._readable()):
            name = self._title(block.routine_id or "") or "a routine no longer here"
            if self._three_weeks_taken(block.id):
                said = self.log.comparison(block).summary()
            else:
                said = "Ended before the three-week check-in."
            lines.append(BlockLine(block.id, f"{block_dates(block)} · {name}", said))
        self.list_view.show_blocks(lines)
        self._show(self.list_view)

    def _today(self) -> date:
        return self._now().astimezone().date()

    def _three_weeks_taken(self, block_id: int) -> bool:
        return self.log.three_weeks(block_id) is not None

    def _show_block(self, block: BlockInfo) -> None:
        name = self._title(block.routine_id or "")
        title = f"Three weeks of {name}" if name else "Your three weeks"
        current = block.ended_at is None
        self.comparison.show_comparison(
            self.log.comparison(block), title, block_dates(block), current=current
        )
        self._show(self.comparison)

    def _on_checkins_three_weeks_done(self) -> None:
        block = self.log.current_block()
        if block is not None:
            self._from_list = False
            self._show_block(block)

    def _on_list_view_opened(self, block_id: int) -> None:
        block = next((b for b in self.log.blocks() if b.id == block_id), None)
        if block is not None:
            self._from_list = True
            self._show_block(block)

    def _on_comparison_done(self) -> None:
        if self._from_list:
            self.list_blocks()
        else:
            self.home.emit()

    def _on_comparison_new_block_requested(self) -> None:
        """The next workout starts a new block with its own baseline; this one stays kept."""
        self.log.end_block()
        self.home.emit()
