"""The way to a workout passes through here: lock, screen, halt or notices, then Start.

Signals:
    start_cleared(str): the routine with this id may start now.
    back_home(): the person is done here (after a halt, or going back).
    first_screen_done(): the first run's full screen is answered with no halt: the
        baseline comes next.
    changed(): the lock, the profile or the opt-ins changed; the home screen should refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach.core.outcome import Halt
from coach.core.routines import Exercise
from coach.core.safety import Lock, ScreenKind
from coach.core.screen import Answer, Ask, Screen
from coach.services import OPT_INS, Services
from coach.ui.safety.halt import HaltView, NoticeView
from coach.ui.safety.view import SafetyView
from coach.ui.safety.welcome import WelcomeView

OPT_IN = "opt-in:"

INTRO = {
    ScreenKind.FULL: (
        "A few questions first",
        "Answer each one yes or no. They check for signs that need a clinician rather than"
        " exercise. You will see them all once a week, and a short set before every workout.",
    ),
    ScreenKind.SHORT: ("Before this workout", "Answer each one yes or no, as things are today."),
    ScreenKind.PROFILE: (
        "Your profile and settings",
        "These shape your routines: an exercise that does not suit you is left out, and the"
        " list of routines says why. Change an answer with Y or N.",
    ),
}


def when_text(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return f"Recorded today at {local:%H:%M}."
    return f"Recorded on {local:%A %-d %B} at {local:%H:%M}."


class SafetyFlow(QObject):
    start_cleared = Signal(str)
    back_home = Signal()
    first_screen_done = Signal()
    changed = Signal()

    def __init__(
        self, services: Services, show: Callable[[QWidget], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._safety = services.safety
        self._show = show
        self._now = services.now
        self.safety_view = SafetyView(services.today)
        self.halt_view = HaltView()
        self.notice_view = NoticeView()
        self.welcome_view = WelcomeView()
        self.views: list[QWidget] = [
            self.welcome_view, self.safety_view, self.halt_view, self.notice_view
        ]  # fmt: skip
        self._routine: str | None = None
        self._first_run = False  # the screen showing is the first run's
        self._screen: Screen | None = None
        self._lock: Lock | None = None  # the halt being shown
        self.safety_view.answered.connect(self._on_safety_view_answered)
        self.safety_view.cancelled.connect(self.back_home.emit)
        self.halt_view.cleared.connect(self._on_halt_view_cleared)
        self.halt_view.done.connect(self.back_home.emit)
        self.notice_view.accepted.connect(self._on_notice_view_accepted)
        self.notice_view.declined.connect(self.back_home.emit)
        self.welcome_view.begun.connect(self._on_welcome_view_begun)
        self.welcome_view.later.connect(self.back_home.emit)

    # What the rest of the program asks.

    def first_run(self) -> bool:
        """The welcome, then the full screen, before anything else the first time. True if
        the welcome is shown."""
        if not self._safety.first_run():
            return False
        self._show(self.welcome_view)
        return True

    def _on_welcome_view_begun(self) -> None:
        self._ask(ScreenKind.FULL, routine=None)
        self._first_run = True

    def before_workout(self, routine_id: str) -> None:
        lock = self._safety.lock()
        if lock is not None:
            self.show_lock(lock)
            return
        due = self._safety.due()
        if due is None:  # a full screen in the last hour stands for the short one
            self._routine = routine_id
            self._before_start(self._safety.warnings())
        else:
            self._ask(due, routine=routine_id)

    def show_lock(self, lock: Lock, more: str = "") -> None:
        self._lock = lock
        self.halt_view.show_halt(
            self._safety.message(lock),
            when=when_text(lock.since, self._now()) + more,
            can_clear=lock.clinician_can_lift,
        )
        self._show(self.halt_view)

    def show_halt(self, halt: Halt) -> None:
        """A workout stopped for safety (already recorded): say what to do."""
        self.changed.emit()
        self._show_lock_now(" The sets you finished are saved.")

    def _show_lock_now(self, more: str = "") -> None:
        lock = self._safety.lock()
        if lock is not None:
            self.show_lock(lock, more)
        else:
            self.back_home.emit()

    # The profile and settings.

    def edit_profile(self, opt_in_exercises: list[Exercise]) -> None:
        """The warn-only facts, the standing history and the opt-in exercises, with the
        answers given before."""
        screen = self._safety.screen(ScreenKind.PROFILE)
        opted = self._services.settings.read(OPT_INS)
        asks, given = list(screen.asks), dict(screen.given)
        for exercise in opt_in_exercises:
            cautions = " ".join(exercise.cautions)
            asks.append(Ask(OPT_IN + exercise.id, f"Include the {exercise.name.lower()} in your"
                            f" routines? It is opt-in. {cautions}"))  # fmt: skip
            given[OPT_IN + exercise.id] = exercise.id in opted
        self._routine, self._first_run = None, False
        self._show_screen(screen, asks, given, button="Save")

    # The screen.

    def _ask(self, kind: ScreenKind, routine: str | None) -> None:
        self._routine, self._first_run = routine, False
        screen = self._safety.screen(kind)
        self._show_screen(screen, screen.asks, screen.given)

    def _show_screen(
        self, screen: Screen, asks: list[Ask], given: dict[str, Answer], button: str | None = None
    ) -> None:
        self._screen = screen
        heading, intro = INTRO[screen.kind]
        self.safety_view.ask(heading, intro, asks, given=given, button=button)
        self._show(self.safety_view)

    def _on_safety_view_answered(self, answers: dict[str, Answer]) -> None:
        screen = self._screen
        if screen is None:
            return
        if screen.kind is ScreenKind.PROFILE:
            opted = {k.removeprefix(OPT_IN) for k, v in answers.items()
                     if k.startswith(OPT_IN) and v is True}  # fmt: skip
            self._services.settings.write((OPT_INS, frozenset(opted)))
        own = {k: v for k, v in answers.items() if not k.startswith(OPT_IN)}
        result = self._safety.answer(screen, own)
        self.changed.emit()
        if result.verdict.halt is not None:  # recorded with the answers: say what to do
            self._show_lock_now()
        elif self._first_run:
            self.first_screen_done.emit()
        elif self._routine is None:
            self.back_home.emit()
        else:
            self._before_start(self._safety.warnings(result.verdict))

    def _before_start(self, messages: list[str]) -> None:
        if messages:
            self.notice_view.show_messages(messages)
            self._show(self.notice_view)
        elif self._routine is not None:
            self.start_cleared.emit(self._routine)

    def _on_notice_view_accepted(self) -> None:
        if self._routine is not None:
            self.start_cleared.emit(self._routine)

    def _on_halt_view_cleared(self) -> None:
        if self._lock is None:
            return
        following = self._safety.clear(self._lock)
        self.changed.emit()
        if following is not None:  # another halt still waits on its own all-clear
            self.show_lock(following)
        else:
            self.back_home.emit()
