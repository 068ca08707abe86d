"""Three-week blocks and their check-ins (coach.core.checkins.CheckinBook).

Every answer is written the moment it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from coach.core.checkins import DUE_DAY, Block, CheckinKind, CheckinRecord
from coach.core.clock import Now, utc_now
from coach.core.progress import GLOBAL_IMPRESSION, BlockActivity
from coach.store.database import OpenedDatabase
from coach.store.workouts import DONE, done_days, stored_time

if TYPE_CHECKING:
    from sqlmodel import Session


_KINDS = {kind.value for kind in CheckinKind}


class CheckinLog:
    def __init__(self, database: OpenedDatabase, now: Now = utc_now) -> None:
        self._database = database
        self._now = now

    # Blocks.

    def current_block(self) -> Block | None:
        rows = self._database.read(
            "SELECT id, started_at, routine_id FROM block WHERE ended_at IS NULL"
            " ORDER BY id DESC LIMIT 1"
        )
        if not rows:
            return None
        block_id, started, routine = rows[0]
        return Block(block_id, datetime.fromisoformat(started), routine)

    def blocks(self) -> list[Block]:
        rows = self._database.read(
            "SELECT id, started_at, routine_id, ended_at FROM block ORDER BY id"
        )
        return [
            Block(i, datetime.fromisoformat(s), r, datetime.fromisoformat(e) if e else None)
            for i, s, r, e in rows
        ]

    def start_block(self, routine_id: str | None = None) -> int:
        """A new block; the one before it ends now and stays readable."""
        from coach.store.models import Block as BlockRow

        now = self._now()
        current = self.current_block()

        def start(session: Session) -> int:
            if current is not None:
                old = session.get(BlockRow, current.id)
                assert old is not None
                old.ended_at = now
                session.add(old)
            block = BlockRow(started_at=now, routine_id=routine_id)
            session.add(block)
            session.flush()
            assert block.id is not None
            return block.id

        return self._database.write(start)

    def name_block(self, block_id: int, routine_id: str) -> None:
        """The block's routine, if it has none yet (one begun at the first run)."""
        self._database.write_plain(lambda db: db.execute(
            "UPDATE block SET routine_id = ? WHERE id = ? AND routine_id IS NULL",
            (routine_id, block_id),
        ))  # fmt: skip

    def end_block(self) -> None:
        """End the current block; the next workout begins a new one with its own baseline."""
        from coach.store.models import Block as BlockRow

        current = self.current_block()
        if current is None:
            return
        ended = self._now()

        def end(session: Session) -> None:
            block = session.get(BlockRow, current.id)
            assert block is not None
            block.ended_at = ended
            session.add(block)

        self._database.write(end)

    # Check-ins.

    def record(
        self,
        block_id: int,
        kind: CheckinKind,
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
                kind=kind.value,
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

    def link(self, checkin_id: int, workout_id: int) -> None:
        """A check-in given before a workout began, kept as that workout's."""
        self._database.write_plain(lambda db: db.execute(
            "UPDATE checkin SET workout_id = ? WHERE id = ? AND workout_id IS NULL",
            (workout_id, checkin_id),
        ))  # fmt: skip

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
            CheckinRecord(
                CheckinKind(kind),
                datetime.fromisoformat(at),
                pain,
                impression,
                ratings.get(i, {}),
                i,
            )
            for i, kind, at, pain, impression in rows
            if kind in _KINDS  # an imported kind this version does not know is left out
        ]

    def block_activity(self, block: Block) -> BlockActivity:
        """What happened in the block's 21 local days (and before it ended): the days of
        the workouts done, halts, short and unfinished workouts, exercises skipped."""
        last = datetime.combine(block.first_day() + timedelta(days=DUE_DAY), time())
        until = last.astimezone()  # local midnight after day 21
        if block.ended_at is not None:
            until = min(until, block.ended_at)
        window = (stored_time(block.started_at), stored_time(until))

        def count(query: str) -> int:
            rows = self._database.read(query, window)
            return int(rows[0][0]) if rows else 0

        in_window = "w.started_at >= ? AND w.started_at < ?"
        return BlockActivity(
            done_days(self._database, block.started_at, until),
            halts=count("SELECT COUNT(*) FROM safety_event WHERE verdict = 'halt'"
                        " AND at >= ? AND at < ?"),
            short=count(f"SELECT COUNT(*) FROM workout w WHERE {in_window} AND w.outcome IN"
                        f" ('ended early', 'ended: pain rose') AND NOT {DONE}"),
            unfinished=count(f"SELECT COUNT(*) FROM workout w WHERE {in_window} AND"
                             " (w.outcome IS NULL OR w.outcome = 'unfinished')"),
            skipped_exercises=count("SELECT COUNT(*) FROM skipped_exercise"
                                    " WHERE skipped_at >= ? AND skipped_at < ?"),
        )  # fmt: skip

    def figures(self, block_id: int) -> str | None:
        """The block's workout figures as they were fixed (JSON), or None."""
        rows = self._database.read("SELECT figures FROM block WHERE id = ?", (str(block_id),))
        return rows[0][0] if rows else None

    def fix_figures(self, block_id: int, figures: str) -> None:
        """Keep the block's workout figures as they are now; once kept, they stay."""
        from coach.store.models import Block as BlockRow

        def fix(session: Session) -> None:
            block = session.get(BlockRow, block_id)
            if block is not None and block.figures is None:
                block.figures = figures
                session.add(block)

        self._database.write(fix)
