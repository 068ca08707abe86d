"""Small builders so every label and button is made the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from coach.ui import theme


def make_label(text: str, points: float, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a routine's own title is never markup
    label.setWordWrap(True)
    theme.set_font(label, points, bold=bold)
    if name:
        label.setObjectName(name)
    return label


def make_button(text: str, on_click: Callable[[], None], *, primary: bool = False) -> QPushButton:
    """A button whose accessible name is its visible label."""
    button = QPushButton(text)
    button.setAccessibleName(text)
    theme.set_font(button, 13, bold=primary)
    if primary:
        button.setObjectName("primary")
    button.clicked.connect(on_click)
    return button


def on_key(screen: QWidget, key: Qt.Key, slot: Callable[[], None]) -> None:
    """A one-key shortcut that works while focus is anywhere on this screen."""
    shortcut = QShortcut(QKeySequence(key), screen)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)


def make_row(*widgets: QWidget, grow: QWidget | None = None) -> QWidget:
    """Widgets side by side with no margin; `grow` takes the spare width, else a gap does."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is grow else 0)
    if grow is None:
        layout.addStretch()
    return row
