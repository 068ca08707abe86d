"""Every workout, newest first, with the chosen one's sets and check-ins beside it.

Keys: arrows choose, Delete deletes (after a confirmation), U or Ctrl+Z undoes a
delete, Esc goes back. A deleted workout is only hidden until the screen is left;
then it is deleted for good, so undo is always possible while it is on screen.

Signals:
    done(): back to the routines.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
from coach.core.safety import HaltKind, ScreenKind
from coach.services import History, WorkoutDetail, WorkoutLine
from coach.ui import theme
from coach.ui.widgets import Key, bind, key_button, make_label, make_row


class HistoryKeys:
    DELETE = Key("Delete", ("Del",))
    UNDO = Key("Undo delete", ("U", "Ctrl+Z"))
    BACK = Key("Back to routines", ("Esc",))


HALTS = {
    HaltKind.EMERGENCY: "signs that need help at once",
    HaltKind.URGENT: "signs that need a doctor today",
    HaltKind.RADIATING: "pain spreading down the leg",
}
EMPTY = (
    "No workouts yet. Each workout you start is listed here with its date, length and"
    " sets; choose a routine on the home screen to begin."
)


def how_it_ended(line: WorkoutLine) -> str:
    """How a workout ended, and whether it counts as done."""
    if line.halt is not None and line.halt_screen is ScreenKind.STOP_KEY:
        return "Stopped with the stop key: pain spreading"
    if line.halt is not None and line.halt_screen is ScreenKind.AFTER_EXERCISE:
        return f"Halted by the check after an exercise: {HALTS[line.halt]}"
    if line.halt is not None:
        return f"Halted by the safety check: {HALTS[line.halt]}"
    if line.outcome is Outcome.FINISHED:
        return "Finished" if line.done else "Finished with no sets done"
    if line.outcome in (Outcome.ENDED_EARLY, Outcome.PAIN_ROSE):
        why = "Ended for today: back pain rose" if line.outcome is Outcome.PAIN_ROSE else (
            "Ended early")  # fmt: skip
        counted = "counts as done" if line.done else "short: under half its sets"
        return f"{why} ({counted})"
    return "Not finished (the program was closed)"


def when(line: WorkoutLine) -> str:
    return f"{line.started_at.astimezone():%A %-d %B %Y, %H:%M}"


def facts(line: WorkoutLine) -> str:
    minutes = line.minutes()
    length = f"{minutes} min" if minutes is not None else "no sets done"
    sets = f"{line.sets} set{'s' if line.sets != 1 else ''}"
    return f"{length}  ·  {how_it_ended(line)}  ·  {sets}"


class HistoryView(QWidget):
    done = Signal()

    def __init__(
        self, history: History, exercise_name: Callable[[str], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._name = exercise_name
        self.pending: list[int] = []  # deleted on screen, deleted for good on leaving
        self._lines: list[WorkoutLine] = []
        title = make_label("Your workouts", 26, bold=True)
        self.intro = make_label(
            "Newest first. Choose one to see its sets and check-ins. Delete removes it; you can"
            " undo until you leave this screen.",
            14,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Workouts, newest first")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setUniformItemSizes(True)  # every line is three rows: years of them lay out fast
        theme.set_font(self.list, 14)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The chosen workout")
        self.detail.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.detail.setObjectName("detail")  # a card, in the theme's colours
        theme.set_font(self.detail, 14)
        self.empty = make_label(EMPTY, 17)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keys = HistoryKeys
        self.delete_button = key_button(keys.DELETE, self._on_delete_clicked)
        self.delete_button.setObjectName("danger")
        self.undo_button = key_button(keys.UNDO, self.undo)
        self.back_button = key_button(keys.BACK, self.leave, primary=True)
        self.status = make_label("", 14, name="muted")
        self.panes = QWidget()
        panes = QHBoxLayout(self.panes)
        panes.setContentsMargins(0, 0, 0, 0)
        panes.addWidget(self.list, 2)
        panes.addWidget(self.detail, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)
        buttons = make_row(self.delete_button, self.undo_button, self.back_button)
        layout.addWidget(buttons)
        bind(self, keys.DELETE, self._on_delete_clicked)
        bind(self, keys.UNDO, self.undo)
        bind(self, keys.BACK, self.leave)

    def open(self) -> None:
        self.pending = []
        self._lines = self._history.lines()
        self.status.setText("")
        self._fill()

    def _fill(self, row: int = 0) -> None:
        shown = [line for line in self._lines if line.id not in self.pending]
        self.list.blockSignals(True)
        self.list.clear()
        for line in shown:
            started = line.started_at.astimezone()
            item = QListWidgetItem(
                f"{started:%a %-d %b %Y, %H:%M}\n{line.routine_title}\n{facts(line)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        has_any = bool(shown)
        for widget in (self.panes, self.intro):
            widget.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.empty.setText(EMPTY if not self._lines else "Every workout here is deleted.")
        self.delete_button.setEnabled(has_any)
        self.undo_button.setEnabled(bool(self.pending))
        if has_any:
            self.list.setCurrentRow(min(row, len(shown) - 1))
            self._on_list_row_changed(self.list.currentRow())
            self.list.setFocus()

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _on_list_row_changed(self, _row: int) -> None:
        workout_id = self.chosen()
        detail = self._history.detail(workout_id) if workout_id is not None else None
        self.detail.setHtml(self.detail_html(detail) if detail else "")

    def detail_html(self, detail: WorkoutDetail) -> str:
        line = detail.line
        parts = [
            f"<h2>{escape(when(line))}</h2>",
            f"<p><b>{escape(line.routine_title)}</b><br>{escape(facts(line))}</p>",
        ]
        before = detail.pain.get(CheckinKind.BEFORE_WORKOUT)
        after = detail.pain.get(CheckinKind.AFTER_WORKOUT)
        if before is not None or after is not None:
            said = [f"before: {before}"] if before is not None else []
            said += [f"after: {after}"] if after is not None else []
            parts.append(f"<p><b>Pain</b> (0 to 10) {', '.join(said)}</p>")
        by_exercise: dict[str, list[str]] = {}
        for done in detail.sets:
            side = f" {done.side}" if done.side else ""
            amount = f"{done.reps} reps" if done.reps is not None else ""
            if done.hold_seconds is not None:
                held = f"held {done.hold_seconds:g} s"
                amount = f"{amount}, {held}" if amount else held
            text = f"set {done.set_number}{side}: {amount}" if amount else f"set {done.set_number}"
            by_exercise.setdefault(done.exercise_id, []).append(text)
        if by_exercise:
            items = "".join(
                f"<li><b>{escape(self._name(e))}</b>: {escape('; '.join(sets))}</li>"
                for e, sets in by_exercise.items()
            )
            parts.append(f"<p><b>Sets done</b></p><ul>{items}</ul>")
        for exercise, sets_done in detail.skipped:
            parts.append(
                f"<p>Skipped <b>{escape(self._name(exercise))}</b> after {sets_done} set"
                f"{'s' if sets_done != 1 else ''}.</p>"
            )
        if detail.feelings:
            felt = "; ".join(f"{self._name(e)}: {f}" for e, f in detail.feelings)
            parts.append(f"<p><b>How it felt</b>: {escape(felt)}</p>")
        for event in detail.safety:
            if event.exercise is not None:
                name = self._name(event.exercise).lower()
                what = (
                    f"the check after the {name} was not answered"
                    if event.verdict == "unanswered"
                    else f"back pain rose 2 or more points after the {name}"
                )
            else:
                what = {"clear": "all clear", "warn": "go gently"}.get(event.verdict, "stopped")
            if event.halt:
                what += f": {HALTS[event.halt]}"
            parts.append(
                f"<p>Safety check ({escape(event.screen)}) at {event.at.astimezone():%H:%M}:"
                f" {escape(what)}</p>"
            )
        return "".join(parts)

    # Deleting, with undo while the screen is open.

    def _on_delete_clicked(self) -> None:
        workout_id = self.chosen()
        if workout_id is None:
            return
        line = next(line for line in self._lines if line.id == workout_id)
        answer = QMessageBox.question(
            self,
            "Delete this workout?",
            f"Delete the workout of {line.started_at.astimezone():%A %-d %B %Y at %H:%M}"
            f" ({line.routine_title})? Its sets and its pain before and after go with it."
            " You can undo this until you leave this screen.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.list.currentRow()
        self.pending.append(workout_id)
        self.status.setText(
            f"Deleted the workout of {line.started_at.astimezone():%-d %B}. Press U to undo."
        )
        self._fill(row)

    def undo(self) -> None:
        if not self.pending:
            return
        workout_id = self.pending.pop()
        self.status.setText("The workout is back.")
        shown = [line.id for line in self._lines if line.id not in self.pending]
        self._fill(shown.index(workout_id))

    def leave(self) -> None:
        """Delete for good what was deleted on screen, then go back."""
        self.commit()
        self.done.emit()

    def commit(self) -> None:
        if self.pending:
            self._history.delete(self.pending)
            self.pending = []
