"""`coach doctor`: what this machine has and lacks, each missing library with its package."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from coach import doctor
from coach.__main__ import main

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and .so files")


def fake_pyside(folder: Path) -> Path:
    """A folder shaped like PySide6's, with an empty file for each part's Qt file."""
    for part in doctor.PARTS:
        for pattern in part.files:
            file = folder / pattern.replace("*", "")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(b"")
    return folder


def report_for(folder: Path, missing: dict[str, list[str]], which: set[str]) -> tuple[int, str]:
    report = doctor.examine(
        folder,
        missing=lambda path: missing.get(path.name, []),
        which=lambda program: f"/usr/bin/{program}" if program in which else None,
        environ={"DISPLAY": ":0"},
        system="Linux",
    )
    out = io.StringIO()
    doctor.write_report(report, out, "6.9", folder)
    return (0 if report.runnable else 1), out.getvalue()


def test_a_machine_without_sound_libraries_runs_and_is_told_what_to_install(
    tmp_path: Path,
) -> None:
    code, said = report_for(
        fake_pyside(tmp_path),
        {"QtMultimedia.abi3.so": ["libpulse.so.0"], "libqwayland.so": ["libwayland-cursor.so.0"]},
        {"speech-dispatcher", "espeak-ng"},
    )
    assert code == 0
    assert "  ok       Qt itself\n" in said
    assert "  ok       Window on X11\n" in said
    assert "  missing  Sound cues: libpulse.so.0\n" in said
    assert "workouts run without sounds; every cue still shows on screen" in said
    assert "Debian/Ubuntu: sudo apt install libpulse0\n" in said
    assert "Fedora: sudo dnf install pulseaudio-libs\n" in said
    assert said.rstrip().endswith("The program can run here. What is missing above is optional.")


def test_without_any_window_library_the_program_cannot_run_and_each_package_is_named(
    tmp_path: Path,
) -> None:
    code, said = report_for(
        fake_pyside(tmp_path),
        {
            "libqxcb.so": ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libmystery.so.3"],
            "libqwayland.so": ["libwayland-client.so.0"],
        },
        set(),
    )
    assert code == 1
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0\n" in said
    assert "sudo dnf install xcb-util-cursor libxkbcommon-x11\n" in said
    assert "libmystery.so.3: `apt-file search libmystery.so.3`" in said  # unknown: how to find it
    assert "Speech service: speech-dispatcher, espeak-ng" in said
    assert said.rstrip().endswith("then run `coach doctor` again.")


@linux_only
def test_what_doctor_says_of_sound_and_speech_is_what_qt_can_load_here() -> None:
    folder = doctor.pyside_folder()
    assert folder is not None
    findings = {f.part.name: f for f in doctor.examine(folder).findings}
    for part, module in (("Sound cues", "QtMultimedia"), ("Spoken cues", "QtTextToSpeech")):
        loads = subprocess.run(
            [sys.executable, "-c", f"import PySide6.{module}"], capture_output=True, timeout=60
        ).returncode == 0  # fmt: skip
        if not loads:
            assert not findings[part].ok, f"{module} cannot load, yet doctor says {part} is ok"
        if findings[part].ok:
            assert loads
    assert findings["Qt itself"].ok  # the suite itself runs on Qt


@linux_only
def test_coach_doctor_reports_every_part_of_this_machine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["doctor"])
    said = capsys.readouterr().out
    for part in doctor.PARTS:
        assert f"  {part.name}" in said
    ending = said.rstrip().splitlines()[-1]
    assert ending.startswith("The program can run here." if code == 0 else "The program cannot")
