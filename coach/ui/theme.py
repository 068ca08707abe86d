"""Colours and type: calm, high contrast, readable from a mat two metres away.

Three themes: light, dark and high contrast. The person chooses one (on the Voice and
colours screen), or follows the system's colour scheme (and its high-contrast setting
where the desktop has one). Screens read the colours in use at paint time (INK, ACCENT,
... or `current`); the style sheet names objects (QLabel#warnText, #pauseCover, ...) so
that a change of theme reaches every widget at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from coach.core.records import record

if TYPE_CHECKING:
    from coach.ui.figure import FigureColours


@record
class Colours:
    """One theme's colours, by what each is for."""

    name: str  # "light", "dark" or "contrast"
    ink: str  # words
    muted: str  # words that matter less
    paper: str  # the window
    card: str  # boxes and buttons
    line: str  # borders, the progress bar's groove, a paused countdown
    accent: str  # the primary button, work phases, focus
    accent_dark: str
    on_accent: str  # words on the accent
    rest: str  # rest phases
    warn: str  # halts, the stop key, the pause cover
    warn_back: str
    warn_line: str
    unsaved_back: str  # the strip when nothing can be saved
    unsaved_line: str
    dim: str  # what cannot be used now
    dim_back: str
    dim_line: str
    figure_far: str  # the limbs behind, in the exercise figures
    mat: str


THEMES = {
    "light": Colours(
        "light", ink="#23302f", muted="#56625f", paper="#f5f3ee", card="#ffffff",
        line="#d9d5cc", accent="#2f6f73", accent_dark="#24585b", on_accent="#ffffff",
        rest="#5a6b8c", warn="#8a4b12", warn_back="#fbeee4", warn_line="#d9a47c",
        unsaved_back="#fbe9c8", unsaved_line="#c98a1b", dim="#737c7a", dim_back="#ebe8e1",
        dim_line="#c9c4b8", figure_far="#8d9b98", mat="#d8e6e3",
    ),
    "dark": Colours(
        "dark", ink="#e6ebe9", muted="#a9b6b3", paper="#1b2120", card="#263030",
        line="#455250", accent="#6cc0c4", accent_dark="#8fd3d6", on_accent="#0d1a1a",
        rest="#a9bbe3", warn="#f2a766", warn_back="#3a2a1e", warn_line="#a86a3a",
        unsaved_back="#4a3a18", unsaved_line="#c98a1b", dim="#7b8886", dim_back="#222a29",
        dim_line="#3b4745", figure_far="#7f8e8b", mat="#33413f",
    ),
    "contrast": Colours(
        "contrast", ink="#ffffff", muted="#e8e8e8", paper="#000000", card="#000000",
        line="#ffffff", accent="#ffd400", accent_dark="#fff176", on_accent="#000000",
        rest="#7fe0ff", warn="#ff9f40", warn_back="#000000", warn_line="#ff9f40",
        unsaved_back="#000000", unsaved_line="#ffd400", dim="#9a9a9a", dim_back="#000000",
        dim_line="#9a9a9a", figure_far="#b8b8b8", mat="#5a5a5a",
    ),
}  # fmt: skip
CHOICES = {"system": "As the system", "light": "Light", "dark": "Dark",
           "contrast": "High contrast"}  # fmt: skip

# The colours in use, under the names the screens read them by (set by use()).
INK = MUTED = PAPER = CARD = LINE = ACCENT = ACCENT_DARK = REST = WARN = ""
current = THEMES["light"]


def use(colours: Colours) -> None:
    """These colours for everything drawn from now on."""
    global current, INK, MUTED, PAPER, CARD, LINE, ACCENT, ACCENT_DARK, REST, WARN
    current = colours
    INK, MUTED, PAPER, CARD, LINE = (colours.ink, colours.muted, colours.paper, colours.card,
                                     colours.line)  # fmt: skip
    ACCENT, ACCENT_DARK, REST, WARN = (colours.accent, colours.accent_dark, colours.rest,
                                       colours.warn)  # fmt: skip


use(THEMES["light"])


def style(c: Colours) -> str:
    """The style sheet of the whole program in these colours."""
    contrast = c.name == "contrast"
    border = 2 if contrast else 1  # high contrast: every edge plain to see
    return f"""
QWidget {{ color: {c.ink}; }}
QMainWindow, QWidget#screens > QWidget {{ background: {c.paper}; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#warnText {{ color: {c.warn}; }}
QLabel#pauseCover {{
    color: {c.warn}; background: {c.card}; border: 3px solid {c.warn}; border-radius: 16px;
}}
QFrame#card {{ background: {c.card}; border: {border}px solid {c.line}; border-radius: 10px; }}
QFrame#card[selected="true"] {{ border: {border + 1}px solid {c.accent}; }}
QFrame#unsaved {{ background: {c.unsaved_back}; border-bottom: 2px solid {c.unsaved_line}; }}
QFrame#unsaved QLabel {{ font-size: 13pt; font-weight: 600; }}
QFrame#unsaved QPushButton {{ padding: 2px 12px; min-height: 22px; }}
QFrame#problems {{
    background: {c.warn_back}; border: {border}px solid {c.warn_line}; border-radius: 8px;
}}
QTextBrowser#detail {{
    background: {c.card}; border: {border}px solid {c.line}; border-radius: 10px; padding: 8px;
}}
QPushButton {{
    background: {c.card}; border: {border}px solid {c.line}; border-radius: 8px;
    padding: 8px 16px; min-height: 28px;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: {border + 1}px solid {c.accent}; }}
QPushButton#primary {{
    background: {c.accent}; color: {c.on_accent}; border: none; font-weight: 600;
}}
QPushButton#primary:hover {{ background: {c.accent_dark}; }}
QPushButton#primary:focus {{ border: 3px solid {c.ink}; padding: 5px 13px; }}
QPushButton:checked {{
    background: {c.accent}; color: {c.on_accent}; border: 2px solid {c.accent_dark};
}}
QPushButton:checked:focus {{ border: 3px solid {c.ink}; }}
QLineEdit, QTimeEdit, QComboBox {{
    background: {c.card}; border: {border}px solid {c.line}; border-radius: 8px;
    padding: 8px 10px;
}}
QLineEdit:focus {{ border: 2px solid {c.accent}; }}
QComboBox QLineEdit, QComboBox QLineEdit:focus {{ padding: 0; border: none; border-radius: 0; }}
QLineEdit:disabled {{ background: {c.dim_back}; }}
QCheckBox:disabled, QLabel:disabled {{ color: {c.dim}; }}
QPushButton:disabled {{
    color: {c.dim}; background: {c.dim_back}; border: 1px dashed {c.dim_line};
}}
QPushButton#primary:disabled {{ color: {c.dim_back}; background: {c.dim}; border: none; }}
QPushButton#danger {{
    background: {c.warn_back}; color: {c.warn}; border: 2px solid {c.warn_line};
    font-weight: 600;
}}
QPushButton#danger:hover {{ border-color: {c.warn}; }}
QPushButton#danger:disabled {{
    color: {c.dim}; background: {c.dim_back}; border: 1px dashed {c.dim_line}; font-weight: 400;
}}
QScrollArea, QScrollArea > QWidget > QWidget {{ border: none; background: transparent; }}
QListWidget, QListView#workouts {{
    background: {c.card}; border: {border}px solid {c.line}; border-radius: 10px; padding: 6px;
}}
QListWidget::item:selected, QListView#workouts::item:selected {{
    background: {c.accent}; color: {c.on_accent}; border-radius: 6px;
}}
QMenu {{ background: {c.card}; border: 1px solid {c.line}; padding: 4px; }}
QMenu::item {{ padding: 6px 24px 6px 16px; }}
QMenu::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QMenu::item:disabled {{ color: {c.dim}; }}
QMenuBar {{ background: {c.paper}; }}
QMenuBar::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QToolTip {{ background: {c.card}; color: {c.ink}; border: 1px solid {c.line}; }}
"""


def figure_colours() -> FigureColours:
    """The exercise figures' colours (coach.ui.figure), from the theme in use."""
    from coach.ui.figure import FigureColours

    c = current
    accent = QColor(c.accent)
    works = QColor(accent)
    works.setAlpha(110 if c.name != "light" else 70)
    return FigureColours(body=QColor(c.ink), far=QColor(c.figure_far), head=QColor(c.card),
                         works=works, mat=QColor(c.mat), arrow=accent)  # fmt: skip


def palette(c: Colours) -> QPalette:
    """The theme's colours for every widget Qt draws itself (dialogs, menus, tooltips,
    charts), so a desktop theme of its own never puts dark words on dark."""
    colours = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, c.paper), (roles.WindowText, c.ink), (roles.Base, c.card),
        (roles.AlternateBase, c.paper), (roles.Text, c.ink), (roles.Button, c.card),
        (roles.ButtonText, c.ink), (roles.ToolTipBase, c.card), (roles.ToolTipText, c.ink),
        (roles.Highlight, c.accent), (roles.HighlightedText, c.on_accent),
        (roles.PlaceholderText, c.muted), (roles.Link, c.accent), (roles.Mid, c.line),
    ):  # fmt: skip
        colours.setColor(role, QColor(colour))
    return colours


def system_theme(app: QGuiApplication) -> Colours:
    """The theme the system asks for: high contrast, dark or light."""
    hints = app.styleHints()
    if hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
        return THEMES["contrast"]
    return THEMES["dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"]


def resolve(choice: str, app: QGuiApplication) -> Colours:
    """The colours of a choice ("system", "light", "dark" or "contrast")."""
    return THEMES.get(choice) or system_theme(app)


def apply(app: QApplication, choice: str = "system") -> Colours:
    """The program's font and the chosen theme, on every widget now and to come."""
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    colours = resolve(choice, app)
    use(colours)
    sheet, colour_roles = style(colours), palette(colours)
    if app.styleSheet() == sheet and app.palette() == colour_roles:
        return colours  # as they are: restyling every widget again costs 0.4 s
    app.setPalette(colour_roles)
    app.setStyleSheet(sheet)
    for widget in app.allWidgets():  # what paints itself reads the colours again
        widget.update()
    return colours


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
