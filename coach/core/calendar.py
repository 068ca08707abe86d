"""Reminders for the weekly plan: when the next one is due, and the plan as iCalendar.

A reminder is a time of day on each plan day. While the program runs it notifies then;
the .ics file puts the same days in the person's own calendar, one weekly repeating
event per day, in their own time zone so the time stays put across daylight saving.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.core.plan import WEEKDAYS

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DEFAULT_TIME = time(18, 0)
NO_ROUTINE = ("Hip and core workout", 15)  # title and minutes when no routine is due
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Reminder:
    """Notify at ``at`` on plan days (only while the program runs), if ``on``."""

    on: bool = False
    at: time = DEFAULT_TIME

    def to_dict(self) -> dict[str, bool | str]:
        return {"on": self.on, "time": f"{self.at:%H:%M}"}

    @classmethod
    def from_dict(cls, value: dict[str, object]) -> Reminder:
        """From a stored dict already checked by :func:`reminder_problem`."""
        text = value.get("time")
        at = time.fromisoformat(text) if isinstance(text, str) else DEFAULT_TIME
        return cls(on=bool(value.get("on", False)), at=at)


def reminder_problem(value: object) -> str | None:
    """Why a stored value cannot be a reminder, or None when it can."""
    if not isinstance(value, dict):
        return 'should be an object with "on" and "time"'
    if set(value) - {"on", "time"}:
        return 'should hold only "on" and "time"'
    if not isinstance(value.get("on", False), bool):
        return 'should give "on" as true or false'
    text = value.get("time", "18:00")
    if not isinstance(text, str) or not _TIME.match(text):
        return f'should give "time" as hours and minutes, like "07:30", not {text!r}'
    return None


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


# iCalendar (RFC 5545).


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets go on in lines that begin with a space."""
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _offset(delta: timedelta | None) -> str:
    minutes = round((delta or timedelta()).total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The UTC moments in [start, end) when the zone's offset changes, to the minute."""
    found = []
    day = start
    while day < end:
        following = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            low, high = day, following  # the change is in (low, high]
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    middle = low + timedelta(minutes=1)
                if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high)
        day = following
    return found


def vtimezone(name: str, year: int, years: int = 10) -> list[str]:
    """The zone's offsets from ``year`` on, for calendars that do not know it by name."""
    zone = ZoneInfo(name)
    start = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + years, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    changes = _transitions(zone, start, end)
    if not changes:
        local = start.astimezone(zone)
        offset = _offset(local.utcoffset())
        return [*lines, "BEGIN:STANDARD", f"DTSTART:{year}0101T000000",
                f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}",
                f"TZNAME:{_escape(local.tzname() or name)}", "END:STANDARD",
                "END:VTIMEZONE"]  # fmt: skip
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for moment in changes:
        before = (moment - timedelta(minutes=1)).astimezone(zone)
        after = moment.astimezone(zone)
        kind = "DAYLIGHT" if after.dst() else "STANDARD"
        key = (kind, _offset(before.utcoffset()), _offset(after.utcoffset()), after.tzname() or "")
        # The local time the change happens at, as clocks showed it just before.
        local = moment.replace(tzinfo=None) + (before.utcoffset() or timedelta())
        groups.setdefault(key, []).append(f"{local:%Y%m%dT%H%M%S}")
    for (kind, offset_from, offset_to, label), starts in groups.items():
        lines += [f"BEGIN:{kind}", f"DTSTART:{starts[0]}"]
        lines += [f"RDATE:{moment}" for moment in starts[1:]]
        lines += [f"TZOFFSETFROM:{offset_from}", f"TZOFFSETTO:{offset_to}"]
        lines += [f"TZNAME:{_escape(label)}"] if label else []
        lines.append(f"END:{kind}")
    return [*lines, "END:VTIMEZONE"]


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
    chosen = sorted(set(days))
    if not chosen or not all(0 <= d <= 6 for d in chosen):
        raise ValueError(f"a plan needs one or more weekdays from 0 to 6, not {chosen}")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hip & Core Coach//Weekly plan//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]  # fmt: skip
    if zone is not None:
        lines += vtimezone(zone, today.year)
    summary = _escape(f"{title} (Hip & Core Coach)")
    for day in chosen:
        first = today + timedelta(days=(day - today.weekday()) % 7)
        start = f"{first:%Y%m%d}T{at:%H%M}00"
        lines += [
            "BEGIN:VEVENT",
            f"UID:hip-and-core-coach-plan-{ICAL_DAYS[day].lower()}@coach.invalid",
            f"DTSTAMP:{stamp.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"DTSTART;TZID={zone}:{start}" if zone else f"DTSTART:{start}",
            f"DURATION:PT{max(1, minutes)}M",
            f"RRULE:FREQ=WEEKLY;BYDAY={ICAL_DAYS[day]}",
            f"SUMMARY:{summary}",
            f"DESCRIPTION:{_escape(f'Your {WEEKDAYS[day]} workout: open Hip & Core Coach.')}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{summary}",
            "TRIGGER:PT0M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def plan_file(
    days: Iterable[int], at: time, *, title: str | None, minutes: int | None, now: datetime
) -> str:
    """The plan as the program saves it: from today, in the system's time zone, for the
    routine due (or a plain title and a quarter of an hour when there is none)."""
    return plan_calendar(days, at, title=title or NO_ROUTINE[0],
                         minutes=minutes if minutes is not None else NO_ROUTINE[1],
                         today=now.astimezone().date(), stamp=now,
                         zone=local_zone_name())  # fmt: skip
