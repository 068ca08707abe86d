"""The safety questions: plain yes/no, nothing chosen for the person, all by keyboard.

Signals:
    answered(dict): every question has an answer; question id -> yes (True) / no.
    cancelled(): the person went back without answering (nothing is recorded).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.ui.widgets import Key, hint_line, key_button, make_label, pressed, set_words


class SafetyKeys:
    YES = Key("Yes", ("Y",))
    NO = Key("No", ("N",))
    MOVE = Key("Move between questions", ("Up", "Down"), shown="↑ ↓")
    CONTINUE = Key("Continue", ("Return", "Enter"), shown="Enter")
    BACK = Key("Back", ("Esc",))


@dataclass(frozen=True)
class Ask:
    """One yes/no question on the screen; `follows` shows it only after a yes to another."""

    id: str
    text: str
    follows: str | None = None


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
        self.yes = key_button(SafetyKeys.YES, lambda: None)
        self.no = key_button(SafetyKeys.NO, lambda: None)
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            button.setCheckable(True)
            button.setMinimumWidth(96)
            self.group.addButton(button)
        self.group.buttonClicked.connect(self._on_group_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)

    def set_number(self, number: int) -> None:
        self.label.setText(f"{number}.  {self.ask.text}")

    @property
    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        return False if self.no.isChecked() else None

    def set_answer(self, yes: bool) -> None:
        (self.yes if yes else self.no).setChecked(True)
        self.changed.emit()

    def _on_group_button_clicked(self, _button: QPushButton) -> None:
        self.changed.emit()

    def show_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().polish(self)


class SafetyView(QWidget):
    answered = Signal(dict)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("", 24, bold=True)
        self.intro = make_label("", 14, name="muted")
        self.rows: list[QuestionRow] = []
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
        keys_line = make_label(hint_line(keys.MOVE, keys.YES, keys.NO), 12, name="muted")
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
        given: dict[str, bool] | None = None,
        button: str | None = None,
    ) -> None:
        """Show the questions; `given` fills in answers the person gave before; `button`
        in place of "Continue"."""
        self.heading.setText(heading)
        self.intro.setText(intro)
        set_words(self.continue_button, SafetyKeys.CONTINUE, button)
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for number, ask in enumerate(asks, start=1):
            row = QuestionRow(number, ask)
            if given is not None and ask.id in given:
                row.set_answer(given[ask.id])
            row.changed.connect(self._refresh)
            row.installEventFilter(self)
            self._list.addWidget(row)
            self.rows.append(row)
        self._refresh()
        if self.rows:
            self.rows[0].setFocus()

    def answers(self) -> dict[str, bool]:
        return {r.ask.id: r.answer for r in self._shown() if r.answer is not None}

    def _shown(self) -> list[QuestionRow]:
        """The questions being asked: a follow-up only after a yes to its question."""
        given = {r.ask.id: r.answer for r in self.rows}
        return [r for r in self.rows if r.ask.follows is None or given.get(r.ask.follows)]

    def _refresh(self) -> None:
        shown = self._shown()
        for row in self.rows:
            row.setVisible(row in shown)
        for number, row in enumerate(shown, start=1):
            row.set_number(number)
        left = sum(1 for r in shown if r.answer is None)
        self.left_label.setText(
            "All answered" if left == 0 else f"{left} question{'s' if left > 1 else ''} left"
        )
        self.continue_button.setEnabled(left == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QuestionRow)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            return self._on_row_key(watched, event)
        if isinstance(watched, QuestionRow) and event.type() == QEvent.Type.FocusIn:
            watched.show_selected(True)
            # A row just revealed is laid out on the next turn of the event loop.
            # Tied to the row, so it is dropped if the row goes first.
            QTimer.singleShot(
                0, watched, lambda: self.question_list.ensureWidgetVisible(watched, 0, 24)
            )
        if isinstance(watched, QuestionRow) and event.type() == QEvent.Type.FocusOut:
            watched.show_selected(False)
        return False

    def _on_row_key(self, row: QuestionRow, event: QKeyEvent) -> bool:
        keys, key = SafetyKeys, pressed(event)
        if key in (*keys.YES.keys, *keys.NO.keys):
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
            candidates = [r for r in candidates if r.answer is None] or candidates[:1]
        if candidates:
            candidates[0].setFocus()

    def _on_continue_clicked(self) -> None:
        if self.continue_button.isEnabled():
            self.answered.emit(self.answers())
