"""Settings: any stored value reads as itself or as the default, never as an error."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.plan import DEFAULT_DAYS
from coach.core.routines import OwnDose
from coach.core.safety import Profile
from coach.store.checkins import DECIDED, OWN_DOSES, PLAN_DAYS, CheckinLog
from coach.store.database import OpenedDatabase, open_database
from coach.store.safety_log import SafetyLog
from coach.store.settings import SHAPES, setting_problem
from coach.store.transfer import ImportRefused, export_file, read_file

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)
KEYS = sorted(SHAPES)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
stored_texts = json_values.map(lambda v: json.dumps(v)) | st.text(max_size=30)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> OpenedDatabase:
    opened = open_database(tmp_path_factory.mktemp("settings") / "coach.db")
    SafetyLog(opened, now=lambda: NOW).save_profile(Profile())  # the table exists
    return opened


def store(database: OpenedDatabase, key: str, text: str) -> None:
    with sqlite3.connect(database.path) as connection:
        connection.execute(
            "INSERT OR REPLACE INTO setting (key, value, changed_at) VALUES (?, ?, ?)",
            (key, text, NOW.isoformat()),
        )
    connection.close()


def read_everything(database: OpenedDatabase) -> dict[str, Any]:
    safety, checkins = SafetyLog(database), CheckinLog(database)
    return {
        "profile": safety.profile(),
        "opt_in": safety.opt_ins(),
        PLAN_DAYS: checkins.plan_days(),
        OWN_DOSES: checkins.own_doses("morning-bridge-core"),
        DECIDED: checkins.feelings("morning-bridge-core", "glute-bridge"),
    }


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), text=stored_texts)
def test_any_stored_value_reads_as_a_setting_or_as_the_default(
    database: OpenedDatabase, key: str, text: str
) -> None:
    store(database, key, text)
    read = read_everything(database)  # never raises
    profile = read["profile"]
    assert all(isinstance(v, bool) for v in [*profile.facts.values(), *profile.agreed.values()])
    assert all(isinstance(name, str) for name in read["opt_in"])
    assert read[PLAN_DAYS] and read[PLAN_DAYS] <= set(range(7))
    for dose in read[OWN_DOSES].values():
        assert isinstance(dose, OwnDose) and dose.sets >= 1
    if setting_problem(key, text) is not None:  # refused: the default stands in
        defaults = {"profile": Profile(), "opt_in": set(), PLAN_DAYS: DEFAULT_DAYS, OWN_DOSES: {}}
        if key in defaults:
            assert read[key] == defaults[key]


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        (PLAN_DAYS, [0, 9], "should be a list of weekdays from 0 (Monday) to 6"),
        ("profile", {"facts": {"pregnant": "yes"}}, "should hold only true or false answers"),
        (OWN_DOSES, {"morning": {"glute-bridge": {"sets": 0, "reps": 10}}},
         'should give each exercise "sets" (1 or more)'),
        ("opt_in", "camel", "should be a list of exercise ids"),
    ],
)  # fmt: skip
def test_an_import_refuses_a_setting_of_the_wrong_shape_by_name(
    tmp_path: Path, key: str, value: Any, words: str
) -> None:
    source = open_database(tmp_path / "source" / "coach.db")
    CheckinLog(source, now=lambda: NOW).set_plan_days([0, 2, 4])
    path = tmp_path / "export.json"
    export_file(source, path, "json", NOW)
    document = json.loads(path.read_text())
    document["tables"]["setting"] = [
        {"key": key, "value": json.dumps(value), "changed_at": NOW.isoformat()}
    ]
    path.write_text(json.dumps(document))
    with pytest.raises(ImportRefused) as refused:
        read_file(path)
    assert f"export.json: setting, row 1: value for '{key}' {words}" in str(refused.value)
