"""The window's stack of screens: one showing, the others asked nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coach.ui.widgets import Pages


class CountingLabel(QLabel):
    """Wrapped words that count how often they are laid out for a width."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.asked = 0

    def heightForWidth(self, width: int) -> int:
        self.asked += 1
        return super().heightForWidth(width)


def page_of(*widgets: QWidget) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    for widget in widgets:
        column.addWidget(widget)
    return page


def test_a_change_on_the_screen_showing_lays_out_no_other_screen(qtbot: QtBot) -> None:
    """QStackedWidget laid out the words of every screen whenever the one showing
    changed its layout: 5 ms at each line shown on the workout screen."""
    showing = QLabel("Hold and breathe")
    showing.setWordWrap(True)
    elsewhere = CountingLabel("A long question on another screen, " * 20)
    pages = Pages()
    pages.addWidget(page_of(showing))
    pages.addWidget(page_of(elsewhere))
    window = page_of(QLabel("Above the screens, as the window's strip is"), pages)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    QApplication.processEvents()
    elsewhere.asked = 0
    for words in ("Lift your hips", "Lower slowly, one bone at a time " * 4, "Rest"):
        showing.setText(words)
        showing.setVisible(not showing.isVisible())
        QApplication.processEvents()
    assert elsewhere.asked == 0


def test_the_page_coming_is_laid_out_at_once_and_takes_the_focus(qtbot: QtBot) -> None:
    first, second = QPushButton("First"), QPushButton("Second")
    pages = Pages()
    qtbot.addWidget(pages)
    changed: list[int] = []
    pages.currentChanged.connect(changed.append)
    pages.addWidget(page_of(first))
    later = page_of(second)
    pages.addWidget(later)
    pages.resize(900, 600)
    with qtbot.waitExposed(pages):
        pages.show()
    assert later.size() == pages.size()  # kept the stack's size while hidden
    first.setFocus()
    pages.setCurrentWidget(later)
    assert pages.currentIndex() == 1 and pages.currentWidget() is later
    assert changed == [0, 1]
    assert not first.parentWidget().isVisible() and later.isVisible()  # type: ignore[union-attr]
    assert second.hasFocus() or later.hasFocus()
    assert later.geometry() == pages.contentsRect()
