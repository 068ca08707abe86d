"""A person's data from the version before safety version 2 (schema 3), migrated: every
answer kept, a backup first, each old halt holding until its all-clear under the new
rule, the all-clear already given answering the halt it followed, an old "ever had
cancer: yes" become standing history that asks for its one confirmation, and halted or
unfinished workouts no longer counted as done."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.checkins import CheckinKind
from coach.core.safety import CHECK_NUMBNESS_SERIOUS, HISTORY, LEG, HaltKind, ScreenKind
from coach.services import Services
from coach.store.schema import SCHEMA_VERSION
from tests.helpers import sqlite
from tests.services.conftest import Calendar

FIXTURE = Path(__file__).parents[1] / "store" / "fixtures" / "v3-history.db"
KEPT = {  # every answer a person gave, table by table
    "safety_event": "SELECT id, at, screen, verdict, halt, answers, workout_id FROM safety_event",
    "checkin": "SELECT * FROM checkin",
    "activity_rating": "SELECT * FROM activity_rating",
    "workout_set": "SELECT * FROM workout_set",
    "clinician_clearance": "SELECT * FROM clinician_clearance",
}


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite(path) as connection:
        return {table: connection.execute(f"{query} ORDER BY 1").fetchall()
                for table, query in KEPT.items()}  # fmt: skip


@pytest.fixture
def migrated(tmp_path: Path, open_services: Callable[[], Services], calendar: Calendar) -> Services:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / "coach.db")
    calendar.now = datetime(2026, 4, 1, 9, tzinfo=UTC)
    return open_services()  # opening the database migrates it, before anything is read


def test_every_answer_is_kept_and_the_old_file_is_backed_up_first(
    tmp_path: Path, migrated: Services
) -> None:
    path = tmp_path / "data" / "coach.db"
    with sqlite(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert rows(path) == rows(FIXTURE)
    [backup] = (tmp_path / "data").glob(f"coach.db.before-v{SCHEMA_VERSION}-*")
    assert rows(backup) == rows(FIXTURE)


def test_the_home_screen_at_start_up_already_reads_the_old_halts(migrated: Services) -> None:
    """Start-up reads without SQLAlchemy; an old file is migrated before that read."""
    home = migrated.home()
    assert home.lock_reason == "Workouts are stopped. Please get help now."


def test_old_halts_hold_and_the_old_all_clear_answers_the_halt_it_followed(
    migrated: Services,
) -> None:
    halts = {h.id: h for h in migrated.safety.log.halts()}
    assert [(h.kind, h.causes, h.cleared_at is not None) for h in halts.values()] == [
        (HaltKind.URGENT, (HISTORY,), False),  # "ever had cancer: yes" on the full screen
        (HaltKind.RADIATING, (LEG,), True),  # the stop key, cleared two days later
        (HaltKind.EMERGENCY, ("saddle-numbness",), False),  # after that all-clear: holds
        (HaltKind.EMERGENCY, (CHECK_NUMBNESS_SERIOUS,), False),  # the check after an exercise
    ]
    lock = migrated.safety.lock()
    assert lock is not None and lock.halt is HaltKind.EMERGENCY  # weeks later: still held
    assert lock.clinician_can_lift
    # Each waits for its own all-clear; the history's asks about a clinician's check.
    lock = migrated.safety.clear(lock)
    assert lock is not None and lock.causes == ("saddle-numbness",)
    lock = migrated.safety.clear(lock)
    assert lock is not None and lock.causes == (HISTORY,)
    assert migrated.safety.message(lock).confirm == (
        "Has a clinician checked your back pain, knowing your history?"
    )
    assert migrated.safety.clear(lock) is None
    assert migrated.safety.profile().history_checked == migrated.today()


def test_an_old_cancer_yes_becomes_standing_history_asked_for_once(migrated: Services) -> None:
    profile = migrated.safety.profile()
    assert profile.facts["cancer"] is True and not profile.history_asked
    assert migrated.safety.due() is ScreenKind.FULL  # the history is asked on the next screen
    screen = migrated.safety.screen(ScreenKind.FULL)
    assert screen.given["history:cancer"] is True
    # The halt for it is still waiting, so the check is asked on its all-clear, not here.
    assert "history-checked" not in [a.id for a in screen.asks]


def test_halted_and_unfinished_workouts_are_no_longer_done(migrated: Services) -> None:
    lines = {line.id: line for line in migrated.history.lines()}
    assert {i: (str(line.outcome), line.done) for i, line in lines.items()} == {
        1: ("finished", True),
        2: ("ended early", True),  # before planned sets were kept: one set is enough
        3: ("ended early", True),
        4: ("halted: radiating", False),
        5: ("unfinished", False),  # the program was closed
        6: ("halted: emergency", False),
    }
    block = migrated.blocks.current()
    assert block is not None
    workouts = migrated.blocks.workouts(block)
    assert workouts.by_week == (3, 0, 0) and workouts.planned_by_week == (3, 3, 3)
    assert (workouts.halts, workouts.unfinished) == (4, 1)
    comparison = migrated.blocks.comparison(block)
    assert comparison.summary() == (
        "Your average pain went from 6 to 3 (-50%). Many people with back pain describe a"
        " change like that as meaningful. You did 3 of 9 planned workouts."
    )
    records = migrated.checkins.checkins(block.id)
    assert [r.kind for r in records].count(CheckinKind.BEFORE_WORKOUT) == 6
