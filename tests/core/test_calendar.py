"""Reminder times and the plan as iCalendar, read back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from coach.core.calendar import (
    local_zone_name,
    next_reminder,
    plan_calendar,
)
from tests.helpers import local_zone

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def test_each_plan_day_is_a_weekly_event_at_the_chosen_time_in_the_zone() -> None:
    today = date(2026, 11, 24)  # a Tuesday
    text = plan_calendar([0, 2, 4], time(7, 30), title="Morning bridge and core",
                         minutes=14, today=today, stamp=STAMP, zone="Europe/Berlin")  # fmt: skip
    events = parse(text).walk("VEVENT")
    assert len(events) == 3
    starts = []
    for event in events:
        start = event.decoded("DTSTART")
        starts.append(start)
        assert start.time() == time(7, 30)
        assert getattr(start.tzinfo, "key", str(start.tzinfo)) == "Europe/Berlin"
        rule = event.get("RRULE")
        assert rule["FREQ"] == ["WEEKLY"]
        assert rule["BYDAY"] == [("MO", "WE", "FR")[starts.index(start)]]
        assert event.decoded("DURATION") == timedelta(minutes=14)
        assert str(event.get("SUMMARY")) == "Morning bridge and core (Hip & Core Coach)"
        assert event.walk("VALARM")
    # The first of each is the next such day: Wednesday, Friday, and Monday next week.
    assert sorted(s.date() for s in starts) == [date(2026, 11, 25), date(2026, 11, 27),
                                                date(2026, 11, 30)]  # fmt: skip
    assert len({str(e.get("UID")) for e in events}) == 3


def test_the_file_carries_its_time_zone_across_daylight_saving() -> None:
    text = plan_calendar([6], time(18, 0), title="Hip openers", minutes=10,
                         today=date(2026, 1, 1), stamp=STAMP, zone="Europe/Berlin")  # fmt: skip
    [timezone] = parse(text).walk("VTIMEZONE")
    zone = timezone.to_tz()  # type: ignore[attr-defined]
    for moment in (datetime(2026, 1, 15, 18), datetime(2026, 7, 15, 18),
                   datetime(2030, 3, 31, 4), datetime(2030, 10, 27, 4)):  # fmt: skip
        assert zone.utcoffset(moment) == moment.replace(tzinfo=BERLIN).utcoffset(), moment
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_without_a_zone_name_the_time_floats() -> None:
    text = plan_calendar([1], time(6, 5), title="A, b; c \\ d", minutes=0,
                         today=date(2026, 11, 24), stamp=STAMP, zone=None)  # fmt: skip
    [event] = parse(text).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 11, 24, 6, 5) and start.tzinfo is None
    assert str(event.get("SUMMARY")) == "A, b; c \\ d (Hip & Core Coach)"
    assert not parse(text).walk("VTIMEZONE")


def test_a_long_name_is_folded_and_read_back_whole() -> None:
    title = "Ein sehr langer Übungsname für die Hüfte und den Rücken, mit Umlauten äöü " * 2
    text = plan_calendar([3], time(12, 0), title=title, minutes=5,
                         today=date(2026, 11, 24), stamp=STAMP, zone="UTC")  # fmt: skip
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [event] = parse(text).walk("VEVENT")
    assert str(event.get("SUMMARY")) == f"{title} (Hip & Core Coach)"


def test_an_empty_plan_is_refused() -> None:
    with pytest.raises(ValueError, match="one or more weekdays"):
        plan_calendar([], time(7), title="x", minutes=5, today=date(2026, 1, 1),
                      stamp=STAMP, zone=None)  # fmt: skip


def test_the_next_reminder_is_the_next_plan_day_at_the_time() -> None:
    tuesday_morning = datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN)
    at = time(18, 0)
    assert next_reminder({1}, at, tuesday_morning) == datetime(2026, 11, 24, 18, tzinfo=BERLIN)
    evening = tuesday_morning.replace(hour=18)  # exactly then: the next one is a week on
    assert next_reminder({1}, at, evening) == datetime(2026, 12, 1, 18, tzinfo=BERLIN)
    assert next_reminder({0, 4}, at, evening) == datetime(2026, 11, 27, 18, tzinfo=BERLIN)
    sunday_night = datetime(2026, 11, 29, 23, 0, tzinfo=BERLIN)
    assert next_reminder({0}, at, sunday_night) == datetime(2026, 11, 30, 18, tzinfo=BERLIN)


def test_a_reminder_keeps_its_wall_time_over_a_daylight_saving_change() -> None:
    before = datetime(2027, 3, 27, 20, 0, tzinfo=BERLIN)  # Saturday; clocks go on Sunday
    due = next_reminder({0}, time(7, 30), before)
    assert due.time() == time(7, 30) and due.utcoffset() == timedelta(hours=2)
    with local_zone("America/New_York"):  # a system zone with no name attached
        now = datetime(2026, 11, 24, 12, 0).astimezone()
        assert next_reminder({1}, time(18, 0), now).hour == 18
    with pytest.raises(ValueError):
        next_reminder([], time(7), before)


def test_the_local_zone_is_read_by_name() -> None:
    with local_zone("Asia/Tokyo"):
        assert local_zone_name() == "Asia/Tokyo"
