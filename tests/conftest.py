from __future__ import annotations

import os

# Set before anything imports Qt: tests never need a screen. The core and store tests
# import no Qt at all (pytest tests/core runs without it installed).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
