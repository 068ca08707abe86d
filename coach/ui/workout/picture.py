"""The exercise's picture: its figure moving with the phase (coach.core.poses), or, for
an exercise with no figure, its still SVG drawn as large as it fits, keeping its shape."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core.poses import Figure
from coach.ui import theme
from coach.ui.figure import paint_figure

FRAME_MS = 33  # about 30 pictures a second while the figure moves


class Picture(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 100)
        self.path: Path | None = None
        self.mirrored = False
        self.figure: Figure | None = None
        self.caption = ""  # under the figure: what the shading shows
        self.swapped = False  # the other arm and leg, this rep
        self.arrows = 0  # +1 the way to the end pose, -1 the way back, 0 none
        self._moved: Callable[[], float] = lambda: 0.0
        self._frames = QTimer(self)
        self._frames.setInterval(FRAME_MS)
        self._frames.timeout.connect(self.update)

    def show_file(self, path: Path, description: str, *, mirrored: bool = False) -> None:
        """Draw this still picture, flipped left to right when ``mirrored`` (the other
        side)."""
        self.figure = None
        self._frames.stop()
        if path != self.path:
            self.path = path
            self._renderer.load(str(path))
            self.update()
        if mirrored != self.mirrored:
            self.mirrored = mirrored
            self.update()
        self.setAccessibleName(description)

    def show_figure(
        self,
        figure: Figure,
        description: str,
        moved: Callable[[], float],
        *,
        mirrored: bool = False,
        swapped: bool = False,
        arrows: int = 0,
        moving: bool = False,
    ) -> None:
        """Draw this figure `moved()` of the way from its start pose to its end pose, asked
        again for every frame while `moving`; what is shaded is said under it, and in its
        accessible name after `description`."""
        self.figure, self._moved = figure, moved
        self.mirrored, self.swapped, self.arrows = mirrored, swapped, arrows
        self.caption = f"Shaded: {figure.works_words}" if figure.works_words else ""
        self.path = None
        if moving and not self._frames.isActive():
            self._frames.start()
        elif not moving:
            self._frames.stop()
        self.setAccessibleName(f"{description}. {self.caption}." if self.caption else description)
        self.update()

    def moved(self) -> float:
        """How far the figure is drawn from its start pose to its end pose (0 to 1)."""
        return self._moved() if self.figure is not None else 0.0

    def sizeHint(self) -> QSize:
        return QSize(520, 360)

    def hideEvent(self, event: object) -> None:
        self._frames.stop()  # nothing to draw for while hidden (paused, the steps showing)

    def _paint_figure(self, figure: Figure) -> None:
        painter = QPainter(self)
        try:
            self._draw_figure(painter, figure)
        finally:  # a drawing error leaves no painter open, which would crash the window
            painter.end()

    def _draw_figure(self, painter: QPainter, figure: Figure) -> None:
        area = QRectF(self.rect())
        if self.caption:  # a line of words under the figure, as large as fits
            font = painter.font()
            pixels = max(14, round(self.window().height() * 0.03))
            font.setPixelSize(pixels)
            while pixels > 12 and QFontMetrics(font).horizontalAdvance(self.caption) > area.width():
                pixels -= 1
                font.setPixelSize(pixels)
            painter.setFont(font)
            line = painter.fontMetrics().height()
            words = area.adjusted(0, area.height() - line, 0, 0)
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(words, Qt.AlignmentFlag.AlignCenter, self.caption)
            area.adjust(0, 0, 0, -line)
        pose = figure.pose_at(self.moved(), swapped=self.swapped)
        paint_figure(painter, figure, pose, area, theme.figure_colours(), mirrored=self.mirrored,
                     arrows=self.arrows, swapped=self.swapped)  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.figure is not None:
            self._paint_figure(self.figure)
            return
        if not self._renderer.isValid():
            return
        size = (
            self._renderer.viewBoxF()
            .size()
            .scaled(self.rect().size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatio)
        )
        target = QRectF(0, 0, size.width(), size.height())
        target.moveCenter(QRectF(self.rect()).center())
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if self.mirrored:
                centre = target.center()
                painter.translate(centre.x() * 2, 0)
                painter.scale(-1, 1)
            self._renderer.render(painter, target)
        finally:
            painter.end()
