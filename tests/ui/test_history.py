"""The history screen and the Data menu, in the real window."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coach.core.checkins import CheckinKind
from coach.core.outcome import Outcome
from coach.core.phases import Side
from coach.core.progression import Feeling
from coach.core.safety import HaltKind, ScreenKind
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.checkins import CheckinLog
from coach.store.database import open_database
from coach.store.history import History
from coach.store.workouts import WorkoutLog
from coach.ui.data.menu import CSV_FILTER, JSON_FILTER
from coach.ui.history.view import EMPTY, PAGE, HistoryView
from tests.driver import Person
from tests.helpers import sqlite
from tests.ui.conftest import MakePerson

MONDAY = datetime(2026, 3, 2, 8, tzinfo=UTC)


def three_workouts(data_dir: Path) -> list[int]:
    """Monday finished (with pain and sets), Wednesday halted, Friday never finished."""
    database = open_database(data_dir / "coach.db")
    now = [MONDAY]
    log, checkins = WorkoutLog(database, lambda: now[0]), CheckinLog(database, lambda: now[0])
    block = checkins.start_block("morning-bridge-core")
    ids = []
    for day, outcome in ((0, Outcome.FINISHED), (2, Outcome.HALTED_RADIATING), (4, None)):
        now[0] = MONDAY + timedelta(days=day)
        workout = log.begin("morning-bridge-core", "Morning bridge & core")
        ids.append(workout)
        checkins.record(block, CheckinKind.BEFORE_WORKOUT, 5, workout_id=workout)
        now[0] += timedelta(minutes=3)
        log.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
        now[0] += timedelta(minutes=3)
        log.record_set(workout, SetCompleted("bird-dog", Side.LEFT, 1, 6, None))
        if outcome is Outcome.FINISHED:
            log.record_unanswered(workout, "bird-dog")  # the last check, left unanswered
        if outcome is not None:
            now[0] += timedelta(minutes=6)
        if outcome is Outcome.HALTED_RADIATING:
            log.halt(workout, HaltKind.RADIATING, ScreenKind.STOP_KEY, ("leg-pain",))
        elif outcome is not None:
            log.finish(workout, outcome)
        if outcome is Outcome.FINISHED:
            checkins.record(block, CheckinKind.AFTER_WORKOUT, 3, workout_id=workout)
    return ids


def open_history(person: Person) -> HistoryView:
    person.key(Qt.Key.Key_H)
    view = person.showing()
    assert isinstance(view, HistoryView)
    return view


def listed(view: HistoryView) -> list[str]:
    """The list's lines, as drawn (before any is cut to the list's width)."""
    model = view.list.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def rows(person: Person, sql: str) -> list[tuple[object, ...]]:
    with sqlite(person.services.data.path) as db:
        return db.execute(sql).fetchall()


def test_history_lists_each_workout_and_shows_its_sets_and_check_ins(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    three_workouts(tmp_path / "data")
    person = make_person()
    view = open_history(person)
    texts = listed(view)
    local = (MONDAY + timedelta(days=4)).astimezone()
    assert texts[0] == (
        f"{local:%a %-d %b %Y, %H:%M}\nMorning bridge & core\n"
        "6 min  ·  2 sets  ·  Not finished (the program was closed)"
    )
    assert texts[1].endswith("12 min  ·  2 sets  ·  Stopped with the stop key: pain spreading")
    assert texts[2].endswith("12 min  ·  2 sets  ·  Finished")
    person.key(Qt.Key.Key_Down)
    person.key(Qt.Key.Key_Down)
    shown = view.detail.toPlainText()
    assert "Back pain: 5 before, 3 after (2 points lower)." in shown
    # The table's cells, one a line: the exercise, its sets, each set, how it felt.
    assert "Exercise\nSets\nEach set\nHow it felt\n" in shown
    assert "Glute bridge\n1\n10 reps\n\n" in shown
    assert "Bird dog\nleft 1\n6 reps\n\n" in shown
    assert "the check after the bird dog was not answered" in shown
    assert "stopped" not in shown  # a check left unanswered is no halt
    person.key(Qt.Key.Key_Up)
    assert "Safety check (stop key) at " in view.detail.toPlainText()
    assert "stopped: pain spreading down the leg" in view.detail.toPlainText()


def test_history_says_how_each_workout_ended_and_whether_it_counts_as_done(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    database = open_database(tmp_path / "data" / "coach.db")
    now = [MONDAY]
    log = WorkoutLog(database, lambda: now[0])
    for sets, outcome in ((2, Outcome.ENDED_EARLY), (1, Outcome.ENDED_EARLY),
                          (2, Outcome.PAIN_ROSE), (1, None)):  # fmt: skip
        now[0] += timedelta(days=1)
        workout = log.begin("morning-bridge-core", "Morning bridge & core", 4)
        for number in range(sets):
            log.record_set(workout, SetCompleted("glute-bridge", None, number + 1, 10, None))
        if outcome is not None:
            log.finish(workout, outcome)
        else:
            log.halt(workout, HaltKind.EMERGENCY, ScreenKind.AFTER_EXERCISE,
                     ("check-numbness-serious",))  # fmt: skip
    person = make_person()
    view = open_history(person)
    said = [text.split("  ·  ")[2] for text in listed(view)]
    assert said == [
        "Halted by the check after an exercise: signs that need help at once",
        "Ended for today: back pain rose (counts as done)",
        "Ended early (short: under half its sets)",
        "Ended early (counts as done)",
    ]


def test_delete_asks_first_can_be_undone_and_is_done_on_leaving(
    qtbot: QtBot,
    make_person: MakePerson,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monday, wednesday, friday = three_workouts(tmp_path / "data")
    person = make_person()
    view = open_history(person)
    answers = [QMessageBox.StandardButton.No]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    person.key(Qt.Key.Key_Delete)  # answered No: nothing happens
    assert view.list.model().rowCount() == 3 and view.pending == []
    assert "Its sets and its pain before and after go with it." in asked[0]

    answers.append(QMessageBox.StandardButton.Yes)
    person.key(Qt.Key.Key_Delete)  # Friday
    assert view.list.model().rowCount() == 2 and view.pending == [friday]
    assert view.status.text().endswith("Press U to undo.")
    person.key(Qt.Key.Key_U)
    assert view.list.model().rowCount() == 3 and view.chosen() == friday
    assert view.status.text() == "The workout is back."

    person.key(Qt.Key.Key_Down)
    answers.append(QMessageBox.StandardButton.Yes)
    person.key(Qt.Key.Key_Delete)  # Wednesday, the halted one
    assert rows(person, "SELECT id FROM workout ORDER BY id") == [
        (monday,),
        (wednesday,),
        (friday,),
    ]
    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)
    assert rows(person, "SELECT id FROM workout ORDER BY id") == [(monday,), (friday,)]
    assert rows(person, f"SELECT COUNT(*) FROM workout_set WHERE workout_id = {wednesday}") == [
        (0,)
    ]
    assert rows(person, f"SELECT COUNT(*) FROM checkin WHERE workout_id = {wednesday}") == [(0,)]
    # The safety answer stays in the safety history, no longer tied to a workout.
    assert rows(
        person, "SELECT verdict, workout_id FROM safety_event WHERE screen = 'stop key'"
    ) == [("halt", None)]

    view = open_history(person)
    answers.append(QMessageBox.StandardButton.Yes)
    person.key(Qt.Key.Key_Delete)
    person.window.close()  # a delete still on screen when the window closes is meant
    assert rows(person, "SELECT id FROM workout") == [(monday,)]


def many_workouts(data_dir: Path, count: int) -> list[int]:
    """`count` workouts a day apart, two of them begun at the same moment; ids oldest first."""
    log = WorkoutLog(open_database(data_dir / "coach.db"), lambda: now)
    ids = []
    for n in range(count):
        now = MONDAY + timedelta(days=min(n, count - 2))  # the last two: the same moment
        ids.append(log.begin("morning-bridge-core", f"Routine {n}", 2))
        log.record_set(ids[-1], SetCompleted("glute-bridge", None, 1, 10, None))
    return ids


def test_history_reads_its_workouts_a_page_at_a_time_as_the_list_scrolls(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = many_workouts(tmp_path / "data", PAGE * 2 + 30)
    newest_first = ids[::-1]
    history = History(open_database(tmp_path / "data" / "coach.db"))
    pages = history.page(None, PAGE)
    while len(pages) < len(ids):
        pages += history.page(pages[-1], PAGE)
    assert [line.id for line in pages] == newest_first == [line.id for line in history.lines()]

    person = make_person()
    view = open_history(person)
    model = view.list.model()
    assert model.rowCount() == PAGE  # only the first page, however long the history
    assert listed(view)[0].split("\n")[1] == f"Routine {len(ids) - 1}"
    for _ in range(3):
        person.key(Qt.Key.Key_End)  # to the end of what is read: the next page comes
    assert model.rowCount() == len(ids)
    assert view.chosen() == newest_first[-1]
    assert "Routine 0" in view.detail.toPlainText()

    # Deleting far down the list and undoing it puts the workout back in its place.
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    person.key(Qt.Key.Key_Up)
    person.key(Qt.Key.Key_Delete)
    assert view.pending == [newest_first[-2]] and model.rowCount() == len(ids) - 1
    assert view.chosen() == newest_first[-1]
    person.key(Qt.Key.Key_U)
    assert [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(len(ids))] == (
        newest_first
    )
    assert view.chosen() == newest_first[-2] and view.pending == []


def test_each_workout_is_three_lines_and_a_long_one_is_cut_not_wrapped(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    three_workouts(tmp_path / "data")
    person = make_person()
    person.window.resize(1024, 640)
    view = open_history(person)
    model = view.list.model()
    heights = {view.list.visualRect(model.index(row, 0)).height() for row in range(3)}
    line = view.list.fontMetrics().lineSpacing()
    assert len(heights) == 1 and 3 * line <= heights.pop() < 4 * line
    halted = model.index(1, 0)
    words = halted.data().split("\n")[2]
    assert view.list.fontMetrics().horizontalAdvance(words) > view.list.viewport().width() / 2
    assert halted.data(Qt.ItemDataRole.ToolTipRole).endswith(words)  # the whole of it


def test_the_detail_sets_out_each_exercise_its_sides_holds_skips_and_how_it_felt(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    database = open_database(tmp_path / "data" / "coach.db")
    log = WorkoutLog(database, lambda: MONDAY)
    workout = log.begin("morning-bridge-core", "Morning bridge & core", 8)
    for number, reps in ((1, 12), (2, 10)):
        log.record_set(workout, SetCompleted("glute-bridge", None, number, reps, None))
    for side in (Side.LEFT, Side.RIGHT):
        log.record_set(workout, SetCompleted("bird-dog", side, 1, 6, 5.0))
    log.record_set(workout, SetCompleted("dead-bug", None, 1, 8, None))
    log.record_skip(workout, ExerciseSkipped("dead-bug", 1))
    log.record_feeling(workout, "glute-bridge", Feeling.TOO_EASY)
    log.finish(workout, Outcome.ENDED_EARLY)
    person = make_person()
    view = open_history(person)
    shown = view.detail.toPlainText()
    assert "5 of 8 sets · Ended early (counts as done)" in shown
    assert "Glute bridge\n2\n12, 10 reps\ntoo easy\n" in shown
    assert "Bird dog\n1 each side\n6 reps, held 5 s\n\n" in shown
    assert "Dead bug\n1 (skipped after 1 set)\n8 reps\n\n" in shown


def test_history_with_no_workouts_says_what_to_do(qtbot: QtBot, make_person: MakePerson) -> None:
    person = make_person()
    view = open_history(person)
    assert view.empty.isVisible() and view.empty.text() == EMPTY
    assert not view.panes.isVisible() and not view.delete_button.isEnabled()


def test_the_data_menu_exports_and_imports_into_another_folder(
    qtbot: QtBot,
    make_person: MakePerson,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    three_workouts(tmp_path / "data")
    person = make_person()
    menu = person.window.data_menu
    assert menu is not None
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), JSON_FILTER))
    menu.export_action.trigger()
    exported = said.pop()
    assert exported.startswith("Saved 1 three-week block, ") and exported.endswith(f"to {target}.")
    assert "3 workouts" in exported and "6 sets" in exported
    assert json.loads(target.read_text())["format"] == "hip-core-coach export"
    zipped = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(zipped), CSV_FILTER))
    menu.export_action.trigger()
    assert said.pop().endswith(f"to {zipped}.zip.")  # the suffix is added

    other = make_person(tmp_path / "other")
    assert other.window.data_menu is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(target), ""))

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    other.window.data_menu.import_action.trigger()
    assert said[0].startswith("mine.json holds 1 three-week block, ")
    assert "3 workouts" in said[0]
    assert said[1].startswith("Added ") and "3 workouts" in said[1]
    labels = other.home_texts()
    assert "Last done 2 March 2026" in labels  # read again: Monday, the one finished
    assert History(open_database(tmp_path / "other" / "coach.db")).lines()[0].sets == 2

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "hip-core-coach export", "version": 1, "tables": {"workout": 5}}')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    other.window.data_menu.import_action.trigger()
    assert said[-1] == "bad.json: workout should be a list of rows."

    open_history(other)
    assert not other.window.data_menu.import_action.isEnabled()  # only from the home screen


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise, no grab
def test_after_esc_closes_the_data_menu_the_screens_keys_work_again(
    qtbot: QtBot, person: Person
) -> None:
    window = person.window
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the Data menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    popup = QApplication.activePopupWidget()
    assert popup is not None
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=2000)
    qtbot.waitUntil(lambda: window.focusWidget() is not window.menuBar(), timeout=2000)
    window.activateWindow()  # as a desktop gives the window back after a popup
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    person.key(Qt.Key.Key_G)  # one key, as before the menu was opened
    assert person.showing() is window.show_progress()


def test_the_chosen_workouts_detail_is_read_once_and_follows_a_delete(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening reads the newest workout's detail once (it was read twice); after a
    delete the same row holds the next workout, and its detail is shown."""
    _monday, wednesday, friday = three_workouts(tmp_path / "data")
    person = make_person()
    read: list[int] = []
    history = person.services.history
    detail = history.detail

    def reading(workout: int) -> object:
        read.append(workout)
        return detail(workout)

    monkeypatch.setattr(history, "detail", reading)
    view = open_history(person)
    assert read == [friday]
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    person.key(Qt.Key.Key_Delete)
    assert view.chosen() == wednesday and read == [friday, wednesday]
    assert "Wednesday" in view.detail.toPlainText()
