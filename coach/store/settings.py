"""Small JSON values by name in the setting table: read plainly, written at once."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from coach.store.db import OpenedDatabase


def read_setting(database: OpenedDatabase, key: str, default: Any) -> Any:
    rows = database.read("SELECT value FROM setting WHERE key = ?", (key,))
    return json.loads(rows[0][0]) if rows else default


def write_setting(database: OpenedDatabase, key: str, value: object, at: datetime) -> None:
    from coach.store.models import Setting

    text = json.dumps(value)
    database.write(lambda session: session.merge(Setting(key=key, value=text, changed_at=at)))
