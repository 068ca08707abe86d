"""The exercises' moving figures: read from assets/figures.toml, moved by the phase."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from coach.core.catalogue import load_catalogue
from coach.core.phases import PhaseKind
from coach.core.poses import (
    LENGTHS,
    MAT_Y,
    SEGMENTS,
    Figure,
    FigureError,
    load_figures,
    moved,
)
from coach.resources import locate

RESOURCES = locate()


@pytest.fixture(scope="module")
def figures() -> dict[str, Figure]:
    return load_figures(RESOURCES.figures)


def test_every_shipped_exercise_has_a_figure(figures: dict[str, Figure]) -> None:
    catalogue = load_catalogue(RESOURCES.routines, picture_dirs=[RESOURCES.pictures])
    assert not catalogue.errors
    assert set(figures) == set(catalogue.exercises)


@pytest.mark.parametrize("share", [0.0, 0.25, 0.5, 0.75, 1.0])
def test_a_moving_figure_keeps_its_shape_and_stays_on_the_mat(
    figures: dict[str, Figure], share: float
) -> None:
    for figure in figures.values():
        for swapped in (False, True):
            joints = figure.joints(figure.pose_at(share, swapped=swapped))
            for name, start, end, length in SEGMENTS:
                (x0, y0), (x1, y1) = joints[start], joints[end]
                reach = LENGTHS[length] * figure.size
                assert math.hypot(x1 - x0, y1 - y0) == pytest.approx(reach), name
            lowest = max(y for _, y in joints.values())
            assert lowest <= MAT_Y, f"{figure.exercise_id} goes through the mat at {share}"


def test_the_bridge_lifts_the_hips_with_the_shoulders_and_feet_kept_down(
    figures: dict[str, Figure],
) -> None:
    bridge = figures["glute-bridge"]
    start, end = bridge.joints(bridge.start), bridge.joints(bridge.end)
    assert start["hip"][1] - end["hip"][1] > 40  # up by a good way
    assert start["shoulder"] == pytest.approx(end["shoulder"])
    assert math.dist(start["near_ankle"], end["near_ankle"]) < 10  # the feet stay put
    halfway = bridge.joints(bridge.pose_at(0.5))
    assert end["hip"][1] < halfway["hip"][1] < start["hip"][1]


def test_the_phase_says_how_far_the_figure_has_moved() -> None:
    assert moved(PhaseKind.GET_READY, 3, 10) == 0.0
    assert moved(PhaseKind.REST, 20, 30) == 0.0
    assert moved(PhaseKind.SWITCH_SIDE, 1, 5) == 0.0
    assert moved(PhaseKind.UP, 0, 2) == 0.0
    assert moved(PhaseKind.UP, 1, 2) == pytest.approx(0.5)
    assert moved(PhaseKind.UP, 2, 2) == 1.0
    assert moved(PhaseKind.TOP_HOLD, 0.1, 3) == 1.0
    assert moved(PhaseKind.DOWN, 0.5, 2) > 0.5 > moved(PhaseKind.DOWN, 1.5, 2)
    assert moved(PhaseKind.DOWN, 2, 2) == 0.0
    assert 0 < moved(PhaseKind.HOLD, 1, 30) < 1  # a timed hold eases into its pose
    assert moved(PhaseKind.HOLD, 2, 30) == 1.0


def test_the_dead_bug_uses_the_other_arm_and_leg_every_second_rep(
    figures: dict[str, Figure],
) -> None:
    bug = figures["dead-bug"]
    assert not bug.swapped_for(1) and bug.swapped_for(2) and not bug.swapped_for(3)
    first, second = bug.pose_at(1.0), bug.pose_at(1.0, swapped=True)
    assert first.angles["near_upper_arm"] == second.angles["far_upper_arm"] != 90
    assert first.angles["far_thigh"] == second.angles["near_thigh"] != 90
    assert not figures["glute-bridge"].swapped_for(2)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("spine = [180, 180, 180]", "spine = [180, 180]"), "glute-bridge.start.spine"),
        (('anchor = "shoulder"', 'anchor = "elbow"'), "glute-bridge.anchor"),
        (("at = [140, 280]", "at = [140, 9999]"), "glute-bridge.start.at"),
        (('arrows = ["hip"]', 'arrows = ["tail"]'), "glute-bridge.arrows"),
        (("[glute-bridge]", "[glute-bridge]\ncolour = 1"), "unknown field 'colour'"),
        (("[glute-bridge]", "[glute-bridge"), "is not valid TOML"),
    ],
)
def test_a_broken_figure_names_the_file_and_the_field(
    tmp_path: Path, change: tuple[str, str], said: str
) -> None:
    text = RESOURCES.figures.read_text(encoding="utf-8")
    start = text.index("[glute-bridge]")
    broken = text[:start] + text[start:].replace(*change, 1)
    path = tmp_path / "figures.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(FigureError) as raised:
        load_figures(path)
    assert "figures.toml" in str(raised.value) and said in str(raised.value)
