"""Qt widgets: they show what core says and forward what the person asks for."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (sets up the import hook changed below)


def _quicker_pyside_check() -> None:
    """PySide6 asks of every module imported after it whether its source names PySide6
    (for its `__feature__` switches), through `inspect.getsource`, which tokenizes the
    file: about 0.1 ms a module, 12 ms of our start-up. The same question is answered
    here by reading the file's bytes; anything else (no file, a compiled one) goes to
    PySide6's own check. A PySide6 without that check is left as it is."""
    feature = sys.modules.get("shibokensupport.feature")
    their_check = getattr(feature, "_mod_uses_pyside", None)
    if their_check is None or getattr(their_check, "quicker", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(their_check(module))
        try:
            with open(path, "rb") as source:  # noqa: PTH123  (no pathlib: it is slower)
                return b"PySide6" in source.read()
        except OSError:
            return bool(their_check(module))

    uses_pyside.quicker = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


_quicker_pyside_check()
