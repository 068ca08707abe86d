"""Command-line views of the program's data. Qt only for painting the printed sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from coach import paths
from coach.core.routines import SAFETY_FILE, load_catalogue
from coach.core.safety import SafetyFileError, load_safety
from coach.core.workout import planned_minutes
from coach.resources import locate


def list_routines(data_dir: Path, out: TextIO) -> int:
    """Each routine with its length and exercises, then every broken file. 1 if any is broken."""
    resources = locate()
    catalogue = load_catalogue(
        resources.routines, paths.user_routines_dir(data_dir), picture_dirs=[resources.pictures]
    )
    for loaded in catalogue.routines:
        routine = loaded.routine
        plan = loaded.plan(catalogue.exercises)
        origin = "" if loaded.builtin else f"  [your own: {loaded.path}]"
        print(f"{routine.id}  {routine.title}  ({planned_minutes(plan)} min){origin}", file=out)
        for planned in plan:
            print(f"    - {planned.exercise.name}", file=out)
        for exercise, reason in loaded.left_out(catalogue.exercises):
            print(f"    - {exercise.name} (left out: {reason})", file=out)
    errors = list(catalogue.errors)
    try:
        load_safety(resources.routines / SAFETY_FILE)
    except SafetyFileError as broken:
        errors.append(broken.error)
    if errors:
        print(f"\n{len(errors)} routine file(s) could not be read:", file=out)
        for error in errors:
            print(f"  {error}", file=out)
        return 1
    return 0


def export_data(data_dir: Path, target: Path, kind: str, out: TextIO) -> int:
    """`coach export`: everything, to one JSON file or a zip of CSV files."""
    from datetime import UTC, datetime

    from coach.store.database import DatabaseError, open_database
    from coach.store.transfer import counts, export_file

    try:
        database = open_database(paths.database_path(data_dir))
        tables = export_file(database, target, kind, datetime.now(UTC))
    except DatabaseError as error:
        print(f"coach: {error}", file=out)
        return 1
    except OSError as error:
        print(f"coach: {target} could not be written: {error.strerror or error}", file=out)
        return 1
    print(f"Exported {counts(tables)} to {target}.", file=out)
    return 0


def import_data(data_dir: Path, source: Path, out: TextIO) -> int:
    """`coach import`: merge an export into the data folder, or refuse and change nothing."""
    from coach.instance import InstanceLock
    from coach.store.database import DatabaseError, open_database
    from coach.store.transfer import ImportRefused, import_tables, read_file

    lock = InstanceLock(data_dir)
    if lock.acquire() is False:
        print(
            f"coach: nothing was imported. Hip & Core Coach is open on {data_dir}: close it"
            " first, or use Data > Import in its window.",
            file=out,
        )
        return 1
    try:
        tables = read_file(source)
        database = open_database(paths.database_path(data_dir))
        report = import_tables(database, tables)
    except (ImportRefused, DatabaseError) as error:
        print(f"coach: nothing was imported. {error}", file=out)
        return 1
    finally:
        lock.release()
    print(f"Imported {source} into {data_dir}. {report.sentence()}", file=out)
    return 0


def print_sheet(data_dir: Path, routine_id: str, target: Path, paper: str, out: TextIO) -> int:
    """`coach print`: the person's own version of a routine as a PDF sheet."""
    from datetime import date

    from PySide6.QtGui import QGuiApplication  # noqa: TID251  (painting needs Qt's fonts)

    from coach.core.sheet import build_sheet
    from coach.store.checkins import CheckinLog
    from coach.store.database import DatabaseError, open_database
    from coach.store.safety_log import SafetyLog
    from coach.ui.sheet import write_pdf

    resources = locate()
    catalogue = load_catalogue(
        resources.routines, paths.user_routines_dir(data_dir), picture_dirs=[resources.pictures]
    )
    loaded = catalogue.routine(routine_id)
    if loaded is None:
        known = ", ".join(r.routine.id for r in catalogue.routines)
        print(f"coach: there is no routine '{routine_id}'. Routines: {known}", file=out)
        return 2
    try:
        rules = load_safety(resources.routines / SAFETY_FILE)
        database = open_database(paths.database_path(data_dir))
    except (SafetyFileError, DatabaseError) as error:
        print(f"coach: {error}", file=out)
        return 1
    safety, checkins = SafetyLog(database), CheckinLog(database)
    sheet = build_sheet(
        loaded,
        catalogue.exercises,
        rules,
        pictures=resources.pictures,
        printed=date.today(),
        plan_days=sorted(checkins.plan_days()),
        opt_in_allowed=sorted(safety.opt_ins()),
        hidden_tags=rules.profile_effects(safety.profile()).hidden_tags,
        own_doses=checkins.own_doses(routine_id),
    )
    if QGuiApplication.instance() is None:
        # No window is opened, so no display is needed: draw with the offscreen platform.
        _app = QGuiApplication(["coach", "-platform", "offscreen"])
    try:
        pages = write_pdf(sheet, target, paper)
    except OSError as error:
        print(f"coach: {target} could not be written: {error.strerror or error}", file=out)
        return 1
    print(f"Wrote {target}: {sheet.title}, {pages} page{'s' if pages != 1 else ''}, {paper}.",
          file=out)  # fmt: skip
    return 0


def show_plan(data_dir: Path, ics: Path | None, at_text: str | None, out: TextIO) -> int:
    """`coach plan`: the workout days and reminder; with a file, the days as iCalendar."""
    from datetime import UTC, datetime, time

    from coach.core.calendar import NO_ROUTINE, local_zone_name, plan_file
    from coach.core.plan import WEEKDAYS, due_routine
    from coach.store.checkins import CheckinLog
    from coach.store.coaching import CoachingSettings, save_calendar
    from coach.store.database import DatabaseError, open_database
    from coach.store.log import WorkoutLog
    from coach.store.safety_log import SafetyLog

    try:
        database = open_database(paths.database_path(data_dir))
    except DatabaseError as error:
        print(f"coach: {error}", file=out)
        return 1
    now = datetime.now(UTC)
    checkins = CheckinLog(database)
    days = sorted(checkins.plan_days())
    reminder = CoachingSettings(database, lambda: now).reminder()
    at = reminder.at
    if at_text is not None:
        try:
            at = time.fromisoformat(at_text)
        except ValueError:
            print(f"coach: --time wants hours and minutes, like 07:30, not {at_text!r}", file=out)
            return 2
    resources = locate()
    catalogue = load_catalogue(
        resources.routines, paths.user_routines_dir(data_dir), picture_dirs=[resources.pictures]
    )
    try:
        rules = load_safety(resources.routines / SAFETY_FILE)
    except SafetyFileError as error:
        print(f"coach: {error}", file=out)
        return 1
    block = checkins.current_block()
    done = WorkoutLog(database).done_dates()
    routine_id = due_routine(
        block.routine_id if block else None,
        {routine: dates.last for routine, dates in done.items()},
        [loaded.routine.id for loaded in catalogue.routines],
    )
    loaded = catalogue.routine(routine_id) if routine_id else None
    title, minutes = NO_ROUTINE
    if loaded is not None:
        title = loaded.routine.title
        person = SafetyLog(database).person(rules, done)  # as the window plans it today
        plan = person.plan(loaded, catalogue.exercises, now.astimezone().date(),
                           checkins.own_doses(loaded.routine.id))  # fmt: skip
        minutes = planned_minutes(plan)
    names = ", ".join(WEEKDAYS[d] for d in days)
    if ics is None:
        state = "on" if reminder.on else "off"
        print(f"Workout days: {names}", file=out)
        print(f"Reminder: {reminder.at:%H:%M}, {state} (while the program is open)", file=out)
        print(f"Routine: {title}, about {minutes} min", file=out)
        return 0
    zone = local_zone_name()
    text = plan_file(days, at, title=title, minutes=minutes, now=now)
    try:
        save_calendar(ics, text)
    except OSError as error:
        print(f"coach: {ics} could not be written: {error.strerror or error}", file=out)
        return 1
    where = f" ({zone})" if zone else " (local time)"
    print(f"Wrote {ics}: {title} on {names} at {at:%H:%M}{where}.", file=out)
    return 0
