"""The way to a workout passes through here: lock, screen, halt or notices, then Start.

Signals:
    start_cleared(str): the routine with this id may start now.
    back_home(): the person is done here (after a halt, or after the first screen).
    changed(): the lock, the profile or the opt-ins changed; the home screen should refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.core.routines import Exercise
from coach.core.safety import (
    HaltKind,
    Lock,
    Profile,
    Question,
    ScreenKind,
    screen_due,
)
from coach.core.session import Halt
from coach.services import OPT_INS, PROFILE, Services
from coach.ui.safety.halt import HaltView, NoticeView
from coach.ui.safety.view import Ask, SafetyView

FACT = "fact:"
AGREED = "agreed:"
OPT_IN = "opt-in:"


def when_text(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return f"Recorded today at {local:%H:%M}."
    return f"Recorded on {local:%A %-d %B} at {local:%H:%M}."


class SafetyFlow(QObject):
    start_cleared = Signal(str)
    back_home = Signal()
    changed = Signal()

    def __init__(
        self, services: Services, show: Callable[[QWidget], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.rules = services.rules
        self._show = show
        self._now = services.now
        self.safety_view = SafetyView()
        self.halt_view = HaltView()
        self.notice_view = NoticeView()
        self.views: list[QWidget] = [self.safety_view, self.halt_view, self.notice_view]
        self._routine: str | None = None
        self._screen: ScreenKind | None = None  # None: the profile, not a screen
        self._questions: list[Question] = []
        self.safety_view.answered.connect(self._on_safety_view_answered)
        self.safety_view.cancelled.connect(self.back_home.emit)
        self.halt_view.cleared.connect(self._on_halt_view_cleared)
        self.halt_view.done.connect(self.back_home.emit)
        self.notice_view.accepted.connect(self._on_notice_view_accepted)
        self.notice_view.declined.connect(self.back_home.emit)

    # What the rest of the program asks.

    def first_run(self) -> bool:
        """The full screen before anything else, the first time. True if it is shown."""
        if self._services.safety.last_full_screen() is not None:
            return False
        self._ask(ScreenKind.FULL, routine=None)
        return True

    def before_workout(self, routine_id: str) -> None:
        lock = self._services.lock()
        if lock is not None:
            self.show_lock(lock)
            return
        due = screen_due(self._services.safety.last_full_screen(), self._now())
        self._ask(ScreenKind.FULL if due == "full" else ScreenKind.SHORT, routine=routine_id)

    def show_lock(self, lock: Lock) -> None:
        self.halt_view.show_halt(
            self.rules.halt[lock.halt],
            when=when_text(lock.since, self._now()),
            can_clear=lock.clinician_can_lift,
        )
        self._show(self.halt_view)

    def show_halt(self, halt: Halt) -> None:
        """A workout stopped for safety (already recorded): say what to do."""
        self.changed.emit()
        self._say_halt(halt.kind, halt.at, " The sets you finished are saved.")

    def _say_halt(self, kind: HaltKind, at: datetime, more: str = "") -> None:
        self.halt_view.show_halt(
            self.rules.halt[kind],
            when=when_text(at, self._now()) + more,
            can_clear=kind is HaltKind.RADIATING,
        )
        self._show(self.halt_view)

    # The profile and settings.

    def edit_profile(self, opt_in_exercises: list[Exercise]) -> None:
        """The warn-only facts and the opt-in exercises, with the answers given before."""
        settings = self._services.settings
        profile, opted = settings.read(PROFILE), settings.read(OPT_INS)
        asks = self._fact_asks()
        given = {FACT + k: v for k, v in profile.facts.items()}
        given |= {AGREED + k: v for k, v in profile.agreed.items()}
        for exercise in opt_in_exercises:
            cautions = " ".join(exercise.cautions)
            asks.append(Ask(OPT_IN + exercise.id, f"Include the {exercise.name.lower()} in your"
                            f" routines? It is opt-in. {cautions}"))  # fmt: skip
            given[OPT_IN + exercise.id] = exercise.id in opted
        self._screen, self._routine = None, None
        self.safety_view.ask(
            "Your profile and settings",
            "These shape your routines: an exercise that does not suit you is left out, and"
            " the list of routines says why. Change an answer with Y or N.",
            asks,
            given=given,
            button="Save",
        )
        self._show(self.safety_view)

    def _fact_asks(self) -> list[Ask]:
        asks = []
        for fact in self.rules.fact:
            asks.append(Ask(FACT + fact.id, fact.text))
            if fact.unless:
                asks.append(Ask(AGREED + fact.id, fact.unless, follows=FACT + fact.id))
        return asks

    # The screen.

    def _ask(self, screen: ScreenKind, routine: str | None) -> None:
        self._screen, self._routine = screen, routine
        full = screen is ScreenKind.FULL
        self._questions = self.rules.full_screen() if full else self.rules.short_screen()
        asks = [Ask(q.id, q.text) for q in self._questions]
        if full:
            asks += self._fact_asks()
            heading = "A few questions first"
            intro = (
                "Answer each one yes or no. They check for signs that need a clinician"
                " rather than exercise. You will see them all once a week, and a short"
                " set before every workout."
            )
        else:
            heading = "Before this workout"
            intro = "Answer each one yes or no, as things are today."
        self.safety_view.ask(heading, intro, asks)
        self._show(self.safety_view)

    def _on_safety_view_answered(self, answers: dict[str, bool]) -> None:
        settings = self._services.settings
        if self._screen is None:  # the profile
            opted = {k.removeprefix(OPT_IN) for k, v in answers.items()
                     if k.startswith(OPT_IN) and v}  # fmt: skip
            settings.write((PROFILE, _profile_from(answers)), (OPT_INS, frozenset(opted)))
            self.changed.emit()
            self.back_home.emit()
            return
        questions = {k: v for k, v in answers.items() if not k.startswith((FACT, AGREED, OPT_IN))}
        verdict = self.rules.assess(self._questions, questions)
        at = self._services.safety.record(self._screen, verdict, answers)
        if self._screen is ScreenKind.FULL:
            settings.write((PROFILE, _profile_from(answers)))
        self.changed.emit()
        if verdict.halt is not None:  # recorded above with the answers: say what to do
            self._say_halt(verdict.halt, at)
            return
        if self._routine is None:
            self.back_home.emit()
            return
        profile_messages = self.rules.profile_effects(settings.read(PROFILE)).messages
        messages = verdict.warnings + profile_messages
        if messages:
            self.notice_view.show_messages(messages)
            self._show(self.notice_view)
        else:
            self.start_cleared.emit(self._routine)

    def _on_notice_view_accepted(self) -> None:
        if self._routine is not None:
            self.start_cleared.emit(self._routine)

    def _on_halt_view_cleared(self) -> None:
        self._services.safety.record_clearance()
        self.changed.emit()
        self.back_home.emit()


def _profile_from(answers: dict[str, bool]) -> Profile:
    return Profile(
        facts={k.removeprefix(FACT): v for k, v in answers.items() if k.startswith(FACT)},
        agreed={k.removeprefix(AGREED): v for k, v in answers.items() if k.startswith(AGREED)},
    )
