"""An SVG drawn as large as it fits, keeping its shape."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget


class Picture(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 100)
        self.path: Path | None = None
        self.mirrored = False

    def show_file(self, path: Path, description: str, *, mirrored: bool = False) -> None:
        """Draw this picture, flipped left to right when ``mirrored`` (the other side)."""
        if path != self.path:
            self.path = path
            self._renderer.load(str(path))
            self.update()
        if mirrored != self.mirrored:
            self.mirrored = mirrored
            self.update()
        self.setAccessibleName(description)

    def sizeHint(self) -> QSize:
        return QSize(520, 360)

    def paintEvent(self, event: QPaintEvent) -> None:
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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.mirrored:
            centre = target.center()
            painter.translate(centre.x() * 2, 0)
            painter.scale(-1, 1)
        self._renderer.render(painter, target)
