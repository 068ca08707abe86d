"""Small builders so every label and button is made the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

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
