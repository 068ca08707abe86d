"""The figure on the workout screen follows the phase: the start pose while getting
ready, moving up over the tempo, the end pose held, moving back down."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from coach.core.phases import PhaseKind
from coach.core.poses import read_figures
from coach.resources import Resources, locate
from tests.driver import Person


def kind(person: Person) -> PhaseKind | None:
    workout = person.workout.workout
    return workout.phase.kind if workout is not None else None


def test_the_bridge_moves_up_holds_and_comes_down_with_the_phase(person: Person) -> None:
    person.start_morning()
    picture = person.workout.picture
    assert picture.figure is not None and picture.figure.exercise_id == "glute-bridge"
    assert picture.moved() == 0.0 and picture.arrows == 1  # ready: the start, and the way
    assert "Shaded: the buttocks" in picture.accessibleName()
    person.press(Qt.Key.Key_N)  # start now
    assert kind(person) is PhaseKind.UP
    person.poll(1.0)  # halfway through a 2-second lift
    assert picture.moved() == pytest.approx(0.5)
    person.poll(1.0)
    assert kind(person) is PhaseKind.TOP_HOLD and picture.moved() == 1.0
    assert picture.arrows == 0  # nothing to show the way in a hold
    person.poll(3.0)
    assert kind(person) is PhaseKind.DOWN and picture.arrows == -1
    person.poll(1.5)
    assert 0.0 < picture.moved() < 0.5  # nearly back down
    person.poll(0.5)
    assert kind(person) is PhaseKind.UP and picture.moved() == 0.0  # the next rep


def test_the_figure_is_drawn_where_it_is_in_the_movement(qtbot: QtBot, person: Person) -> None:
    person.window.resize(1366, 768)
    person.start_morning()
    picture = person.workout.picture
    qtbot.wait(10)

    def drawn() -> QImage:
        return picture.grab().toImage()

    lying = drawn()
    person.press(Qt.Key.Key_N)
    person.poll(2.0)  # at the top
    lifted = drawn()
    assert lying != lifted  # not one still drawing
    person.poll(5.0)  # down again, the next rep starting
    assert drawn() == lying


def test_the_right_side_is_the_mirror_and_the_dead_bug_takes_turns(person: Person) -> None:
    person.start_morning()
    picture = person.workout.picture
    person.press(Qt.Key.Key_N)
    person.run_until(lambda: picture.figure is not None
                     and picture.figure.exercise_id == "lying-hip-opener")  # fmt: skip
    assert not picture.mirrored
    workout = person.workout.workout
    assert workout is not None
    person.run_until(lambda: workout.phase.side is not None and workout.phase.side.value == "right")
    assert picture.mirrored
    person.run_until(lambda: picture.figure is not None
                     and picture.figure.exercise_id == "dead-bug"
                     and workout.phase.rep == 2)  # fmt: skip
    assert picture.swapped  # the other arm and leg this rep
    person.run_until(lambda: workout.phase.rep == 3)
    assert not picture.swapped


def test_a_broken_figures_file_leaves_the_still_pictures_and_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shipped = locate()
    assets = tmp_path / "assets"
    shutil.copytree(shipped.assets, assets)
    (assets / "figures.toml").write_text("[glute-bridge]\nanchor = 3\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert read_figures(Resources(shipped.routines, assets).figures) == {}
    assert "figures.toml" in caplog.text and "glute-bridge.anchor" in caplog.text


def test_a_figure_that_fails_to_draw_leaves_no_painter_open(
    qtbot: QtBot, qtlog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drawing error is reported, and the window goes on painting: a painter left
    open by it would take the window's painting down with it."""
    import coach.ui.workout.picture as picture_module

    figure = next(iter(read_figures(locate().figures).values()))
    picture = picture_module.Picture()
    qtbot.addWidget(picture)
    picture.resize(400, 300)
    picture.show_figure(figure, "A figure", lambda: 0.5)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("a pose out of reach")

    monkeypatch.setattr(picture_module, "paint_figure", broken)
    with pytest.raises(ValueError, match="a pose out of reach"):
        picture.grab()
    monkeypatch.undo()
    assert not picture.grab().toImage().isNull()  # drawn again, as before
    assert not [m for m in qtlog.records if "painter" in m.message.lower()]
