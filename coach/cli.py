"""The command line: a thin face on the services. Qt only for painting the printed sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from coach import paths
from coach.core.phases import planned_minutes
from coach.core.routines import SAFETY_FILE
from coach.core.safety import SafetyFileError, load_safety
from coach.resources import locate
from coach.services import DataCare, RoutineFiles, Services


def _services(
    out: TextIO, data_dir: Path, said: str = "", *, go_on_after_damage: bool = False
) -> Services | None:
    """The services for this data folder, or None when they cannot open (said to `out`,
    after `said`). What opening found (a damaged file kept aside) is always said; when
    it was found just now the command stops there, unless `go_on_after_damage` (an
    import, which is how data comes back)."""
    from coach.services import DatabaseError

    try:
        services = Services.open(data_dir, locate())
    except (DatabaseError, SafetyFileError) as error:
        print(f"coach: {said}{error}", file=out)
        return None
    notice = services.data.notice
    if services.data.unsaved is not None and not services.data.damage_found_now:
        # The window's words speak of workouts and its Data menu; here, plainly:
        notice = (
            f"{data_dir}: {services.data.unsaved}. It is read as it is, and nothing in it"
            " is changed."
        )
    if notice is not None:
        print(f"coach: {notice}", file=out)
        if services.data.damage_found_now and not go_on_after_damage:
            print(f"coach: {said or 'nothing was done. '}Run the command again to go on"
                  " with the new, empty file.", file=out)  # fmt: skip
            return None
    return services


def list_routines(data_dir: Path, out: TextIO) -> int:
    """Each routine with its length and exercises, then every broken file. 1 if any is broken."""
    resources = locate()
    catalogue = RoutineFiles(resources, paths.user_routines_dir(data_dir)).catalogue()
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
    services = _services(out, data_dir)
    if services is None:
        return 1
    try:
        written = services.data.export(target, kind)
    except OSError as error:
        print(f"coach: {target} could not be written: {error.strerror or error}", file=out)
        return 1
    print(f"Exported {written} to {target}.", file=out)
    return 0


def import_data(data_dir: Path, source: Path, out: TextIO) -> int:
    """`coach import`: merge an export into the data folder, or refuse and change nothing."""
    from coach.instance import InstanceLock
    from coach.services import ImportRefused

    lock = InstanceLock(data_dir)
    if lock.acquire() is False:
        print(
            f"coach: nothing was imported. Hip & Core Coach is open on {data_dir}: close it"
            " first, or use Data > Import in its window.",
            file=out,
        )
        return 1
    try:
        tables = DataCare.read(source)  # checked whole before the data folder is opened
        services = _services(out, data_dir, "nothing was imported. ", go_on_after_damage=True)
        if services is None:
            return 1
        if services.data.unsaved is not None:  # it would be kept in memory, then lost
            print(f"coach: nothing was imported: {services.data.unsaved}.", file=out)
            return 1
        report = services.data.merge(tables)
    except ImportRefused as error:
        print(f"coach: nothing was imported. {error}", file=out)
        return 1
    finally:
        lock.release()
    print(f"Imported {source} into {data_dir}. {report.sentence()}", file=out)
    return 0


def print_sheet(data_dir: Path, routine_id: str, target: Path, paper: str, out: TextIO) -> int:
    """`coach print`: the person's own version of a routine as a PDF sheet."""
    from PySide6.QtGui import QGuiApplication  # noqa: TID251  (painting needs Qt's fonts)

    from coach.ui.sheet import write_pdf

    catalogue = RoutineFiles(locate(), paths.user_routines_dir(data_dir)).catalogue()
    if catalogue.routine(routine_id) is None:
        known = ", ".join(r.routine.id for r in catalogue.routines)
        print(f"coach: there is no routine '{routine_id}'. Routines: {known}", file=out)
        return 2
    services = _services(out, data_dir)
    if services is None:
        return 1
    sheet = services.plan.sheet(routine_id)
    assert sheet is not None
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
    from datetime import time

    from coach.core.calendar import local_zone_name
    from coach.core.plan import WEEKDAYS
    from coach.services import REMINDER

    services = _services(out, data_dir)
    if services is None:
        return 1
    reminder = services.settings.read(REMINDER)
    at = reminder.at
    if at_text is not None:
        try:
            at = time.fromisoformat(at_text)
        except ValueError:
            print(f"coach: --time wants hours and minutes, like 07:30, not {at_text!r}", file=out)
            return 2
    days = sorted(services.plan.plan_days())
    title, minutes = services.plan.due_title_and_minutes()  # as the window plans it today
    names = ", ".join(WEEKDAYS[d] for d in days)
    if ics is None:
        state = "on" if reminder.on else "off"
        print(f"Workout days: {names}", file=out)
        print(f"Reminder: {reminder.at:%H:%M}, {state} (while the program is open)", file=out)
        print(f"Routine: {title}, about {minutes} min", file=out)
        return 0
    try:
        services.plan.save_calendar(ics, days, at)
    except OSError as error:
        print(f"coach: {ics} could not be written: {error.strerror or error}", file=out)
        return 1
    zone = local_zone_name()
    where = f" ({zone})" if zone else " (local time)"
    print(f"Wrote {ics}: {title} on {names} at {at:%H:%M}{where}.", file=out)
    return 0
