"""Drawing an exercise's figure (coach.core.poses) with QPainter: the mat, the working
muscles shaded, the far limbs behind, the body, the near limbs, and arrows showing the
way the movement goes. The workout screen and the printed sheet both draw with this."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from coach.core.poses import HEAD_RADIUS, LENGTHS, MAT_THICKNESS, MAT_Y, SEGMENTS, Figure, Pose
from coach.core.records import record

ARROW_GAP = 18.0  # arrows run beside the path, clear of the limb
SHORTEST_ARROW = 24.0  # a joint that moves less than this gets no arrow


@record
class FigureColours:
    body: QColor
    far: QColor  # the limbs behind
    head: QColor  # the head's fill
    works: QColor  # the working muscles' shading
    mat: QColor
    arrow: QColor


def picture_rect(figure: Figure, target: QRectF) -> tuple[QRectF, QRectF]:
    """The part of the picture the figure uses, and the largest rectangle of its shape in
    the middle of `target`."""
    left, top, right, bottom = figure.bounds
    used = QRectF(left, top, right - left, bottom - top)
    scale = min(target.width() / used.width(), target.height() / used.height())
    rect = QRectF(0, 0, used.width() * scale, used.height() * scale)
    rect.moveCenter(target.center())
    return used, rect


def paint_figure(
    painter: QPainter,
    figure: Figure,
    pose: Pose,
    target: QRectF,
    colours: FigureColours,
    *,
    mirrored: bool = False,
    arrows: int = 0,
    swapped: bool = False,
) -> None:
    """The figure in `pose`, as large as fits in `target`. `arrows`: +1 shows the way
    from the start pose to the end, -1 the way back, 0 none; `swapped`: the arrows follow
    the other arm and leg (see Figure.alternate)."""
    used, rect = picture_rect(figure, target)
    scale = rect.width() / used.width()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(rect.topLeft())
    if mirrored:  # the other side: the same movement in a mirror
        painter.translate(rect.width(), 0)
        painter.scale(-1, 1)
    painter.scale(scale, scale)
    painter.translate(-used.left(), -used.top())
    _mat(painter, used, colours)
    joints = figure.joints(pose)
    at = {name: QPointF(*place) for name, place in joints.items()}
    for name, start, end, _ in SEGMENTS:  # the working muscles, under everything
        if name in figure.works:
            _stroke(painter, at[start], at[end], colours.works, 30 * figure.size)
    segments = [(name, at[start], at[end], length) for name, start, end, length in SEGMENTS]
    for name, a, b, _ in segments:
        if name.startswith("far_"):
            _stroke(painter, a, b, colours.far, 12 * figure.size)
    for name, a, b, _ in segments:
        if name in ("lumbar", "thorax"):
            _stroke(painter, a, b, colours.body, 16 * figure.size)
        elif name == "neck":
            neck_end = a + (b - a) * ((LENGTHS["neck"] - HEAD_RADIUS) / LENGTHS["neck"])
            _stroke(painter, a, neck_end, colours.body, 11 * figure.size)
    for name, a, b, _ in segments:
        if name.startswith("near_"):
            _stroke(painter, a, b, colours.body, 13 * figure.size)
    painter.setPen(QPen(colours.body, 6 * figure.size))
    painter.setBrush(colours.head)
    painter.drawEllipse(at["head"], HEAD_RADIUS * figure.size, HEAD_RADIUS * figure.size)
    if arrows:
        _arrows(painter, figure, colours, back=arrows < 0, swapped=swapped)
    painter.restore()


def _mat(painter: QPainter, used: QRectF, colours: FigureColours) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colours.mat)
    mat = QRectF(used.left() + 8, MAT_Y, used.width() - 16, MAT_THICKNESS)
    painter.drawRoundedRect(mat, MAT_THICKNESS / 2, MAT_THICKNESS / 2)


def _stroke(painter: QPainter, a: QPointF, b: QPointF, colour: QColor, width: float) -> None:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QLineF(a, b))


def _arrows(
    painter: QPainter, figure: Figure, colours: FigureColours, *, back: bool, swapped: bool
) -> None:
    start = figure.joints(figure.pose_at(0.0, swapped=swapped))
    end = figure.joints(figure.pose_at(1.0, swapped=swapped))
    for joint in figure.arrows:
        a, b = QPointF(*start[joint]), QPointF(*end[joint])
        if back:
            a, b = b, a
        line = QLineF(a, b)
        if line.length() < SHORTEST_ARROW:
            continue
        # Beside the path, not on the limb: shifted to the left of the way it goes.
        normal = line.normalVector().unitVector()
        shift = QPointF(normal.dx(), normal.dy()) * ARROW_GAP
        line = QLineF(a + shift, b + shift)
        shorter = QLineF(line.pointAt(0.12), line.pointAt(0.88))
        pen = QPen(colours.arrow, 5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setDashPattern([2.0, 1.6])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawLine(shorter)
        _head(painter, shorter, colours.arrow)


def _head(painter: QPainter, line: QLineF, colour: QColor) -> None:
    angle = math.atan2(line.dy(), line.dx())
    tip = line.p2()
    size = 16.0
    left = tip - QPointF(math.cos(angle - 0.45), math.sin(angle - 0.45)) * size
    right = tip - QPointF(math.cos(angle + 0.45), math.sin(angle + 0.45)) * size
    path = QPainterPath()
    path.addPolygon(QPolygonF([tip, left, right]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)
