"""Moving pictures: each exercise's start and end poses as a small side-view skeleton, and
the pose at any moment of a phase in between.

A pose gives the angle of every segment of one body (the segment lengths are the same for
every exercise, so every figure is drawn in one style) and where one joint of it, the
figure's anchor, is on the mat. A moment between the two poses turns each segment part
of the way (joint angles are interpolated, not pictures cross-faded) and moves the anchor
part of the way; the rest of the body follows from the anchor.

Angles are in degrees, counter-clockwise from pointing right, in a picture whose y grows
downwards (so 90 points up). The person faces the viewer's left in a pose as written; the
right side is the mirror. "near" limbs are the ones nearer the viewer, the side named on
screen; "far" limbs are drawn behind them.

The figures are read from assets/figures.toml (see that file for the format).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from coach.core.phases import PhaseKind
from coach.core.records import record
from coach.core.toml_errors import TomlProblem, read_toml

# Segment lengths of the one body every figure has, in picture units (the picture is
# WIDTH x HEIGHT, the mat's top at MAT_Y).
WIDTH, HEIGHT, MAT_Y, MAT_THICKNESS = 600.0, 340.0, 292.0, 14.0
LENGTHS = {
    "lumbar": 55.0, "thorax": 105.0, "neck": 32.0,
    "upper_arm": 85.0, "forearm": 75.0,
    "thigh": 120.0, "shin": 118.0, "foot": 28.0,
}  # fmt: skip
HEAD_RADIUS = 19.0
# Each segment: its name in a pose, the joint it starts at, the joint it ends at, and the
# length it has.
SEGMENTS = (
    ("lumbar", "hip", "waist", "lumbar"),
    ("thorax", "waist", "shoulder", "thorax"),
    ("neck", "shoulder", "head", "neck"),
    *(
        segment
        for side in ("far", "near")
        for segment in (
            (f"{side}_upper_arm", "shoulder", f"{side}_elbow", "upper_arm"),
            (f"{side}_forearm", f"{side}_elbow", f"{side}_hand", "forearm"),
            (f"{side}_thigh", "hip", f"{side}_knee", "thigh"),
            (f"{side}_shin", f"{side}_knee", f"{side}_ankle", "shin"),
            (f"{side}_foot", f"{side}_ankle", f"{side}_toe", "foot"),
        )
    ),
)
SEGMENT_NAMES = tuple(name for name, *_ in SEGMENTS)
JOINTS = ("hip", *(end for _, _, end, _ in SEGMENTS))
# How a pose is written: a list of angles for each part, in this order.
PARTS = {
    "spine": ("lumbar", "thorax", "neck"),
    **{
        f"{side}_{limb}": tuple(f"{side}_{s}" for s in segments)
        for side in ("near", "far")
        for limb, segments in (
            ("arm", ("upper_arm", "forearm")),
            ("leg", ("thigh", "shin", "foot")),
        )
    },
}
logger = logging.getLogger(__name__)
EASE_IN_HOLD = 2.0  # a timed hold eases into its pose over its first seconds
BOUNDS_MARGIN = 36.0  # clear around a figure's movement, in picture units


@record
class Pose:
    angles: Mapping[str, float]  # segment name -> degrees
    at: tuple[float, float]  # where the figure's anchor joint is

    def joints(self, anchor: str, size: float = 1.0) -> dict[str, tuple[float, float]]:
        """Every joint's place, the anchor joint at `at`; `size` scales the body."""
        places = {"hip": (0.0, 0.0)}
        for name, start, end, length in SEGMENTS:
            x, y = places[start]
            angle = math.radians(self.angles[name])
            reach = LENGTHS[length] * size
            places[end] = (x + reach * math.cos(angle), y - reach * math.sin(angle))
        ax, ay = places[anchor]
        dx, dy = self.at[0] - ax, self.at[1] - ay
        return {joint: (x + dx, y + dy) for joint, (x, y) in places.items()}


@record
class Figure:
    """An exercise's two poses, what works, and which joints' paths arrows show."""

    exercise_id: str
    start: Pose
    end: Pose
    anchor: str
    works: tuple[str, ...]  # segments shaded: the working muscles lie along them
    works_words: str  # the same in words: "buttocks and the back of the thighs"
    arrows: tuple[str, ...]  # joints whose path from start to end an arrow shows
    alternate: bool = False  # each rep uses the other arm and leg: near and far swap
    size: float = 1.0  # the body smaller than usual, for a tall pose such as kneeling

    def joints(self, pose: Pose) -> dict[str, tuple[float, float]]:
        return pose.joints(self.anchor, self.size)

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """The part of the picture the figure uses, moving from start to end and with
        either arm and leg (left, top, right, bottom), BOUNDS_MARGIN clear around it and
        the mat at the bottom: a figure is drawn as large as this part allows. Worked out
        once: every frame of a moving figure is drawn in it."""
        margin = BOUNDS_MARGIN
        places = [
            place
            for step in range(11)
            for swapped in ((False, True) if self.alternate else (False,))
            for place in self.joints(self.pose_at(step / 10, swapped=swapped)).values()
        ]
        xs, ys = [x for x, _ in places], [y for _, y in places]
        return min(xs) - margin, min(ys) - margin, max(xs) + margin, MAT_Y + MAT_THICKNESS

    def pose_at(self, moved: float, *, swapped: bool = False) -> Pose:
        """The pose `moved` of the way (0 to 1) from start to end; `swapped`: with the
        near and far limbs' movements exchanged (the other arm and leg)."""
        moved = min(1.0, max(0.0, moved))
        start, end = self.start.angles, self.end.angles
        if swapped:
            start, end = swap_sides(start), swap_sides(end)
        angles = {name: a + turn(a, end[name]) * moved for name, a in start.items()}
        (x0, y0), (x1, y1) = self.start.at, self.end.at
        return Pose(angles, (x0 + (x1 - x0) * moved, y0 + (y1 - y0) * moved))

    def swapped_for(self, rep: int | None) -> bool:
        """Whether this rep uses the other arm and leg (every second rep, if it does)."""
        return self.alternate and rep is not None and rep % 2 == 0


def swap_sides(angles: Mapping[str, float]) -> dict[str, float]:
    """The near limbs' angles given to the far ones, and the far ones' to the near."""

    def other(name: str) -> str:
        if name.startswith("near_"):
            return "far_" + name.removeprefix("near_")
        if name.startswith("far_"):
            return "near_" + name.removeprefix("far_")
        return name

    return {other(name): angle for name, angle in angles.items()}


def turn(start: float, end: float) -> float:
    """The shorter way round from one angle to another, in degrees (-180 to 180)."""
    return (end - start + 180.0) % 360.0 - 180.0


def smooth(share: float) -> float:
    """A movement that starts and ends gently (smoothstep)."""
    share = min(1.0, max(0.0, share))
    return share * share * (3.0 - 2.0 * share)


def moved(kind: PhaseKind, elapsed: float, seconds: float) -> float:
    """How far from the start pose (0) toward the end pose (1) the figure is, `elapsed`
    seconds into a phase of `seconds`: up moves there over its seconds, a hold holds the
    end pose (a timed hold eases into it first), down moves back; getting ready, switching
    sides and resting show the start pose."""
    share = elapsed / seconds if seconds > 0 else 1.0
    match kind:
        case PhaseKind.UP:
            return smooth(share)
        case PhaseKind.TOP_HOLD:
            return 1.0
        case PhaseKind.DOWN:
            return 1.0 - smooth(share)
        case PhaseKind.HOLD:
            return smooth(elapsed / min(EASE_IN_HOLD, seconds / 4) if seconds > 0 else 1.0)
    return 0.0


class FigureError(ValueError):
    """A figure that cannot be drawn, with the file and the field."""


def _pose(raw: object, where: str) -> Pose:
    if not isinstance(raw, dict):
        raise FigureError(f"{where}: a pose is a table of angles")
    angles: dict[str, float] = {}
    for part, segments in PARTS.items():
        values = raw.get(part)
        if (
            not isinstance(values, list)
            or len(values) != len(segments)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        ):
            raise FigureError(f"{where}.{part}: {len(segments)} angles in degrees, as [a, b]")
        angles.update(zip(segments, (float(v) for v in values), strict=True))
    at = raw.get("at")
    if (
        not isinstance(at, list)
        or len(at) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in at)
    ):
        raise FigureError(f"{where}.at: the anchor's place, as [x, y]")
    x, y = float(at[0]), float(at[1])
    if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
        raise FigureError(f"{where}.at: [{x:g}, {y:g}] is outside the {WIDTH:g} x {HEIGHT:g}"
                          " picture")  # fmt: skip
    unknown = set(raw) - set(PARTS) - {"at"}
    if unknown:
        raise FigureError(f"{where}: unknown field '{sorted(unknown)[0]}'")
    return Pose(angles, (x, y))


def _figure(exercise_id: str, raw: object, where: str) -> Figure:
    if not isinstance(raw, dict):
        raise FigureError(f"{where}: a figure is a table")
    anchor = raw.get("anchor", "hip")
    if anchor not in JOINTS:
        raise FigureError(f"{where}.anchor: '{anchor}' is not a joint ({', '.join(JOINTS)})")
    works = raw.get("works", [])
    if not isinstance(works, list) or any(w not in SEGMENT_NAMES for w in works):
        raise FigureError(f"{where}.works: segment names, from {', '.join(SEGMENT_NAMES)}")
    arrows = raw.get("arrows", [])
    if not isinstance(arrows, list) or any(a not in JOINTS for a in arrows):
        raise FigureError(f"{where}.arrows: joint names, from {', '.join(JOINTS)}")
    words = raw.get("works_words", "")
    if not isinstance(words, str):
        raise FigureError(f"{where}.works_words: words")
    alternate = raw.get("alternate", False)
    if not isinstance(alternate, bool):
        raise FigureError(f"{where}.alternate: true or false")
    size = raw.get("size", 1.0)
    if not isinstance(size, int | float) or isinstance(size, bool) or not 0.3 <= size <= 1.5:
        raise FigureError(f"{where}.size: a number from 0.3 to 1.5")
    unknown = set(raw) - {"anchor", "works", "works_words", "arrows", "alternate", "size",
                          "start", "end"}  # fmt: skip
    if unknown:
        raise FigureError(f"{where}: unknown field '{sorted(unknown)[0]}'")
    return Figure(
        exercise_id,
        _pose(raw.get("start"), f"{where}.start"),
        _pose(raw.get("end"), f"{where}.end"),
        anchor,
        tuple(works),
        words,
        tuple(arrows),
        alternate,
        float(size),
    )


def load_figures(path: Path) -> dict[str, Figure]:
    """Every figure in the file, by exercise id. A figure that cannot be drawn raises
    FigureError naming the file and the field."""
    try:
        raw, _text = read_toml(path)
    except TomlProblem as problem:
        raise FigureError(str(problem.error)) from problem
    return {
        exercise_id: _figure(exercise_id, table, f"{path.name}: {exercise_id}")
        for exercise_id, table in raw.items()
    }


def read_figures(path: Path) -> dict[str, Figure]:
    """The figures, or none (each exercise shows its still picture) when the file cannot
    be read or holds a figure that cannot be drawn: logged with the file and the field."""
    try:
        return load_figures(path)
    except FigureError as error:
        logger.warning("The moving pictures are off: %s", error)
        return {}
