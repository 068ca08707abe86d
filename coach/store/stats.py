"""What the progress charts show, summed up by SQLite rather than in Python.

Every query groups by the person's local week (Monday first), month or year, so
ten years of history come back as a few hundred rows at most. Times are stored
as UTC ISO text, which SQLite's date functions read; 'localtime' turns them into
the same local dates Python's ``astimezone()`` gives.
"""

from __future__ import annotations

from datetime import date, datetime

from coach.core.checkins import CheckinKind
from coach.core.figures import (
    Bucket,
    DayState,
    PeriodCount,
    PeriodExercise,
    PeriodPain,
    WorkoutPain,
)
from coach.store.database import OpenedDatabase
from coach.store.workouts import DONE, stored_time

# The average-pain questions: at the start of a block, after weeks 1 and 2, at three weeks.
AVERAGE_KINDS = (CheckinKind.BASELINE, CheckinKind.WEEKLY, CheckinKind.THREE_WEEKS)
BEFORE, AFTER = CheckinKind.BEFORE_WORKOUT.value, CheckinKind.AFTER_WORKOUT.value


def _period(column: str, bucket: Bucket) -> str:
    """SQL giving the first local day of the period `column` falls in, as YYYY-MM-DD."""
    if bucket is Bucket.WEEK:
        return f"date({column}, 'localtime', 'weekday 0', '-6 days')"
    if bucket is Bucket.MONTH:
        return f"strftime('%Y-%m-01', {column}, 'localtime')"
    return f"strftime('%Y-01-01', {column}, 'localtime')"


class ProgressStats:
    """Read-only figures for the progress screen; `since` None means everything."""

    def __init__(self, database: OpenedDatabase) -> None:
        self._database = database

    def _since(self, since: datetime | None) -> tuple[str]:
        return (stored_time(since) if since is not None else "",)

    def first_activity(self) -> datetime | None:
        """When the person first did a workout or answered a check-in."""
        rows = self._database.read(
            "SELECT MIN(t) FROM (SELECT MIN(started_at) AS t FROM workout"
            " UNION ALL SELECT MIN(at) FROM checkin)"
        )
        return datetime.fromisoformat(rows[0][0]) if rows and rows[0][0] else None

    def average_pain(self, since: datetime | None, bucket: Bucket) -> list[PeriodPain]:
        """The average-pain check-ins (baseline, weekly, three weeks), per period."""
        period = _period("at", bucket)
        kinds = ", ".join(f"'{kind.value}'" for kind in AVERAGE_KINDS)
        rows = self._database.read(
            f"SELECT {period} AS p, AVG(pain), COUNT(*) FROM checkin"
            f" WHERE kind IN ({kinds}) AND pain IS NOT NULL AND at >= ?"
            " GROUP BY p ORDER BY p",
            self._since(since),
        )
        return [PeriodPain(date.fromisoformat(p), float(a), int(n)) for p, a, n in rows]

    def workout_pain(
        self, since: datetime | None, bucket: Bucket
    ) -> tuple[list[PeriodPain], list[PeriodPain]]:
        """Pain right now before and after workouts, averaged per period."""
        period = _period("at", bucket)
        rows = self._database.read(
            f"SELECT kind, {period} AS p, AVG(pain), COUNT(*) FROM checkin"
            " WHERE kind IN (?, ?) AND pain IS NOT NULL"
            " AND at >= ? GROUP BY kind, p ORDER BY p",
            (BEFORE, AFTER, *self._since(since)),
        )
        before = [
            PeriodPain(date.fromisoformat(p), float(a), int(n))
            for k, p, a, n in rows
            if k == BEFORE
        ]
        after = [
            PeriodPain(date.fromisoformat(p), float(a), int(n)) for k, p, a, n in rows if k == AFTER
        ]
        return before, after

    def workout_pain_points(self, since: datetime | None) -> list[WorkoutPain]:
        """Each workout's pain before and after, for short ranges where every point shows."""
        rows = self._database.read(
            "SELECT w.started_at,"
            " MAX(CASE WHEN c.kind = ? THEN c.pain END),"
            " MAX(CASE WHEN c.kind = ? THEN c.pain END)"
            " FROM workout w JOIN checkin c ON c.workout_id = w.id"
            " WHERE w.started_at >= ? AND c.pain IS NOT NULL"
            " GROUP BY w.id ORDER BY w.started_at",
            (BEFORE, AFTER, *self._since(since)),
        )
        return [WorkoutPain(datetime.fromisoformat(at), b, a) for at, b, a in rows]

    def workouts(self, since: datetime | None, bucket: Bucket) -> list[PeriodCount]:
        """Workouts done (finished, or ended after half their sets), and those halted,
        per period."""
        period = _period("w.started_at", bucket)
        rows = self._database.read(
            f"SELECT {period} AS p, SUM({DONE}),"
            " SUM(EXISTS (SELECT 1 FROM safety_event e"
            "            WHERE e.workout_id = w.id AND e.verdict = 'halt'))"
            " FROM workout w WHERE w.started_at >= ? GROUP BY p ORDER BY p",
            self._since(since),
        )
        return [PeriodCount(date.fromisoformat(p), int(d), int(h)) for p, d, h in rows]

    def exercises(self, since: datetime | None) -> list[tuple[str, int]]:
        """The exercises done in the range with their number of sets, most done first."""
        # A range: by date first, as grouping by exercise would walk the whole table in
        # its order. Everything: in exercise order, already grouped (8 ms for ten years,
        # where sorting them by exercise took 28).
        index, where = (
            ("ix_workout_set_completed_at", "completed_at >= ?")
            if since is not None
            else ("ix_workout_set_exercise_completed_at", "exercise_id > ''")
        )
        rows = self._database.read(
            f"SELECT exercise_id, COUNT(*) AS n FROM workout_set INDEXED BY {index}"
            f" WHERE {where} GROUP BY exercise_id ORDER BY n DESC, exercise_id",
            self._since(since) if since is not None else (),
        )
        return [(exercise, int(n)) for exercise, n in rows]

    def exercise(
        self, exercise_id: str, since: datetime | None, bucket: Bucket
    ) -> list[PeriodExercise]:
        """One exercise's sets, reps and seconds held, per period."""
        period = _period("completed_at", bucket)
        rows = self._database.read(
            f"SELECT {period} AS p, COUNT(*), TOTAL(reps), TOTAL(hold_seconds)"
            " FROM workout_set WHERE exercise_id = ? AND completed_at >= ?"
            " GROUP BY p ORDER BY p",
            (exercise_id, *self._since(since)),
        )
        return [
            PeriodExercise(date.fromisoformat(p), int(n), int(reps), float(held))
            for p, n, reps, held in rows
        ]

    def days(self, since: datetime | None) -> dict[date, DayState]:
        """Local days with a workout done, or with a safety halt (a halt wins)."""
        rows = self._database.read(
            "SELECT date(w.started_at, 'localtime') AS d, 'done' FROM workout w"
            f" WHERE w.started_at >= ? AND {DONE}"
            " UNION SELECT date(at, 'localtime'), 'halted' FROM safety_event"
            " WHERE verdict = 'halt' AND at >= ?",
            self._since(since) * 2,
        )
        days: dict[date, DayState] = {}
        for day, state in rows:
            when = date.fromisoformat(day)
            if days.get(when) is not DayState.HALTED:
                days[when] = DayState(state)
        return days
