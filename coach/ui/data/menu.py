"""The Data menu: export everything, import an export, open the backups folder.

Offered on the home screen only, so nothing is imported under a running workout.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QStackedWidget, QWidget

from coach.files import private_folder
from coach.services import DataCare
from coach.ui.background import in_background

JSON_FILTER = "JSON file, one document (*.json)"
CSV_FILTER = "CSV files in a zip, one per table (*.zip)"


class DataMenu:
    def __init__(
        self,
        window: QMainWindow,
        stack: QStackedWidget,
        home: QWidget,
        data: DataCare,
        now: Callable[[], datetime],
        imported: Callable[[], None],
    ) -> None:
        self._window = window
        self._data = data
        self._now = now
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

        def on_screen(_index: int) -> None:
            at_home = stack.currentWidget() is home
            for action in (self.export_action, self.import_action):
                action.setEnabled(at_home)

        stack.currentChanged.connect(on_screen)
        on_screen(0)

        def focus_back() -> None:
            """Esc out of the menu leaves the menu bar holding the keyboard, and the
            screen's one-key shortcuts (G, H, S...) dead: the screen takes it back."""
            if window.menuBar().hasFocus():
                screen = stack.currentWidget()
                if screen is not None:
                    (screen.focusWidget() or screen).setFocus()

        menu.aboutToHide.connect(lambda: QTimer.singleShot(0, focus_back))

    def export(self) -> None:
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
                lambda progress: self._data.export(path, kind, progress),
                here=self._data.in_memory,
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
        from coach.services import ImportRefused

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
                self._window, f"Checking {Path(name).name}…", lambda _: self._data.read(Path(name))
            )
        except ImportRefused as error:
            QMessageBox.warning(self._window, "Nothing was imported", str(error))
            return
        if tables is None:
            return
        answer = QMessageBox.question(
            self._window,
            "Import this file?",
            f"{Path(name).name} holds {self._data.describe(tables)}.\n\nIt is added to what you"
            " have here. Nothing here is changed or removed, and anything already here is not"
            " added twice.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        checked = tables
        report = in_background(
            self._window,
            f"Adding what {Path(name).name} holds…",
            lambda progress: self._data.merge(checked, progress),
            here=self._data.in_memory,
        )
        if report is None:
            QMessageBox.information(
                self._window, "Nothing was imported", "Stopped: nothing from the file was added."
            )
            return
        self._imported()
        QMessageBox.information(self._window, "Imported", report.sentence())

    def _on_backups_triggered(self) -> None:
        private_folder(self._data.backups)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data.backups)))
