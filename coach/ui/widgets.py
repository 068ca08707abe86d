"""Small builders so every label, button and key is made the same way.

Each screen declares its keys once, as :class:`Key` values: the words, the key (or keys)
and how the key is written. The button's label, the shortcut and the on-screen hint are
all made from that one declaration, so a key and its label cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.records import record
from coach.files import private_folder
from coach.ui import theme


@record
class Key:
    """One action of a screen: its words, and the keys that do it (as QKeySequence names:
    "Space", "Right", "Esc", "Ctrl+Z"). The first key is the one written on screen, unless
    `shown` says otherwise."""

    words: str
    keys: tuple[str, ...]
    shown: str | None = None
    said: str | None = None  # the words in a line of hints, when not the button's

    @property
    def name(self) -> str:
        """The key as written on screen: "Space", "N", "Esc"."""
        return self.shown or self.keys[0]

    def label(self, words: str | None = None) -> str:
        """A button's label: "Pause  [Space]"; `words` in place of the usual ones."""
        return f"{words or self.words}  [{self.name}]"

    def hint(self) -> str:
        """The key in a line of hints: "Y yes"."""
        words = self.said or f"{self.words[0].lower()}{self.words[1:]}"
        return f"{self.name} {words}"


def pressed(event: QKeyEvent) -> str:
    """The key of a key event, named as a Key names it ("Y", "Return", "Esc")."""
    return QKeySequence(event.key()).toString()


def hint_line(*keys: Key, separator: str = "   ·   ") -> str:
    """Keys as a line of hints: "Y yes   ·   N no"."""
    return separator.join(key.hint() for key in keys)


class EnterPresses(QObject):
    """Enter presses the button that has the keyboard focus, as Space does (installed on
    every button): a screen's own Enter (Start, Save...) is for when none is focused.
    A choice (a checkable button: a pain number, an activity, a day) is picked with
    Space; Enter on it is still the screen's, which goes on with what was picked."""

    ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() not in kinds or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QPushButton) or not watched.hasFocus() or watched.isCheckable():
            return False
        if event.key() not in self.ENTER or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key is the button's, not a screen shortcut's
            return True
        if watched.isEnabled():
            watched.click()
        return True


_enter_presses: list[EnterPresses] = []


def enter_presses() -> EnterPresses:
    """The one filter every button of the program shares."""
    if not _enter_presses:
        _enter_presses.append(EnterPresses())
    return _enter_presses[0]


def open_folder(folder: Path) -> None:
    """The folder (made, owner only, if it is not there) in the system's file manager.
    Qt's URL and desktop classes load with the first one opened, not at start-up."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    private_folder(folder)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def make_label(text: str, points: float, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a routine's own title is never markup
    label.setWordWrap(True)
    theme.set_font(label, points, bold=bold)
    if name:
        label.setObjectName(name)
    return label


def make_button(text: str, on_click: Callable[[], None], *, primary: bool = False) -> QPushButton:
    """A button whose accessible name is its visible label; Enter presses it when it has
    the keyboard focus, as Space does."""
    button = QPushButton(text)
    button.installEventFilter(enter_presses())
    button.setAccessibleName(text)
    theme.set_font(button, 13, bold=primary)
    if primary:
        button.setObjectName("primary")
    button.clicked.connect(on_click)
    return button


def key_button(
    key: Key, on_click: Callable[[], None], *, primary: bool = False, focus: bool = False
) -> QPushButton:
    """A button labelled with its key. Keys belong to the shortcuts, so by default it
    takes no focus (`focus` for one that Tab should reach)."""
    button = make_button(key.label(), on_click, primary=primary)
    if not focus:
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def set_words(button: QPushButton, key: Key, words: str | None = None) -> None:
    """Other words on a key's button (Pause / Go on), the key kept."""
    text = key.label(words)
    button.setText(text)
    button.setAccessibleName(text)


def on_key(screen: QWidget, key: Qt.Key | str, slot: Callable[[], None]) -> None:
    """A one-key shortcut that works while focus is anywhere on this screen."""
    shortcut = QShortcut(QKeySequence(key), screen)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)


def bind(screen: QWidget, key: Key, slot: Callable[[], None]) -> None:
    """Every key of this action, on this screen."""
    for sequence in key.keys:
        on_key(screen, sequence, slot)


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


# Sizes in proportion to the window, to be read from a mat two metres away.


def set_pixels(widget: QWidget, pixels: int) -> None:
    """The widget's font at this pixel size (unchanged if it is already)."""
    font = widget.font()
    if font.pixelSize() != pixels:
        font.setPixelSize(pixels)
        widget.setFont(font)


def scale_to_height(shares: Mapping[QWidget, float], height: int) -> None:
    """Each widget's words a share of `height` (14 px at the least)."""
    for widget, share in shares.items():
        set_pixels(widget, max(14, math.ceil(height * share)))


def centre_column(screen: QWidget, widest: int = 1200, top: int = 40) -> None:
    """The screen's content no wider than reads well, in the middle of the window, `top`
    pixels clear above and below."""
    sides = max(60, (screen.width() - widest) // 2)
    layout = screen.layout()
    if layout is not None:
        layout.setContentsMargins(sides, top, sides, top)


def fit_to_window(
    screen: QWidget,
    shares: Mapping[QWidget, float],
    widest: int = 1200,
    *,
    margin: float = 0.05,
    gap: float | None = 0.022,
) -> None:
    """A screen of words in proportion to its window: the column centred and no wider
    than reads well, the margin above and below (and the gaps, unless `gap` is None) a
    share of the height, and each widget's words its share (see scale_to_height)."""
    height = screen.height()
    centre_column(screen, widest, top=max(16, round(height * margin)))
    layout = screen.layout()
    if layout is not None and gap is not None:
        layout.setSpacing(max(8, round(height * gap)))
    scale_to_height(shares, height)


class ProgressLine(QWidget):
    """A thin line of how far through something is, in the theme's colours.

    Drawn again only when its filled part grows by a pixel, with the next paint:
    QProgressBar repaints at once (and what is behind it) whenever its value moves a
    pixel, which on the workout screen was 2.4 ms on every tick of the clock."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(10)
        self.setAccessibleName(name)
        self._fraction = 0.0
        self._filled = -1  # the width last asked to be drawn

    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(1.0, max(0.0, fraction))
        filled = round(self._fraction * self.width())
        if filled != self._filled:
            self._filled = filled
            self.setAccessibleDescription(f"{round(self._fraction * 100)}% done")
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            radius = self.height() / 2
            painter.setBrush(QColor(theme.LINE))
            painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
            filled = self._fraction * self.width()
            if filled > 0:
                painter.setBrush(QColor(theme.ACCENT))
                painter.drawRoundedRect(QRectF(0, 0, max(filled, self.height()), self.height()),
                                        radius, radius)  # fmt: skip
        finally:  # no painter left open, whatever happens
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._filled = -1
        self.set_fraction(self._fraction)


class Pages(QWidget):
    """One page showing at a time, like QStackedWidget, but the pages not showing are
    hidden and so count for nothing in the layout.

    QStackedWidget asks every page, shown or not, its height for each width its layout
    tries; a page of wrapped words lays them all out again each time. With every screen
    of the program in one stack, any change of layout on the screen showing (a line of
    words shown, the countdown's size) cost 5 ms a time, and a new exercise 40 ms."""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self._current = -1
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> int:
        self._pages.append(page)
        self._layout.addWidget(page)
        if self._current < 0:
            self._current = 0
            page.show()
            self.currentChanged.emit(0)
        else:
            page.hide()
            page.setGeometry(self.contentsRect())
        return len(self._pages) - 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Every page kept the size of the stack, shown or not, as QStackedWidget does: a
        page sizes its words by its height, and is then ready the moment it shows."""
        super().resizeEvent(event)
        room = self.contentsRect()
        for page in self._pages:
            if page.isHidden():
                page.setGeometry(room)

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def indexOf(self, page: QWidget | None) -> int:
        return self._pages.index(page) if page in self._pages else -1

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget | None:
        return self.widget(self._current)

    def setCurrentWidget(self, page: QWidget) -> None:
        index = self.indexOf(page)
        if index < 0:
            raise ValueError(f"{page!r} is not one of these pages")
        self.setCurrentIndex(index)

    def setCurrentIndex(self, index: int) -> None:
        if index == self._current or not 0 <= index < len(self._pages):
            return
        before, after = self.currentWidget(), self._pages[index]
        focused = QApplication.focusWidget()
        self._current = index
        if before is not None:  # first, or the two would share the room for a moment
            before.hide()
        after.show()
        # Focus on the page leaving goes to the page coming, as QStackedWidget does.
        if before is not None and focused is not None and before.isAncestorOf(focused):
            (after.focusWidget() or after).setFocus()
        self._layout.activate()  # laid out now, before anything paints
        self.currentChanged.emit(index)
