"""The house's layers hold: the rules (coach.core) load with neither Qt nor SQL, and the
store, the services and the core tests load without Qt, as on a machine without it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.helpers import ROOT

PROBE = """
import importlib, pkgutil, sys
sys.modules["PySide6"] = None  # any import of Qt fails, as where it is not installed
import coach.core
for package, banned in ({packages}):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
    loaded = sorted(name for name in banned if name in sys.modules)
    print(package, ",".join(loaded) or "-")
"""


def probe(packages: str) -> list[str]:
    script = textwrap.dedent(PROBE).format(packages=packages)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")[:-1]


def test_the_rules_load_without_qt_or_sql_and_the_store_and_services_without_qt() -> None:
    assert probe('("coach.core", ("sqlalchemy", "sqlmodel", "coach.store")),') == ["coach.core -"]
    assert probe(
        '("coach.store", ()), ("coach.services", ("coach.ui",)), ("tests.core", ()),'
        ' ("tests.store", ()), ("tests.services", ())'
    ) == [
        "coach.store -",
        "coach.services -",
        "tests.core -",
        "tests.store -",
        "tests.services -",
    ]
