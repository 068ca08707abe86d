from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _no_real_speech(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test speaks through the machine's speech engine: one that wants a voice passes
    its own recording back-end (tests/ui/test_voice.py), and no speaker process is started."""
    monkeypatch.setattr("coach.ui.voice.speech.speaker_command", lambda: None)
