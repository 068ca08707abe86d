"""Settings: any stored value reads as itself or as the default, never as an error."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.calendar import Reminder
from coach.core.cues import VoiceSettings
from coach.core.plan import ALWAYS, DEFAULT_DAYS, PlanHistory, PlanPeriod
from coach.core.routines import OwnDose
from coach.core.safety import Profile
from coach.store.database import OpenedDatabase, open_database
from coach.store.settings import (
    DOSE_DECISIONS,
    OPT_INS,
    OWN_DOSES,
    PLAN_DAYS,
    PROFILE,
    REMINDER,
    SETTINGS,
    VOICE,
    Setting,
    Settings,
    setting_problem,
)
from coach.store.transfer import ImportRefused, export_file, read_file
from tests.helpers import sqlite

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)
KEYS = sorted(SETTINGS)

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
    Settings(opened, now=lambda: NOW).write((PROFILE, Profile()))  # the table exists
    return opened


def store(database: OpenedDatabase, key: str, text: str) -> None:
    with sqlite(database.path) as connection:
        connection.execute(
            "INSERT OR REPLACE INTO setting (key, value, changed_at) VALUES (?, ?, ?)",
            (key, text, NOW.isoformat()),
        )
    connection.close()


def read_everything(database: OpenedDatabase) -> dict[str, Any]:
    settings = Settings(database, now=lambda: NOW)
    return {setting.key: settings.read(setting) for setting in SETTINGS.values()}


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), text=stored_texts)
def test_any_stored_value_reads_as_a_setting_or_as_the_default(
    database: OpenedDatabase, key: str, text: str
) -> None:
    store(database, key, text)
    read = read_everything(database)  # never raises
    profile = read[PROFILE.key]
    assert all(isinstance(v, bool) for v in [*profile.facts.values(), *profile.agreed.values()])
    assert all(isinstance(name, str) for name in read[OPT_INS.key])
    plans = read[PLAN_DAYS.key].periods
    assert plans and all(p.days and p.days <= set(range(7)) for p in plans)
    assert [p.start for p in plans] == sorted(p.start for p in plans)
    for doses in read[OWN_DOSES.key].values():
        assert all(isinstance(d, OwnDose) and d.sets >= 1 for d in doses.values())
    for decided in read[DOSE_DECISIONS.key].values():
        assert all(datetime.fromisoformat(when) for when in decided.values())
    assert isinstance(read[VOICE.key], VoiceSettings)
    assert isinstance(read[REMINDER.key], Reminder)
    if setting_problem(key, text) is not None:  # refused: the default stands in
        assert read[key] == SETTINGS[key].default


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        (PLAN_DAYS.key, [0, 9], "should be a list of one or more weekdays from 0 (Monday) to 6"),
        (PLAN_DAYS.key, [{"from": "2026-03-02", "days": []}],
         "should be a list of one or more weekdays from 0 (Monday) to 6"),
        (PLAN_DAYS.key, [{"from": "someday", "days": [1]}],
         "should be a list of one or more weekdays from 0 (Monday) to 6, or of plans with"
         " their first day"),
        ("profile", {"facts": {}, "agreed": {}, "birth_year": 1800},
         "should give a year of birth from 1900 on"),
        ("profile", {"facts": {"pregnant": "yes"}}, "should hold only true or false answers"),
        (OWN_DOSES.key, {"morning": {"glute-bridge": {"sets": 0, "reps": 10}}},
         'should give each exercise "sets" (1 or more)'),
        ("opt_in", "camel", "should be a list of exercise ids"),
        (VOICE.key, {"volume": 3}, 'should give "volume" within its range, not 3'),
        (REMINDER.key, {"time": "24:00"}, 'should give "time" as hours and minutes'),
        (DOSE_DECISIONS.key, {"r": {"e": "soon"}}, "has 'soon', which is not a time"),
    ],
)  # fmt: skip
def test_an_import_refuses_a_setting_of_the_wrong_shape_by_name(
    tmp_path: Path, key: str, value: Any, words: str
) -> None:
    source = open_database(tmp_path / "source" / "coach.db")
    Settings(source, now=lambda: NOW).write((PLAN_DAYS, PlanHistory()))
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


def test_each_setting_is_written_and_read_back_as_itself(tmp_path: Path) -> None:
    settings = Settings(open_database(tmp_path / "coach.db"), now=lambda: NOW)
    for setting in SETTINGS.values():
        assert settings.read(setting) == setting.default  # nothing stored: the default
    chosen: dict[Setting[Any], Any] = {
        PROFILE: Profile(
            facts={"pregnant": True, "cancer": True},
            agreed={"pregnant": False},
            birth_year=1961,
            history_checked=date(2026, 2, 1),
            history_asked=True,
        ),
        OPT_INS: frozenset({"camel"}),
        PLAN_DAYS: PlanHistory(
            (
                PlanPeriod(ALWAYS, frozenset({0, 2, 4})),
                PlanPeriod(date(2026, 2, 3), frozenset({1, 3})),
            )
        ),
        OWN_DOSES: {"morning": {"glute-bridge": OwnDose(2, None)}},
        DOSE_DECISIONS: {"morning": {"glute-bridge": NOW.isoformat()}},
        VOICE: VoiceSettings(on=False, volume=0.5),
        REMINDER: Reminder(on=True, at=time(7, 30)),
    }
    settings.write(*chosen.items())
    for setting, value in chosen.items():
        assert settings.read(setting) == value, setting.key
    assert settings.read(PLAN_DAYS).current == {1, 3}


@pytest.mark.parametrize("bad", [[], {"on": "yes"}, {"time": "7:30"}, {"time": "24:00"}, {"x": 1}])
def test_a_stored_reminder_is_checked(bad: object) -> None:
    assert REMINDER.problem(bad)
    assert REMINDER.problem({"on": True, "time": "07:30"}) is None


def test_a_setting_of_the_wrong_shape_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    settings = Settings(open_database(tmp_path / "coach.db"), now=lambda: NOW)
    one_day = PlanHistory().changed({1}, NOW.date())
    with pytest.raises(ValueError, match="'own doses' should give each exercise"):
        settings.write((PLAN_DAYS, one_day), (OWN_DOSES, {"r": {"e": OwnDose(0, 5)}}))
    with pytest.raises(ValueError, match="one or more weekdays"):
        settings.write((PLAN_DAYS, PlanHistory((PlanPeriod(ALWAYS, frozenset()),))))
    with pytest.raises(ValueError, match="one or more weekdays"):
        settings.write((PLAN_DAYS, PlanHistory((PlanPeriod(ALWAYS, frozenset({7})),))))
    assert settings.read(PLAN_DAYS) == PlanHistory()
    assert settings.read(PLAN_DAYS).current == DEFAULT_DAYS


def test_a_plan_kept_before_plans_had_dates_reads_as_in_force_since_always(
    database: OpenedDatabase,
) -> None:
    store(database, PLAN_DAYS.key, "[1, 3, 5]")
    plan = Settings(database, now=lambda: NOW).read(PLAN_DAYS)
    assert plan == PlanHistory((PlanPeriod(ALWAYS, frozenset({1, 3, 5})),))
    assert plan.days_on(date(2020, 5, 5)) == {1, 3, 5}


def test_a_profile_kept_before_the_standing_history_reads_with_it_not_yet_asked(
    database: OpenedDatabase,
) -> None:
    store(database, PROFILE.key, '{"facts": {"pregnant": true}, "agreed": {}}')
    profile = Settings(database, now=lambda: NOW).read(PROFILE)
    assert profile == Profile(facts={"pregnant": True})
    assert not profile.history_asked and profile.birth_year is None
