"""The safety questions: plain yes/no (and a year of birth), nothing chosen for the
person, all by keyboard.

Signals:
    answered(dict): every question has an answer; question id -> yes (True) / no, or the
        year (an int, or None when left blank).
    cancelled(): the person went back without answering (nothing is recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.core.screen import Answer, Ask, shown, year_problem
from coach.ui.widgets import (
    Key,
    fit_to_window,
    hint_line,
    key_button,
    make_label,
    pressed,
    set_words,
)


class SafetyKeys:
    YES = Key("Yes", ("Y",))
    NO = Key("No", ("N",))
    MOVE = Key("Move between questions", ("Up", "Down"), shown="↑ ↓")
    CONTINUE = Key("Continue", ("Return", "Enter"), shown="Enter")
    BACK = Key("Back", ("Esc",))


class QuestionRow(QFrame):
    """A question with Yes and No; Y or N answers it from the keyboard.

    Signals:
        changed(): an answer was given or changed.
    """

    changed = Signal()

    def __init__(self, number: int, ask: Ask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ask = ask
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(ask.text)
        self.label = make_label("", 15)
        self.set_number(number)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(16, 10, 16, 10)
        self.layout_.addWidget(self.label, 1)
        self.yes = key_button(SafetyKeys.YES, lambda: None)
        self.no = key_button(SafetyKeys.NO, lambda: None)
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            button.setCheckable(True)
            button.setMinimumWidth(96)
            self.group.addButton(button)
            self.layout_.addWidget(button)
        self.group.buttonClicked.connect(self._on_group_button_clicked)

    def set_number(self, number: int) -> None:
        self.label.setText(f"{number}.  {self.ask.text}")

    @property
    def answer(self) -> Answer:
        if self.yes.isChecked():
            return True
        return False if self.no.isChecked() else None

    @property
    def answered(self) -> bool:
        return self.answer is not None

    def problem(self) -> str | None:
        return None

    def set_answer(self, answer: Answer) -> None:
        if isinstance(answer, bool):
            (self.yes if answer else self.no).setChecked(True)
            self.changed.emit()

    def _on_group_button_clicked(self, _button: QPushButton) -> None:
        self.changed.emit()

    def show_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().polish(self)


class YearRow(QuestionRow):
    """A year of birth, typed; it may be left blank, and a year that cannot be right is
    refused with a reason."""

    def __init__(
        self, number: int, ask: Ask, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(number, ask, parent)
        self._today = today
        for button in (self.yes, self.no):
            button.hide()
        self.year = QLineEdit()
        self.year.setPlaceholderText("e.g. 1970")
        self.year.setAccessibleName(ask.text)
        self.year.setMaxLength(4)
        self.year.setValidator(QIntValidator(0, 9999, self.year))
        self.year.setFixedWidth(140)
        self.year.textChanged.connect(self._on_year_text_changed)
        self.note = make_label("Optional", 12, name="muted")
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.year)
        self.setFocusProxy(self.year)

    def _on_year_text_changed(self, _text: str) -> None:
        self.changed.emit()

    @property
    def answer(self) -> Answer:
        text = self.year.text().strip()
        return int(text) if text.isdigit() else None

    @property
    def answered(self) -> bool:
        return True  # blank is an answer: not given

    def problem(self) -> str | None:
        text = self.year.text().strip()
        if not text:
            return None
        if len(text) < 4 or not text.isdigit():
            return "Enter the year with four digits, or leave it blank."
        return year_problem(int(text), self._today())

    def set_answer(self, answer: Answer) -> None:
        if isinstance(answer, int) and not isinstance(answer, bool):
            self.year.setText(str(answer))


class SafetyView(QWidget):
    answered = Signal(dict)
    cancelled = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.heading = make_label("", 24, bold=True)
        self.intro = make_label("", 14, name="muted")
        self.rows: list[QuestionRow] = []
        self._sections: list[QLabel] = []
        self._list = QVBoxLayout()
        self._list.setSpacing(8)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        inner_layout.addLayout(self._list)
        inner_layout.addStretch()
        self.question_list = QScrollArea()
        self.question_list.setWidgetResizable(True)
        self.question_list.setWidget(inner)
        self.left_label = make_label("", 14, bold=True)
        keys = SafetyKeys
        self.continue_button = key_button(keys.CONTINUE, self._on_continue_clicked, primary=True)
        self.back_button = key_button(keys.BACK, self.cancelled.emit)
        self.keys_line = keys_line = make_label(hint_line(keys.MOVE, keys.YES, keys.NO), 12,
                                                name="muted")  # fmt: skip
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(keys_line, 1)
        bottom.addWidget(self.left_label)
        bottom.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.question_list, 1)
        layout.addLayout(bottom)

    def ask(
        self,
        heading: str,
        intro: str,
        asks: list[Ask],
        *,
        given: dict[str, Answer] | None = None,
        button: str | None = None,
    ) -> None:
        """Show the questions; `given` fills in answers the person gave before; `button`
        in place of "Continue"."""
        self.heading.setText(heading)
        self.intro.setText(intro)
        set_words(self.continue_button, SafetyKeys.CONTINUE, button)
        for old in [*self.rows, *self._sections]:
            old.setParent(None)
            old.deleteLater()
        self.rows, self._sections = [], []
        for number, ask in enumerate(asks, start=1):
            if ask.section:
                section = make_label(ask.section, 16, bold=True)
                section.setContentsMargins(4, 10 if self.rows else 0, 0, 0)
                self._list.addWidget(section)
                self._sections.append(section)
            row = YearRow(number, ask, self._today) if ask.year else QuestionRow(number, ask)
            if given is not None and ask.id in given:
                row.set_answer(given[ask.id])
            row.changed.connect(self._refresh)
            row.installEventFilter(self)
            if isinstance(row, YearRow):
                row.year.installEventFilter(self)
            self._list.addWidget(row)
            self.rows.append(row)
        self._refresh()
        self._scale()
        if self.rows:
            self.rows[0].setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        """The questions in proportion to the window (read from a chair a little way off
        too), no wider than reads well."""
        shares: dict[QWidget, float] = {
            self.heading: 0.04, self.intro: 0.024, self.left_label: 0.024,
            self.keys_line: 0.019, self.back_button: 0.022, self.continue_button: 0.022,
        }  # fmt: skip
        shares.update(dict.fromkeys(self._sections, 0.026))
        for row in self.rows:
            shares.update({row.label: 0.026, row.yes: 0.022, row.no: 0.022})
        fit_to_window(self, shares, widest=1300, margin=0.03, gap=None)

    def answers(self) -> dict[str, Answer]:
        return {r.ask.id: r.answer for r in self._shown() if r.answered}

    def _shown(self) -> list[QuestionRow]:
        """The questions being asked: a follow-up only after a yes to one it follows."""
        given = {r.ask.id: r.answer for r in self.rows}
        asked = {a.id for a in shown([r.ask for r in self.rows], given)}
        return [r for r in self.rows if r.ask.id in asked]

    def _refresh(self) -> None:
        shown_rows = self._shown()
        for row in self.rows:
            row.setVisible(row in shown_rows)
        for number, row in enumerate(shown_rows, start=1):
            row.set_number(number)
        left = sum(1 for r in shown_rows if not r.answered)
        problem = next((p for r in shown_rows if (p := r.problem())), None)
        if problem:
            self.left_label.setText(problem)
        else:
            self.left_label.setText(
                "All answered" if left == 0 else f"{left} question{'s' if left > 1 else ''} left"
            )
        self.continue_button.setEnabled(left == 0 and problem is None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and isinstance(watched.parent(), YearRow):
            row = watched.parent()
            assert isinstance(row, YearRow)
            if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
                key = pressed(event)
                if key in (*SafetyKeys.MOVE.keys, *SafetyKeys.CONTINUE.keys, *SafetyKeys.BACK.keys):
                    return self._on_row_key(row, event)
            if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                row.show_selected(event.type() == QEvent.Type.FocusIn)
            if event.type() == QEvent.Type.FocusIn:
                self._scroll_to(row)
            return False
        if (
            isinstance(watched, QuestionRow)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            return self._on_row_key(watched, event)
        if isinstance(watched, QuestionRow) and event.type() == QEvent.Type.FocusIn:
            watched.show_selected(True)
            self._scroll_to(watched)
        if isinstance(watched, QuestionRow) and event.type() == QEvent.Type.FocusOut:
            watched.show_selected(False)
        return False

    def _scroll_to(self, row: QuestionRow) -> None:
        # A row just revealed is laid out on the next turn of the event loop. Tied to the
        # row, so it is dropped if the row goes first.
        QTimer.singleShot(0, row, lambda: self.question_list.ensureWidgetVisible(row, 0, 24))

    def _on_row_key(self, row: QuestionRow, event: QKeyEvent) -> bool:
        keys, key = SafetyKeys, pressed(event)
        if key in (*keys.YES.keys, *keys.NO.keys) and not isinstance(row, YearRow):
            row.set_answer(key in keys.YES.keys)
            self._move(row, +1, only_unanswered=True)
        elif key in keys.MOVE.keys:
            self._move(row, +1 if key == "Down" else -1)
        elif key in keys.CONTINUE.keys:
            self._on_continue_clicked()
        elif key in keys.BACK.keys:
            self.cancelled.emit()
        else:
            return False
        return True

    def _move(self, row: QuestionRow, step: int, only_unanswered: bool = False) -> None:
        shown = self._shown()
        index = shown.index(row)
        candidates = shown[index + 1 :] if step > 0 else list(reversed(shown[:index]))
        if only_unanswered:
            candidates = [r for r in candidates if not r.answered] or candidates[:1]
        if candidates:
            candidates[0].setFocus()

    def _on_continue_clicked(self) -> None:
        if self.continue_button.isEnabled():
            self.answered.emit(self.answers())
