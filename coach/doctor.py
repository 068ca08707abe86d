"""`coach doctor`: what this machine has and lacks for the program, and what to install.

Nothing here imports Qt: the check must work on a machine where Qt itself cannot load. Each
part of Qt the program uses is looked at through the system libraries it links to (`ldd` on
Linux), and every missing one is named with the package that brings it on Debian or Ubuntu
and on Fedora.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import TextIO

from coach.core.records import field, record

# A library's file name, and the package that brings it: (Debian/Ubuntu, Fedora).
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
    "libpulse.so.0": ("libpulse0", "pulseaudio-libs"),
    "libpulse-mainloop-glib.so.0": ("libpulse-mainloop-glib0", "pulseaudio-libs-glib2"),
    "libasound.so.2": ("libasound2", "alsa-lib"),
    "libspeechd.so.2": ("libspeechd2", "speech-dispatcher-libs"),
    "libcups.so.2": ("libcups2", "cups-libs"),
}
PACKAGES.update(
    {  # Fedora's libxcb holds what Debian splits into one package each
        "libxcb.so.1": ("libxcb1", "libxcb"),
        "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
        "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
        "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
        "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
        "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
        "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
        "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
        "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
        "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
        "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    }
)

# Programs the speech library talks to: the service, and a voice for it.
SPEECH_PROGRAMS = {"speech-dispatcher": "speech-dispatcher", "espeak-ng": "espeak-ng"}


@record
class Part:
    """Something the program uses, the Qt files it comes through, and what happens without it."""

    name: str
    files: tuple[str, ...]  # relative to PySide6's folder
    without: str
    required: bool = False


PARTS = (
    Part("Qt itself", ("QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so"),
         "the program cannot start", required=True),
    Part("Window on X11", ("Qt/plugins/platforms/libqxcb.so",),
         "no window on an X11 desktop"),
    Part("Window on Wayland", ("Qt/plugins/platforms/libqwayland*.so",),
         "no window on a Wayland desktop (X11 is used through XWayland if it works)"),
    Part("Sound cues", ("QtMultimedia.abi3.so", "Qt/plugins/multimedia/libffmpegmediaplugin.so"),
         "workouts run without sounds; every cue still shows on screen"),
    Part("Spoken cues", ("QtTextToSpeech.abi3.so",
                         "Qt/plugins/texttospeech/libqtexttospeech_speechd.so"),
         "nothing is spoken; sounds are played instead"),
    Part("Printing", ("QtPrintSupport.abi3.so", "Qt/plugins/printsupport/libcupsprintersupport.so"),
         "no printer is listed; sheets can still be saved as PDF files and printed from there"),
)  # fmt: skip


@record(frozen=False)
class Finding:
    part: Part
    missing: list[str] = field(default_factory=list)  # library file names
    absent: list[str] = field(default_factory=list)  # Qt files not in this PySide6

    @property
    def ok(self) -> bool:
        return not self.missing and not self.absent


@record(frozen=False)
class Report:
    findings: list[Finding]
    programs_missing: list[str]  # speech programs not found
    display: str | None  # the desktop session this terminal is in, if any
    system: str

    @property
    def runnable(self) -> bool:
        """Qt loads and at least one kind of window can be opened."""
        by_name = {f.part.name: f for f in self.findings}
        if self.system != "Linux":
            return by_name["Qt itself"].ok
        windows = [by_name["Window on X11"], by_name["Window on Wayland"]]
        return by_name["Qt itself"].ok and any(w.ok for w in windows)


def missing_libraries(path: Path) -> list[str]:
    """The shared libraries `path` needs that the system cannot find (Linux, through ldd;
    elsewhere, by loading it)."""
    ldd = shutil.which("ldd")
    if ldd is not None:
        result = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=30)
        return sorted(set(re.findall(r"^\s*(\S+) => not found", result.stdout, re.M)))
    import ctypes

    try:
        ctypes.CDLL(str(path))
    except OSError as error:
        found = re.match(r"(\S+?): cannot open shared object file", str(error))
        return [found.group(1)] if found else [str(error)]
    return []


def pyside_folder() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def examine(
    folder: Path,
    missing: Callable[[Path], list[str]] = missing_libraries,
    which: Callable[[str], str | None] = shutil.which,
    environ: Mapping[str, str] = os.environ,
    system: str = platform.system(),
) -> Report:
    findings = []
    for part in PARTS:
        finding = Finding(part)
        for pattern in part.files:
            matches = sorted(folder.glob(pattern)) if system == "Linux" else []
            if system == "Linux" and not matches:
                finding.absent.append(pattern)
            for file in matches:
                finding.missing.extend(n for n in missing(file) if n not in finding.missing)
        findings.append(finding)
    programs = [p for p in SPEECH_PROGRAMS if system == "Linux" and which(p) is None]
    display = None
    if environ.get("WAYLAND_DISPLAY"):
        display = f"Wayland ({environ['WAYLAND_DISPLAY']})"
    elif environ.get("DISPLAY"):
        display = f"X11 ({environ['DISPLAY']})"
    return Report(findings, programs, display, system)


def packages_for(names: Sequence[str]) -> tuple[str, str] | None:
    """The packages that bring these libraries, each once: (Debian/Ubuntu, Fedora), or None
    when none of them is known."""
    known = [PACKAGES[n] for n in names if n in PACKAGES]
    if not known:
        return None
    return (" ".join(dict.fromkeys(k[0] for k in known)),
            " ".join(dict.fromkeys(k[1] for k in known)))  # fmt: skip


def install_lines(names: Sequence[str]) -> list[str]:
    """How to install what brings each library, on Debian/Ubuntu and on Fedora."""
    unknown = [n for n in names if n not in PACKAGES]
    lines = []
    if (packages := packages_for(names)) is not None:
        debian, fedora = packages
        lines += [f"Debian/Ubuntu: sudo apt install {debian}", f"Fedora: sudo dnf install {fedora}"]
    for name in unknown:
        lines.append(f"{name}: `apt-file search {name}` or `dnf provides '*/{name}'` names it")
    return lines


def write_report(report: Report, out: TextIO, qt: str, where: Path) -> None:
    def say(text: str = "") -> None:
        print(text, file=out)

    say(f"Hip & Core Coach on this machine: {report.system}, Python {platform.python_version()},"
        f" Qt {qt} from {where}")  # fmt: skip
    say()
    for finding in report.findings:
        if finding.ok:
            say(f"  ok       {finding.part.name}")
            continue
        what = ", ".join(finding.missing) or "not in this PySide6: " + ", ".join(finding.absent)
        say(f"  missing  {finding.part.name}: {what}")
        say(f"           Without it: {finding.part.without}.")
        for line in install_lines(finding.missing):
            say(f"           {line}")
    if report.system == "Linux":
        speech = next(f for f in report.findings if f.part.name == "Spoken cues")
        if report.programs_missing:
            packages = " ".join(SPEECH_PROGRAMS[p] for p in report.programs_missing)
            say(f"  missing  Speech service: {', '.join(report.programs_missing)}")
            say("           Without it: nothing is spoken; sounds are played instead.")
            say(f"           Debian/Ubuntu: sudo apt install {packages}")
            say(f"           Fedora: sudo dnf install {packages}")
        elif speech.ok:
            say("  ok       Speech service (speech-dispatcher with espeak-ng)")
    else:
        say("  The system libraries are checked on Linux only; on macOS and Windows the Qt"
            " that pip installs brings what it needs.")  # fmt: skip
    say()
    if report.display is None and report.system == "Linux":
        say("No desktop session in this terminal (neither DISPLAY nor WAYLAND_DISPLAY is set):"
            " start the program from your desktop.")  # fmt: skip
    if report.runnable:
        lacking = any(not f.ok for f in report.findings) or report.programs_missing
        say(
            "The program can run here." + (" What is missing above is optional." if lacking else "")
        )
    else:
        say("The program cannot open its window here: install what is named above, then run"
            " `coach doctor` again.")  # fmt: skip


def doctor(out: TextIO = sys.stdout) -> int:
    """`coach doctor`: 0 when the program can run on this machine, 1 when it cannot."""
    folder = pyside_folder()
    if folder is None:
        print("PySide6 is not installed for this Python: run `make run` (or"
              " `pip install .`) first.", file=out)  # fmt: skip
        return 1
    try:
        qt = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        qt = "(version unknown)"
    report = examine(folder)
    write_report(report, out, qt, folder)
    return 0 if report.runnable else 1
