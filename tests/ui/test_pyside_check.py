"""PySide6's look at each import, made quicker: it must still tell the same modules apart."""

from __future__ import annotations

import inspect
import sys
from types import ModuleType

import coach.ui  # makes the quicker check
import coach.ui.theme  # noqa: F401  (a module of ours that uses PySide6)


def their_answer(module: ModuleType) -> bool:
    """PySide6's own question: does the module's source name PySide6?"""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_quicker_check_answers_as_pysides_own_for_every_loaded_module() -> None:
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert getattr(check, "quicker", False)
    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    answers = {m.__name__: check(m) for m in modules}
    assert answers == {m.__name__: their_answer(m) for m in modules}
    # Both kinds are among them: ours with Qt, ours without, and compiled modules.
    assert answers["coach.ui.theme"] is True
    assert answers["coach.core.clock"] is False
    assert answers["PySide6.QtCore"] is False
