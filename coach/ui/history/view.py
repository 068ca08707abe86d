"""Every workout, newest first, with the chosen one's sets and check-ins beside it.

Keys: arrows choose, Delete deletes (after a confirmation), U or Ctrl+Z undoes a
delete, Esc goes back. A deleted workout is only hidden until the screen is left;
then it is deleted for good, so undo is always possible while it is on screen.

Signals:
    done(): back to the routines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListView,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
from coach.core.safety import HaltKind, ScreenKind
from coach.services import History, SetLine, WorkoutDetail, WorkoutLine
from coach.ui import theme
from coach.ui.widgets import Key, bind, key_button, make_label, make_row
from coach.ui.workout.summary import pain_text


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


def length(line: WorkoutLine) -> str:
    minutes = line.minutes()
    return f"{minutes} min" if minutes is not None else "no sets done"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def facts(line: WorkoutLine) -> str:
    """The list's third line: length, sets, then how it ended (cut first if too long)."""
    return f"{length(line)}  ·  {plural(line.sets, 'set')}  ·  {how_it_ended(line)}"


def detail_facts(line: WorkoutLine) -> str:
    """Length, sets against the plan, and how it ended."""
    sets = plural(line.sets, "set")
    if line.planned_sets:
        sets = f"{line.sets} of {line.planned_sets} sets"
    return f"{length(line)}  ·  {sets}  ·  {how_it_ended(line)}"


ROW_HEADS = ("Exercise", "Sets", "Each set", "How it felt")


def amounts(sets: list[SetLine]) -> str:
    """What each set was: "10 reps" if all alike, else "10, 10, 8 reps"."""
    reps = [s.reps for s in sets if s.reps is not None]
    holds = [s.hold_seconds for s in sets if s.hold_seconds is not None]
    said = []
    if reps:
        said.append(f"{', '.join(dict.fromkeys(str(r) for r in reps))} reps")
    if holds:
        said.append(f"held {', '.join(dict.fromkeys(f'{h:g}' for h in holds))} s")
    return ", ".join(said)


def exercise_rows(
    detail: WorkoutDetail, name: Callable[[str], str]
) -> list[tuple[str, str, str, str]]:
    """A row per exercise, in the order done: its name, its sets (each side's if it has
    sides), each set's reps or hold, and how it felt; a skipped exercise says so."""
    done: dict[str, list[SetLine]] = {}
    for one in detail.sets:
        done.setdefault(one.exercise_id, []).append(one)
    skipped = dict(detail.skipped)
    for exercise in skipped:
        done.setdefault(exercise, [])
    felt = dict(detail.feelings)
    rows = []
    for exercise, sets in done.items():
        sides = Counter(one.side for one in sets if one.side)
        if sides and len(set(sides.values())) == 1 and len(sides) == 2:
            count = f"{next(iter(sides.values()))} each side"
        elif sides:
            count = ", ".join(f"{side} {n}" for side, n in sorted(sides.items()))
        else:
            count = str(len(sets))
        if exercise in skipped:
            count += f" (skipped after {plural(skipped[exercise], 'set')})"
        rows.append((name(exercise), count, amounts(sets), felt.get(exercise, "")))
    return rows


PAGE = 40  # workouts read at a time, as the list scrolls: more than a tall screen shows
_ROOT = QModelIndex()


class Workouts(QAbstractListModel):
    """The workouts, newest first, read a page at a time as the list reaches the end.

    A workout deleted on screen leaves the list and comes back on undo; the database
    is only changed when the screen is left (HistoryView.commit)."""

    def __init__(self, history: History) -> None:
        super().__init__()
        self._history = history
        self._shown: list[WorkoutLine] = []
        self._last: WorkoutLine | None = None  # the oldest read so far
        self._more = False
        self._hidden: list[tuple[int, WorkoutLine]] = []  # deleted on screen, and where

    def reset(self) -> None:
        self.beginResetModel()
        self._shown, self._last, self._hidden, self._more = [], None, [], True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or not self._more:
            return
        page = self._history.page(self._last, PAGE)
        self._more = len(page) == PAGE
        if not page:
            return
        self._last = page[-1]
        first = len(self._shown)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._shown.extend(page)
        self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        line = self._shown[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return "\n".join(list_lines(line))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{when(line)}\n{line.routine_title}\n{facts(line)}"
        if role == Qt.ItemDataRole.UserRole:
            return line.id
        return None

    def line(self, row: int) -> WorkoutLine | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def hidden(self) -> list[int]:
        return [line.id for _row, line in self._hidden]

    def any_left(self) -> bool:
        return bool(self._shown)

    def hide(self, row: int) -> WorkoutLine:
        self.beginRemoveRows(QModelIndex(), row, row)
        line = self._shown.pop(row)
        self.endRemoveRows()
        self._hidden.append((row, line))
        return line

    def unhide(self) -> int | None:
        """The last workout deleted on screen back in its place; its row."""
        if not self._hidden:
            return None
        row, line = self._hidden.pop()
        self.beginInsertRows(QModelIndex(), row, row)
        self._shown.insert(row, line)
        self.endInsertRows()
        return row

    def forget_hidden(self) -> None:
        self._hidden = []


def list_lines(line: WorkoutLine) -> tuple[str, str, str]:
    started = line.started_at.astimezone()
    return f"{started:%a %-d %b %Y, %H:%M}", line.routine_title, facts(line)


class WorkoutDelegate(QStyledItemDelegate):
    """Each workout as three lines, the date in bold; a line too long for the list is
    cut with an ellipsis (the whole of it is in the tooltip and the detail)."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        bold, plain = self._fonts(option)
        high = QFontMetrics(bold).lineSpacing() + 2 * QFontMetrics(plain).lineSpacing()
        return QSize(200, high + 2 * self.PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        text = str(index.data())  # its lines (the option has them joined for one label)
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)
        colours = theme.current
        inks = (colours.on_accent,) * 3 if chosen else (colours.ink, colours.ink, colours.muted)
        rect = option.rect
        box = rect.adjusted(self.PAD + 4, self.PAD, -self.PAD, -self.PAD)
        y = box.top()
        painter.save()
        bold, plain = self._fonts(option)
        for words, font, ink in zip(text.split("\n"), (bold, plain, plain), inks, strict=False):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(QColor(ink))
            shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, box.width())
            painter.drawText(box.left(), y + metrics.ascent(), shown)
            y += metrics.lineSpacing()
        painter.restore()


class HistoryView(QWidget):
    done = Signal()

    def __init__(
        self, history: History, exercise_name: Callable[[str], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._name = exercise_name
        self.workouts = Workouts(history)
        self._detail_of: int | None = None  # the workout whose detail is shown
        title = make_label("Your workouts", 26, bold=True)
        self.intro = make_label(
            "Newest first. Choose one to see its sets and check-ins. Delete removes it; you can"
            " undo until you leave this screen.",
            14,
        )
        self.list = QListView()
        self.list.setObjectName("workouts")
        self.list.setAccessibleName("Workouts, newest first")
        self.list.setModel(self.workouts)
        self.list.setItemDelegate(WorkoutDelegate(self.list))
        self.list.setSpacing(2)
        self.list.setUniformItemSizes(True)  # every workout is three lines
        theme.set_font(self.list, 14)
        self.list.selectionModel().currentRowChanged.connect(self._on_list_row_changed)
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

    @property
    def pending(self) -> list[int]:
        """Workouts deleted on screen, to be deleted for good on leaving."""
        return self.workouts.hidden()

    def open(self) -> None:
        self._detail_of = None  # read afresh: the workout may have changed since
        self.workouts.reset()
        self.status.setText("")
        self._show(0)

    def _show(self, row: int) -> None:
        has_any = self.workouts.any_left()
        for widget in (self.panes, self.intro):
            widget.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.empty.setText("Every workout here is deleted." if self.pending else EMPTY)
        self.delete_button.setEnabled(has_any)
        self.undo_button.setEnabled(bool(self.pending))
        if has_any:
            row = min(row, self.workouts.rowCount() - 1)
            self.list.setCurrentIndex(self.workouts.index(row))
            self._on_list_row_changed()  # the same row may hold another workout now
            self.list.setFocus()

    def chosen(self) -> int | None:
        line = self.workouts.line(self.list.currentIndex().row())
        return None if line is None else line.id

    def _on_list_row_changed(self, *_rows: object) -> None:
        workout_id = self.chosen()
        if workout_id == self._detail_of and workout_id is not None:
            return  # read once, however many ways the row was chosen
        self._detail_of = workout_id
        detail = self._history.detail(workout_id) if workout_id is not None else None
        self.detail.setHtml(self.detail_html(detail) if detail else "")

    def detail_html(self, detail: WorkoutDetail) -> str:
        line = detail.line
        parts = [
            f"<h2>{escape(when(line))}</h2>",
            f"<p><b>{escape(line.routine_title)}</b><br>{escape(detail_facts(line))}</p>",
        ]
        pain = pain_text(
            detail.pain.get(CheckinKind.BEFORE_WORKOUT), detail.pain.get(CheckinKind.AFTER_WORKOUT)
        )
        if pain:
            parts.append(f"<p>{pain}</p>")
        rows = exercise_rows(detail, self._name)
        if rows:
            cells = "".join(
                f"<tr><td><b>{escape(name)}</b></td><td>{escape(sets)}</td>"
                f"<td>{escape(each)}</td><td>{escape(felt)}</td></tr>"
                for name, sets, each, felt in rows
            )
            heads = "".join(f"<th align=left>{h}</th>" for h in ROW_HEADS)
            parts.append(
                f"<table cellspacing=0 cellpadding=6 width='100%'><tr>{heads}</tr>{cells}</table>"
            )
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
        row = self.list.currentIndex().row()
        line = self.workouts.line(row)
        if line is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete this workout?",
            f"Delete the workout of {line.started_at.astimezone():%A %-d %B %Y at %H:%M}"
            f" ({line.routine_title})? Its sets and its pain before and after go with it."
            " You can undo this until you leave this screen.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.workouts.hide(row)
        self.status.setText(
            f"Deleted the workout of {line.started_at.astimezone():%-d %B}. Press U to undo."
        )
        self._show(row)

    def undo(self) -> None:
        row = self.workouts.unhide()
        if row is None:
            return
        self.status.setText("The workout is back.")
        self._show(row)

    def leave(self) -> None:
        """Delete for good what was deleted on screen, then go back."""
        self.commit()
        self.done.emit()

    def commit(self) -> None:
        if self.pending:
            self._history.delete(self.pending)
            self.workouts.forget_hidden()
