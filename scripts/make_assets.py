"""Draws the exercise pictures (SVG line figures on a mat), the icon and the cue sounds.

Run from the checkout: ``python scripts/make_assets.py``. The output is committed;
this script is how it was made, so a picture can be redrawn by editing joints.
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

# Each figure: a head (centre, radius), limbs as polylines of joints, and arrows
# (polyline, accent colour) that show the movement.
FIGURES: dict[str, dict[str, object]] = {
    "pelvic-tilt": {
        "title": "Lying on the back, knees bent, low back pressed into the mat",
        "head": (92, 258),
        "limbs": [
            [(125, 272), (300, 274)],  # torso
            [(300, 274), (392, 198), (448, 278), (484, 280)],  # leg
            [(135, 272), (205, 281), (272, 283)],  # arm
        ],
        "arrows": [[(222, 226), (222, 262)]],
    },
    "glute-bridge": {
        "title": "Shoulders on the mat, hips lifted so knees, hips and shoulders make a line",
        "head": (92, 258),
        "limbs": [
            [(128, 270), (300, 196)],
            [(300, 196), (404, 164), (432, 278), (468, 280)],
            [(136, 272), (206, 281), (274, 283)],
        ],
        "arrows": [[(300, 262), (300, 222)]],
    },
    "lying-hip-opener": {
        "title": "On the back, one knee bent and one leg long, rolling onto the long leg's hip",
        "head": (92, 256),
        "limbs": [
            [(126, 270), (300, 268)],
            [(300, 268), (382, 196), (444, 278), (476, 280)],  # bent leg
            [(300, 270), (420, 276), (540, 278)],  # long leg
            [(136, 272), (206, 281), (272, 283)],
        ],
        "arrows": [[(330, 206), (352, 186), (378, 176)]],
    },
    "dead-bug": {
        "title": "On the back, one arm reaching back and the other leg reaching long",
        "head": (132, 258),
        "limbs": [
            [(166, 270), (330, 272)],
            [(330, 272), (330, 180), (420, 180)],  # leg in tabletop
            [(330, 272), (450, 248), (540, 242)],  # leg reaching long
            [(176, 268), (176, 150)],  # arm to the ceiling
            [(176, 268), (125, 214), (66, 196)],  # arm reaching back, over the head
        ],
        "arrows": [[(470, 214), (536, 214)], [(96, 168), (48, 156)]],
    },
    "bird-dog": {
        "title": "On hands and knees, one arm forward and the opposite leg back, level",
        "head": (176, 140),
        "limbs": [
            [(190, 182), (360, 182)],  # back
            [(190, 182), (190, 282)],  # supporting arm
            [(190, 180), (120, 174), (52, 170)],  # reaching arm
            [(360, 182), (360, 282), (444, 282)],  # supporting leg
            [(360, 182), (450, 178), (546, 176)],  # reaching leg
        ],
        "arrows": [[(78, 146), (42, 146)], [(510, 150), (550, 150)]],
    },
    "happy-baby": {
        "title": "On the back, knees wide toward the armpits, hands holding the feet",
        "head": (100, 258),
        "limbs": [
            [(134, 270), (300, 274)],
            [(300, 274), (236, 196), (262, 112), (300, 110)],  # leg, sole up
            [(144, 268), (196, 192), (262, 120)],  # arm to the foot
        ],
        "arrows": [[(180, 282), (260, 282)]],
    },
    "reclined-hero": {
        "title": "Kneeling, sitting between the feet, leaning back onto the forearms",
        "head": (124, 206),
        "limbs": [
            [(158, 226), (306, 262)],  # torso leaning back
            [(306, 262), (432, 278), (320, 284), (286, 284)],  # thigh forward, shin folded back
            [(166, 228), (178, 280), (246, 283)],  # forearm on the mat
        ],
        "arrows": [[(150, 170), (118, 180), (98, 200)]],
    },
    "camel": {
        "title": "Kneeling upright, chest lifted, leaning back with hands toward the heels",
        "head": (398, 80),
        "limbs": [
            [(372, 104), (338, 138), (330, 188)],  # back arched, chest lifted
            [(330, 188), (330, 282)],  # thigh upright
            [(330, 282), (430, 282), (452, 270)],  # shin and tucked toes
            [(372, 106), (414, 182), (436, 262)],  # arm to the heel
        ],
        "arrows": [[(300, 150), (316, 110), (346, 84)]],
    },
}


def _polyline(points: list[Point], colour: str, width: float, arrow: bool = False) -> str:
    coords = " ".join(f"{x:g},{y:g}" for x, y in points)
    marker = ' marker-end="url(#head)"' if arrow else ""
    dash = ' stroke-dasharray="10 8"' if arrow else ""
    return (
        f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f' stroke-linecap="round" stroke-linejoin="round"{dash}{marker}/>'
    )


def figure_svg(name: str, spec: dict[str, object]) -> str:
    head = spec["head"]
    assert isinstance(head, tuple)
    limbs = spec["limbs"]
    arrows = spec["arrows"]
    assert isinstance(limbs, list) and isinstance(arrows, list)
    neck = [head, limbs[0][0]]  # the first limb starts at the shoulders
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 340" role="img">',
        f"<title>{spec['title']}</title>",
        f'<defs><marker id="head" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="4"'
        f' markerHeight="4" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{ACCENT}"/>'
        "</marker></defs>",
        f'<rect x="30" y="288" width="540" height="16" rx="8" fill="{MAT}"/>',
        _polyline(neck, INK, 11),
        *(_polyline(limb, INK, 13) for limb in limbs),
        f'<circle cx="{head[0]}" cy="{head[1]}" r="22" fill="#ffffff" stroke="{INK}"'
        ' stroke-width="8"/>',
        *(_polyline(arrow, ACCENT, 6, arrow=True) for arrow in arrows),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


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
    for name, spec in FIGURES.items():
        (pictures / f"{name}.svg").write_text(figure_svg(name, spec))
    (ASSETS / "icon.svg").write_text(ICON)
    sounds = ASSETS / "sounds"
    sounds.mkdir(exist_ok=True)
    tone(sounds / "start.wav", [(660, 0.18)])
    tone(sounds / "tick.wav", [(880, 0.08)])
    tone(sounds / "done.wav", [(523, 0.16), (784, 0.26)])


if __name__ == "__main__":
    main()
