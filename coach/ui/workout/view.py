"""The workout screen: one exercise at a time, a big countdown, full keyboard control.

Signals:
    phase_changed(Phase): a new phase began (get ready, up, hold, down, rest ...).
    workout_over(WorkoutSummary): the workout finished or was ended early.
    halted(HaltKind, int, str): stopped for safety, with the workout's id and what
        stopped it ("stop key" or "after exercise"); the sets done are saved.
    exercise_dropped(str, int): the check after an exercise left it out for the rest of
        the workout (back pain 2+ points higher), with the workout's id.
    exercise_felt(int, str, str): workout id, exercise id, and how it felt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.cues import CueCaller
from coach.core.routines import LoadedRoutine, PlannedExercise
from coach.core.safety import CheckAnswer, HaltKind, after_exercise
from coach.core.workout import (
    Clock,
    CountdownTick,
    Event,
    ExerciseSkipped,
    Phase,
    PhaseKind,
    PhaseStarted,
    SetCompleted,
    Side,
    State,
    Workout,
    WorkoutEnded,
    WorkoutFinished,
)
from coach.resources import Resources
from coach.store.log import WorkoutLog
from coach.store.safety_log import AFTER_EXERCISE, STOP_KEY
from coach.ui import theme
from coach.ui.voice.speech import Voice
from coach.ui.widgets import make_button, make_label, on_key
from coach.ui.workout.check_bar import FEELINGS, CheckBar
from coach.ui.workout.picture import Picture
from coach.ui.workout.sound import CuePlayer
from coach.ui.workout.text import PHASE_WORDS, dose_text, instruction, status_text, steps_html


@dataclass
class WorkoutSummary:
    routine_title: str
    outcome: str
    seconds: float
    sets_done: int
    skipped: list[str] = field(default_factory=list)
    # Exercise name -> sets finished, in the routine's order; only those with a set.
    sets_by_exercise: dict[str, int] = field(default_factory=dict)
    # Exercises done on each side: name -> sets finished on the left and on the right.
    sides_by_exercise: dict[str, dict[str, int]] = field(default_factory=dict)
    workout_id: int = 0
    routine_id: str = ""


class WorkoutView(QWidget):
    phase_changed = Signal(object)
    workout_over = Signal(object)
    halted = Signal(object, int, str)
    exercise_dropped = Signal(str, int)
    exercise_felt = Signal(int, str, str)

    def __init__(
        self,
        resources: Resources,
        cues: CuePlayer,
        log: WorkoutLog,
        clock: Clock,
        voice: Voice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workout")
        self._resources = resources
        self.cues = cues
        self.voice = voice or Voice(find=lambda _parent: None)
        self._caller = CueCaller(clock)
        self._log = log
        self._clock = clock
        self._rate = float(getattr(clock, "rate", 1.0))
        self.workout: Workout | None = None
        self._routine_title = ""
        self._routine_id = ""
        self._workout_id = 0
        self._started_at = 0.0
        self._skipped: list[str] = []
        self._sides: dict[str, dict[str, int]] = {}  # exercise id -> side -> sets
        self._was_paused = False
        self._paused_by_person = False  # Space, as opposed to a hold for the check
        # The check after an exercise: which one, and what waits on the answer.
        self._check_for: PlannedExercise | None = None
        self._finish_pending = False
        self._last_exercise = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.poll)
        self._build()
        self._bind_keys()

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
        self.back_button = make_button("Back  [B]", self._on_back_clicked)
        self.pause_button = make_button("Pause  [Space]", self._on_pause_clicked, primary=True)
        self.next_button = make_button("Next  [N]", self._on_next_clicked)
        self.steps_button = make_button("Steps  [I]", self._on_steps_clicked)
        self.steps_button.setCheckable(True)
        self.mute_button = make_button("Sound on  [M]", self._on_mute_clicked)
        self.mute_button.setCheckable(True)
        self.end_button = make_button("End  [Esc]", self._on_end_clicked)
        self.stop_button = make_button("Stop: pain is spreading  [P]", self._on_stop_clicked)
        self.stop_button.setObjectName("danger")
        row = QFrame()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.back_button, self.pause_button, self.next_button):
            layout.addWidget(button)
        layout.addStretch()
        for button in (self.steps_button, self.mute_button, self.end_button):
            layout.addWidget(button)
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for button in row.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the shortcuts
        return row

    def _build_confirm(self) -> QWidget:
        box = QFrame()
        box.setObjectName("problems")
        layout = QHBoxLayout(box)
        question = make_label("End this workout? The sets you finished are saved.", 15, bold=True)
        self.confirm_end_button = make_button("End workout  [Enter]", self._on_confirm_end_clicked)
        self.keep_going_button = make_button(
            "Keep going  [Esc]", self._on_keep_going_clicked, primary=True
        )
        layout.addWidget(question, 1)
        layout.addWidget(self.confirm_end_button)
        layout.addWidget(self.keep_going_button)
        for button in (self.confirm_end_button, self.keep_going_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return box

    def _bind_keys(self) -> None:
        self._actions = {
            Qt.Key.Key_Space: self._on_pause_clicked,
            Qt.Key.Key_Right: self._on_next_clicked,
            Qt.Key.Key_N: self._on_next_clicked,
            Qt.Key.Key_Left: self._on_back_clicked,
            Qt.Key.Key_B: self._on_back_clicked,
            Qt.Key.Key_M: self._on_mute_clicked,
            Qt.Key.Key_I: self._on_steps_clicked,
            Qt.Key.Key_P: self._on_stop_clicked,
            Qt.Key.Key_Escape: self._on_escape_pressed,
            Qt.Key.Key_Return: self._on_enter_pressed,
            Qt.Key.Key_Enter: self._on_enter_pressed,
        }
        check_keys = [Qt.Key.Key_L, Qt.Key.Key_T, Qt.Key.Key_W, Qt.Key.Key_Y, *FEELINGS]
        for key in [*self._actions, *check_keys]:
            on_key(self, key, partial(self._on_key_pressed, key))

    def _on_key_pressed(self, key: Qt.Key) -> None:
        """An open check takes its own keys first; every other key works as usual."""
        if self._check_for is not None and not self._confirming() and self.check_bar.press(key):
            return
        action = self._actions.get(key)
        if action is not None:
            action()

    # Running a workout.

    def begin(self, loaded: LoadedRoutine, plan: list[PlannedExercise]) -> None:
        self.workout = Workout(plan, self._clock)
        self._routine_title = loaded.routine.title
        self._routine_id = loaded.routine.id
        self._workout_id = self._log.begin(loaded.routine.id, loaded.routine.title)
        self._started_at = self._clock.now()
        self._skipped = []
        self._sides = {}
        self._check_for, self._finish_pending = None, False
        self._paused_by_person = False
        self._last_exercise = 0
        self.controls.setCurrentIndex(0)
        self.steps_button.setChecked(False)
        self.left.setCurrentIndex(0)
        self.routine_label.setText(loaded.routine.title)
        self._caller.reset()
        self._caller.choice = self.voice.settings.choice
        if not self._has_sound():
            self._set_label(self.mute_button, "No sound")
            self.mute_button.setAccessibleDescription("No audio output was found on this computer")
            self.mute_button.setEnabled(False)
        self._handle(self.workout.start())
        self.setFocus()

    def poll(self) -> None:
        """Ask the workout what happened since last time, show it, and plan the next look."""
        if self.workout is None:
            return
        self._handle(self.workout.update())

    def abandon(self) -> None:
        """The window is closing mid-workout: keep what was done, mark it ended early."""
        if self.workout is not None and not self.workout.is_over:
            self._handle(self.workout.end_early())

    def _has_sound(self) -> bool:
        return self.cues.available or self.voice.speaking_cues

    def _handle(self, events: list[Event]) -> None:
        workout = self.workout
        assert workout is not None
        spoken = self._caller.cues(workout, events)  # asked even when muted: it keeps count
        if not self.cues.muted:  # M silences the voice and the sounds alike
            for said in spoken:
                self.voice.say(said)
        cue = None
        for event in events:
            match event:
                case SetCompleted():
                    self._log.record_set(self._workout_id, event)
                    if event.side is not None:
                        sides = self._sides.setdefault(event.exercise_id, {"left": 0, "right": 0})
                        sides[event.side.value] += 1
                    cue = "done"
                case ExerciseSkipped():
                    self._log.record_skip(self._workout_id, event)
                    names = {p.exercise.id: p.exercise.name for p in workout.plan}
                    self._skipped.append(names[event.exercise_id])
                case PhaseStarted():
                    self.phase_changed.emit(event.phase)
                    self._on_phase_started(event.phase)
                    if event.phase.kind.is_work and cue is None:
                        cue = "start"
                case CountdownTick() if cue is None:
                    cue = "tick"
                case WorkoutFinished() if self._needs_check(self._last_exercise):
                    self._finish_pending = True  # the summary waits for the last check
                    self._open_check(self._last_exercise)
                case WorkoutFinished() | WorkoutEnded():
                    self._over("finished" if isinstance(event, WorkoutFinished) else "ended early")
                    return
        if self._finish_pending:
            self._timer.stop()
            return
        if cue and not self.voice.speaking_cues:  # the voice says what the sounds would
            self.cues.play(cue)
        self._show()
        self._schedule()

    def _over(self, outcome: str) -> None:
        self._timer.stop()
        self._log.finish(self._workout_id, outcome)
        if outcome == "finished" and not self.voice.speaking_cues:
            self.cues.play("done")
        workout = self.workout
        assert workout is not None
        done = {
            planned.exercise.name: workout.sets_done(index)
            for index, planned in enumerate(workout.plan)
            if workout.sets_done(index) or planned.exercise.id in self._sides
        }
        sides = {
            planned.exercise.name: dict(self._sides[planned.exercise.id])
            for planned in workout.plan
            if planned.exercise.id in self._sides
        }
        summary = WorkoutSummary(
            routine_title=self._routine_title,
            outcome=outcome,
            seconds=self._clock.now() - self._started_at,
            sets_done=sum(done.values()),
            skipped=list(self._skipped),
            sets_by_exercise=done,
            sides_by_exercise=sides,
            workout_id=self._workout_id,
            routine_id=self._routine_id,
        )
        self.workout = None
        self.workout_over.emit(summary)

    def _schedule(self) -> None:
        self._timer.stop()
        workout = self.workout
        if workout is None or workout.state is not State.RUNNING:
            return
        milliseconds = workout.seconds_to_next_change() / self._rate * 1000
        self._timer.start(max(1, math.ceil(milliseconds)))

    # Showing.

    def _show(self) -> None:
        workout = self.workout
        assert workout is not None
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
        held = self._check_for is not None and not self._paused_by_person
        self.paused_label.setText(
            "Waiting for your answer below." if held else "Paused. Press Space to go on."
        )
        self._set_label(self.pause_button, "Go on  [Space]" if paused else "Pause  [Space]")
        next_words = "Start now" if phase.kind is not PhaseKind.REST else "Skip rest"
        self._set_label(
            self.next_button, f"{next_words}  [N]" if workout.waiting else "Skip exercise  [N]"
        )
        self.back_button.setEnabled(not (phase.exercise_index == 0 and workout.index == 0))
        self.steps_label.setText(steps_html(planned))

    @staticmethod
    def _set_label(button: QPushButton, text: str) -> None:
        button.setText(text)
        button.setAccessibleName(text)

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
        if self.workout is None or self._confirming():
            return
        self.workout.toggle_pause()
        self._paused_by_person = self.workout.state is State.PAUSED
        self._handle([])

    def _on_next_clicked(self) -> None:
        if self.workout is not None and not self._confirming():
            self._handle(self.workout.next())

    def _on_back_clicked(self) -> None:
        if self.workout is not None and not self._confirming():
            self._handle(self.workout.back())

    def _on_mute_clicked(self) -> None:
        if not self._has_sound():
            return
        self.cues.muted = not self.cues.muted
        if self.cues.muted:
            self.voice.stop()
        self.mute_button.setChecked(self.cues.muted)
        self._set_label(self.mute_button, "Sound off  [M]" if self.cues.muted else "Sound on  [M]")

    def _on_steps_clicked(self) -> None:
        showing = self.left.currentIndex() == 0
        self.left.setCurrentIndex(1 if showing else 0)
        self.steps_button.setChecked(showing)

    def _on_end_clicked(self) -> None:
        if self.workout is None:
            return
        self._was_paused = self.workout.state is State.PAUSED
        self.workout.pause()
        self.controls.setCurrentIndex(1)
        self._handle([])

    def _on_escape_pressed(self) -> None:
        if self._confirming():
            self._on_keep_going_clicked()
        else:
            self._on_end_clicked()

    def _on_enter_pressed(self) -> None:
        if self._confirming():
            self._on_confirm_end_clicked()

    def _on_keep_going_clicked(self) -> None:
        self.controls.setCurrentIndex(2 if self._check_for is not None else 0)
        if self.workout is not None and not self._was_paused:
            self.workout.resume()
            self._handle([])

    def _on_stop_clicked(self) -> None:
        """Pain is spreading: stop at once, keep the sets done, hand over to the halt."""
        self._halt(HaltKind.RADIATING, STOP_KEY)

    def _halt(self, kind: HaltKind, screen: str) -> None:
        if self.workout is None:
            return
        self._timer.stop()
        self.voice.stop()
        self.controls.setCurrentIndex(0)
        self._check_for, self._finish_pending = None, False
        self._paused_by_person = False
        self.workout.end_early()
        self._log.finish(self._workout_id, f"halted: {kind.value}")
        self.workout = None
        self.halted.emit(kind, self._workout_id, screen)

    # The check after each exercise.

    def _needs_check(self, exercise_index: int) -> bool:
        workout = self.workout
        return workout is not None and workout.sets_done(exercise_index) > 0

    def _on_phase_started(self, phase: Phase) -> None:
        workout = self.workout
        assert workout is not None
        left = self._last_exercise
        self._last_exercise = phase.exercise_index
        if phase.exercise_index > left and self._needs_check(left):
            self._open_check(left)

    def _open_check(self, exercise_index: int) -> None:
        assert self.workout is not None
        self._check_for = self.workout.plan[exercise_index]
        self.workout.hold_before_work()  # the answer comes before more exercise
        self.check_bar.ask(self._check_for.exercise.name)
        self.controls.setCurrentIndex(2)
        self._fit_countdown()

    def _on_check_bar_felt(self, feeling: str) -> None:
        if self._check_for is not None:
            self.exercise_felt.emit(self._workout_id, self._check_for.exercise.id, feeling)

    def _on_check_bar_answered(self, answer: CheckAnswer) -> None:
        checked, self._check_for = self._check_for, None
        workout = self.workout
        if checked is None or workout is None:
            return
        self.controls.setCurrentIndex(0)
        self._fit_countdown()
        outcome = after_exercise(answer)
        if outcome.halt is not None:
            self._halt(outcome.halt, AFTER_EXERCISE)
            return
        if outcome.skip_exercise:
            workout.drop(checked.exercise.id)
            self.exercise_dropped.emit(checked.exercise.id, self._workout_id)
        if self._finish_pending:
            self._finish_pending = False
            self._over("finished")
            return
        workout.hold_before_work(False)
        if workout.state is State.PAUSED and not self._paused_by_person:
            workout.resume()
        self._handle([])

    def _on_confirm_end_clicked(self) -> None:
        self.controls.setCurrentIndex(0)
        if self.workout is not None:
            self._handle(self.workout.end_early())
