"""Acting as a person at the keyboard, for programs run outside pytest (drivers, benches)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from coach.ui.main_window import MainWindow


def start_with_all_no(window: MainWindow, routine: str) -> None:
    """Start a routine, answering every safety question no, as a well person would."""
    window.start_routine(routine)
    screen = window.safety.safety_view
    for row in screen.rows:
        row.set_answer(False)
    screen.continue_button.click()
    for _ in range(3):  # the block's baseline (first time), activities (none), pain now
        if window.stack.currentWidget() is window.checkins.view:
            window.checkins.view.choose(4)
            window.checkins.view.save_button.click()
        elif window.stack.currentWidget() is window.checkins.activity_view:
            window.checkins.activity_view.continue_button.click()
    if window.stack.currentWidget() is not window.workout_view:
        raise RuntimeError(f"the workout of '{routine}' did not start")


def answer_checks_all_fine(window: MainWindow) -> QTimer:
    """Answer each check after an exercise "all fine" within 50 ms; keep the timer alive."""
    view = window.workout_view

    def answer() -> None:
        if view.controls.currentWidget() is view.check_bar:
            view.check_bar.fine_button.click()

    timer = QTimer(window)
    timer.timeout.connect(answer)
    timer.start(50)
    return timer
