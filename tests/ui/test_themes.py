"""Light, dark and high-contrast colours: chosen on the Voice and colours screen, or
following the system; every pair of colours a person reads is readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessibilityHints, QColor, QGuiApplication, QPalette, QStyleHints
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach import app
from coach.services import THEME
from coach.ui import theme
from tests.ui.conftest import MakePerson


@pytest.fixture(autouse=True)
def light_again(qapp: QApplication) -> Iterator[None]:
    """Each test leaves the program's colours, and the system's, as it found them."""
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    theme.apply(qapp, "light")


def window_colour() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def luminance(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_every_theme_is_readable(name: str) -> None:
    c = theme.THEMES[name]
    least = 7.0 if name == "contrast" else 4.5  # WCAG AAA for high contrast, else AA
    pairs = ((c.ink, c.paper), (c.ink, c.card), (c.on_accent, c.accent), (c.accent, c.paper),
             (c.rest, c.paper), (c.warn, c.paper), (c.warn, c.warn_back), (c.muted, c.paper),
             (c.ink, c.unsaved_back))  # fmt: skip
    for words, ground in pairs:
        assert contrast(words, ground) >= least, (name, words, ground)
    assert contrast(c.dim, c.dim_back) >= 3.0  # what cannot be used now, still legible


def test_colours_are_chosen_seen_at_once_and_kept(qtbot: QtBot, make_person: MakePerson) -> None:
    person = make_person()
    assert window_colour() == theme.THEMES["light"].paper  # the system has no preference
    person.key(Qt.Key.Key_V)
    screen = person.voice
    assert person.on(screen) and screen.chosen_theme == "system"
    qtbot.keyClick(screen, Qt.Key.Key_C)  # light
    qtbot.keyClick(screen, Qt.Key.Key_C)  # dark, seen at once
    assert screen.chosen_theme == "dark"
    assert window_colour() == theme.THEMES["dark"].paper
    qtbot.keyClick(screen, Qt.Key.Key_Escape)  # back: as before
    assert person.on(person.home) and window_colour() == theme.THEMES["light"].paper
    assert person.services.settings.read(THEME) == "system"

    person.key(Qt.Key.Key_V)
    qtbot.mouseClick(screen.theme_buttons["contrast"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert person.on(person.home) and window_colour() == "#000000"
    assert person.services.settings.read(THEME) == "contrast"
    person.window.close()

    again = make_person()  # the next start keeps the choice
    assert window_colour() == "#000000"
    assert again.window.theme_choice == "contrast"


def test_as_the_system_follows_the_system_when_it_changes(
    make_person: MakePerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_person()
    hints = QGuiApplication.styleHints()
    scheme = [Qt.ColorScheme.Dark]  # what the desktop says (offscreen Qt has no scheme)
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda _self: scheme[0])
    hints.colorSchemeChanged.emit(scheme[0])  # the desktop turns dark
    assert window_colour() == theme.THEMES["dark"].paper
    scheme[0] = Qt.ColorScheme.Light
    hints.colorSchemeChanged.emit(scheme[0])
    assert window_colour() == theme.THEMES["light"].paper
    contrast = Qt.ContrastPreference.HighContrast
    monkeypatch.setattr(QAccessibilityHints, "contrastPreference", lambda _self: contrast)
    hints.accessibility().contrastPreferenceChanged.emit(contrast)
    assert window_colour() == theme.THEMES["contrast"].paper

    person.services.settings.write((THEME, "light"))
    person.window.theme_choice = "light"  # chosen: the system no longer decides
    scheme[0] = Qt.ColorScheme.Dark
    hints.colorSchemeChanged.emit(scheme[0])
    assert window_colour() == theme.THEMES["contrast"].paper  # left as it was


def test_the_workout_figure_is_drawn_in_the_themes_colours(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person()
    person.start_morning()
    picture = person.workout.picture
    person.window.theme_choice = "dark"  # as saved on the Voice and colours screen
    person.window.show_theme("dark")
    qtbot.wait(10)
    dark = theme.THEMES["dark"].paper

    def corner() -> str:
        image = person.window.grab().toImage()
        return image.pixelColor(picture.mapTo(person.window, picture.rect().topLeft())).name()

    qtbot.waitUntil(lambda: corner() == dark, timeout=2000)  # no light box behind it
    colours = theme.figure_colours()
    assert colours.body.name() == theme.THEMES["dark"].ink  # a light figure on the dark


class StyleChanges(QObject):
    """Counts the style changes a widget is told of."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def test_leaving_the_colours_as_they_were_restyles_nothing(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person()
    changes = StyleChanges()
    person.home.installEventFilter(changes)
    person.key(Qt.Key.Key_V)
    qtbot.keyClick(person.voice, Qt.Key.Key_Escape)  # back, no colours tried
    assert person.on(person.home) and changes.count == 0  # restyling every widget: 0.4 s
    person.key(Qt.Key.Key_V)
    qtbot.keyClick(person.voice, Qt.Key.Key_C)  # light: as shown, nothing to change
    qtbot.keyClick(person.voice, Qt.Key.Key_C)  # dark
    assert changes.count > 0 and window_colour() == theme.THEMES["dark"].paper
    person.home.removeEventFilter(changes)


def test_the_first_paint_is_already_in_the_chosen_colours(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    """The frame paints before the data is opened, so the colours are read straight from
    the file; a file that cannot be read paints as the system's, and opening it then says."""
    person = make_person(tmp_path / "data")
    person.services.settings.write((THEME, "dark"))
    person.window.close()
    colours: list[str] = []
    window = app.show_frame(tmp_path / "data", lambda _window: colours.append(window_colour()))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(colours))
    assert colours == [theme.THEMES["dark"].paper]
    window.close()

    theme.apply(QApplication.instance(), "light")  # type: ignore[arg-type]
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "coach.db").write_bytes(b"not a database" * 100)
    colours.clear()
    window = app.show_frame(damaged, lambda _window: colours.append(window_colour()))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(colours))
    assert colours == [theme.THEMES["light"].paper]  # the system's: no preference here
