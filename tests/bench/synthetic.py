"""Synthetic workout history, for the progress bench and for looking at the charts.

    python tests/bench/synthetic.py DATA_DIR --years 10 --daily     # the bench's ten years
    python tests/bench/synthetic.py DATA_DIR --years 1              # a year, three times a week

Daily: one workout every day with 27 sets (about 3,650 workouts and 100,000 sets in
ten years). Otherwise: Monday, Wednesday and Friday with some days missed, two safety
halts, three-week blocks with their check-ins, and pain that eases over the months.
The rows go in through sqlite3 in one transaction; the schema is the program's own.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from coach import paths  # noqa: E402
from coach.store.database import open_database  # noqa: E402

# (exercise, per side, reps or None, hold seconds or None, sets)
DAILY = [
    ("pelvic-tilt", False, 10, None, 3),
    ("glute-bridge", False, 10, None, 3),
    ("lying-hip-opener", True, 8, None, 3),
    ("dead-bug", False, 8, None, 3),
    ("bird-dog", True, 6, None, 3),
    ("happy-baby", False, None, 30.0, 3),
    ("reclined-hero", False, None, 30.0, 3),
]
BRIDGE_CORE = [
    ("glute-bridge", False, 10, None, 2),
    ("lying-hip-opener", True, 6, None, 2),
    ("dead-bug", False, 8, None, 2),
    ("bird-dog", True, 6, None, 2),
]
HALT_ANSWERS = json.dumps({"radiating": "yes"})


def _text(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def make_history(data_dir: Path, years: int, daily: bool, end: date, seed: int = 7) -> None:
    rng = random.Random(seed)
    database = open_database(paths.database_path(data_dir))
    _ = database.engine  # the program's schema
    start = end - timedelta(days=365 * years)
    with closing(sqlite3.connect(database.path)) as db, db:  # committed, then closed
        db.execute(
            "INSERT OR REPLACE INTO setting VALUES ('plan days', ?, ?)",
            (json.dumps([0, 1, 2, 3, 4, 5, 6] if daily else [0, 2, 4]), _text(datetime.now(UTC))),
        )
        db.execute(  # the first full safety screen, all clear
            "INSERT INTO safety_event (at, screen, verdict, answers) VALUES (?, ?, 'clear', '{}')",
            (_text(datetime.combine(start, time(7, 55)).astimezone()), "full screen"),
        )
        block_id = None
        block_start = start
        day = start
        halts = {start + timedelta(days=120), start + timedelta(days=250)}
        while day < end:
            progress = (day - start).days / max(1, (end - start).days)
            pain = max(0, min(10, round(6 - 3 * progress + rng.uniform(-1.2, 1.2))))
            at = datetime.combine(day, time(8, 0)).astimezone()
            if block_id is None or (day - block_start).days >= 21:
                if block_id is not None:
                    db.execute("UPDATE block SET ended_at = ? WHERE id = ?", (_text(at), block_id))
                block_id = db.execute(
                    "INSERT INTO block (started_at, routine_id) VALUES (?, ?)",
                    (_text(at), "morning-bridge-core"),
                ).lastrowid
                block_start = day
                db.execute(
                    "INSERT INTO checkin (block_id, at, kind, pain) VALUES (?, ?, 'baseline', ?)",
                    (block_id, _text(at), min(10, pain + 1)),
                )
            elif (day - block_start).days in (7, 14):
                db.execute(
                    "INSERT INTO checkin (block_id, at, kind, pain) VALUES (?, ?, 'weekly', ?)",
                    (block_id, _text(at), pain),
                )
            if not daily and (day.weekday() not in (0, 2, 4) or rng.random() < 0.15):
                day += timedelta(days=1)
                continue
            routine = DAILY if daily else BRIDGE_CORE
            workout_id = db.execute(
                "INSERT INTO workout (routine_id, routine_title, started_at, ended_at, outcome,"
                " planned_sets) VALUES (?, ?, ?, ?, 'finished', ?)",
                (
                    "morning-bridge-core",
                    "Morning bridge & core",
                    _text(at),
                    _text(at + timedelta(minutes=14)),
                    sum(sets * (2 if per_side else 1) for _, per_side, _, _, sets in routine),
                ),
            ).lastrowid
            db.execute(
                "INSERT INTO checkin (block_id, at, kind, pain, workout_id)"
                " VALUES (?, ?, 'before workout', ?, ?)",
                (block_id, _text(at), pain, workout_id),
            )
            rows = []
            minute = 1
            extra = int(progress * 4)  # a rep or two more as the months go by
            for exercise, per_side, reps, hold, sets in routine:
                for set_number in range(1, sets + 1):
                    for side in ("left", "right") if per_side else (None,):
                        done = at + timedelta(minutes=minute, seconds=set_number)
                        rows.append(
                            (workout_id, exercise, side, set_number,
                             reps + extra if reps else None, hold, _text(done))
                        )  # fmt: skip
                minute += 1
            db.executemany(
                "INSERT INTO workout_set (workout_id, exercise_id, side, set_number, reps,"
                " hold_seconds, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            if any(day >= halt for halt in halts):  # the first workout on or after the day
                halts = {halt for halt in halts if halt > day}
                clearance = db.execute(  # a clinician's all-clear a few days later
                    "INSERT INTO clinician_clearance (at) VALUES (?)",
                    (_text(at + timedelta(days=3)),),
                ).lastrowid
                db.execute(
                    "INSERT INTO safety_event (at, screen, verdict, halt, answers, workout_id,"
                    " cause, clearance_id) VALUES (?, 'after exercise', 'halt', 'radiating', ?,"
                    " ?, '[\"leg-pain\"]', ?)",
                    (_text(at + timedelta(minutes=6)), HALT_ANSWERS, workout_id, clearance),
                )
                db.execute(
                    "UPDATE workout SET outcome = 'halted: radiating' WHERE id = ?", (workout_id,)
                )
            else:
                db.execute(
                    "INSERT INTO checkin (block_id, at, kind, pain, workout_id)"
                    " VALUES (?, ?, 'after workout', ?, ?)",
                    (block_id, _text(at + timedelta(minutes=14)), max(0, pain - 1), workout_id),
                )
            day += timedelta(days=1)


def many_rows(document: dict[str, Any], workouts: int = 17_500) -> dict[str, Any]:
    """An export of `workouts` workouts of twelve sets each, made from the first workout and
    set of `document` (an export): with the default, a JSON file of about 45 MB."""
    workout = document["tables"]["workout"][0]
    one_set = document["tables"]["workout_set"][0]
    rows: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    for n in range(1, workouts):
        rows.append(dict(workout, id=n, started_at=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
                         f"T{n % 24:02d}:{n // 24 % 60:02d}:{n % 60:02d}+00:00"))  # fmt: skip
        sets.extend(dict(one_set, id=len(sets) + 1, workout_id=n, set_number=k) for k in range(12))
    return dict(document, tables={"workout": rows, "workout_set": sets})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--daily", action="store_true", help="a 27-set workout every day")
    args = parser.parse_args()
    make_history(args.data_dir, args.years, args.daily, date.today())


if __name__ == "__main__":
    main()
