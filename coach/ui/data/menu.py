"""The Data menu: export everything, import an export, open the backups folder.

Offered on the home screen only, so nothing is imported under a running workout.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from coach.ui.background import in_background
from coach.ui.widgets import Pages, open_folder

if TYPE_CHECKING:
    from coach.services import DataCare

JSON_FILTER = "JSON file, one document (*.json)"
CSV_FILTER = "CSV files in a zip, one per table (*.zip)"


class DataMenu:
    def __init__(
        self,
        window: QMainWindow,
        stack: Pages,
        home: QWidget,
        imported: Callable[[], None],
    ) -> None:
        """The menu, offered once `attach` gives it the person's data."""
        self._window = window
        self._data: DataCare | None = None
        self._now: Callable[[], datetime] = datetime.now
        self._imported = imported
        menu = window.menuBar().addMenu("&Data")
        self.export_action = QAction("&Export all my data…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export)
        self.import_action = QAction("&Import data from an export…", window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_)
        self.backups_action = QAction("Open the &backups folder", window)
        self.backups_action.triggered.connect(self._on_backups_triggered)
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        menu.addSeparator()
        menu.addAction(self.backups_action)

        def on_screen(_index: int = 0) -> None:
            at_home = stack.currentWidget() is home and self._data is not None
            for action in (self.export_action, self.import_action):
                action.setEnabled(at_home)
            self.backups_action.setEnabled(self._data is not None)

        stack.currentChanged.connect(on_screen)
        on_screen()
        self._on_screen = on_screen

        def focus_back() -> None:
            """Esc out of the menu leaves the menu bar holding the keyboard, and the
            screen's one-key shortcuts (G, H, S...) dead: the screen takes it back."""
            if window.menuBar().hasFocus():
                screen = stack.currentWidget()
                if screen is not None:
                    (screen.focusWidget() or screen).setFocus()

        menu.aboutToHide.connect(lambda: QTimer.singleShot(0, focus_back))

    def attach(self, data: DataCare, now: Callable[[], datetime]) -> None:
        self._data, self._now = data, now
        self._on_screen()

    def export(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # with the first dialog

        data = self._data
        if data is None:
            return
        suggested = Path.home() / f"hip-core-coach-{self._now().astimezone():%Y-%m-%d}.json"
        name, chosen = QFileDialog.getSaveFileName(
            self._window,
            "Export all your data",
            str(suggested),
            f"{JSON_FILTER};;{CSV_FILTER}",
        )
        if not name:
            return
        path = Path(name)
        kind = "csv" if chosen == CSV_FILTER or path.suffix.lower() == ".zip" else "json"
        if kind == "csv" and path.suffix.lower() != ".zip":
            path = path.with_suffix(".zip")
        try:
            written = in_background(
                self._window,
                f"Exporting all your data to {path.name}…",
                lambda progress: data.export(path, kind, progress),
                here=data.in_memory,
            )
        except OSError as error:
            QMessageBox.warning(
                self._window,
                "Not exported",
                f"{path} could not be written: {error.strerror or error}.",
            )
            return
        if written is None:
            QMessageBox.information(self._window, "Not exported", "Nothing was written.")
            return
        QMessageBox.information(self._window, "Exported", f"Saved {written} to {path}.")

    def import_(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from coach.services import ImportRefused

        data = self._data
        if data is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            "Import data from an export",
            str(Path.home()),
            "Hip & Core Coach exports (*.json *.zip);;All files (*)",
        )
        if not name:
            return
        try:
            tables = in_background(
                self._window, f"Checking {Path(name).name}…", lambda _: data.read(Path(name))
            )
        except ImportRefused as error:
            QMessageBox.warning(self._window, "Nothing was imported", str(error))
            return
        if tables is None:
            return
        answer = QMessageBox.question(
            self._window,
            "Import this file?",
            f"{Path(name).name} holds {data.describe(tables)}.\n\nIt is added to what you"
            " have here. Nothing here is changed or removed, and anything already here is not"
            " added twice.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        checked = tables
        report = in_background(
            self._window,
            f"Adding what {Path(name).name} holds…",
            lambda progress: data.merge(checked, progress),
            here=data.in_memory,
        )
        if report is None:
            QMessageBox.information(
                self._window, "Nothing was imported", "Stopped: nothing from the file was added."
            )
            return
        self._imported()
        QMessageBox.information(self._window, "Imported", report.sentence())

    def _on_backups_triggered(self) -> None:
        if self._data is not None:
            open_folder(self._data.backups)
