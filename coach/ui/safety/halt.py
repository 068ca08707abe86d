"""Full-screen messages: a halt and what to do, or what to know before starting.

HaltView signals:
    cleared(): the person confirmed a clinician has said exercise is fine.
    done(): back to the routines.
NoticeView signals:
    accepted(): start the workout.
    declined(): back to the routines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from coach.core.safety import HaltMessage
from coach.ui.widgets import Key, bind, fit_to_window, key_button, make_label, make_row


class HaltKeys:
    CLINICIAN = Key("A clinician has said exercise is fine", ("C",))
    BACK = Key("Back to routines", ("Esc",))
    CONFIRM = Key("Yes, confirm", ("Y",))
    NOT_YET = Key("Not yet", ("N",))


class NoticeKeys:
    START = Key("Start the workout", ("Return", "Enter"), shown="Enter")
    BACK = Key("Back to routines", ("Esc",))


class HaltView(QWidget):
    cleared = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = make_label("", 30, bold=True)
        self.title.setObjectName("warnText")
        self.text = make_label("", 18)
        self.action = make_label("", 20, bold=True)
        self.when = make_label("", 13, name="muted")
        keys = HaltKeys
        self.clinician_button = key_button(keys.CLINICIAN, self._on_clinician_clicked)
        self.back_button = key_button(keys.BACK, self.done.emit, primary=True)
        first = make_row(self.back_button, self.clinician_button)

        self.confirm_question = make_label("", 16, bold=True)
        self.confirm_button = key_button(keys.CONFIRM, self._on_confirm_clicked)
        self.not_yet_button = key_button(keys.NOT_YET, self._on_not_yet_clicked, primary=True)
        second = make_row(
            self.confirm_question, self.confirm_button, self.not_yet_button,
            grow=self.confirm_question,
        )  # fmt: skip
        self.buttons = QStackedWidget()
        self.buttons.addWidget(first)
        self.buttons.addWidget(second)

        layout = QVBoxLayout(self)
        layout.addStretch()  # in the middle of the window, read from where the person is
        for widget in (self.title, self.text, self.action, self.when):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        layout.addStretch()
        bind(self, keys.BACK, self._on_escape_pressed)
        bind(self, keys.CLINICIAN, self._on_clinician_clicked)
        bind(self, keys.CONFIRM, self._on_confirm_clicked)
        bind(self, keys.NOT_YET, self._on_not_yet_clicked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_to_window(self, {self.title: 0.05, self.text: 0.032, self.action: 0.034,
                             self.when: 0.022, self.clinician_button: 0.025,
                             self.back_button: 0.025, self.confirm_question: 0.028,
                             self.confirm_button: 0.025, self.not_yet_button: 0.025})  # fmt: skip

    def show_halt(self, message: HaltMessage, *, when: str, can_clear: bool) -> None:
        self.title.setText(message.title)
        self.text.setText(message.text)
        self.action.setText(message.action)
        self.when.setText(when)
        self.confirm_question.setText(message.confirm)
        self.clinician_button.setVisible(can_clear)
        self.buttons.setCurrentIndex(0)
        self.setFocus()

    def _asking(self) -> bool:
        return self.buttons.currentIndex() == 1

    def _on_clinician_clicked(self) -> None:
        if self.clinician_button.isVisible():
            self.buttons.setCurrentIndex(1)

    def _on_confirm_clicked(self) -> None:
        if self._asking():
            self.buttons.setCurrentIndex(0)
            self.cleared.emit()

    def _on_not_yet_clicked(self) -> None:
        if self._asking():
            self.buttons.setCurrentIndex(0)

    def _on_escape_pressed(self) -> None:
        if self._asking():
            self._on_not_yet_clicked()
        else:
            self.done.emit()


class NoticeView(QWidget):
    accepted = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading = make_label("Before you start", 28, bold=True)
        self.messages = make_label("", 17)
        self.messages.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = key_button(NoticeKeys.START, self.accepted.emit, primary=True)
        self.back_button = key_button(NoticeKeys.BACK, self.declined.emit)
        row = make_row(self.start_button, self.back_button)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(self.heading)
        layout.addWidget(self.messages)
        layout.addWidget(row)
        layout.addStretch()
        bind(self, NoticeKeys.START, self.accepted.emit)
        bind(self, NoticeKeys.BACK, self.declined.emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_to_window(self, {self.heading: 0.048, self.messages: 0.03,
                             self.start_button: 0.025, self.back_button: 0.025})  # fmt: skip

    def show_messages(self, messages: list[str]) -> None:
        from html import escape

        items = "".join(f"<li style='margin-bottom: 10px'>{escape(m)}</li>" for m in messages)
        self.messages.setText(f"<ul>{items}</ul>")
        self.setFocus()
