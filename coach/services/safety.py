"""The safety screen as the window uses it: the lock, which screen is due, its questions
as this person is asked them, what the answers mean, and a clinician's all-clear."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from coach.core.clock import Now
from coach.core.records import replace
from coach.core.safety import (
    HISTORY,
    HISTORY_CHANGED,
    HaltMessage,
    Lock,
    Profile,
    SafetyRules,
    ScreenKind,
    Verdict,
    answered_by_clearance,
    cleared_questions,
    screen_due,
    workout_lock,
)
from coach.core.screen import Answer, Screen, ScreenResult, build_screen, read_answers
from coach.store.safety import SafetyLog
from coach.store.settings import PROFILE, Settings


class SafetyCheck:
    def __init__(self, log: SafetyLog, settings: Settings, rules: SafetyRules, now: Now) -> None:
        self.log = log
        self._settings = settings
        self.rules = rules
        self._now = now

    def _today(self) -> date:
        return self._now().astimezone().date()

    def profile(self) -> Profile:
        return self._settings.read(PROFILE)

    def lock(self) -> Lock | None:
        """Why no workout may start now, or None."""
        return workout_lock(self.log.halts(), self._now())

    def message(self, lock: Lock) -> HaltMessage:
        return self.rules.message_for(lock.halt, lock.causes)

    def due(self) -> ScreenKind | None:
        """The screen to answer before a workout now; None when a full screen answered in
        the last hour stands for it."""
        last = self.log.last_full()
        due = screen_due(
            last.at if last else None,
            self._now(),
            last_halted=bool(last and last.halted),
            history_asked=self.profile().history_asked,
        )
        return {"full": ScreenKind.FULL, "short": ScreenKind.SHORT}.get(due)

    def first_run(self) -> bool:
        return self.log.last_full_screen() is None

    def screen(self, kind: ScreenKind) -> Screen:
        """The questions of that screen (or of the profile), as this person is asked them."""
        profile = self.profile()
        halts = self.log.halts()
        holds = any(
            h.cleared_at is None and {HISTORY, HISTORY_CHANGED} & set(h.causes) for h in halts
        )
        return build_screen(
            self.rules,
            kind,
            profile,
            cleared_questions(halts),
            ask_history=not profile.history_asked,
            history_holds=holds,
        )

    def answer(self, screen: Screen, answers: Mapping[str, Answer]) -> ScreenResult:
        """Keep the answers: the screen's event (for a screen, or a profile that halts)
        and the profile they leave. Returns what they mean."""
        result = read_answers(self.rules, screen, answers, self.profile(), self._today())
        if screen.kind is not ScreenKind.PROFILE or result.verdict.halt is not None:
            self.log.record(screen.kind, result.verdict, answers)
        if result.profile != self.profile():
            self._settings.write((PROFILE, result.profile))
        return result

    def warnings(self, verdict: Verdict | None = None) -> list[str]:
        """What to know before starting: the screen's warnings (by default, those of the
        last full screen, which stands for the short one), then the profile's."""
        if verdict is None:
            last = self.log.last_full()
            answers = last.answers if last else {}
            said = [
                q.message for q in self.rules.question if q.message and answers.get(q.id) is True
            ]
        else:
            said = verdict.warnings
        return said + self.rules.profile_effects(self.profile(), self._today()).messages

    def clear(self, lock: Lock) -> Lock | None:
        """The person confirmed a clinician's all-clear for this lock: it answers that
        halt and every other waiting with a cause it shares. Returns the next lock."""
        halts = self.log.halts()
        self.log.clear(answered_by_clearance(halts, lock))
        if {HISTORY, HISTORY_CHANGED} & set(lock.causes):
            self._settings.write((PROFILE, replace(self.profile(), history_checked=self._today())))
        return self.lock()

    def last_clearance(self) -> datetime | None:
        clearances = self.log.clearances()
        return clearances[-1] if clearances else None
