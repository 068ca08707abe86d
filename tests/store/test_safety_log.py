"""What the safety screen records, and reading it back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.safety import HaltKind, PastHalt, Profile, ScreenKind, Verdict
from coach.store.database import open_database
from coach.store.safety import SafetyLog
from coach.store.settings import OPT_INS, PROFILE, Settings
from tests.helpers import sqlite

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def make_log(tmp_path: Path, start: datetime) -> tuple[SafetyLog, list[datetime]]:
    clock = [start]
    return SafetyLog(open_database(tmp_path / "coach.db"), now=lambda: clock[0]), clock


def test_before_anything_is_recorded_everything_reads_empty(tmp_path: Path) -> None:
    log, _ = make_log(tmp_path, datetime(2026, 3, 1, tzinfo=UTC))
    assert log.halts() == [] and log.clearances() == [] and log.events() == []
    assert log.last_full_screen() is None


def test_screens_halts_and_clearances_are_recorded_with_time_and_answers(tmp_path: Path) -> None:
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    log, clock = make_log(tmp_path, start)
    log.record(ScreenKind.FULL, Verdict(), {"bowel": False})
    clock[0] += timedelta(days=1)
    leg = Verdict(halt=HaltKind.RADIATING, causes=("leg-pain",))
    log.record(ScreenKind.SHORT, leg, {"leg-pain": True})
    clock[0] += timedelta(days=2)
    [first] = log.halts()
    log.clear([first.id])
    clock[0] += timedelta(hours=1)
    log.record(ScreenKind.STOP_KEY, leg)

    last = log.last_full()
    assert log.last_full_screen() == start
    assert last is not None and last.at == start and not last.halted
    assert last.answers == {"bowel": False}
    assert log.halts() == [
        PastHalt(2, start + timedelta(days=1), HaltKind.RADIATING, ("leg-pain",),
                 start + timedelta(days=3)),
        PastHalt(3, start + timedelta(days=3, hours=1), HaltKind.RADIATING, ("leg-pain",)),
    ]  # fmt: skip
    assert log.clearances() == [start + timedelta(days=3)]
    assert [(screen, verdict) for _, screen, verdict, _ in log.events()] == [
        (ScreenKind.FULL, "clear"),
        (ScreenKind.SHORT, "halt"),
        (ScreenKind.STOP_KEY, "halt"),
    ]
    with sqlite(tmp_path / "coach.db") as connection:
        answers = connection.execute("SELECT answers FROM safety_event ORDER BY id").fetchall()
    assert json.loads(answers[1][0]) == {"leg-pain": True}


def test_one_all_clear_answers_several_halts_together(tmp_path: Path) -> None:
    log, clock = make_log(tmp_path, NOW)
    for cause in ("night-pain", "night-pain", "unwell"):
        log.record(ScreenKind.FULL, Verdict(halt=HaltKind.URGENT, causes=(cause,)))
        clock[0] += timedelta(days=1)
    last = log.last_full()
    assert last is not None and last.halted
    log.clear([1, 2])
    cleared = [h.cleared_at for h in log.halts()]
    assert cleared == [clock[0], clock[0], None]
    assert log.clearances() == [clock[0]]


def test_a_halts_causes_damaged_by_hand_read_as_none(tmp_path: Path) -> None:
    log, _ = make_log(tmp_path, NOW)
    log.record(ScreenKind.FULL, Verdict(halt=HaltKind.URGENT, causes=("unwell",)))
    with sqlite(tmp_path / "coach.db") as connection:
        connection.execute("UPDATE safety_event SET cause = '{broken'")
    [halt] = log.halts()
    assert halt.causes == () and halt.kind is HaltKind.URGENT  # still holds


def test_profile_and_opt_ins_are_kept_and_replaced(tmp_path: Path) -> None:
    settings = Settings(open_database(tmp_path / "coach.db"), now=lambda: NOW)
    assert settings.read(PROFILE) == Profile() and settings.read(OPT_INS) == set()
    settings.write((PROFILE, Profile(facts={"pregnant": True}, agreed={"pregnant": False})))
    settings.write((OPT_INS, frozenset({"camel"})))
    settings.write((OPT_INS, frozenset({"camel", "reclined-hero"})))
    again = Settings(open_database(tmp_path / "coach.db"), now=lambda: NOW)
    assert again.read(PROFILE) == Profile(facts={"pregnant": True}, agreed={"pregnant": False})
    assert again.read(OPT_INS) == {"camel", "reclined-hero"}
