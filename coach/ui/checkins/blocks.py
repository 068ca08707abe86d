"""Every three-week block, newest first, each opening its comparison.

Keys: arrows choose, Enter opens, Esc goes back to the routines.

Signals:
    opened(int): the block with this id was chosen.
    done(): back to the routines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coach.services import BlockLine
from coach.ui import theme
from coach.ui.widgets import Key, bind, key_button, make_label, make_row


class BlocksKeys:
    OPEN = Key("Open", ("Return", "Enter"), shown="Enter")
    BACK = Key("Back to routines", ("Esc",))


class BlocksView(QWidget):
    opened = Signal(int)
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = make_label("Your three-week blocks", 26, bold=True)
        intro = make_label(
            "Each block has its own starting point and its own comparison. Choose one to read"
            " it again, print it or save it.",
            15,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Three-week blocks, newest first")
        self.list.setWordWrap(True)
        self.list.setSpacing(6)
        theme.set_font(self.list, 15)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.open_button = key_button(BlocksKeys.OPEN, self._on_open_clicked, primary=True)
        self.back_button = key_button(BlocksKeys.BACK, self.done.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(make_row(self.open_button, self.back_button))
        bind(self, BlocksKeys.BACK, self.done.emit)

    def show_blocks(self, lines: list[BlockLine]) -> None:
        self.list.clear()
        for line in lines:
            item = QListWidgetItem(f"{line.heading}\n{line.said}")
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            self.list.addItem(item)
        self.open_button.setEnabled(bool(lines))
        if lines:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.opened.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_open_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._on_list_item_activated(item)
