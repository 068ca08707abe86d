"""Reminders for the weekly plan: when the next one is due, and the plan as iCalendar.

A reminder is a time of day on each plan day. While the program runs it notifies then;
the .ics file puts the same days in the person's own calendar, one weekly repeating
event per day, in their own time zone so the time stays put across daylight saving.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.core.plan import WEEKDAYS
from coach.core.records import record

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DEFAULT_TIME = time(18, 0)
NO_ROUTINE = ("Hip and core workout", 15)  # title and minutes when no routine is due


@record
class Reminder:
    """Notify at ``at`` on plan days (only while the program runs), if ``on``."""

    on: bool = False
    at: time = DEFAULT_TIME


def next_reminder(days: Iterable[int], at: time, now: datetime) -> datetime:
    """The first plan day at ``at`` strictly after ``now``, in now's time zone.

    ``now`` is an aware local time; the answer is built from the wall clock on that day,
    so a daylight-saving change in between does not move it off ``at``.
    """
    chosen = set(days)
    if not chosen:
        raise ValueError("a reminder needs at least one plan day")
    zone = now.tzinfo
    assert zone is not None, "now must be an aware time"
    for ahead in range(8):
        day = now.date() + timedelta(days=ahead)
        if day.weekday() not in chosen:
            continue
        when = _wall_time(day, at, zone)
        if when > now:
            return when
    raise AssertionError("a chosen weekday comes within eight days")


def _wall_time(day: date, at: time, zone: tzinfo) -> datetime:
    """``at`` on ``day`` as the wall clock there shows it (a time that a spring-forward
    skips is taken as the same moment an hour later, as clocks show it)."""
    if isinstance(zone, ZoneInfo):
        return datetime.combine(day, at, zone)
    # A fixed offset (the system's zone without a name): ask the system for that day.
    naive = datetime.combine(day, at)
    return naive.astimezone()


def local_zone_name() -> str | None:
    """The system's time zone as an IANA name (Europe/Berlin), or None when unknown."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").readlink())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and not name.startswith("/"):
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return None


# iCalendar (RFC 5545), written by the icalendar library.

ZONE_YEARS = 10  # the time zone's changes are written out this many years ahead


def plan_calendar(
    days: Iterable[int],
    at: time,
    *,
    title: str,
    minutes: int,
    today: date,
    stamp: datetime,
    zone: str | None,
) -> str:
    """The plan as an iCalendar file: one weekly event per plan day at ``at``, from the
    first such day on or after ``today``, each with an alarm when it starts. With no
    zone name the times float: the same clock time wherever the person is."""
    import icalendar  # loaded when a calendar file is first written

    chosen = sorted(set(days))
    if not chosen or not all(0 <= d <= 6 for d in chosen):
        raise ValueError(f"a plan needs one or more weekdays from 0 to 6, not {chosen}")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Hip & Core Coach//Weekly plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if zone is not None:
        until = date(today.year + ZONE_YEARS, 1, 1)
        calendar.add_component(
            icalendar.Timezone.from_tzid(zone, first_date=today, last_date=until)
        )
    summary = f"{title} (Hip & Core Coach)"
    for day in chosen:
        first = today + timedelta(days=(day - today.weekday()) % 7)
        event = icalendar.Event()
        event.add("uid", f"hip-and-core-coach-plan-{ICAL_DAYS[day].lower()}@coach.invalid")
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", datetime.combine(first, at, ZoneInfo(zone) if zone else None))
        event.add("duration", timedelta(minutes=max(1, minutes)))
        event.add("rrule", {"freq": "weekly", "byday": ICAL_DAYS[day]})
        event.add("summary", summary)
        event.add("description", f"Your {WEEKDAYS[day]} workout: open Hip & Core Coach.")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def plan_file(
    days: Iterable[int], at: time, *, title: str | None, minutes: int | None, now: datetime
) -> str:
    """The plan as the program saves it: from today, in the system's time zone, for the
    routine due (or a plain title and a quarter of an hour when there is none)."""
    return plan_calendar(days, at, title=title or NO_ROUTINE[0],
                         minutes=minutes if minutes is not None else NO_ROUTINE[1],
                         today=now.astimezone().date(), stamp=now,
                         zone=local_zone_name())  # fmt: skip
