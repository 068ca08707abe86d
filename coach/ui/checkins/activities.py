"""Choosing up to three everyday activities that the pain makes hard.

Presented as the program's own activity rating, not as a validated questionnaire.

Signals:
    chosen(list): the activities picked (possibly none), in the order picked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coach.ui import theme
from coach.ui.widgets import (
    Key,
    fit_to_window,
    key_button,
    make_button,
    make_label,
    make_row,
    pressed,
    set_words,
)

# Tab and Space are Qt's own, on the suggestion buttons; Enter goes on from anywhere but
# the text box, where it adds what was typed.
CONTINUE = Key("Continue", ("Return", "Enter"), shown="Enter")

MOST = 3
SUGGESTIONS = (
    "Putting on socks",
    "Getting up from a chair",
    "Walking for 15 minutes",
    "Sitting for 30 minutes",
    "Carrying a shopping bag",
    "Bending down to the floor",
    "Sleeping through the night",
)


def _is_enter(event: QEvent) -> bool:
    return (
        isinstance(event, QKeyEvent)
        and event.type() == QEvent.Type.KeyPress
        and pressed(event) in CONTINUE.keys
    )


class ActivityView(QWidget):
    chosen = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading = make_label("Everyday activities", 26, bold=True)
        self.intro = intro = make_label(
            "Pick up to three everyday things your pain makes hard. You will rate how hard"
            " each is now, and again in three weeks. Tab moves, Space picks, Enter goes on.",
            16,
        )
        self._picked: list[str] = []
        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        for n, name in enumerate(SUGGESTIONS):
            button = make_button(name, lambda *_, name=name: self._on_toggled(name))
            button.setCheckable(True)
            grid.addWidget(button, n // 3, n % 3)
            self.buttons.append(button)
        self.own = QLineEdit()
        self.own.setPlaceholderText("Or write your own, then press Add")
        self.own.setAccessibleName("An activity of your own")
        self.own.setMaxLength(60)
        theme.set_font(self.own, 14)
        self.own.installEventFilter(self)  # Enter in the text box adds, and goes no further
        self.add_button = make_button("Add", self._on_add_clicked)
        self.picked_label = make_label("", 15, bold=True)
        self.note = make_label("", 14, name="muted")  # why a typed activity was not added
        self.continue_button = key_button(
            CONTINUE, self._on_continue_clicked, primary=True, focus=True
        )
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(make_row(self.own, self.add_button, grow=self.own))
        layout.addWidget(self.note)
        layout.addWidget(self.picked_label)
        layout.addWidget(make_row(self.continue_button))
        layout.addStretch()
        self.continue_button.setAutoDefault(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Sizes in proportion to the window, the column in its middle."""
        super().resizeEvent(event)
        shares = {self.heading: 0.048, self.intro: 0.027, self.own: 0.025,
                  self.add_button: 0.024, self.picked_label: 0.027, self.note: 0.023,
                  self.continue_button: 0.025}  # fmt: skip
        shares.update(dict.fromkeys(self.buttons, 0.024))
        fit_to_window(self, shares)

    def ask(self) -> None:
        self._picked = []
        for button in self.buttons:
            button.setChecked(False)
        self.own.clear()
        self.note.clear()
        self._refresh()
        self.buttons[0].setFocus()

    @property
    def picked(self) -> list[str]:
        return list(self._picked)

    def _on_toggled(self, name: str) -> None:
        if name in self._picked:
            self._picked.remove(name)
        elif len(self._picked) < MOST:
            self._picked.append(name)
        self._refresh()

    def _on_add_clicked(self) -> None:
        # Pasted text may hold tabs, line breaks or control characters: words only.
        name = " ".join("".join(c if c.isprintable() else " " for c in self.own.text()).split())
        name = next((s for s in SUGGESTIONS if s.casefold() == name.casefold()), name)
        if not name:
            self.note.setText("Type an activity first, then press Add.")
        elif name.casefold() in (p.casefold() for p in self._picked):
            self.note.setText(f"“{name}” is already picked.")
        elif len(self._picked) >= MOST:
            self.note.setText(f"{MOST} is the most: unpick one first.")
        else:
            self._picked.append(name)
            self.own.clear()
            self.note.clear()
        self._refresh()

    def _refresh(self) -> None:
        full = len(self._picked) >= MOST
        for button in self.buttons:
            button.setChecked(button.text() in self._picked)
            button.setEnabled(button.isChecked() or not full)
        self.own.setEnabled(not full)
        self.add_button.setEnabled(not full)
        listed = "; ".join(self._picked) if self._picked else "none yet"
        self.picked_label.setText(f"Picked ({len(self._picked)} of {MOST}): {listed}")
        set_words(
            self.continue_button, CONTINUE, None if self._picked else "Continue without activities"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.own and _is_enter(event):
            self._on_add_clicked()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter goes on from anywhere else on the screen."""
        if _is_enter(event):
            self._on_continue_clicked()
            return
        super().keyPressEvent(event)

    def _on_continue_clicked(self) -> None:
        self.chosen.emit(self.picked)
