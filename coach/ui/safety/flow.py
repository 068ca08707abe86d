"""The way to a workout passes through here: lock, screen, halt or notices, then Start.

Signals:
    start_cleared(str): the routine with this id may start now.
    back_home(): the person is done here (after a halt, or after the first screen).
    changed(): the lock, the profile or the opt-ins changed; the home screen should refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.core.routines import Exercise
from coach.core.safety import (
    HaltKind,
    Lock,
    Profile,
    ProfileEffects,
    Question,
    SafetyRules,
    Verdict,
    screen_due,
    workout_lock,
)
from coach.store.safety_log import AFTER_EXERCISE, FULL_SCREEN, SHORT_SCREEN, SafetyLog
from coach.ui.safety.halt import HaltView, NoticeView
from coach.ui.safety.view import Ask, SafetyView

FACT = "fact:"
AGREED = "agreed:"
OPT_IN = "opt-in:"
PROFILE = "profile"


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
        self,
        rules: SafetyRules,
        log: SafetyLog,
        show: Callable[[QWidget], None],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules
        self.log = log
        self._show = show
        self._now = now
        self.safety_view = SafetyView()
        self.halt_view = HaltView()
        self.notice_view = NoticeView()
        self.views: list[QWidget] = [self.safety_view, self.halt_view, self.notice_view]
        self._routine: str | None = None
        self._screen = SHORT_SCREEN
        self._questions: list[Question] = []
        self.safety_view.answered.connect(self._on_safety_view_answered)
        self.safety_view.cancelled.connect(self.back_home.emit)
        self.halt_view.cleared.connect(self._on_halt_view_cleared)
        self.halt_view.done.connect(self.back_home.emit)
        self.notice_view.accepted.connect(self._on_notice_view_accepted)
        self.notice_view.declined.connect(self.back_home.emit)

    # What the rest of the program asks.

    def lock(self) -> Lock | None:
        return workout_lock(self.log.halts(), self.log.clearances(), self._now())

    def profile_effects(self) -> ProfileEffects:
        return self.rules.profile_effects(self.log.profile())

    def first_run(self) -> bool:
        """The full screen before anything else, the first time. True if it is shown."""
        if self.log.last_full_screen() is not None:
            return False
        self._ask(FULL_SCREEN, routine=None)
        return True

    def before_workout(self, routine_id: str) -> None:
        lock = self.lock()
        if lock is not None:
            self.show_lock(lock)
            return
        due = screen_due(self.log.last_full_screen(), self._now())
        self._ask(FULL_SCREEN if due == "full" else SHORT_SCREEN, routine=routine_id)

    def show_lock(self, lock: Lock) -> None:
        self.halt_view.show_halt(
            self.rules.halt[lock.halt],
            when=when_text(lock.since, self._now()),
            can_clear=lock.clinician_can_lift,
        )
        self._show(self.halt_view)

    def halt(self, kind: HaltKind, screen: str, workout_id: int | None = None) -> None:
        """Record a halt (from a screen or during a workout) and say what to do."""
        at = self.log.record(screen, Verdict(halt=kind), workout_id=workout_id)
        self.changed.emit()
        when = when_text(at, self._now())
        if workout_id is not None:
            when += " The sets you finished are saved."
        self.halt_view.show_halt(
            self.rules.halt[kind],
            when=when,
            can_clear=kind is HaltKind.RADIATING,
        )
        self._show(self.halt_view)

    def exercise_dropped(self, exercise_id: str, workout_id: int) -> None:
        """Recorded: back pain rose 2+ points, so the exercise was left out of this workout."""
        warning = f"back pain 2 or more points higher after {exercise_id}: left out"
        answers = {"answer": "back pain 2 or more points higher", "exercise": exercise_id}
        self.log.record(AFTER_EXERCISE, Verdict(warnings=[warning]), answers, workout_id)

    # The profile and settings.

    def edit_profile(self, opt_in_exercises: list[Exercise]) -> None:
        """The warn-only facts and the opt-in exercises, with the answers given before."""
        profile, opted = self.log.profile(), self.log.opt_ins()
        asks = self._fact_asks()
        given = {FACT + k: v for k, v in profile.facts.items()}
        given |= {AGREED + k: v for k, v in profile.agreed.items()}
        for exercise in opt_in_exercises:
            cautions = " ".join(exercise.cautions)
            asks.append(Ask(OPT_IN + exercise.id, f"Include the {exercise.name.lower()} in your"
                            f" routines? It is opt-in. {cautions}"))  # fmt: skip
            given[OPT_IN + exercise.id] = exercise.id in opted
        self._screen, self._routine = PROFILE, None
        self.safety_view.ask(
            "Your profile and settings",
            "These shape your routines: an exercise that does not suit you is left out, and"
            " the list of routines says why. Change an answer with Y or N.",
            asks,
            given=given,
            button="Save  [Enter]",
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

    def _ask(self, screen: str, routine: str | None) -> None:
        self._screen, self._routine = screen, routine
        full = screen == FULL_SCREEN
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
        if self._screen == PROFILE:
            self.log.save_profile(_profile_from(answers))
            self.log.save_opt_ins({k.removeprefix(OPT_IN) for k, v in answers.items()
                                   if k.startswith(OPT_IN) and v})  # fmt: skip
            self.changed.emit()
            self.back_home.emit()
            return
        questions = {k: v for k, v in answers.items() if not k.startswith((FACT, AGREED, OPT_IN))}
        verdict = self.rules.assess(self._questions, questions)
        self.log.record(self._screen, verdict, answers)
        if self._screen == FULL_SCREEN:
            self.log.save_profile(_profile_from(answers))
        self.changed.emit()
        if verdict.halt is not None:
            # Recorded above with the answers; say what to do.
            self.halt_view.show_halt(
                self.rules.halt[verdict.halt],
                when=when_text(self._now(), self._now()),
                can_clear=verdict.halt is HaltKind.RADIATING,
            )
            self._show(self.halt_view)
            return
        if self._routine is None:
            self.back_home.emit()
            return
        messages = verdict.warnings + self.profile_effects().messages
        if messages:
            self.notice_view.show_messages(messages)
            self._show(self.notice_view)
        else:
            self.start_cleared.emit(self._routine)

    def _on_notice_view_accepted(self) -> None:
        if self._routine is not None:
            self.start_cleared.emit(self._routine)

    def _on_halt_view_cleared(self) -> None:
        self.log.record_clearance()
        self.changed.emit()
        self.back_home.emit()


def _profile_from(answers: dict[str, bool]) -> Profile:
    return Profile(
        facts={k.removeprefix(FACT): v for k, v in answers.items() if k.startswith(FACT)},
        agreed={k.removeprefix(AGREED): v for k, v in answers.items() if k.startswith(AGREED)},
    )
