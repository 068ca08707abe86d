"""Acting as a person at the keyboard of the real window, and reading what it shows.

UI tests go through :class:`Person` ("start the morning routine", "answer the screen",
"press the stop key", "read the week line") instead of reaching into the window's
stack and flows; when the window changes shape, this page is the one place to follow.
The functions at the end drive the window without pytest-qt, for programs run on their
own (tests/crash_driver.py, the bench).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from coach.services import Services
from coach.ui.checkins.activities import ActivityView
from coach.ui.checkins.blocks import BlocksView
from coach.ui.checkins.comparison import ComparisonView
from coach.ui.checkins.pain import ImpressionView, PainView
from coach.ui.home.view import HomeView
from coach.ui.main_window import MainWindow
from coach.ui.plan.reminders import Reminders
from coach.ui.plan.view import PlanView
from coach.ui.safety.halt import HaltView, NoticeView
from coach.ui.safety.view import SafetyView
from coach.ui.safety.welcome import WelcomeView
from coach.ui.voice.view import VoiceView
from coach.ui.workout.summary import SummaryView
from coach.ui.workout.view import WorkoutView
from tests.helpers import FakeClock

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

MORNING = "morning-bridge-core"


class Person:
    """One person at the real window: a fake clock moves the workout's time."""

    def __init__(self, qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
        self.qtbot = qtbot
        self.window = window
        self.clock = clock

    @property
    def services(self) -> Services:
        return self.window.services

    # The screens, to read.

    @property
    def home(self) -> HomeView:
        return self.window.screens.home

    @property
    def welcome(self) -> WelcomeView:
        return self.window.screens.safety.welcome_view

    @property
    def questions(self) -> SafetyView:
        return self.window.screens.safety.safety_view

    @property
    def halt(self) -> HaltView:
        return self.window.screens.safety.halt_view

    @property
    def notice(self) -> NoticeView:
        return self.window.screens.safety.notice_view

    @property
    def pain(self) -> PainView:
        return self.window.screens.checkins.view

    @property
    def activities(self) -> ActivityView:
        return self.window.screens.checkins.activity_view

    @property
    def impression(self) -> ImpressionView:
        return self.window.screens.checkins.impression_view

    @property
    def workout(self) -> WorkoutView:
        return self.window.screens.workout.view

    @property
    def summary(self) -> SummaryView:
        return self.window.screens.workout.summary

    @property
    def comparison(self) -> ComparisonView:
        return self.window.screens.blocks.comparison

    @property
    def blocks(self) -> BlocksView:
        return self.window.screens.blocks.list_view

    @property
    def plan(self) -> PlanView:
        return self.window.screens.plan.view

    @property
    def reminders(self) -> Reminders:
        return self.window.screens.plan.reminders

    @property
    def voice(self) -> VoiceView:
        return self.window.screens.voice

    def showing(self) -> QWidget | None:
        return self.window.showing()

    def on(self, screen: QWidget) -> bool:
        return self.showing() is screen

    def week_line(self) -> str:
        """The home screen's line about this week's workouts."""
        return self.home.week_label.text()

    def home_texts(self) -> list[str]:
        """Every line of words on the home screen."""
        return [label.text() for label in self.home.findChildren(QLabel)]

    # Acting.

    def key(self, key: Qt.Key) -> None:
        """A key pressed wherever focus is, as a person at the keyboard does."""
        focused = self.window.focusWidget()
        assert focused is not None, "nothing has the keyboard focus"
        self.qtbot.keyClick(focused, key)

    def keys(self, *keys: Qt.Key) -> None:
        for key in keys:
            self.key(key)

    def press(self, key: Qt.Key) -> None:
        """A key on the workout screen."""
        self.qtbot.keyClick(self.workout, key)

    def click(self, button: QPushButton) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def start(self, routine: str = MORNING) -> None:
        """Click the routine's Start on the home screen."""
        self.click(self.home.start_buttons[routine])

    def start_by_keyboard(self, routine: str = MORNING) -> None:
        """The first routine's Start has focus once the window is active: Enter."""
        start = self.home.start_buttons[routine]
        self.qtbot.waitUntil(start.hasFocus)
        self.qtbot.keyClick(start, Qt.Key.Key_Return)

    def begin(self) -> None:
        """Enter on the first run's welcome: the full safety screen follows."""
        assert self.on(self.welcome), "the welcome is not showing"
        self.key(Qt.Key.Key_Return)

    def give_baseline(self, value: int = 5) -> None:
        """The first run's baseline, after its full screen: the average pain and no
        activities; home follows."""
        self.answer_pain(value)
        assert self.on(self.activities), "the activities are not showing"
        self.qtbot.keyClick(self.activities.continue_button, Qt.Key.Key_Return)

    def answer(self, yes_to: Iterable[str] = ()) -> None:
        """Answer the safety screen by keyboard: Y to the questions named, N to the rest,
        then Enter."""
        wanted = set(yes_to)
        assert self.on(self.questions), "the safety questions are not showing"
        for row in list(self.questions.rows):
            if row.isHidden():
                continue
            row.setFocus()
            self.key(Qt.Key.Key_Y if row.ask.id in wanted else Qt.Key.Key_N)
        self.key(Qt.Key.Key_Return)

    def answer_all_no(self) -> None:
        """Every question No, one key each from the first, as a well person answers."""
        assert self.on(self.questions), "the safety questions are not showing"
        for _ in range(len(self.questions.rows)):
            self.key(Qt.Key.Key_N)
        self.key(Qt.Key.Key_Return)

    def answer_pain(self, *values: int) -> None:
        """Answer the pain check-ins now showing, one number each (Enter saves)."""
        view = self.pain
        for value in values:
            assert self.on(view), "no pain check-in is showing"
            if value == 10:
                self.qtbot.keyClick(view, Qt.Key.Key_9)
                self.qtbot.keyClick(view, Qt.Key.Key_Right)
            else:
                self.qtbot.keyClick(view, Qt.Key(Qt.Key.Key_0 + value))
            self.qtbot.keyClick(view, Qt.Key.Key_Return)

    def answer_pain_after(self, value: int) -> None:
        """The pain right now, asked on the workout's summary: a number, then Enter."""
        summary = self.summary
        assert self.on(summary) and summary.pain_asked(), "the summary asks no pain"
        if value == 10:
            self.key(Qt.Key.Key_9)
            self.key(Qt.Key.Key_Right)
        else:
            self.key(Qt.Key(Qt.Key.Key_0 + value))
        self.key(Qt.Key.Key_Return)

    def skip_pain(self) -> None:
        assert self.on(self.pain), "no pain check-in is showing"
        self.qtbot.keyClick(self.pain, Qt.Key.Key_Escape)

    def answer_pain_until_workout(self, value: int = 5) -> None:
        """The baseline (first time: no activities) and the pain right now, until the
        workout shows."""
        for _ in range(3):
            if self.on(self.pain):
                self.answer_pain(value)
            elif self.on(self.activities):
                self.qtbot.keyClick(self.activities.continue_button, Qt.Key.Key_Return)

    def start_morning(self) -> None:
        """The morning routine by keyboard: Start, every question no (none when a full
        screen was just answered), pain, the workout."""
        self.start_by_keyboard(MORNING)
        if self.on(self.questions):
            self.answer_all_no()
        self.answer_pain_until_workout()
        assert self.on(self.workout), "the workout did not start"

    # The workout's time.

    def poll(self, seconds: float = 0) -> None:
        """Time passes on the workout's clock, and the screen looks."""
        self.clock.advance(seconds)
        self.workout.poll()

    def checking(self) -> bool:
        return self.workout.check_shown()

    def run_until(self, done: Callable[[], bool], step: float = 0.25) -> None:
        """Let the workout run until done(); answer each check after an exercise "all
        fine"."""
        for _ in range(20_000):
            if done():
                return
            if self.checking():
                QTest.keyClick(self.workout, Qt.Key.Key_Return)
                continue
            self.poll(step)
        raise AssertionError("never got there")

    def sets_done(self, exercise_index: int = 0) -> int:
        workout = self.workout.workout
        return workout.sets_done(exercise_index) if workout is not None else -1

    def finish_first_set(self) -> None:
        """The morning routine started, and its first set (the bridge) done."""
        self.start_morning()
        self.press(Qt.Key.Key_N)
        self.run_until(lambda: self.sets_done(0) == 1)

    # What was kept.

    def workouts(self) -> list[Any]:
        return self.services.workouts.workouts()


# Without pytest-qt: for programs run on their own.


def start_with_all_no(window: MainWindow, routine: str) -> None:
    """Start a routine, answering every safety question no, as a well person would."""
    window.start_routine(routine)
    screens = window.screens
    questions = screens.safety.safety_view
    if window.showing() is questions:  # none when a full screen was just answered
        for row in questions.rows:
            row.set_answer(False)  # a year of birth stays blank
        questions.continue_button.click()
    pain, activities = screens.checkins.view, screens.checkins.activity_view
    for _ in range(3):  # the block's baseline (first time), activities (none), pain now
        if window.showing() is pain:
            pain.choose(4)
            pain.save_button.click()
        elif window.showing() is activities:
            activities.continue_button.click()
    if window.showing() is not screens.workout.view:
        raise RuntimeError(f"the workout of '{routine}' did not start")


def answer_checks_all_fine(window: MainWindow) -> QTimer:
    """Answer each check after an exercise "all fine" within 50 ms; keep the timer alive."""
    view = window.screens.workout.view

    def answer() -> None:
        if view.check_shown():
            view.check_bar.press("Return")

    timer = QTimer(window)
    timer.timeout.connect(answer)
    timer.start(50)
    return timer
