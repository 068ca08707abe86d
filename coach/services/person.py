"""The routines as this person does them: their week of each routine, the exercises
they turned on or are kept from, their own doses, their workout days; and what follows
from those: today's plan, the routine due, this week, dose offers, the printed sheet and
the calendar file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.calendar import NO_ROUTINE, plan_file
from coach.core.clock import Now
from coach.core.phases import planned_minutes
from coach.core.plan import PlanHistory, WeekStatus, due_routine, week_status
from coach.core.progression import DoseOffer, lighter, suggest
from coach.core.records import replace
from coach.core.routines import Exercise, LoadedRoutine, OwnDose, Person, PlannedExercise
from coach.core.safety import SafetyRules
from coach.files import write_private
from coach.resources import Resources
from coach.services.routines import RoutineFiles
from coach.store.checkins import CheckinLog
from coach.store.settings import (
    DOSE_DECISIONS,
    OPT_INS,
    OWN_DOSES,
    PLAN_DAYS,
    PROFILE,
    Setting,
    Settings,
)
from coach.store.workouts import DoneDates, WorkoutLog

if TYPE_CHECKING:
    from coach.core.sheet import Sheet


class PersonalPlan:
    def __init__(
        self,
        *,
        routines: RoutineFiles,
        settings: Settings,
        workouts: WorkoutLog,
        checkins: CheckinLog,
        rules: SafetyRules,
        resources: Resources,
        now: Now,
    ) -> None:
        self._routines = routines
        self._settings = settings
        self._workouts = workouts
        self._checkins = checkins
        self._rules = rules
        self._resources = resources
        self._now = now

    def _today(self) -> date:
        return self._now().astimezone().date()

    def person(self) -> Person:
        """The week each routine is in (from the local date it was first done), the
        exercises turned on, and those the person's answers leave out."""
        done = self._workouts.done_dates()
        profile = self._settings.read(PROFILE)
        return Person(
            first_done={routine: d.first.astimezone().date() for routine, d in done.items()},
            opt_ins=self._settings.read(OPT_INS),
            hidden_tags=self._rules.profile_effects(profile, self._today()).hidden_tags,
        )

    def done_dates(self) -> dict[str, DoneDates]:
        return self._workouts.done_dates()

    def own_doses(self, routine_id: str) -> dict[str, OwnDose]:
        return dict(self._settings.read(OWN_DOSES).get(routine_id, {}))

    def plan(self, loaded: LoadedRoutine, person: Person | None = None) -> list[PlannedExercise]:
        """The routine as this person does it today: an exercise after which back pain
        rose last time is one step lighter."""
        person = person or self.person()
        library = self._routines.catalogue().exercises
        planned = person.plan(loaded, library, self._today(), self.own_doses(loaded.routine.id))
        runs = self._workouts.pain_rose_runs(loaded.routine.id)
        return [self._lightened(p, runs.get(p.exercise.id, 0)) for p in planned]

    @staticmethod
    def _lightened(planned: PlannedExercise, times: int) -> PlannedExercise:
        if not times:
            return planned
        dose = lighter(planned.dose) or planned.dose
        step = "One step lighter today" if dose != planned.dose else "As light as it goes"
        if times == 1:
            note = f"{step}: your back pain rose after it last time."
        else:
            note = (
                f"{step}: your back pain rose after it in your last two workouts. Please have"
                " a GP or physiotherapist check it before you go on with this exercise."
            )
        return replace(planned, dose=dose, note=note)

    def left_out(
        self, loaded: LoadedRoutine, person: Person | None = None
    ) -> list[tuple[Exercise, str]]:
        return (person or self.person()).left_out(loaded, self._routines.catalogue().exercises)

    def due_routine(self) -> LoadedRoutine | None:
        """The routine a reminder is for: the current block's, else the last one done,
        else the first."""
        catalogue = self._routines.catalogue()
        block = self._checkins.current_block()
        done = self._workouts.done_dates()
        routine_id = due_routine(
            block.routine_id if block else None,
            {routine: dates.last for routine, dates in done.items()},
            [loaded.routine.id for loaded in catalogue.routines],
        )
        return catalogue.routine(routine_id) if routine_id else None

    def due_title_and_minutes(self) -> tuple[str, int]:
        """The due routine's title and length today; a plain title and a quarter of an
        hour when there is no routine."""
        loaded = self.due_routine()
        if loaded is None:
            return NO_ROUTINE
        return loaded.routine.title, planned_minutes(self.plan(loaded))

    def plan_days(self) -> frozenset[int]:
        """The workout days in force from today."""
        return self.plan_history().current

    def plan_history(self) -> PlanHistory:
        return self._settings.read(PLAN_DAYS)

    def plan_change(self, days: Iterable[int]) -> tuple[Setting[PlanHistory], PlanHistory]:
        """The setting that makes `days` the plan from today on (earlier days keep the
        plan they had), to be written with others in one go."""
        return PLAN_DAYS, self.plan_history().changed(days, self._today())

    def week(self, today: date | None = None) -> WeekStatus:
        """Workouts done since the Monday of today's week (or that day's) against the days
        planned for it."""
        today = today or self._today()
        monday = today - timedelta(days=today.weekday())
        since = datetime.combine(monday, time()).astimezone()
        return week_status(self.plan_history(), today, self._workouts.done_days(since))

    def reminder_text(self) -> str | None:
        """What the plan-day notification says, or None when there is nothing to remind
        of (today's workout is done, or there is no routine)."""
        if self.week().done_today or self.due_routine() is None:
            return None
        title, minutes = self.due_title_and_minutes()
        return f"{title}, about {minutes} minutes. Click to start."

    def pain_rose_notes(self, routine_id: str, exercise_names: dict[str, str]) -> list[str]:
        """After a workout in which back pain rose: what happens next time, for each
        exercise (id -> name), and a check-up after twice in a row."""
        runs = self._workouts.pain_rose_runs(routine_id)
        notes = []
        for exercise_id, name in exercise_names.items():
            if runs.get(exercise_id, 0) >= 2:
                notes.append(
                    f"Your back pain rose after the {name.lower()} in your last two workouts."
                    " Please have a GP or physiotherapist check it before you go on with it;"
                    " until then it is one step lighter."
                )
            elif exercise_id in runs:
                notes.append(
                    f"Your back pain rose after the {name.lower()}: next time it is one step"
                    " lighter."
                )
        return notes

    # Progression.

    def dose_offers(self, routine_id: str) -> list[DoseOffer]:
        """A suggestion for each exercise whose last workouts call for one."""
        loaded = self._routines.catalogue().routine(routine_id)
        if loaded is None:
            return []
        decided = self._settings.read(DOSE_DECISIONS).get(routine_id, {})
        offers = []
        for planned in self.plan(loaded):
            exercise, dose = planned.exercise, planned.dose
            since = decided.get(exercise.id, "")
            feelings = self._workouts.feelings(routine_id, exercise.id, since)
            suggestion = suggest(feelings, sets=dose.sets, reps=dose.reps)
            if suggestion is not None:
                offers.append(DoseOffer(routine_id, exercise.id, exercise.name, dose.sets,
                                        dose.reps, suggestion))  # fmt: skip
        return offers

    def decide(self, offer: DoseOffer, *, accepted: bool) -> None:
        """The person's answer to an offer, saved with its time: feelings from before it
        no longer count toward the next suggestion."""
        decided = {r: dict(e) for r, e in self._settings.read(DOSE_DECISIONS).items()}
        at = self._now().isoformat(timespec="microseconds")
        decided.setdefault(offer.routine_id, {})[offer.exercise_id] = at
        changes: list[tuple[Setting[Any], Any]] = [(DOSE_DECISIONS, decided)]
        if accepted:
            doses = {r: dict(e) for r, e in self._settings.read(OWN_DOSES).items()}
            dose = OwnDose(offer.suggestion.sets, offer.suggestion.reps)
            doses.setdefault(offer.routine_id, {})[offer.exercise_id] = dose
            changes.insert(0, (OWN_DOSES, doses))
        self._settings.write(*changes)

    # On paper and in the calendar.

    def sheet(self, routine_id: str) -> Sheet | None:
        """The printed sheet of a routine as this person does it."""
        from coach.core.poses import read_figures
        from coach.core.sheet import build_sheet  # loaded when first printed

        catalogue = self._routines.catalogue()
        loaded = catalogue.routine(routine_id)
        if loaded is None:
            return None
        person = self.person()
        return build_sheet(
            loaded,
            catalogue.exercises,
            self._rules,
            pictures=self._resources.pictures,
            printed=self._today(),
            plan_days=sorted(self.plan_days()),
            opt_in_allowed=sorted(person.opt_ins),
            hidden_tags=person.hidden_tags,
            own_doses=self.own_doses(routine_id),
            figures=read_figures(self._resources.figures),
        )

    def calendar_file(self, days: Iterable[int], at: time) -> str:
        """The plan days as iCalendar text, for the routine due."""
        title, minutes = self.due_title_and_minutes()
        return plan_file(days, at, title=title, minutes=minutes, now=self._now())

    def save_calendar(self, path: Path, days: Iterable[int], at: time) -> None:
        """The .ics file, written whole, readable by the owner only (it tells when you
        train). OSError when it cannot be written."""
        write_private(path, self.calendar_file(days, at).encode("utf-8"))
