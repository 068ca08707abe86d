"""Three-week blocks on screen: the check-ins the home banner opens, the comparison, and
the list of every block.

Signals:
    home(): back to the routines.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.core.checkins import Block
from coach.services import Blocks, block_dates
from coach.ui.checkins.blocks import BlocksView
from coach.ui.checkins.comparison import ComparisonView
from coach.ui.checkins.flow import CheckinFlow


class BlockFlow(QObject):
    home = Signal()

    def __init__(
        self,
        checkins: CheckinFlow,
        blocks: Blocks,
        show: Callable[[QWidget], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._checkins = checkins
        self._blocks = blocks
        self._show = show
        self._from_list = False
        self.comparison = ComparisonView()
        self.list_view = BlocksView()
        self.views: list[QWidget] = [self.comparison, self.list_view]
        checkins.three_weeks_done.connect(self._on_checkins_three_weeks_done)
        self.comparison.done.connect(self._on_comparison_done)
        self.comparison.new_block_requested.connect(self._on_comparison_new_block_requested)
        self.list_view.opened.connect(self._on_list_view_opened)
        self.list_view.done.connect(self.home.emit)

    def from_home(self) -> None:
        """The banner's button: the comparison, or whichever check-in is due."""
        block = self._blocks.current()
        if block is None or self._checkins.resume_three_weeks():
            return
        if self._blocks.compared(block):
            self._from_list = False
            self._show_block(block)
        elif self._blocks.weekly_due(block):
            self._checkins.weekly_from_home()
        else:
            self._checkins.three_weeks()

    def list_blocks(self) -> None:
        self.list_view.show_blocks(self._blocks.lines())
        self._show(self.list_view)

    def _show_block(self, block: Block) -> None:
        self.comparison.show_comparison(
            self._blocks.comparison(block),
            self._blocks.title(block),
            block_dates(block),
            current=block.ended_at is None,
        )
        self._show(self.comparison)

    def _on_checkins_three_weeks_done(self) -> None:
        block = self._blocks.current()
        if block is not None:
            self._from_list = False
            self._show_block(block)

    def _on_list_view_opened(self, block_id: int) -> None:
        block = self._blocks.find(block_id)
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
        self._blocks.end_current()
        self.home.emit()
