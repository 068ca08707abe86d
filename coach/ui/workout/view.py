"""The workout screen: one exercise at a time, a big countdown, full keyboard control.

It draws and takes keys; the workout itself (phases, cues, the check after each
exercise, what is saved) is a coach.core.session.WorkoutSession, asked "what now?" by one
precise timer.

Signals:
    phase_changed(Phase): a new phase began (get ready, up, hold, down, rest ...).
    workout_over(WorkoutSummary): the workout finished or was ended early.
    halted(Halt): stopped for safety (the stop key, or the check after an exercise);
        the sets done and the halt are saved.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QWidget,
)

from coach.core.clock import Clock
from coach.core.progression import Feeling
from coach.core.routines import LoadedRoutine, PlannedExercise
from coach.core.safety import CheckAnswer
from coach.core.session import Step, WorkoutSession
from coach.core.workout import Workout
from coach.resources import Resources
from coach.ui.voice.speech import Voice
from coach.ui.widgets import Key, on_key, set_words
from coach.ui.workout.screen import WorkoutKeys, WorkoutScreen
from coach.ui.workout.sound import CuePlayer


class WorkoutView(WorkoutScreen):
    phase_changed = Signal(object)
    full_screen_requested = Signal()
    workout_over = Signal(object)
    halted = Signal(object)

    def __init__(
        self,
        resources: Resources,
        cues: CuePlayer,
        session: WorkoutSession,
        clock: Clock,
        voice: Voice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        keys = WorkoutKeys
        super().__init__(resources, {
            keys.BACK: self._on_back_clicked, keys.PAUSE: self._on_pause_clicked,
            keys.NEXT: self._on_next_clicked, keys.STEPS: self.toggle_steps,
            keys.MUTE: self._on_mute_clicked, keys.END: self._on_end_clicked,
            keys.STOP: self._on_stop_clicked, keys.CONFIRM_END: self._on_confirm_end_clicked,
            keys.KEEP_GOING: self._on_keep_going_clicked,
            keys.FULL: lambda: self.full_screen_requested.emit(),
        }, parent)  # fmt: skip
        # Esc leaves full screen before it offers to end (the window says whether it was).
        self.leave_full_screen: Callable[[], bool] = lambda: False
        self.cues = cues
        self.voice = voice or Voice(find=lambda _parent: None)
        self.session = session
        self._rate = float(getattr(clock, "rate", 1.0))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.poll)
        self.check_bar.answered.connect(self._on_check_bar_answered)
        self.check_bar.felt.connect(self._on_check_bar_felt)
        self.check_bar.pain_answered.connect(self._on_check_bar_pain_answered)
        self._bind_keys()

    @property
    def workout(self) -> Workout | None:
        return self.session.workout

    def _bind_keys(self) -> None:
        """Each key once; an open check takes its own keys first (N is Next, or No)."""
        keys = WorkoutKeys
        self._actions: list[tuple[Key, Callable[[], None]]] = [
            (keys.PAUSE, self._on_pause_clicked), (keys.NEXT, self._on_next_clicked),
            (keys.BACK, self._on_back_clicked), (keys.MUTE, self._on_mute_clicked),
            (keys.STEPS, self.toggle_steps), (keys.STOP, self._on_stop_clicked),
            (keys.END, self._on_escape_pressed), (keys.CONFIRM_END, self._on_enter_pressed),
        ]  # fmt: skip
        every = [k for key, _ in self._actions for k in key.keys]
        every += [k for key in self.check_bar.key_table() for k in key.keys]
        for sequence in dict.fromkeys(every):
            on_key(self, sequence, partial(self._on_key_pressed, sequence))

    def _on_key_pressed(self, sequence: str) -> None:
        if self.session.asking_pain:  # only its answer, or the stop key
            if not self.check_bar.press(sequence) and sequence in WorkoutKeys.STOP.keys:
                self._on_stop_clicked()
            return
        if self.session.finishing:  # the last check: its answer, the stop key, the sound
            if self.check_bar.press(sequence):
                return
            if sequence in WorkoutKeys.STOP.keys:
                self._on_stop_clicked()
            elif sequence in WorkoutKeys.MUTE.keys:
                self._on_mute_clicked()
            return
        checking = self.session.checking is not None and not self.confirming()
        if checking and self.check_bar.press(sequence):
            return
        action = next((a for key, a in self._actions if sequence in key.keys), None)
        if action is not None:
            action()

    # Running a workout.

    def begin(self, loaded: LoadedRoutine, plan: list[PlannedExercise]) -> None:
        self.controls.setCurrentIndex(0)
        self.controls.setEnabled(True)
        self.check_bar.hide()
        self.steps_button.setChecked(False)
        self.left.setCurrentIndex(0)
        self.routine_label.setText(loaded.routine.title)
        if not self._has_sound():
            self.mute_button.setText("No sound")
            self.mute_button.setAccessibleName("No sound")
            self.mute_button.setAccessibleDescription("No audio output was found on this computer")
            self.mute_button.setEnabled(False)
        self._play(self.session.begin(loaded, plan, self.voice.settings.choice))
        self.setFocus()

    def poll(self) -> None:
        """Ask the session what happened since last time, show it, and plan the next look."""
        if self.workout is not None:
            self._play(self.session.update())

    def abandon(self) -> None:
        """The window is closing mid-workout: keep what was done, marked unfinished."""
        self._play(self.session.abandon())

    def _has_sound(self) -> bool:
        return self.cues.available or self.voice.speaking_cues

    def _play(self, step: Step) -> None:
        """Say, sound and show what the session answered."""
        if not self.cues.muted:  # M silences the voice and the sounds alike
            for said in step.spoken:
                self.voice.say(said)
        for phase in step.phases:
            self.phase_changed.emit(phase)
        if step.check_folded and self.session.checking is None:
            self.check_bar.hide()  # the work began: unanswered, it is put away
            self._fit_countdown()
        if step.check_opened and self.session.checking is not None:
            self.check_bar.ask(self.session.checking.exercise.name)
            self.check_bar.show()
            self._fit_countdown()
        if step.pain_rose:  # everything waits on the person's answer
            self._timer.stop()
            self.check_bar.ask_pain()
            self.check_bar.show()
            self._fit_countdown()
            if self.workout is not None:
                self.show_workout(self.workout, held=True)
            return
        if step.halted is not None:
            self._timer.stop()
            self.voice.stop()
            self.controls.setCurrentIndex(0)
            self.halted.emit(step.halted)
            return
        sound = step.sound if not self.voice.speaking_cues else None  # the voice says it
        if step.summary is not None:
            self._timer.stop()
            if sound:
                self.cues.play(sound)
            self.workout_over.emit(step.summary)
            return
        if step.waiting_to_finish:  # the last check, for a moment, then the summary
            if sound:
                self.cues.play(sound)
            self.controls.setEnabled(False)  # nothing is left to pause, skip or end
            self.show_last_check(self.session.seconds_to_summary())
            self._timer.start(max(1, math.ceil(min(1.0, self.session.seconds_to_summary())
                                               / self._rate * 1000)))  # fmt: skip
            return
        if sound:
            self.cues.play(sound)
        if self.workout is not None:
            self.show_workout(self.workout, held=False)
        self._schedule()

    def _schedule(self) -> None:
        self._timer.stop()
        if not self.session.running:
            return
        milliseconds = self.session.seconds_to_next_change() / self._rate * 1000
        self._timer.start(max(1, math.ceil(milliseconds)))

    # What the person asks for.

    def _on_pause_clicked(self) -> None:
        if not self.confirming():
            self._play(self.session.toggle_pause())

    def _on_next_clicked(self) -> None:
        if not self.confirming():
            self._play(self.session.next())

    def _on_back_clicked(self) -> None:
        if not self.confirming():
            self._play(self.session.back())

    def _on_mute_clicked(self) -> None:
        if not self._has_sound():
            return
        self.cues.muted = not self.cues.muted
        if self.cues.muted:
            self.voice.stop()
        self.mute_button.setChecked(self.cues.muted)
        set_words(self.mute_button, WorkoutKeys.MUTE, "Sound off" if self.cues.muted else None)

    def _on_end_clicked(self) -> None:
        if self.workout is None:
            return
        step = self.session.ask_to_end()
        self.controls.setCurrentIndex(1)
        self._play(step)

    def _on_escape_pressed(self) -> None:
        if self.confirming():
            self._on_keep_going_clicked()
        elif not self.leave_full_screen():
            self._on_end_clicked()

    def _on_enter_pressed(self) -> None:
        if self.confirming():
            self._on_confirm_end_clicked()

    def _on_keep_going_clicked(self) -> None:
        self.controls.setCurrentIndex(0)
        self._play(self.session.keep_going())

    def _on_confirm_end_clicked(self) -> None:
        self.controls.setCurrentIndex(0)
        self._play(self.session.end_early())

    def _on_stop_clicked(self) -> None:
        """Pain is spreading: stop at once, keep the sets done, hand over to the halt."""
        self._play(self.session.stop())

    # The check after each exercise.

    def _on_check_bar_felt(self, feeling: Feeling) -> None:
        self.session.felt(feeling)

    def _on_check_bar_pain_answered(self, end: bool) -> None:
        if not self.session.asking_pain:
            return
        self.check_bar.hide()
        self._fit_countdown()
        self._play(self.session.pain_answer(end=end))

    def _on_check_bar_answered(self, answer: CheckAnswer) -> None:
        if self.session.checking is None:
            return
        self.check_bar.hide()
        self._fit_countdown()
        self._play(self.session.answer(answer))
