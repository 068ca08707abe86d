"""What the window and the command line both ask for, in one place.

:class:`Services` owns the catalogue, the person's plan (profile, opt-ins, own doses,
workout days), the due routine, the printed sheet, the calendar file, dose offers, what
each home card says, the blocks, and the stores behind them. The UI reaches the store
only through here (and the workout session's recorder, which is the store's workout log).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths
from coach.core.clock import Now, utc_now
from coach.core.routines import SAFETY_FILE
from coach.core.safety import SafetyRules, load_safety
from coach.files import private_folder, write_private
from coach.resources import Resources
from coach.services.blocks import BlockLine, Blocks, block_dates
from coach.services.data import DataCare
from coach.services.home import HomeState, RoutineCard, clearance_note, lock_reason, routine_cards
from coach.services.person import PersonalPlan
from coach.services.routines import RoutineFiles
from coach.services.safety import SafetyCheck
from coach.store.checkins import CheckinLog
from coach.store.database import DatabaseError, OpenedDatabase, open_database
from coach.store.safety import SafetyLog
from coach.store.settings import OPT_INS, PLAN_DAYS, PROFILE, REMINDER, THEME, VOICE, Settings
from coach.store.workouts import WorkoutLog

if TYPE_CHECKING:
    from coach.services.progress import ProgressFigures
    from coach.store.history import History, SetLine, WorkoutDetail, WorkoutLine
    from coach.store.stats import ProgressStats
    from coach.store.transfer import ImportRefused, Report

# Loaded when first asked for, not at start-up: the history, the charts and export or
# import are opened later, if at all.
_LATER = {
    "History": "coach.store.history",
    "SetLine": "coach.store.history",
    "WorkoutDetail": "coach.store.history",
    "WorkoutLine": "coach.store.history",
    "ProgressStats": "coach.store.stats",
    "ImportRefused": "coach.store.transfer",
    "Report": "coach.store.transfer",
}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(_LATER[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "OPT_INS",
    "PLAN_DAYS",
    "PROFILE",
    "REMINDER",
    "THEME",
    "VOICE",
    "BlockLine",
    "Blocks",
    "DataCare",
    "DatabaseError",
    "History",
    "HomeState",
    "ImportRefused",
    "PersonalPlan",
    "ProgressStats",
    "Report",
    "RoutineCard",
    "RoutineFiles",
    "SafetyCheck",
    "SafetyLog",
    "Services",
    "SetLine",
    "Settings",
    "WorkoutDetail",
    "WorkoutLine",
    "WorkoutLog",
    "block_dates",
]


OWN_ROUTINES_README = """\
Put your own routines here as .toml files; they appear beside the built-in ones.
Copy one of the program's routine files to start from (they are in {builtin}).
An exercises.toml here can add exercises of your own.
"""


class Services:
    """Everything behind the screens, for one data folder."""

    @classmethod
    def open(cls, data_dir: Path, resources: Resources, now: Now = utc_now) -> Services:
        """The person's data and the program's files, as the window and the CLI use them.

        The data folder is made (owner only) here; one that cannot be written leaves the
        data in memory, with a notice, and no folder for own routines is made. Raises
        DatabaseError (a database of a newer version), SafetyFileError (the questions
        file is broken) or OSError (the folder cannot be used at all).
        """
        database = open_database(paths.database_path(data_dir))
        own = paths.user_routines_dir(data_dir)
        if database.unsaved is None and not own.exists():
            private_folder(own)
            readme = OWN_ROUTINES_README.format(builtin=resources.routines)
            write_private(own / "README.txt", readme.encode("utf-8"))
        rules = load_safety(resources.routines / SAFETY_FILE)
        return cls(resources=resources, data_dir=data_dir, database=database, rules=rules,
                   now=now)  # fmt: skip

    def __init__(
        self,
        *,
        resources: Resources,
        data_dir: Path,
        database: OpenedDatabase,
        rules: SafetyRules,
        now: Now,
    ) -> None:
        self.resources = resources
        self.data_dir = data_dir
        self.rules = rules
        self.now = now
        self.routines = RoutineFiles(resources, paths.user_routines_dir(data_dir))
        self.settings = Settings(database, now)
        self.workouts = WorkoutLog(database, now)  # the workout session's recorder
        self.safety = SafetyCheck(SafetyLog(database, now), self.settings, rules, now)
        self.checkins = CheckinLog(database, now)
        self._database = database
        self.data = DataCare(database, paths.backups_dir(data_dir), now)
        self.plan = PersonalPlan(
            routines=self.routines, settings=self.settings, workouts=self.workouts,
            checkins=self.checkins, rules=rules, resources=resources, now=now,
        )  # fmt: skip
        self.blocks = Blocks(self.checkins, self.plan.plan_history, self.routine_title, now)

    @cached_property
    def stats(self) -> ProgressStats:
        from coach.store.stats import ProgressStats

        return ProgressStats(self._database)

    @cached_property
    def history(self) -> History:
        from coach.store.history import History

        return History(self._database)

    def today(self) -> date:
        return self.now().astimezone().date()

    def routine_title(self, routine_id: str) -> str | None:
        loaded = self.routines.catalogue().routine(routine_id)
        return loaded.routine.title if loaded else None

    def progress(self) -> ProgressFigures:
        """The progress charts' figures (made when the screen is first opened)."""
        from coach.services.progress import ProgressFigures

        blocks = self.checkins.blocks
        return ProgressFigures(
            self.stats,
            self.routines.exercise_name,
            self.plan.plan_history,
            lambda: blocks()[-1].started_at if blocks() else None,  # the latest block's start
            self.now,
            lambda: self.data.in_memory,
        )

    def home(self) -> HomeState:
        """Everything the home screen says, as things are now."""
        catalogue = self.routines.catalogue()
        reason = lock_reason(self.safety)
        return HomeState(
            cards=routine_cards(catalogue, self.plan, self.now()),
            errors=catalogue.errors,
            week=self.plan.week().sentence(stopped=reason is not None),
            lock_reason=reason,
            history_note=clearance_note(self.safety.last_clearance()),
            block_note=self.blocks.note(),
            past_blocks=bool(self.blocks.readable()),
        )
