"""Draws the exercise pictures (SVG, from the figures in assets/figures.toml), the icon
and the cue sounds.

Run from the checkout: ``.venv/bin/python scripts/make_assets.py``. The output is
committed; this script is how it was made, so a picture is redrawn by editing its
figure's poses.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
INK = "#23302f"
ACCENT = "#2f6f73"
MAT = "#d8e6e3"
Point = tuple[float, float]

# The still pictures are drawn from the moving figures (assets/figures.toml), in the
# same style: the start pose faint, the end pose over it, arrows the way it goes. They
# show where the figures cannot be read, and describe each exercise in their title.
TITLES = {
    "pelvic-tilt": "Lying on the back, knees bent, low back pressed into the mat",
    "glute-bridge": "Shoulders on the mat, hips lifted so knees, hips and shoulders make a line",
    "lying-hip-opener": (
        "On the back, one knee bent and one leg long, rolling onto the long leg's hip"
    ),
    "dead-bug": "On the back, one arm reaching back and the other leg reaching long",
    "bird-dog": "On hands and knees, one arm forward and the opposite leg back, level",
    "happy-baby": "On the back, knees wide toward the armpits, hands holding the feet",
    "reclined-hero": "Kneeling, sitting between the feet, leaning back onto the forearms",
    "camel": "Kneeling upright, chest lifted, leaning back with hands toward the heels",
}


def figure_svgs() -> None:
    """Each exercise's still picture, from its figure."""
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QColor, QGuiApplication, QPainter
    from PySide6.QtSvg import QSvgGenerator

    from coach.core.poses import load_figures
    from coach.ui.figure import FigureColours, paint_figure

    app = QGuiApplication.instance() or QGuiApplication([])
    ink = FigureColours(
        body=QColor(INK),
        far=QColor("#8d9b98"),
        head=QColor("#ffffff"),
        works=QColor(47, 111, 115, 70),
        mat=QColor(MAT),
        arrow=QColor(ACCENT),
    )
    faint = FigureColours(
        body=QColor("#c4ccca"),
        far=QColor("#d5dbd9"),
        head=QColor("#ffffff"),
        works=QColor(0, 0, 0, 0),
        mat=QColor(MAT),
        arrow=QColor(ACCENT),
    )
    for name, figure in load_figures(ASSETS / "figures.toml").items():
        left, top, right, bottom = figure.bounds
        width, height = 600, round(600 * (bottom - top) / (right - left))
        svg = QSvgGenerator()
        svg.setFileName(str(ASSETS / "exercises" / f"{name}.svg"))
        svg.setSize(QSize(width, height))
        svg.setViewBox(QRectF(0, 0, width, height))
        svg.setTitle(TITLES.get(name, name))
        painter = QPainter(svg)
        area = QRectF(0, 0, width, height)
        paint_figure(painter, figure, figure.pose_at(0.0), area, faint)
        paint_figure(painter, figure, figure.pose_at(1.0), area, ink, arrows=1)
        painter.end()
    del app


ICON = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" role="img">
<title>Hip &amp; Core Coach</title>
<rect x="4" y="4" width="120" height="120" rx="28" fill="{ACCENT}"/>
<rect x="16" y="96" width="96" height="8" rx="4" fill="#cfe3e0"/>
<polyline points="30,90 66,62 88,56 94,92" fill="none" stroke="#ffffff" stroke-width="9"
 stroke-linecap="round" stroke-linejoin="round"/>
<circle cx="24" cy="84" r="9" fill="#ffffff"/>
</svg>
"""


def tone(path: Path, notes: list[tuple[float, float]], rate: int = 22050) -> None:
    """Soft sine notes, each (frequency, seconds), with short fades so nothing clicks."""
    frames = bytearray()
    for frequency, seconds in notes:
        count = int(rate * seconds)
        fade = int(rate * 0.015)
        for n in range(count):
            envelope = min(1.0, n / fade, (count - n) / fade)
            sample = 0.45 * envelope * math.sin(2 * math.pi * frequency * n / rate)
            frames += struct.pack("<h", int(sample * 32767))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


def main() -> None:
    pictures = ASSETS / "exercises"
    pictures.mkdir(parents=True, exist_ok=True)
    figure_svgs()
    (ASSETS / "icon.svg").write_text(ICON)
    sounds = ASSETS / "sounds"
    sounds.mkdir(exist_ok=True)
    tone(sounds / "start.wav", [(660, 0.18)])
    tone(sounds / "tick.wav", [(880, 0.08)])
    tone(sounds / "done.wav", [(523, 0.16), (784, 0.26)])


if __name__ == "__main__":
    main()
