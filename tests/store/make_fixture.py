"""Write tests/store/fixtures/schema-vN.db for the current schema version N.

Run it once whenever SCHEMA_VERSION goes up, before changing anything else, and commit
the file: the migration test takes every fixture to the newest schema.

    .venv/bin/python tests/store/make_fixture.py
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from coach.core.checkins import CheckinKind
from coach.core.phases import Side
from coach.core.plan import PlanHistory
from coach.core.progress import Adherence
from coach.core.progression import Feeling
from coach.core.safety import LEG, HaltKind, Profile, ScreenKind, Verdict
from coach.core.workout import ExerciseSkipped, SetCompleted
from coach.store.checkins import CheckinLog
from coach.store.database import open_database
from coach.store.safety import SafetyLog
from coach.store.schema import SCHEMA_VERSION
from coach.store.settings import PLAN_DAYS, PROFILE, Settings
from coach.store.workouts import WorkoutLog

START = datetime(2026, 3, 2, 8, tzinfo=UTC)


def make(path: Path) -> None:
    """One of everything, as the program writes it: a workout ended early by a halt, the
    all-clear that answered it, a block with its figures fixed."""
    database = open_database(path)
    now = [START]
    log, checkins = WorkoutLog(database, lambda: now[0]), CheckinLog(database, lambda: now[0])
    safety = SafetyLog(database, lambda: now[0])
    safety.record(ScreenKind.FULL, Verdict(), {"leg-pain": False})
    Settings(database, lambda: now[0]).write(
        (PROFILE, Profile(facts={"long-lasting": True}, birth_year=1970, history_asked=True)),
        (PLAN_DAYS, PlanHistory().changed({0, 2, 4}, START.date())),
    )
    block = checkins.start_block("morning-bridge-core")
    checkins.record(block, CheckinKind.BASELINE, 6, activities={"Putting on socks": 7})
    workout = log.begin("morning-bridge-core", "Morning bridge & core", 8)
    checkins.record(block, CheckinKind.BEFORE_WORKOUT, 5, workout_id=workout)
    now[0] += timedelta(minutes=2)
    log.record_set(workout, SetCompleted("glute-bridge", None, 1, 10, None))
    log.record_set(workout, SetCompleted("lying-hip-opener", Side.LEFT, 1, 6, None))
    log.record_skip(workout, ExerciseSkipped("dead-bug", 0))
    log.record_feeling(workout, "glute-bridge", Feeling.ABOUT_RIGHT)
    now[0] += timedelta(minutes=2)
    log.halt(workout, HaltKind.RADIATING, ScreenKind.STOP_KEY, (LEG,))
    checkins.record(block, CheckinKind.AFTER_WORKOUT, 4, workout_id=workout)
    now[0] += timedelta(days=3)
    safety.clear([halt.id for halt in safety.halts()])
    checkins.fix_figures(block, Adherence((1, 0, 0), (3, 3, 3), halts=1).to_json())
    database.close()  # close the program's connections
    with closing(sqlite3.connect(path)) as connection:  # one file, nothing left in the WAL
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")


if __name__ == "__main__":
    target = Path(__file__).parent / "fixtures" / f"schema-v{SCHEMA_VERSION}.db"
    if target.exists():
        sys.exit(f"{target} exists already; a fixture, once committed, is never rewritten")
    make(target)
    print(f"wrote {target}")
