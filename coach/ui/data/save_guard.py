"""While the disk refuses to keep the data: a strip over every screen, and a careful close.

The store goes on in memory (see ``OpenedDatabase.keep_in_memory``). The strip says so
and since when, and offers to try again; saving is also tried after each workout and on
close. Closing while it still fails asks first, and can write an export elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QWidget,
)

from coach.services import DataCare
from coach.ui.widgets import Key, key_button

TRY_AGAIN = Key("Try again", ("Ctrl+S",))


class SaveGuard(QFrame):
    _unsaved = Signal(str)  # why the data is now only in memory

    def __init__(self, data: DataCare, now: Callable[[], datetime], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("unsaved")
        self._data = data
        self._now = now
        self._since: datetime | None = None
        self._copy_to: Path | None = None  # an export chosen on closing
        self._text = ""
        # One line, so the workout screen keeps its room; the whole of it in the tooltip.
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.installEventFilter(self)
        self.try_button = key_button(TRY_AGAIN, self._on_try_clicked, focus=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 12, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.try_button)
        for sequence in TRY_AGAIN.keys:  # from every screen of the window
            shortcut = QShortcut(QKeySequence(sequence), parent)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._on_try_clicked)
        # Told through a signal: the refusal may come from long work on a worker thread.
        self._unsaved.connect(self._on_unsaved)
        data.when_unsaved(self._unsaved.emit)
        self.setVisible(False)
        if data.unsaved is not None:
            self._on_unsaved(data.unsaved)

    def _on_unsaved(self, reason: str) -> None:
        self._since = self._now()
        self._say(reason)
        self.setVisible(True)

    def _say(self, reason: str, *, again: bool = False) -> None:
        since = self._since.astimezone() if self._since else None
        when = f" since {since:%H:%M}" if since else ""
        lead = "Still not saved" if again else "Not saved to disk"
        text = f"{lead}{when}: {reason}. All of it is kept while the program is open."
        self._text = text
        self._fit_text()
        self.label.setAccessibleName(text)
        self.label.setToolTip(f"{text} It is saved as soon as the disk allows: tried again"
                              " after each workout, or now with Ctrl+S.")  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.Resize:
            self._fit_text()
        return super().eventFilter(watched, event)

    def _fit_text(self) -> None:
        """One line, so the screens below keep their room: on a narrow window it ends in
        an ellipsis (never cut mid-word), and the whole of it is in the tooltip."""
        width = self.label.width() if self.label.width() > 0 else 10_000
        self.label.setText(
            self.label.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, width)
        )

    def _on_try_clicked(self) -> None:
        self.try_again()

    def try_again(self) -> bool:
        """Copy everything back to disk; True (and the strip goes) when it worked."""
        if self._data.unsaved is None:
            self.setVisible(False)
            return True
        if self._data.save_again():
            self.setVisible(False)
            return True
        self._say(self._data.unsaved, again=True)
        return False

    def ready_to_close(self) -> bool:
        """Whether the window may close; asks first when the data would be lost."""
        if self.try_again():
            return True
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Your data is not saved")
        box.setText(
            f"What you did{self._since_words()} is not saved: {self._data.unsaved}."
            " It will be lost when the program closes."
        )
        box.setInformativeText(
            "Save a copy somewhere else (another disk or a USB stick) and bring it back"
            " later with Data > Import; or go back, and close once the disk can take it."
        )
        copy = box.addButton("Save a copy…", QMessageBox.ButtonRole.AcceptRole)
        lose = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(copy)
        box.exec()
        if box.clickedButton() is lose:
            return True
        if box.clickedButton() is copy:
            self._copy_to = self._choose_copy()
            return self._copy_to is not None
        return False

    def _since_words(self) -> str:
        return f" since {self._since.astimezone():%H:%M}" if self._since else ""

    def _choose_copy(self) -> Path | None:
        suggested = Path.home() / f"hip-core-coach-{self._now().astimezone():%Y-%m-%d}.json"
        name, _ = QFileDialog.getSaveFileName(
            self.window(), "Save a copy of your data", str(suggested), "JSON file (*.json)"
        )
        return Path(name) if name else None

    def closing(self) -> bool:
        """The last save as the window closes (after the workout is wound up): to disk if
        it can be, or to the copy chosen. False when the chosen copy failed."""
        if self.try_again() or self._copy_to is None:
            return True
        try:
            self._data.export(self._copy_to, "json")
        except OSError as error:
            QMessageBox.critical(
                self.window(),
                "The copy was not saved",
                f"{self._copy_to} could not be written: {error.strerror or error}."
                " The program stays open so nothing is lost.",
            )
            self._copy_to = None
            return False
        return True
