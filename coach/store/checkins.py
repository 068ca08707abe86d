"""Three-week blocks, check-ins and how each exercise felt; the comparison from them.

Every answer is written the moment it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from coach.core.plan import WeekStatus, checked_days, week_status
from coach.core.progress import (
    BLOCK_WEEKS,
    GLOBAL_IMPRESSION,
    Activity,
    Comparison,
    Feeling,
    adherence,
    compare,
    weekly_due,
)
from coach.core.routines import OwnDose
from coach.store.database import OpenedDatabase
from coach.store.log import Now, done_days, stored_time, utc_now
from coach.store.settings import read_setting, write_setting

if TYPE_CHECKING:
    from sqlmodel import Session

BASELINE = "baseline"
BEFORE_WORKOUT = "before workout"
AFTER_WORKOUT = "after workout"
WEEKLY = "weekly"
THREE_WEEKS = "three weeks"
OWN_DOSES = "own doses"
DECIDED = "dose decisions"
PLAN_DAYS = "plan days"


@dataclass(frozen=True)
class BlockInfo:
    id: int
    started_at: datetime
    routine_id: str | None
    ended_at: datetime | None = None

    def first_day(self) -> date:
        return self.started_at.astimezone().date()


@dataclass(frozen=True)
class CheckinRecord:
    kind: str
    at: datetime
    pain: int | None
    impression: str | None = None
    activities: dict[str, int] = field(default_factory=dict)
    id: int = 0


def latest_of(records: list[CheckinRecord], kind: str) -> CheckinRecord | None:
    return next((r for r in reversed(records) if r.kind == kind), None)


class CheckinLog:
    def __init__(self, database: OpenedDatabase, now: Now = utc_now) -> None:
        self._database = database
        self._now = now

    # Blocks.

    def current_block(self) -> BlockInfo | None:
        rows = self._database.read(
            "SELECT id, started_at, routine_id FROM block WHERE ended_at IS NULL"
            " ORDER BY id DESC LIMIT 1"
        )
        if not rows:
            return None
        block_id, started, routine = rows[0]
        return BlockInfo(block_id, datetime.fromisoformat(started), routine)

    def blocks(self) -> list[BlockInfo]:
        rows = self._database.read(
            "SELECT id, started_at, routine_id, ended_at FROM block ORDER BY id"
        )
        return [
            BlockInfo(i, datetime.fromisoformat(s), r, datetime.fromisoformat(e) if e else None)
            for i, s, r, e in rows
        ]

    def start_block(self, routine_id: str | None = None) -> int:
        """A new block; the one before it ends now and stays readable."""
        from coach.store.models import Block

        now = self._now()
        current = self.current_block()

        def start(session: Session) -> int:
            if current is not None:
                old = session.get(Block, current.id)
                assert old is not None
                old.ended_at = now
                session.add(old)
            block = Block(started_at=now, routine_id=routine_id)
            session.add(block)
            session.flush()
            assert block.id is not None
            return block.id

        return self._database.write(start)

    def end_block(self) -> None:
        """End the current block; the next workout begins a new one with its own baseline."""
        from coach.store.models import Block

        current = self.current_block()
        if current is None:
            return
        ended = self._now()

        def end(session: Session) -> None:
            block = session.get(Block, current.id)
            assert block is not None
            block.ended_at = ended
            session.add(block)

        self._database.write(end)

    # Check-ins.

    def record(
        self,
        block_id: int,
        kind: str,
        pain: int | None,
        *,
        impression: str | None = None,
        workout_id: int | None = None,
        activities: Mapping[str, int] | None = None,
    ) -> int:
        from coach.store.models import ActivityRating, Checkin

        at = self._now()
        for what, score in [("pain", pain), *(activities or {}).items()]:
            if score is not None and not 0 <= score <= 10:
                raise ValueError(f"{what} must be between 0 and 10, not {score}")

        def add(session: Session) -> int:
            checkin = Checkin(
                block_id=block_id,
                at=at,
                kind=kind,
                pain=pain,
                impression=impression,
                workout_id=workout_id,
            )
            session.add(checkin)
            session.flush()
            assert checkin.id is not None
            for name, score in (activities or {}).items():
                session.add(ActivityRating(checkin_id=checkin.id, activity=name, score=score))
            return checkin.id

        return self._database.write(add)

    def add_activity(self, checkin_id: int, activity: str, score: int) -> None:
        """A rating given after the check-in's pain, saved the moment it is given."""
        from coach.store.models import ActivityRating

        if not 0 <= score <= 10:
            raise ValueError(f"{activity} must be between 0 and 10, not {score}")
        self._database.write(
            lambda session: session.add(
                ActivityRating(checkin_id=checkin_id, activity=activity, score=score)
            )
        )

    def set_impression(self, checkin_id: int, impression: str) -> None:
        from coach.store.models import Checkin

        if impression not in GLOBAL_IMPRESSION:
            raise ValueError(f"'{impression}' is not one of the seven answers")

        def give(session: Session) -> None:
            checkin = session.get(Checkin, checkin_id)
            assert checkin is not None
            checkin.impression = impression
            session.add(checkin)

        self._database.write(give)

    def weekly_due(self, block: BlockInfo, today: date) -> int | None:
        """The weekly check-in due today in this block (1 or 2), or None."""
        taken = [c.at.astimezone().date() for c in self.checkins(block.id) if c.kind == WEEKLY]
        return weekly_due(block.first_day(), today, taken)

    def three_weeks(self, block_id: int) -> CheckinRecord | None:
        """The block's three-week check-in, if it was taken (perhaps not finished)."""
        return latest_of(self.checkins(block_id), THREE_WEEKS)

    def baseline_activities(self, block_id: int) -> list[str]:
        baseline = next((c for c in self.checkins(block_id) if c.kind == BASELINE), None)
        return list(baseline.activities) if baseline else []

    def checkins(self, block_id: int) -> list[CheckinRecord]:
        rows = self._database.read(
            "SELECT id, kind, at, pain, impression FROM checkin WHERE block_id = ? ORDER BY at, id",
            (str(block_id),),
        )
        ratings: dict[int, dict[str, int]] = {}
        for checkin_id, name, score in self._database.read(
            "SELECT r.checkin_id, r.activity, r.score FROM activity_rating r"
            " JOIN checkin c ON c.id = r.checkin_id WHERE c.block_id = ? ORDER BY r.id",
            (str(block_id),),
        ):
            ratings.setdefault(checkin_id, {})[name] = score
        return [
            CheckinRecord(kind, datetime.fromisoformat(at), pain, impression, ratings.get(i, {}), i)
            for i, kind, at, pain, impression in rows
        ]

    # How exercises felt.

    def record_feeling(self, workout_id: int, exercise_id: str, feeling: Feeling) -> None:
        from coach.store.models import ExerciseFeeling

        at = self._now()
        self._database.write(
            lambda session: session.add(
                ExerciseFeeling(
                    workout_id=workout_id, exercise_id=exercise_id, feeling=feeling, at=at
                )
            )
        )

    def feelings(self, routine_id: str, exercise_id: str, last: int = 2) -> list[Feeling]:
        """How an exercise felt in a routine's latest workouts since the person last decided
        on a suggestion for it, oldest first."""
        since = self._decisions().get(routine_id, {}).get(exercise_id, "")
        rows = self._database.read(
            "SELECT f.feeling FROM exercise_feeling f JOIN workout w ON w.id = f.workout_id"
            " WHERE w.routine_id = ? AND f.exercise_id = ? AND f.at > ?"
            " ORDER BY f.at DESC, f.id DESC LIMIT ?",
            (routine_id, exercise_id, since, str(last)),
        )
        return [feeling for (feeling,) in reversed(rows)]

    # The weekly plan.

    def plan_days(self) -> frozenset[int]:
        return checked_days(read_setting(self._database, PLAN_DAYS, []))

    def set_plan_days(self, days: Iterable[int]) -> None:
        chosen = sorted(set(days))
        if not chosen or not all(0 <= d <= 6 for d in chosen):
            raise ValueError(f"a plan needs one or more weekdays from 0 to 6, not {chosen}")
        write_setting(self._database, PLAN_DAYS, chosen, self._now())

    def this_week(self, today: date) -> WeekStatus:
        monday = today - timedelta(days=today.weekday())
        since = datetime.combine(monday, time()).astimezone()
        return week_status(self.plan_days(), today, done_days(self._database, since))

    # The person's own doses.

    def own_doses(self, routine_id: str) -> dict[str, OwnDose]:
        doses = read_setting(self._database, OWN_DOSES, {}).get(routine_id, {})
        return {exercise: OwnDose(d["sets"], d["reps"]) for exercise, d in doses.items()}

    def accept_dose(self, routine_id: str, exercise_id: str, dose: OwnDose) -> None:
        doses = read_setting(self._database, OWN_DOSES, {})
        doses.setdefault(routine_id, {})[exercise_id] = {"sets": dose.sets, "reps": dose.reps}
        write_setting(self._database, OWN_DOSES, doses, self._now())
        self._decided(routine_id, exercise_id)

    def decline_dose(self, routine_id: str, exercise_id: str) -> None:
        self._decided(routine_id, exercise_id)

    def _decisions(self) -> dict[str, dict[str, str]]:
        decided: dict[str, dict[str, str]] = read_setting(self._database, DECIDED, {})
        return decided

    def _decided(self, routine_id: str, exercise_id: str) -> None:
        """Feelings from before a decision no longer count toward the next suggestion."""
        decided = self._decisions()
        now = self._now().isoformat(timespec="microseconds")
        decided.setdefault(routine_id, {})[exercise_id] = now
        write_setting(self._database, DECIDED, decided, self._now())

    # The comparison.

    def comparison(self, block: BlockInfo) -> Comparison:
        """Baseline against three weeks for one block, with the workouts done in it."""
        records = self.checkins(block.id)
        baseline = next((r for r in records if r.kind == BASELINE), None)
        latest = latest_of(records, THREE_WEEKS)
        start = block.first_day()
        workout_days, halts, skipped = self._block_activity(block)
        days_late = 0
        if latest is not None:
            days_late = max((latest.at.astimezone().date() - start).days - 21, 0)
        activities = [
            Activity(name, score, latest.activities.get(name) if latest else None)
            for name, score in (baseline.activities if baseline else {}).items()
        ]
        weekly: list[int | None] = [None] * (BLOCK_WEEKS - 1)
        for record in records:
            week = (record.at.astimezone().date() - start).days // 7
            if record.kind == WEEKLY and 1 <= week < BLOCK_WEEKS:
                weekly[week - 1] = record.pain
        return compare(
            weekly_pain=weekly,
            baseline_pain=baseline.pain if baseline else None,
            pain_now=latest.pain if latest else None,
            activities=activities,
            impression=latest.impression if latest else None,
            workouts=adherence(
                start,
                workout_days,
                halts=halts,
                skipped_exercises=skipped,
                per_week=len(self.plan_days()),
            ),
            days_late=days_late,
        )

    def _block_activity(self, block: BlockInfo) -> tuple[list[date], int, int]:
        """Days with a workout that got a set done, halts, and skipped exercises."""
        since = stored_time(block.started_at)
        until = stored_time(block.ended_at) if block.ended_at else "9999"
        days = done_days(self._database, block.started_at, block.ended_at)
        [(halts,)] = self._database.read(
            "SELECT COUNT(*) FROM safety_event WHERE verdict = 'halt' AND at >= ? AND at < ?",
            (since, until),
        ) or [(0,)]
        [(skipped,)] = self._database.read(
            "SELECT COUNT(*) FROM skipped_exercise WHERE skipped_at >= ? AND skipped_at < ?",
            (since, until),
        ) or [(0,)]
        return days, int(halts), int(skipped)
