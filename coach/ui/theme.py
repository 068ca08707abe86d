"""Colours and type: calm, high contrast, readable from a mat two metres away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from coach.ui.figure import FigureColours

INK = "#23302f"
MUTED = "#56625f"
PAPER = "#f5f3ee"
CARD = "#ffffff"
LINE = "#d9d5cc"
ACCENT = "#2f6f73"
ACCENT_DARK = "#24585b"
REST = "#5a6b8c"
WARN = "#8a4b12"

STYLE = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QStackedWidget#screens > QWidget {{ background: {PAPER}; }}
QLabel#muted {{ color: {MUTED}; }}
QFrame#card {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; }}
QFrame#card[selected="true"] {{ border: 2px solid {ACCENT}; }}
QFrame#unsaved {{ background: #fbe9c8; border-bottom: 2px solid #c98a1b; }}
QFrame#unsaved QLabel {{ font-size: 13pt; font-weight: 600; }}
QFrame#unsaved QPushButton {{ padding: 2px 12px; min-height: 22px; }}
QFrame#problems {{ background: #fbf1e6; border: 1px solid #e3c29f; border-radius: 8px; }}
QPushButton {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 8px;
    padding: 8px 16px; min-height: 28px;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: none; font-weight: 600; }}
QPushButton#primary:hover {{ background: {ACCENT_DARK}; }}
QPushButton#primary:focus {{ border: 3px solid {INK}; padding: 5px 13px; }}
QPushButton:checked {{ background: {ACCENT}; color: white; border: 2px solid {ACCENT_DARK}; }}
QPushButton:checked:focus {{ border: 3px solid {INK}; }}
QLineEdit {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 8px; padding: 8px 10px;
}}
QLineEdit:focus {{ border: 2px solid {ACCENT}; }}
QComboBox QLineEdit, QComboBox QLineEdit:focus {{ padding: 0; border: none; border-radius: 0; }}
QLineEdit:disabled {{ background: #ebe8e1; }}
QCheckBox:disabled, QLabel:disabled {{ color: #8f9896; }}
QPushButton:disabled {{ color: #8f9896; background: #ebe8e1; border: 1px dashed #c9c4b8; }}
QPushButton#primary:disabled {{ color: #f3f1ec; background: #a9bcbc; border: none; }}
QPushButton#danger {{
    background: #fbeee4; color: {WARN}; border: 2px solid #d9a47c; font-weight: 600;
}}
QPushButton#danger:hover {{ background: #f7e0cf; }}
QPushButton#danger:disabled {{
    color: #8f9896; background: #ebe8e1; border: 1px dashed #c9c4b8; font-weight: 400;
}}
QProgressBar {{
    background: {LINE}; border: none; border-radius: 5px; max-height: 10px;
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 5px; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ border: none; background: transparent; }}
QListWidget {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; padding: 6px;
}}
QListWidget::item:selected {{ background: {ACCENT}; color: white; border-radius: 6px; }}
QMenu {{ background: {CARD}; border: 1px solid {LINE}; padding: 4px; }}
QMenu::item {{ padding: 6px 24px 6px 16px; }}
QMenu::item:selected {{ background: {ACCENT}; color: white; }}
QMenu::item:disabled {{ color: #8f9896; }}
QMenuBar::item:selected {{ background: {ACCENT}; color: white; }}
"""


def figure_colours() -> FigureColours:
    """The exercise figures' colours (coach.ui.figure), from this theme."""
    from coach.ui.figure import FigureColours

    accent = QColor(ACCENT)
    works = QColor(accent)
    works.setAlpha(70)
    return FigureColours(body=QColor(INK), far=QColor("#8d9b98"), head=QColor(CARD),
                         works=works, mat=QColor("#d8e6e3"), arrow=accent)  # fmt: skip


def palette() -> QPalette:
    """The program's own light colours for every widget Qt draws (dialogs, menus,
    tooltips, charts), so a dark desktop theme never puts dark text on dark."""
    colours = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, PAPER), (roles.WindowText, INK), (roles.Base, CARD),
        (roles.AlternateBase, PAPER), (roles.Text, INK), (roles.Button, CARD),
        (roles.ButtonText, INK), (roles.ToolTipBase, CARD), (roles.ToolTipText, INK),
        (roles.Highlight, ACCENT), (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, MUTED), (roles.Link, ACCENT),
    ):  # fmt: skip
        colours.setColor(role, QColor(colour))
    return colours


def apply(app: QApplication) -> None:
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(palette())
    app.setStyleSheet(STYLE)


def font(points: float, *, bold: bool = False) -> QFont:
    """The application's font at this size, for painting and charts."""
    chosen = QFont()
    chosen.setPointSizeF(points)
    chosen.setBold(bold)
    return chosen


def set_font(widget: QWidget, points: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    widget.setFont(font)
