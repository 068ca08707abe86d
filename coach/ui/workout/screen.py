"""The workout screen's widgets: one exercise at a time, a big countdown, the buttons
with their keys, and the sizes that keep the countdown readable from the mat.

coach.ui.workout.view.WorkoutView runs it; this part only builds and draws.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.phases import PhaseKind, Side
from coach.core.poses import moved, read_figures
from coach.core.routines import dose_text
from coach.core.workout import State, Workout
from coach.resources import Resources
from coach.ui import theme
from coach.ui.widgets import (
    Key,
    ProgressLine,
    key_button,
    make_label,
    make_row,
    scale_to_height,
    set_pixels,
    set_words,
)
from coach.ui.workout.check_bar import CheckBar
from coach.ui.workout.picture import Picture
from coach.ui.workout.text import PHASE_WORDS, instruction, status_text, steps_html

# The countdown's label per pixel of its font: as tall as its digits with a little room
# (the line's leading and descent are cut, evenly above and below, and no digit reaches
# them), and two digits' width.
DIGITS_TALL = 0.82
DIGITS_WIDE = 1.4


class WorkoutKeys:
    BACK = Key("Back", ("B", "Left"))
    PAUSE = Key("Pause", ("Space",))
    NEXT = Key("Next", ("N", "Right"))
    STEPS = Key("Steps", ("I",))
    MUTE = Key("Sound on", ("M",))
    END = Key("End", ("Esc",))
    STOP = Key("Stop: pain is spreading", ("P",))
    FULL = Key("Full screen", ("F11",))  # the window's own key, on every screen
    CONFIRM_END = Key("End workout", ("Return", "Enter"), shown="Enter")
    KEEP_GOING = Key("Keep going", ("Esc",))


# Which way the figure's arrows point in each phase: toward the end pose while getting
# ready for the movement and while making it, back while coming down, none in a hold.
ARROWS = {PhaseKind.GET_READY: 1, PhaseKind.SWITCH_SIDE: 1, PhaseKind.REST: 1,
          PhaseKind.UP: 1, PhaseKind.DOWN: -1}  # fmt: skip
MOVING = (PhaseKind.UP, PhaseKind.DOWN, PhaseKind.HOLD)


def fit_across(
    part: QWidget,
    pixels: int,
    room: int,
    smallest: int = 11,
    needed: Callable[[], int] | None = None,
) -> bool:
    """The words of a row of buttons `pixels` tall, or smaller (to `smallest`) until the
    row fits in `room` (its width is `needed()`, or its size hint's); whether it does."""
    widgets = [part, *part.findChildren(QPushButton), *part.findChildren(QLabel)]
    for size in range(pixels, smallest - 1, -1):
        for widget in widgets:
            set_pixels(widget, size)
        if (needed() if needed is not None else part.sizeHint().width()) <= room:
            return True
    return False


class WorkoutScreen(QWidget):
    """The widgets; `on` gives each button's key the action it does."""

    def __init__(
        self,
        resources: Resources,
        on: Mapping[Key, Callable[[], None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workout")
        self._resources = resources
        self._figures = read_figures(resources.figures)
        self._fitted_for: tuple[object, ...] = ()
        self._build(on)

    def _build(self, on: Mapping[Key, Callable[[], None]]) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.routine_label = make_label("", 13, name="muted")
        self.position_label = make_label("", 13, name="muted")
        self.routine_label.setWordWrap(False)
        self.position_label.setWordWrap(False)
        self.progress = ProgressLine("Progress through the routine")
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
        # Paused by the person: a cover over the picture, big enough to read from the mat.
        self.pause_cover = make_label("Paused\nSpace to go on", 40, bold=True, name="pauseCover")
        self.pause_cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_cover.setAccessibleName("Paused. Press Space to go on.")
        self.left = QStackedWidget()
        self.left.addWidget(self.picture)
        self.left.addWidget(steps_scroll)
        self.left.addWidget(self.pause_cover)
        self._left_before_pause = 0  # the picture or the steps, shown again on going on

        self.name_label = make_label("", 26, bold=True)
        self.phase_label = make_label("", 22, bold=True)
        self.countdown = make_label("", 96, bold=True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.countdown.setAccessibleName("Seconds left")
        self.instruction_label = make_label("", 17)
        self.status_label = make_label("", 17, bold=True)
        self.next_label = make_label("", 14, name="muted")
        self.paused_label = make_label("Waiting for your answer below.", 17, bold=True)
        self.paused_label.setObjectName("warnText")
        self.paused_label.hide()
        right = QVBoxLayout()
        right.setSpacing(2)  # the room goes to the countdown
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
        self.controls.addWidget(self._build_buttons(on))
        self.controls.addWidget(self._build_confirm(on))
        self.controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # As tall as the page showing (an ignored page counts for nothing in the height).
        self.controls.currentChanged.connect(self._on_controls_changed)
        self._on_controls_changed(0)
        # The check after an exercise shows above the buttons, beside the running workout:
        # the buttons and every key stay.
        self.check_bar = CheckBar()
        self.check_bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.check_bar.hide()
        # The room left for the countdown is measured again whenever the check shows,
        # goes, or wraps onto more lines, and when the controls change height.
        self.controls.installEventFilter(self)
        self.check_bar.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 12, 28, 12)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addSpacing(12)
        layout.addLayout(middle, 1)
        layout.addSpacing(12)
        layout.addWidget(self.check_bar)
        layout.addWidget(self.controls)
        layout.addSpacing(6)
        layout.addWidget(self.stop_button)  # outside the stack: always there

    def _build_buttons(self, on: Mapping[Key, Callable[[], None]]) -> QWidget:
        keys = WorkoutKeys
        self.back_button = key_button(keys.BACK, on[keys.BACK])
        self.pause_button = key_button(keys.PAUSE, on[keys.PAUSE], primary=True)
        self.next_button = key_button(keys.NEXT, on[keys.NEXT])
        self.steps_button = key_button(keys.STEPS, on[keys.STEPS])
        self.steps_button.setCheckable(True)
        self.mute_button = key_button(keys.MUTE, on[keys.MUTE])
        self.mute_button.setCheckable(True)
        self.end_button = key_button(keys.END, on[keys.END])
        self.full_button = key_button(keys.FULL, on[keys.FULL])
        self.stop_button = key_button(keys.STOP, on[keys.STOP])
        self.stop_button.setObjectName("danger")
        # The workout's own keys on the left, the screen's on the right; in a narrow window
        # the right group goes under the left rather than cut its words (see _two_rows).
        row = QFrame()
        self._buttons_grid = QGridLayout(row)
        self._buttons_grid.setContentsMargins(0, 0, 0, 0)
        self._moving = make_row(self.back_button, self.pause_button, self.next_button)
        self._screen_keys = QWidget()
        right = QHBoxLayout(self._screen_keys)
        right.setContentsMargins(0, 0, 0, 0)
        right.addStretch()
        for button in (self.steps_button, self.mute_button, self.full_button, self.end_button):
            right.addWidget(button)
        self._buttons_grid.addWidget(self._moving, 0, 0)
        self._buttons_grid.addWidget(self._screen_keys, 0, 1)
        return row

    def _one_row_width(self) -> int:
        """The buttons' width side by side, from each button's own size (the rows' layouts
        learn of a new font only later)."""
        buttons = [*self._moving.findChildren(QPushButton),
                   *self._screen_keys.findChildren(QPushButton)]  # fmt: skip
        gaps = self._buttons_grid.horizontalSpacing() or 6
        return sum(b.sizeHint().width() for b in buttons) + gaps * (len(buttons) + 2)

    def _two_rows(self, two: bool) -> None:
        """The buttons in one row, or (in a narrow window) in two; moved only on a change."""
        grid = self._buttons_grid
        row, column = (1, 0) if two else (0, 1)
        if grid.itemAtPosition(row, column) is None:  # not there yet
            grid.removeWidget(self._screen_keys)
            grid.addWidget(self._screen_keys, row, column)

    def _build_confirm(self, on: Mapping[Key, Callable[[], None]]) -> QWidget:
        box = QFrame()
        box.setObjectName("problems")
        layout = QHBoxLayout(box)
        question = make_label("End this workout? The sets you finished are saved.", 15, bold=True)
        self.confirm_end_button = key_button(WorkoutKeys.CONFIRM_END, on[WorkoutKeys.CONFIRM_END])
        self.keep_going_button = key_button(
            WorkoutKeys.KEEP_GOING, on[WorkoutKeys.KEEP_GOING], primary=True
        )
        layout.addWidget(question, 1)
        layout.addWidget(self.confirm_end_button)
        layout.addWidget(self.keep_going_button)
        return box

    def show_workout(self, workout: Workout, *, held: bool) -> None:
        """Everything on screen as the workout now is; `held`: it waits on an answer (back
        pain rose: end for today, or go on?), not paused by the person."""
        phase, planned = workout.phase, workout.planned
        exercise = planned.exercise
        # The other side is the same movement in a mirror: the picture turns round with it.
        mirrored = phase.side is Side.RIGHT
        described = f"Picture: {exercise.name}{', right side (mirrored)' if mirrored else ''}"
        figure = self._figures.get(exercise.id)
        if figure is None:
            self.picture.show_file(
                self._resources.pictures / exercise.picture, described, mirrored=mirrored
            )
        else:
            kind, seconds = phase.kind, phase.seconds
            self.picture.show_figure(
                figure,
                described,
                lambda: moved(kind, workout.elapsed(), seconds),
                mirrored=mirrored,
                swapped=figure.swapped_for(phase.rep),
                arrows=ARROWS.get(kind, 0),
                moving=workout.state is State.RUNNING and kind in MOVING,
            )
        self.name_label.setText(exercise.name)
        self.phase_label.setText(PHASE_WORDS[phase.kind])
        colour = theme.ACCENT if phase.kind.is_work else theme.REST  # the theme's, now
        if self.phase_label.styleSheet() != (sheet := f"color: {colour};"):
            self.phase_label.setStyleSheet(sheet)  # restyled only when it changes
        self.countdown.setText(str(workout.shown_seconds()))
        self.instruction_label.setText(instruction(workout))
        self.status_label.setText(status_text(phase))
        count = len(workout.plan)
        self.position_label.setText(f"Exercise {phase.exercise_index + 1} of {count}")
        self.progress.set_fraction(workout.progress())
        following = workout.next_exercise
        self.next_label.setText(
            f"Up next: {following.exercise.name} ({dose_text(following)})"
            if following
            else "This is the last exercise."
        )
        paused = workout.state is State.PAUSED
        self._show_paused(paused and not held)
        self.paused_label.setVisible(paused and held)  # a question waits: said beside it
        set_words(self.pause_button, WorkoutKeys.PAUSE, "Go on" if paused else None)
        next_words = "Start now" if phase.kind is not PhaseKind.REST else "Skip rest"
        set_words(
            self.next_button, WorkoutKeys.NEXT, next_words if workout.waiting else "Skip exercise"
        )
        self.back_button.setEnabled(not (phase.exercise_index == 0 and workout.index == 0))
        self.steps_label.setText(steps_html(planned))
        # New words beside the countdown may need more lines: fitted again when they change.
        words = (*(w.text() for w in self._beside_countdown()), paused)
        if words != self._fitted_for:
            self._fitted_for = words
            self._fit_countdown()

    def show_last_check(self, seconds: float) -> None:
        """After the last exercise, while its check waits a moment before the summary."""
        self.phase_label.setText("Well done")
        self.countdown.setText(str(math.ceil(seconds)))
        self.instruction_label.setText("That is the last exercise. Your summary follows.")
        self.status_label.setText("")
        self.next_label.setText("")
        self.progress.set_fraction(1.0)

    def _on_controls_changed(self, index: int) -> None:
        for n in range(self.controls.count()):
            vertical = QSizePolicy.Policy.Preferred if n == index else QSizePolicy.Policy.Ignored
            page = self.controls.widget(n)
            if page is not None:
                page.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        self.controls.updateGeometry()
        QTimer.singleShot(0, self._fit_countdown)  # again once the layout has settled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changes = (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)
        if watched in (self.controls, self.check_bar) and event.type() in changes:
            QTimer.singleShot(0, self._fit_countdown)
        return super().eventFilter(watched, event)

    def check_shown(self) -> bool:
        """The check after an exercise (or the question after back pain rose) is on screen."""
        return not self.check_bar.isHidden()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_words()
        self._fit_countdown()

    def _window_height(self) -> int:
        window = self.window()
        return window.height() if window is not None and window is not self else self.height()

    def _scale_words(self) -> None:
        """Every size on this screen in proportion to the window, to be read from a mat
        two metres away: the phase and the rep and side line 5% of its height, the
        instruction 4%, the keys 2.5%."""
        height = self._window_height()
        scale_to_height({self.name_label: 0.045, self.phase_label: 0.05, self.status_label: 0.05,
                         self.instruction_label: 0.04, self.paused_label: 0.04,
                         self.next_label: 0.03, self.routine_label: 0.025,
                         self.position_label: 0.025}, height)  # fmt: skip
        # The keys' words: 2.5% of the height, or smaller where a row would not fit across.
        keys = max(14, math.ceil(height * 0.025))
        room = self.width() - 56  # inside the screen's margins
        # Two rows rather than words too small to read, or cut.
        two = not fit_across(self.controls, keys, room, needed=self._one_row_width)
        self._two_rows(two)
        if two:
            fit_across(self.controls, keys, room)
        for part in (self.check_bar, self.stop_button):
            fit_across(part, keys, room)

    def _fit_countdown(self) -> None:
        """The countdown is the one thing to read from the mat: 40% of the window's height
        where it fits, smaller while the taller check below needs the room."""
        share = 0.25 if self.check_shown() else 0.40
        height = self._window_height()
        pixels = max(48, math.ceil(height * share))
        # Never bigger than the room the column has once the rest of it is shown, so on a
        # small screen the words beside it are not cut off.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        room = self._right.geometry()
        if room.height() > 0:
            fitted = self._room_for_countdown(room.width(), room.height(), instruction=True)
            # Short of room while the check is asked: the question comes first, and the
            # instruction returns with the answer.
            words = not (fitted < max(48, height * 0.2) and self.check_shown())
            if not words:
                fitted = self._room_for_countdown(room.width(), room.height(), instruction=False)
            if self.instruction_label.isHidden() == words:  # shown or hidden only on a change:
                self.instruction_label.setVisible(words)  # each costs Qt 5 ms of text layout
            pixels = max(36, min(pixels, fitted, int(room.width() / DIGITS_WIDE)))
        font = self.countdown.font()
        font.setPixelSize(pixels)
        self.countdown.setFont(font)
        # Digits have no descenders and no accents: the label is as tall as they are.
        self.countdown.setFixedHeight(math.ceil(pixels * DIGITS_TALL))
        self._fit_cover()

    def _fit_cover(self) -> None:
        """The pause cover's words as big as the picture's room allows (8% of the height at
        most), each line whole."""
        font = QFont(self.pause_cover.font())
        font.setPixelSize(100)
        metrics = QFontMetrics(font)
        widest = max(
            metrics.horizontalAdvance(line) for line in self.pause_cover.text().split("\n")
        )
        room = (self.left.width() or self.width() // 2) - 48  # inside its border
        font.setPixelSize(max(24, min(int(self.height() * 0.08), int(100 * room / widest))))
        self.pause_cover.setFont(font)

    def _room_for_countdown(self, width: int, height: int, *, instruction: bool) -> int:
        """The countdown's largest pixel size in a column of this size, with the
        instruction beside it or without."""
        words = self.instruction_label
        shown = [w for w in self._beside_countdown() if w is not words and not w.isHidden()]
        if instruction:
            shown.append(words)
        taken = sum(
            w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
            for w in shown
        )
        spare = height - taken - 4 - self._right.spacing() * (self._right.count() - 1)
        return int(spare / DIGITS_TALL)

    def _beside_countdown(self) -> tuple[QLabel, ...]:
        return (self.name_label, self.phase_label, self.instruction_label,
                self.status_label, self.paused_label, self.next_label)  # fmt: skip

    def _show_paused(self, paused: bool) -> None:
        """The cover over the picture and a grey countdown while paused; as before after."""
        covered = self.left.currentWidget() is self.pause_cover
        if paused and not covered:
            self._left_before_pause = self.left.currentIndex()
            self.left.setCurrentWidget(self.pause_cover)
        elif not paused and covered:
            self.left.setCurrentIndex(self._left_before_pause)
        self.countdown.setStyleSheet(f"color: {theme.LINE};" if paused else "")  # greyed

    def toggle_steps(self) -> None:
        covered = self.left.currentWidget() is self.pause_cover
        showing = (self._left_before_pause if covered else self.left.currentIndex()) == 0
        if covered:
            self._left_before_pause = 1 if showing else 0  # seen on going on
        else:
            self.left.setCurrentIndex(1 if showing else 0)
        self.steps_button.setChecked(showing)

    def confirming(self) -> bool:
        """Whether the person is being asked if the workout should end."""
        return self.controls.currentIndex() == 1
