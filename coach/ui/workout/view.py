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
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.progress import Feeling
from coach.core.routines import LoadedRoutine, PlannedExercise, dose_text
from coach.core.safety import CheckAnswer
from coach.core.session import Step, WorkoutSession
from coach.core.workout import Clock, PhaseKind, Side, State, Workout
from coach.resources import Resources
from coach.ui import theme
from coach.ui.voice.speech import Voice
from coach.ui.widgets import Key, key_button, make_label, on_key, set_words
from coach.ui.workout.check_bar import CheckBar
from coach.ui.workout.picture import Picture
from coach.ui.workout.sound import CuePlayer
from coach.ui.workout.text import PHASE_WORDS, instruction, status_text, steps_html


class WorkoutKeys:
    BACK = Key("Back", ("B", "Left"))
    PAUSE = Key("Pause", ("Space",))
    NEXT = Key("Next", ("N", "Right"))
    STEPS = Key("Steps", ("I",))
    MUTE = Key("Sound on", ("M",))
    END = Key("End", ("Esc",))
    STOP = Key("Stop: pain is spreading", ("P",))
    CONFIRM_END = Key("End workout", ("Return", "Enter"), shown="Enter")
    KEEP_GOING = Key("Keep going", ("Esc",))


class WorkoutView(QWidget):
    phase_changed = Signal(object)
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
        super().__init__(parent)
        self.setObjectName("workout")
        self._resources = resources
        self.cues = cues
        self.voice = voice or Voice(find=lambda _parent: None)
        self.session = session
        self._rate = float(getattr(clock, "rate", 1.0))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.poll)
        self._build()
        self._bind_keys()

    @property
    def workout(self) -> Workout | None:
        return self.session.workout

    # Building.

    def _build(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.routine_label = make_label("", 13, name="muted")
        self.position_label = make_label("", 13, name="muted")
        self.routine_label.setWordWrap(False)
        self.position_label.setWordWrap(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Progress through the routine")
        top = QHBoxLayout()
        top.addWidget(self.routine_label)
        top.addStretch()
        top.addWidget(self.position_label)

        self.picture = Picture()
        self.steps_label = make_label("", 15)
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.steps_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps_label.setAccessibleName("Steps and cautions")
        steps_scroll = QScrollArea()
        steps_scroll.setWidgetResizable(True)
        steps_scroll.setWidget(self.steps_label)
        self.left = QStackedWidget()
        self.left.addWidget(self.picture)
        self.left.addWidget(steps_scroll)

        self.name_label = make_label("", 26, bold=True)
        self.phase_label = make_label("", 22, bold=True)
        self.phase_label.setStyleSheet(f"color: {theme.ACCENT};")
        self.countdown = make_label("", 96, bold=True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.countdown.setAccessibleName("Seconds left")
        self.instruction_label = make_label("", 17)
        self.status_label = make_label("", 17, bold=True)
        self.next_label = make_label("", 14, name="muted")
        self.paused_label = make_label("Paused. Press Space to go on.", 17, bold=True)
        self.paused_label.setStyleSheet(f"color: {theme.WARN};")
        self.paused_label.hide()
        right = QVBoxLayout()
        right.addWidget(self.name_label)
        right.addSpacing(6)
        right.addWidget(self.phase_label)
        right.addWidget(self.countdown)
        right.addWidget(self.instruction_label)
        right.addSpacing(10)
        right.addWidget(self.status_label)
        right.addWidget(self.paused_label)
        right.addStretch()
        right.addWidget(self.next_label)
        self._right = right
        middle = QHBoxLayout()
        middle.addWidget(self.left, 11)
        middle.addSpacing(24)
        middle.addLayout(right, 9)

        self.controls = QStackedWidget()
        self.controls.addWidget(self._build_buttons())
        self.controls.addWidget(self._build_confirm())
        self.check_bar = CheckBar()
        self.check_bar.answered.connect(self._on_check_bar_answered)
        self.check_bar.felt.connect(self._on_check_bar_felt)
        self.controls.addWidget(self.check_bar)
        self.controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # As tall as the page showing, so the countdown gets the room the check bar
        # needs only while it shows (an ignored page counts for nothing in the height).
        self.controls.currentChanged.connect(self._on_controls_changed)
        self._on_controls_changed(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addSpacing(12)
        layout.addLayout(middle, 1)
        layout.addSpacing(12)
        layout.addWidget(self.controls)
        layout.addSpacing(6)
        layout.addWidget(self.stop_button)  # outside the stack: always there

    def _build_buttons(self) -> QWidget:
        keys = WorkoutKeys
        self.back_button = key_button(keys.BACK, self._on_back_clicked)
        self.pause_button = key_button(keys.PAUSE, self._on_pause_clicked, primary=True)
        self.next_button = key_button(keys.NEXT, self._on_next_clicked)
        self.steps_button = key_button(keys.STEPS, self._on_steps_clicked)
        self.steps_button.setCheckable(True)
        self.mute_button = key_button(keys.MUTE, self._on_mute_clicked)
        self.mute_button.setCheckable(True)
        self.end_button = key_button(keys.END, self._on_end_clicked)
        self.stop_button = key_button(keys.STOP, self._on_stop_clicked)
        self.stop_button.setObjectName("danger")
        row = QFrame()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.back_button, self.pause_button, self.next_button):
            layout.addWidget(button)
        layout.addStretch()
        for button in (self.steps_button, self.mute_button, self.end_button):
            layout.addWidget(button)
        return row

    def _build_confirm(self) -> QWidget:
        box = QFrame()
        box.setObjectName("problems")
        layout = QHBoxLayout(box)
        question = make_label("End this workout? The sets you finished are saved.", 15, bold=True)
        self.confirm_end_button = key_button(WorkoutKeys.CONFIRM_END, self._on_confirm_end_clicked)
        self.keep_going_button = key_button(
            WorkoutKeys.KEEP_GOING, self._on_keep_going_clicked, primary=True
        )
        layout.addWidget(question, 1)
        layout.addWidget(self.confirm_end_button)
        layout.addWidget(self.keep_going_button)
        return box

    def _bind_keys(self) -> None:
        """Each key once; an open check takes its own keys first (N is Next, or No)."""
        keys = WorkoutKeys
        self._actions: list[tuple[Key, Callable[[], None]]] = [
            (keys.PAUSE, self._on_pause_clicked), (keys.NEXT, self._on_next_clicked),
            (keys.BACK, self._on_back_clicked), (keys.MUTE, self._on_mute_clicked),
            (keys.STEPS, self._on_steps_clicked), (keys.STOP, self._on_stop_clicked),
            (keys.END, self._on_escape_pressed), (keys.CONFIRM_END, self._on_enter_pressed),
        ]  # fmt: skip
        every = [k for key, _ in self._actions for k in key.keys]
        every += [k for key in self.check_bar.key_table() for k in key.keys]
        for sequence in dict.fromkeys(every):
            on_key(self, sequence, partial(self._on_key_pressed, sequence))

    def _on_key_pressed(self, sequence: str) -> None:
        checking = self.session.checking is not None and not self._confirming()
        if checking and self.check_bar.press(sequence):
            return
        action = next((a for key, a in self._actions if sequence in key.keys), None)
        if action is not None:
            action()

    # Running a workout.

    def begin(self, loaded: LoadedRoutine, plan: list[PlannedExercise]) -> None:
        self.controls.setCurrentIndex(0)
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
        """The window is closing mid-workout: keep what was done, mark it ended early."""
        self._play(self.session.end_early())

    def _has_sound(self) -> bool:
        return self.cues.available or self.voice.speaking_cues

    def _play(self, step: Step) -> None:
        """Say, sound and show what the session answered."""
        if not self.cues.muted:  # M silences the voice and the sounds alike
            for said in step.spoken:
                self.voice.say(said)
        for phase in step.phases:
            self.phase_changed.emit(phase)
        if step.check_opened and self.session.checking is not None:
            self.check_bar.ask(self.session.checking.exercise.name)
            self.controls.setCurrentIndex(2)
            self._fit_countdown()
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
        if step.waiting_to_finish:  # the summary waits for the last check
            self._timer.stop()
            return
        if sound:
            self.cues.play(sound)
        self._show()
        self._schedule()

    def _schedule(self) -> None:
        self._timer.stop()
        if not self.session.running:
            return
        milliseconds = self.session.seconds_to_next_change() / self._rate * 1000
        self._timer.start(max(1, math.ceil(milliseconds)))

    # Showing.

    def _show(self) -> None:
        workout = self.workout
        if workout is None:
            return
        phase, planned = workout.phase, workout.planned
        exercise = planned.exercise
        # The other side is the same movement in a mirror: the picture turns round with it.
        mirrored = phase.side is Side.RIGHT
        self.picture.show_file(
            self._resources.pictures / exercise.picture,
            f"Picture: {exercise.name}{', right side (mirrored)' if mirrored else ''}",
            mirrored=mirrored,
        )
        self.name_label.setText(exercise.name)
        self.phase_label.setText(PHASE_WORDS[phase.kind])
        colour = theme.ACCENT if phase.kind.is_work else theme.REST
        self.phase_label.setStyleSheet(f"color: {colour};")
        self.countdown.setText(str(workout.shown_seconds()))
        self.instruction_label.setText(instruction(workout))
        self.status_label.setText(status_text(phase))
        count = len(workout.plan)
        self.position_label.setText(f"Exercise {phase.exercise_index + 1} of {count}")
        self.progress.setValue(round(workout.progress() * 1000))
        following = workout.next_exercise
        self.next_label.setText(
            f"Up next: {following.exercise.name} ({dose_text(following)})"
            if following
            else "This is the last exercise."
        )
        paused = workout.state is State.PAUSED
        self.paused_label.setVisible(paused)
        held = self.session.checking is not None and not self.session.paused_by_person
        self.paused_label.setText(
            "Waiting for your answer below." if held else "Paused. Press Space to go on."
        )
        set_words(self.pause_button, WorkoutKeys.PAUSE, "Go on" if paused else None)
        next_words = "Start now" if phase.kind is not PhaseKind.REST else "Skip rest"
        set_words(
            self.next_button, WorkoutKeys.NEXT, next_words if workout.waiting else "Skip exercise"
        )
        self.back_button.setEnabled(not (phase.exercise_index == 0 and workout.index == 0))
        self.steps_label.setText(steps_html(planned))

    def _on_controls_changed(self, index: int) -> None:
        for n in range(self.controls.count()):
            vertical = QSizePolicy.Policy.Preferred if n == index else QSizePolicy.Policy.Ignored
            page = self.controls.widget(n)
            if page is not None:
                page.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        self.controls.updateGeometry()
        QTimer.singleShot(0, self._fit_countdown)  # again once the layout has settled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_countdown()

    def _fit_countdown(self) -> None:
        """The countdown is the one thing to read from the mat: as big as the window allows,
        a little smaller while the taller check below needs the room."""
        share = 0.12 if self.controls.currentWidget() is self.check_bar else 0.17
        pixels = max(48, min(int(self.height() * share), int(self.width() * 0.11)))
        # Never bigger than the room the column has once the rest of it is shown, so on a
        # small screen the words beside it are not cut off.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        room = self._right.geometry()
        if room.height() > 0:
            self.instruction_label.show()
            fitted = self._room_for_countdown(room.width(), room.height())
            if fitted < 48 and self.controls.currentWidget() is self.check_bar:
                # Short of room while the check is asked: the question comes first, and
                # the instruction returns with the answer.
                self.instruction_label.hide()
                fitted = self._room_for_countdown(room.width(), room.height())
            pixels = max(36, min(pixels, fitted))
        font = self.countdown.font()
        font.setPixelSize(pixels)
        self.countdown.setFont(font)

    def _room_for_countdown(self, width: int, height: int) -> int:
        """The countdown's largest pixel size in a column of this size."""
        others = (self.name_label, self.phase_label, self.instruction_label,
                  self.status_label, self.paused_label, self.next_label)  # fmt: skip
        taken = sum(
            w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
            for w in others
            if not w.isHidden()
        )
        spare = height - taken - 16 - self._right.spacing() * (self._right.count() - 1)
        font = QFont(self.countdown.font())
        font.setPixelSize(100)
        line = QFontMetrics(font).height() / 100  # the label's height per pixel of size
        return int(spare / line)

    # What the person asks for.

    def _confirming(self) -> bool:
        return self.controls.currentIndex() == 1

    def _on_pause_clicked(self) -> None:
        if not self._confirming():
            self._play(self.session.toggle_pause())

    def _on_next_clicked(self) -> None:
        if not self._confirming():
            self._play(self.session.next())

    def _on_back_clicked(self) -> None:
        if not self._confirming():
            self._play(self.session.back())

    def _on_mute_clicked(self) -> None:
        if not self._has_sound():
            return
        self.cues.muted = not self.cues.muted
        if self.cues.muted:
            self.voice.stop()
        self.mute_button.setChecked(self.cues.muted)
        set_words(self.mute_button, WorkoutKeys.MUTE, "Sound off" if self.cues.muted else None)

    def _on_steps_clicked(self) -> None:
        showing = self.left.currentIndex() == 0
        self.left.setCurrentIndex(1 if showing else 0)
        self.steps_button.setChecked(showing)

    def _on_end_clicked(self) -> None:
        if self.workout is None:
            return
        step = self.session.ask_to_end()
        self.controls.setCurrentIndex(1)
        self._play(step)

    def _on_escape_pressed(self) -> None:
        if self._confirming():
            self._on_keep_going_clicked()
        else:
            self._on_end_clicked()

    def _on_enter_pressed(self) -> None:
        if self._confirming():
            self._on_confirm_end_clicked()

    def _on_keep_going_clicked(self) -> None:
        self.controls.setCurrentIndex(2 if self.session.checking is not None else 0)
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

    def _on_check_bar_answered(self, answer: CheckAnswer) -> None:
        if self.session.checking is None:
            return
        self.controls.setCurrentIndex(0)
        self._fit_countdown()
        self._play(self.session.answer(answer))
