"""Clocks and calendars: timers run on the monotonic clock, dates on the wall clock.

The wall clock set back or forward mid-workout, a workout over midnight, a three-week
block across a daylight-saving change, and a person who has flown to another zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.core.checkins import Due, three_week_status, weekly_due
from coach.core.figures import DayState
from coach.core.outcome import Outcome
from coach.core.safety import HaltKind, PastHalt, workout_lock
from coach.core.workout import SetCompleted
from coach.resources import locate
from coach.services import Services
from coach.store.checkins import CheckinLog
from coach.store.database import open_database
from coach.store.history import History
from coach.store.stats import ProgressStats
from coach.store.workouts import WorkoutLog
from tests.helpers import FakeClock, local_zone
from tests.ui.conftest import MakePerson

BERLIN = ZoneInfo("Europe/Berlin")


class WallClock:
    """The calendar a person's computer shows, which they (or the network) may change."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def a_set(number: int = 1) -> SetCompleted:
    return SetCompleted("glute-bridge", None, number, 10, None)


def done_once(log: WorkoutLog) -> None:
    """A workout of one set, finished."""
    workout = log.begin("morning", "Morning", 1)
    log.record_set(workout, a_set())
    log.finish(workout, Outcome.FINISHED)


def test_the_wall_clock_moving_mid_workout_changes_no_timer(
    make_person: MakePerson, clock: FakeClock
) -> None:
    from PySide6.QtCore import Qt

    wall = WallClock(datetime.now(UTC))
    person = make_person(now=wall)
    view = person.workout
    person.start_morning()
    person.press(Qt.Key.Key_N)  # into the first rep
    person.run_until(lambda: view.phase_label.text() == "Hold")
    shown = view.countdown.text()
    wall.now -= timedelta(hours=2)  # the clock is set back...
    view.poll()
    assert (view.phase_label.text(), view.countdown.text()) == ("Hold", shown)
    wall.now += timedelta(days=3)  # ...then jumps three days ahead
    view.poll()
    assert (view.phase_label.text(), view.countdown.text()) == ("Hold", shown)
    clock.advance(1)  # only the monotonic clock moves the hold on
    view.poll()
    assert view.countdown.text() == str(int(shown) - 1)

    person.run_until(lambda: person.on(person.summary))
    [line] = person.services.history.lines()
    assert line.outcome == "finished" and line.sets == 6
    assert (line.minutes() or 0) >= 1  # never a negative length, whatever the wall clock did


def test_a_workout_over_midnight_counts_on_the_day_it_began(tmp_path: Path) -> None:
    with local_zone("Europe/Berlin"):
        sunday_late = datetime(2026, 3, 8, 23, 55, tzinfo=BERLIN)
        wall = WallClock(sunday_late)
        database = open_database(tmp_path / "coach.db")
        log = WorkoutLog(database, now=wall)
        workout = log.begin("morning-bridge-core", "Morning")
        wall.now += timedelta(minutes=10)  # Monday 00:05
        log.record_set(workout, a_set())
        log.finish(workout, Outcome.FINISHED)
        plan = Services.open(tmp_path, locate(), now=wall).plan
        assert plan.week(date(2026, 3, 8)).done == 1  # Sunday's week
        assert plan.week(date(2026, 3, 9)).done == 0  # a new week on Monday
        assert ProgressStats(database).days(None) == {date(2026, 3, 8): DayState.DONE}
        [line] = History(database).lines()
        assert line.started_at.astimezone().date() == date(2026, 3, 8)
        assert line.minutes() == 10


def test_a_three_week_block_across_a_daylight_saving_change_is_21_local_days(
    tmp_path: Path,
) -> None:
    with local_zone("Europe/Berlin"):  # clocks go forward on Sunday 29 March 2026
        start = datetime(2026, 3, 16, 9, tzinfo=BERLIN)
        checkins = CheckinLog(open_database(tmp_path / "coach.db"), now=lambda: start)
        checkins.start_block("morning")
        block = checkins.current_block()
        assert block is not None
        assert block.first_day() == date(2026, 3, 16)

        def local_day(when: datetime) -> date:
            return when.astimezone().date()

        # 21 days of 24 hours after the start would be 2026-04-06 10:00 local: a 23-hour
        # day lies between, but the due day follows the calendar, from local midnight.
        not_yet = datetime(2026, 4, 5, 23, 59, tzinfo=BERLIN).astimezone(UTC)
        due = datetime(2026, 4, 6, 0, 1, tzinfo=BERLIN).astimezone(UTC)
        assert three_week_status(block.first_day(), local_day(not_yet)).due is Due.NOT_YET
        assert three_week_status(block.first_day(), local_day(due)).due is Due.DUE
        assert weekly_due(block.first_day(), date(2026, 3, 30), []) == 2  # after two weeks
        assert weekly_due(block.first_day(), date(2026, 3, 29), [date(2026, 3, 23)]) is None

        # After an emergency, the all-clear is offered from local midnight, on the short
        # day too; the halt itself holds on.
        halt = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)  # before the clocks go forward
        halts = [PastHalt(1, halt.astimezone(UTC), HaltKind.EMERGENCY, ("bladder",))]
        midnight = datetime(2026, 3, 30, tzinfo=BERLIN)
        before = workout_lock(halts, midnight - timedelta(minutes=1))
        after = workout_lock(halts, midnight + timedelta(minutes=1))
        assert before is not None and not before.clinician_can_lift
        assert after is not None and after.clinician_can_lift
        hours = (midnight.astimezone(UTC) - halt.astimezone(UTC)).total_seconds() / 3600
        assert hours == 21.5  # 22.5 on the clock face: the wait is not a fixed length


def test_after_travel_dates_follow_where_the_person_is_now(tmp_path: Path) -> None:
    database = open_database(tmp_path / "coach.db")
    wall = WallClock(datetime(2026, 3, 9, 8, tzinfo=BERLIN))  # Monday morning at home
    log = WorkoutLog(database, now=wall)
    with local_zone("Europe/Berlin"):
        done_once(log)
    # Flown to New York; on Friday evening there (Saturday 01:30 in UTC) another workout.
    wall.now = datetime(2026, 3, 13, 20, 30, tzinfo=ZoneInfo("America/New_York"))
    with local_zone("America/New_York"):
        done_once(log)
        week = Services.open(tmp_path, locate(), now=wall).plan.week(date(2026, 3, 13))
        assert week.done == 2  # Monday's (02:00 here) and tonight's: both this week
        assert week.done_today
        days = ProgressStats(database).days(None)
        assert sorted(days) == [date(2026, 3, 9), date(2026, 3, 13)]  # not Saturday
        [tonight, monday] = History(database).lines()
        assert tonight.started_at.astimezone().hour == 20
        assert monday.started_at.astimezone().hour == 3  # 08:00 in Berlin
    with local_zone("Europe/Berlin"):  # home again: the same workouts, in home time
        assert sorted(ProgressStats(database).days(None)) == [
            date(2026, 3, 9),
            date(2026, 3, 14),
        ]
