"""The home screen: the routines, how long they take, when each was last done.

Signals:
    start_requested(str): the person pressed Start on the routine with this id.
    reload_requested(): F5 or the Reload button; read the routine files again.
    lock_details_requested(): the person wants to read why workouts are stopped.
    settings_requested(): the person wants to see or change their profile and settings.
    comparison_requested(): the three-week check-in or comparison, from the banner.
    plan_requested(): the person wants to choose their workout days and reminders.
    voice_requested(): the person wants to change the spoken cues.
    blocks_requested(): the person wants to read past three-week blocks.
    progress_requested(): the person wants to see the progress charts.
    history_requested(): the person wants to browse past workouts.
    print_requested(str): the person wants the printed sheet of the routine with this id.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.ui.widgets import (
    Key,
    bind,
    hint_line,
    key_button,
    make_button,
    make_label,
    make_row,
    open_folder,
    set_words,
)

if TYPE_CHECKING:
    from coach.core.toml_errors import FileError
    from coach.services import HomeState, RoutineCard


class HomeKeys:
    PROGRESS = Key("Progress", ("G",))
    HISTORY = Key("History", ("H",))
    BLOCKS = Key("Past blocks", ("B",))
    PROFILE = Key("Profile", ("S",))
    PLAN = Key("Days and reminders", ("D",))
    VOICE = Key("Voice and colours", ("V",))
    LOCK = Key("What to do", ("W",))
    BLOCK = Key("Check in", ("C",))
    RELOAD = Key("Reload routines", ("F5",), said="reloads")
    START = Key("Start", ("Return",), shown="Enter", said="starts one")
    PRINT = Key("Print sheet", ("Ctrl+P",), said="prints its sheet")


class HomeView(QWidget):
    start_requested = Signal(str)
    reload_requested = Signal()
    lock_details_requested = Signal()
    settings_requested = Signal()
    comparison_requested = Signal()
    plan_requested = Signal()
    voice_requested = Signal()
    blocks_requested = Signal()
    progress_requested = Signal()
    history_requested = Signal()
    print_requested = Signal(str)

    def __init__(self, own_routines_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_dir = own_routines_dir
        self.start_buttons: dict[str, QPushButton] = {}
        self.print_buttons: dict[str, QPushButton] = {}
        title = make_label("Hip & Core Coach", 26, bold=True)
        title.setWordWrap(False)
        keys = HomeKeys
        self.settings_button = key_button(keys.PROFILE, self.settings_requested.emit, focus=True)
        self.blocks_button = key_button(keys.BLOCKS, self.blocks_requested.emit, focus=True)
        self.progress_button = key_button(keys.PROGRESS, self.progress_requested.emit, focus=True)
        self.history_button = key_button(keys.HISTORY, self.history_requested.emit, focus=True)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        # First of the buttons: it shows once there are past blocks, and the buttons right
        # of it stay where they are (from the first paint, before the data is read).
        heading.addWidget(self.blocks_button)
        self.blocks_button.hide()
        heading.addWidget(self.progress_button)
        heading.addWidget(self.history_button)
        heading.addWidget(self.settings_button)
        bind(self, keys.BLOCKS, self._on_blocks_key_pressed)
        bind(self, keys.PROGRESS, self.progress_requested.emit)
        bind(self, keys.HISTORY, self.history_requested.emit)
        bind(self, keys.PRINT, self._on_print_key_pressed)
        subtitle = make_label(
            "Choose a routine. Everything you do stays on this computer.", 14, name="muted"
        )
        self.problems = QFrame()
        self.problems.setObjectName("problems")
        self.problems_label = make_label("", 12)
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.setAccessibleName("Routine files that could not be read")
        problem_buttons = QHBoxLayout()
        problem_buttons.addWidget(key_button(keys.RELOAD, self.reload_requested.emit, focus=True))
        problem_buttons.addWidget(make_button("Open my routines folder", self._open_own_dir))
        problem_buttons.addStretch()
        problems_layout = QVBoxLayout(self.problems)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addLayout(problem_buttons)
        self.problems.hide()

        self.lock_banner = QFrame()
        self.lock_banner.setObjectName("problems")
        self.lock_label = make_label("", 15, bold=True)
        self.lock_label.setAccessibleName("Why workouts cannot start")
        self.lock_button = key_button(keys.LOCK, self.lock_details_requested.emit, focus=True)
        lock_layout = QHBoxLayout(self.lock_banner)
        lock_layout.addWidget(self.lock_label, 1)
        lock_layout.addWidget(self.lock_button)
        self.lock_banner.hide()
        self.block_label = make_label("", 14, bold=True)
        self.block_button = key_button(
            keys.BLOCK, self.comparison_requested.emit, primary=True, focus=True
        )
        self.block_banner = make_row(self.block_label, self.block_button, grow=self.block_label)
        self.block_banner.hide()
        bind(self, keys.BLOCK, self._on_block_key_pressed)
        self.week_label = make_label("", 15, bold=True)
        self.week_label.setAccessibleName("This week")
        # Room for two lines from the first paint, so the row does not grow when its
        # words come (two lines in a small window).
        self.week_label.setMinimumHeight(2 * self.week_label.fontMetrics().lineSpacing())
        self.plan_button = key_button(keys.PLAN, self.plan_requested.emit, focus=True)
        self.voice_button = key_button(keys.VOICE, self.voice_requested.emit, focus=True)
        week_row = make_row(
            self.week_label, self.plan_button, self.voice_button, grow=self.week_label
        )
        bind(self, keys.PLAN, self.plan_requested.emit)
        bind(self, keys.VOICE, self.voice_requested.emit)
        self.history_note = make_label("", 12, name="muted")
        self.history_note.hide()
        bind(self, keys.LOCK, self._on_lock_key_pressed)

        self._cards = QVBoxLayout()
        self._cards.setSpacing(14)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        inner_layout.addLayout(self._cards)
        inner_layout.addStretch()
        scroll = QScrollArea()
        # A viewport of our own, which does not fill its background as the scroll area's
        # own does. Asking for that one (viewport()) made PySide6 set up every widget
        # class it has, 18 ms before the first paint.
        scroll.setViewport(QWidget())
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        inner.setAutoFillBackground(False)
        self.footer = make_label("", 11, name="muted")
        self.footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.addLayout(heading)
        layout.addWidget(subtitle)
        layout.addWidget(week_row)
        layout.addSpacing(6)
        layout.addWidget(self.lock_banner)
        layout.addWidget(self.block_banner)
        layout.addWidget(self.history_note)
        layout.addWidget(self.problems)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.footer)
        bind(self, keys.PROFILE, self.settings_requested.emit)
        bind(self, keys.RELOAD, self.reload_requested.emit)

    def show_routines(self, state: HomeState) -> None:
        """The routines; with a lock reason, every Start is off and the banner says why."""
        self.week_label.setText(state.week)
        self.blocks_button.setVisible(state.past_blocks)
        block_note = state.block_note
        self.block_banner.setVisible(block_note is not None)
        if block_note is not None:
            self.block_label.setText(block_note[0])
            self.block_button.setVisible(block_note[1] is not None)
            set_words(self.block_button, HomeKeys.BLOCK, block_note[1])
        self.history_note.setText(state.history_note or "")
        self.history_note.setVisible(bool(state.history_note))
        while self._cards.count():
            item = self._cards.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.setParent(None)  # gone from the screen and from findChildren at once
                widget.deleteLater()
        self.start_buttons, self.print_buttons = {}, {}
        cards = state.cards
        for number, card in enumerate(cards, start=1):
            self._cards.addWidget(self._card(number, card))
        if not cards:
            self._cards.addWidget(make_label("No routines could be loaded.", 16, bold=True))
        self._show_problems(state.errors)
        lock_reason = state.lock_reason
        self.lock_banner.setVisible(lock_reason is not None)
        self.lock_label.setText(lock_reason or "")
        for card in cards:
            self.start_buttons[card.id].setEnabled(lock_reason is None and bool(card.exercises))
        keys = HomeKeys
        if lock_reason is None:
            said = hint_line(keys.START, keys.PRINT, keys.RELOAD, separator=", ")
        else:  # no Start works: the key that does something comes first
            said = f"W says what to do, {hint_line(keys.PRINT, separator=', ')}"
        self.footer.setText(f"Keys: Tab moves between routines, {said}.")
        self.footer.setToolTip(f"Your own routines are TOML files in {self._own_dir}.")
        if cards and lock_reason is None:
            self.start_buttons[cards[0].id].setFocus()

    def _card(self, number: int, card: RoutineCard) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        heading = make_label(f"{card.title}" + ("  (your own)" if card.own else ""), 19, bold=True)
        facts = f"About {card.minutes} min"
        if card.trains:
            facts += "  ·  " + ", ".join(card.trains)
        facts_label = make_label(facts, 13, bold=True, name="muted")
        summary = make_label(card.summary, 13)
        exercises = make_label(
            " → ".join(card.exercises) or "Nothing in this routine suits you at the moment.",
            12,
            name="muted",
        )
        text = QVBoxLayout()
        text.setSpacing(4)
        for widget in (heading, facts_label, summary, exercises):
            text.addWidget(widget)
        if card.own_doses:
            doses = "; ".join(card.own_doses)
            text.addWidget(make_label(f"Your own dose: {doses}.", 12, name="muted"))
        for note in card.notes:
            text.addWidget(make_label(note, 12, bold=True))
        if card.left_out:
            names = "; ".join(card.left_out)
            text.addWidget(make_label(f"Left out: {names}.", 12, name="muted"))
        side = QVBoxLayout()
        last = make_label(card.last_done, 12, name="muted")
        last.setAlignment(Qt.AlignmentFlag.AlignRight)
        last.setWordWrap(False)
        start = make_button("Start", lambda: self.start_requested.emit(card.id), primary=True)
        start.setAccessibleDescription(f"Start {card.title}")
        start.setAutoDefault(True)
        start.setMinimumWidth(140)
        start.setEnabled(bool(card.exercises))
        self.start_buttons[card.id] = start
        sheet = make_button("Print sheet", lambda: self.print_requested.emit(card.id))
        sheet.setAccessibleDescription(f"Print the sheet of {card.title}")
        sheet.setEnabled(bool(card.exercises))
        self.print_buttons[card.id] = sheet
        side.addWidget(last)
        side.addStretch()
        side.addWidget(sheet)
        side.addWidget(start)
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(text, 1)
        layout.addSpacing(16)
        layout.addLayout(side)
        return frame

    def _show_problems(self, errors: list[FileError]) -> None:
        self.problems.setVisible(bool(errors))
        if not errors:
            return
        from html import escape  # only for broken files: not loaded before the first paint

        count = len(errors)
        heading = f"{count} routine file{'s' if count > 1 else ''} could not be read"
        items = "".join(
            f"<li><b>{escape(str(e.path))}</b>"
            + (f" ({escape(e.where)})" if e.where else "")
            + f": {escape(e.problem)}</li>"
            for e in errors
        )
        self.problems_label.setText(
            f"<b>{heading}.</b> The other routines work as usual. Fix the file and reload."
            f"<ul>{items}</ul>"
        )

    def _on_print_key_pressed(self) -> None:
        """Ctrl+P: the sheet of the routine whose card has the focus, else the first."""
        focused = self.focusWidget()
        printable = [i for i, button in self.print_buttons.items() if button.isEnabled()]
        for routine_id in printable:
            if focused in (self.start_buttons[routine_id], self.print_buttons[routine_id]):
                self.print_requested.emit(routine_id)
                return
        if printable:
            self.print_requested.emit(printable[0])

    def _on_block_key_pressed(self) -> None:
        if self.block_button.isVisibleTo(self):
            self.comparison_requested.emit()

    def _on_blocks_key_pressed(self) -> None:
        if self.blocks_button.isVisibleTo(self):
            self.blocks_requested.emit()

    def _on_lock_key_pressed(self) -> None:
        if self.lock_banner.isVisible():
            self.lock_details_requested.emit()

    def _open_own_dir(self) -> None:
        open_folder(self._own_dir)
