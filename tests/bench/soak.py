"""The soak run: 1,000 workouts through the real store, on a fake calendar.

    python tests/bench/soak.py [--workouts 1000]

Each workout is what the program writes for a person doing the morning routine at
week 3 (every set and side, one at a time, each committed): the short safety screen,
pain before, the sets, how each exercise felt, pain after, the outcome; a new
three-week block every 21 days with its baseline. Reported: the database's size, the
time per saved set against a bare sqlite3 insert-and-commit of a row of the same
shape on the same disk in the same run, and the memory (resident, and Python's own
heap by tracemalloc) after the first 50 workouts against the end.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from coach.core.catalogue import load_catalogue  # noqa: E402
from coach.core.checkins import CheckinKind  # noqa: E402
from coach.core.outcome import Outcome  # noqa: E402
from coach.core.phases import Side  # noqa: E402
from coach.core.progression import Feeling  # noqa: E402
from coach.core.safety import ScreenKind, Verdict  # noqa: E402
from coach.core.workout import SetCompleted  # noqa: E402
from coach.resources import locate  # noqa: E402
from coach.store.checkins import CheckinLog  # noqa: E402
from coach.store.database import open_database  # noqa: E402
from coach.store.safety import SafetyLog  # noqa: E402
from coach.store.workouts import WorkoutLog  # noqa: E402

WARM = 50  # workouts before memory is first read: imports and caches settled
TIMED = 3000  # sets timed at the end, against as many bare inserts


def rss_mb() -> float:
    with open("/proc/self/status") as status:  # noqa: PTH123
        line = next(x for x in status if x.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def the_sets(routine: str) -> list[SetCompleted]:
    resources = locate()
    catalogue = load_catalogue(resources.routines, None, picture_dirs=[resources.pictures])
    loaded = catalogue.routine(routine)
    assert loaded is not None
    sets = []
    for planned in loaded.plan(catalogue.exercises, week=3):
        dose = planned.dose
        sides: list[Side | None] = [Side.LEFT, Side.RIGHT] if dose.per_side else [None]
        for number in range(1, dose.sets + 1):
            for side in sides:
                sets.append(
                    SetCompleted(planned.exercise.id, side, number, dose.reps, dose.hold_seconds)
                )
    return sets


def bare_inserts(folder: Path, count: int) -> float:
    """Seconds per row for sqlite3 alone: one insert and commit per row, WAL, NORMAL."""
    connection = sqlite3.connect(folder / "bare.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(
        "CREATE TABLE workout_set (id INTEGER PRIMARY KEY, workout_id INTEGER, exercise_id"
        " TEXT, side TEXT, set_number INTEGER, reps INTEGER, hold_seconds REAL,"
        " completed_at TEXT)"
    )
    started = time.perf_counter()
    for n in range(count):
        connection.execute(
            "INSERT INTO workout_set VALUES (NULL, ?, 'glute-bridge', NULL, 1, 10, NULL, ?)",
            (n // 20, datetime.now(UTC).isoformat()),
        )
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed / count


def soak(workouts: int, folder: Path) -> None:
    calendar = [datetime(2024, 1, 1, 7, tzinfo=UTC)]

    def now() -> datetime:
        calendar[0] += timedelta(seconds=20)  # each write a little later
        return calendar[0]

    path = folder / "coach.db"
    database = open_database(path)
    log, checkins, safety = WorkoutLog(database, now), CheckinLog(database, now), SafetyLog(
        database, now
    )  # fmt: skip
    sets = the_sets("morning-bridge-core")
    exercises = list(dict.fromkeys(s.exercise_id for s in sets))
    saved = 0
    start_rss = start_heap = 0.0
    total_started = time.perf_counter()
    block = 0
    for n in range(workouts):
        if n % 9 == 0:  # three a week: a new block every three weeks
            block = checkins.start_block("morning-bridge-core")
            checkins.record(block, CheckinKind.BASELINE, 6)
        safety.record(ScreenKind.SHORT, Verdict(), {"radiating": False})
        workout = log.begin("morning-bridge-core", "Morning bridge & core")
        checkins.record(block, CheckinKind.BEFORE_WORKOUT, 4, workout_id=workout)
        for done in sets:
            log.record_set(workout, done)
            saved += 1
        for exercise in exercises:
            log.record_feeling(workout, exercise, Feeling.ABOUT_RIGHT)
        checkins.record(block, CheckinKind.AFTER_WORKOUT, 3, workout_id=workout)
        log.finish(workout, Outcome.FINISHED)
        calendar[0] += timedelta(days=2, hours=8)
        if n + 1 == WARM:  # the heap is traced from here on (it slows every write)
            tracemalloc.start()
            start_rss, start_heap = rss_mb(), tracemalloc.get_traced_memory()[0] / 2**20
    total = time.perf_counter() - total_started
    end_rss, end_heap = rss_mb(), tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    # The time per set: one more workout's worth many times over, on the full database,
    # without tracing, as bare sqlite3 is timed below.
    workout = log.begin("morning-bridge-core", "Morning bridge & core")
    timed = sets * (TIMED // len(sets))
    started = time.perf_counter()
    for done in timed:
        log.record_set(workout, done)
    per_set = (time.perf_counter() - started) / len(timed)
    saved += len(timed)
    database.close()  # the last connection closes: the log is folded in
    size = sum(p.stat().st_size for p in folder.glob("coach.db*")) / 2**20
    bare = bare_inserts(folder, len(timed))
    print(f"soak: {workouts} workouts through the real store ({saved} sets, {total:.1f} s)")
    print(f"  database size          {size:7.2f} MB   ({size * 2**20 / saved:.0f} bytes a set,"
          " check-ins and all)")  # fmt: skip
    print(f"  time per saved set     {per_set * 1000:7.2f} ms   (bare sqlite3 insert+commit"
          f" {bare * 1000:.2f} ms: {per_set / bare:.1f}x)")  # fmt: skip
    print(f"  resident memory        {start_rss:7.1f} MB after {WARM} workouts,"
          f" {end_rss:.1f} MB at the end (+{end_rss - start_rss:.1f} MB)")  # fmt: skip
    grew = end_heap - start_heap
    print(f"  Python heap            {start_heap:7.2f} MB after {WARM} workouts,"
          f" {end_heap:.2f} MB at the end (+{grew:.2f} MB; aim: no growth)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workouts", type=int, default=1000)
    args = parser.parse_args()
    soak(args.workouts, Path(tempfile.mkdtemp(prefix="coach-soak-")))


if __name__ == "__main__":
    main()
