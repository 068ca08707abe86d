"""The built wheel carries routines/ and assets/ and finds them once installed."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.mark.slow
def test_an_installed_wheel_lists_the_routines(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(dist), str(ROOT)],
        check=True, timeout=300,
    )  # fmt: skip
    [wheel] = dist.glob("*.whl")

    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    # Reuse the dependencies already installed here; the project itself comes from the wheel.
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip

    where = subprocess.run(
        [python, "-c", "import coach.resources as r; print(r.locate())"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert str(Path(purelib, "coach", "routines")) in where
    assert str(Path(purelib, "coach", "assets")) in where

    listing = subprocess.run(
        [env_dir / "bin" / "coach", "--data-dir", str(tmp_path / "data"), "routines"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stdout + listing.stderr
    assert "morning-bridge-core  Morning bridge & core" in listing.stdout
    assert "reclined-stretches  Reclined stretches" in listing.stdout
