"""The home screen, through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from coach.ui import theme
from tests.driver import Person
from tests.ui.conftest import MakePerson


def texts(person: Person) -> str:
    return "\n".join(label.text() for label in person.home.findChildren(QLabel))


def test_home_lists_the_routines_with_length_what_they_train_and_when_last_done(
    person: Person,
) -> None:
    shown = texts(person)
    for title in ("Morning bridge & core", "Hip openers", "Reclined stretches"):
        assert title in shown
    assert "About 6 min" in shown
    assert "buttocks, stomach, hips" in shown
    assert shown.count("Not done yet") == 3
    assert "Left out: Camel (opt-in, turned off in settings)." in shown
    assert list(person.home.start_buttons) == [
        "morning-bridge-core",
        "hip-openers",
        "reclined-stretches",
    ]
    assert person.home.problems.isHidden()


def test_every_button_is_named_as_it_reads(person: Person) -> None:
    buttons = person.window.findChildren(QPushButton)
    assert len(buttons) > 10
    for button in buttons:
        assert button.accessibleName() == button.text(), button.text()
    start = person.home.start_buttons["hip-openers"]
    assert start.accessibleDescription() == "Start Hip openers"


def test_a_broken_routine_file_is_shown_and_the_rest_still_start(
    make_person: MakePerson, tmp_path: Path
) -> None:
    own = tmp_path / "data" / "routines"
    own.mkdir(parents=True)
    (own / "typo.toml").write_text('id = "t"\ntitle = "T"\nsummary = "s"\n[[item]]\nexercise = 3\n')
    (own / "mine.toml").write_text(
        'id = "mine"\ntitle = "Just bridges"\nsummary = "s"\n[[item]]\nexercise = "glute-bridge"\n'
    )
    person = make_person()
    assert not person.home.problems.isHidden()
    problem = person.home.problems_label.text()
    assert "1 routine file could not be read" in problem
    assert str(own / "typo.toml") in problem
    assert "line 5, item 1, field &#x27;exercise&#x27;" in problem
    assert "Just bridges  (your own)" in texts(person)
    assert len(person.home.start_buttons) == 4


def test_reload_picks_up_a_fixed_file(make_person: MakePerson, tmp_path: Path) -> None:
    own = tmp_path / "data" / "routines"
    own.mkdir(parents=True)
    broken = own / "mine.toml"
    broken.write_text('id = "mine"\ntitle = "Mine"\n')
    person = make_person()
    assert not person.home.problems.isHidden()
    broken.write_text('id = "mine"\ntitle = "Mine"\nsummary = "s"\n[[item]]\nexercise = "camel"\n')
    person.window.reload()
    assert person.home.problems.isHidden()
    assert "mine" in person.home.start_buttons


def test_a_dark_desktop_theme_does_not_put_dark_text_on_dark(person: Person) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e1e1e"),
        (QPalette.ColorRole.Base, "#000000"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)  # what a dark desktop hands the program
    theme.apply(app)
    colours = app.palette()
    assert colours.color(QPalette.ColorRole.Window).name() == theme.PAPER
    assert colours.color(QPalette.ColorRole.Base).name() == theme.CARD
    assert colours.color(QPalette.ColorRole.ToolTipText).name() == theme.INK


def test_enter_presses_the_button_reached_with_tab(person: Person) -> None:
    """Enter on a focused button is that button's, not the screen's own Enter (Start)."""
    home = person.home
    home.progress_button.setFocus()
    person.key(Qt.Key.Key_Return)
    assert person.showing() is person.window.show_progress()  # not a workout starting
    person.key(Qt.Key.Key_Escape)
    assert person.on(home)
    home.history_button.setFocus()
    person.key(Qt.Key.Key_Enter)  # the keypad's Enter too
    assert person.showing() is person.window.show_history()
    person.key(Qt.Key.Key_Escape)
    start = home.start_buttons["hip-openers"]
    start.setFocus()
    person.key(Qt.Key.Key_Return)  # a Start reached with Tab starts its own routine
    assert person.on(person.questions) or person.on(person.pain)
