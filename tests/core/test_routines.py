"""The routine files: the shipped ones, each kind of broken file, and junk."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.catalogue import Catalogue, load_catalogue
from coach.core.phases import planned_seconds
from coach.core.routines import LIBRARY_FILE, OwnDose, week_number
from tests.helpers import ROOT

BUILTIN = ROOT / "routines"
PICTURES = ROOT / "assets" / "exercises"

GOOD_ROUTINE = """\
id = "mine"
title = "My routine"
summary = "Mine."

[[item]]
exercise = "glute-bridge"
sets = 2

[[item]]
exercise = "happy-baby"
hold_seconds = 45
"""


def first_exercise() -> str:
    """The first [[exercise]] table of the shipped library, as text."""
    library = (BUILTIN / LIBRARY_FILE).read_text()
    return "[[exercise]]\n" + library.split("\n[[exercise]]\n")[1]


def load(user_dir: Path | None = None) -> Catalogue:
    return load_catalogue(BUILTIN, user_dir, picture_dirs=[PICTURES])


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_routines_load_cleanly() -> None:
    catalogue = load()
    assert catalogue.errors == []
    assert [r.routine.title for r in catalogue.routines] == [
        "Morning bridge & core",
        "Hip openers",
        "Reclined stretches",
    ]
    assert {"glute-bridge", "happy-baby", "lying-hip-opener", "reclined-hero", "camel"} <= set(
        catalogue.exercises
    )


def test_every_shipped_exercise_has_a_picture_steps_and_a_dose() -> None:
    for exercise in load().exercises.values():
        assert (PICTURES / exercise.picture).is_file()
        assert len(exercise.steps) >= 3
        assert exercise.dose.sets >= 1


def test_shipped_sessions_last_six_to_ten_minutes_in_every_week() -> None:
    catalogue = load()
    for loaded in catalogue.routines:
        for week in (1, 2, 3):
            minutes = planned_seconds(loaded.plan(catalogue.exercises, week=week)) / 60
            assert 5.5 <= minutes <= 10, (loaded.routine.id, week, minutes)


def test_opt_in_exercises_stay_out_until_turned_on() -> None:
    catalogue = load()
    hips = catalogue.routine("hip-openers")
    assert hips is not None
    names = [p.exercise.id for p in hips.plan(catalogue.exercises)]
    assert "camel" not in names
    assert [(e.id, why) for e, why in hips.left_out(catalogue.exercises)] == [
        ("camel", "opt-in, turned off in settings")
    ]
    names = [p.exercise.id for p in hips.plan(catalogue.exercises, opt_in_allowed={"camel"})]
    assert names[-1] == "camel"


def test_hidden_tags_leave_exercises_out_with_the_reason_even_when_opted_in() -> None:
    catalogue = load()
    reclined = catalogue.routine("reclined-stretches")
    assert reclined is not None
    hidden = {"deep-hip": "after hip surgery"}
    ids = [p.exercise.id for p in reclined.plan(catalogue.exercises, hidden_tags=hidden,
                                                 opt_in_allowed={"reclined-hero"})]  # fmt: skip
    assert ids == ["pelvic-tilt", "lying-hip-opener", "glute-bridge"]
    assert [
        (e.id, why) for e, why in reclined.left_out(catalogue.exercises, {"reclined-hero"}, hidden)
    ] == [
        ("happy-baby", "after hip surgery"),
        ("reclined-hero", "after hip surgery"),
    ]


def test_the_bridge_builds_from_one_set_to_three_over_three_weeks() -> None:
    catalogue = load()
    morning = catalogue.routine("morning-bridge-core")
    assert morning is not None
    sets = [morning.plan(catalogue.exercises, week=week)[0].dose.sets for week in (1, 2, 3, 4)]
    assert sets == [1, 2, 3, 3]
    reps = [morning.plan(catalogue.exercises, week=w)[1].dose.reps for w in (1, 3)]
    assert reps == [6, 8]


def test_weeks_count_from_the_first_workout() -> None:
    assert week_number(None, date(2026, 1, 1)) == 1
    first = date(2026, 3, 2)
    assert week_number(first, date(2026, 3, 8)) == 1
    assert week_number(first, date(2026, 3, 9)) == 2
    assert week_number(first, date(2026, 3, 23)) == 4


def test_a_routine_of_your_own_appears_beside_the_built_in_ones(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", GOOD_ROUTINE)
    catalogue = load(tmp_path)
    assert catalogue.errors == []
    mine = catalogue.routines[-1]
    assert (mine.routine.id, mine.builtin) == ("mine", False)
    plan = mine.plan(catalogue.exercises)
    assert plan[0].dose.sets == 2
    assert (plan[1].dose.hold_seconds, plan[1].dose.reps) == (45, None)


def test_exercises_of_your_own_can_be_added(tmp_path: Path) -> None:
    own = first_exercise().replace('"pelvic-tilt"', '"my-tilt"', 1)
    write(tmp_path, LIBRARY_FILE, own)
    write(tmp_path, "mine.toml", GOOD_ROUTINE.replace("glute-bridge", "my-tilt"))
    catalogue = load(tmp_path)
    assert catalogue.errors == []
    assert "my-tilt" in catalogue.exercises


BROKEN = [
    pytest.param(
        'id = "x"\ntitle = "X"\nsummary = "s"\n[[item]\nexercise = "glute-bridge"\n',
        "line 4",
        "is not valid TOML",
        id="bad-toml",
    ),
    pytest.param(
        'id = "x"\nsummary = "s"\n[[item]]\nexercise = "glute-bridge"\n',
        "field 'title'",
        "is missing",
        id="missing-field",
    ),
    pytest.param(
        GOOD_ROUTINE.replace("hold_seconds = 45", "hold_seconds = -5"),
        "line 11, item 2, field 'hold_seconds'",
        "greater than 0",
        id="negative-seconds",
    ),
    pytest.param(
        GOOD_ROUTINE.replace('"happy-baby"', '"happy-bby"'),
        "line 10, item 2, field 'exercise'",
        "unknown exercise id 'happy-bby'",
        id="unknown-exercise",
    ),
    pytest.param(
        GOOD_ROUTINE.replace("sets = 2", "sest = 2"),
        "line 7, item 1, field 'sest'",
        "not a known field",
        id="misspelt-field",
    ),
    pytest.param(
        GOOD_ROUTINE.replace('id = "mine"', 'id = "hip-openers"'),
        "line 1, field 'id'",
        "already used",
        id="duplicate-id",
    ),
    pytest.param(
        GOOD_ROUTINE.replace("sets = 2", "sets = true"),
        "line 7, item 1, field 'sets'",
        "input should be a valid integer",
        id="yes-for-a-number",
    ),
    pytest.param(
        GOOD_ROUTINE.replace("sets = 2", "sets = 2.5"),
        "line 7, item 1, field 'sets'",
        "fractional part",
        id="half-a-set",
    ),
    pytest.param("\xff\xfe not text", "", "", id="not-utf8"),
]


@pytest.mark.parametrize(("text", "where", "problem"), BROKEN)
def test_a_broken_file_is_named_with_where_and_what_and_the_rest_still_load(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    path = tmp_path / "broken.toml"
    if text.startswith("\xff"):
        path.write_bytes(b"\xff\xfe not text")
    else:
        write(tmp_path, "broken.toml", text)
    write(tmp_path, "good.toml", GOOD_ROUTINE.replace('"mine"', '"good"'))
    catalogue = load(tmp_path)
    assert len(catalogue.errors) == 1
    error = catalogue.errors[0]
    assert error.path == path
    assert where in error.where
    assert problem in error.problem
    assert str(path) in str(error)
    assert [r.routine.id for r in catalogue.routines] == [
        "morning-bridge-core",
        "hip-openers",
        "reclined-stretches",
        "good",
    ]


def test_a_number_written_as_text_or_with_a_point_still_reads(tmp_path: Path) -> None:
    """Files that loaded before keep loading: "3" and 3.0 are both three sets."""
    text = GOOD_ROUTINE.replace("sets = 2", 'sets = "3"').replace("45", "45.0")
    write(
        tmp_path,
        "mine.toml",
        text.replace('[[item]]\nexercise = "happy', '[[item]]\nsets = 2.0\nexercise = "happy'),
    )
    catalogue = load(tmp_path)
    assert catalogue.errors == []
    first, second = catalogue.routines[-1].plan(catalogue.exercises)
    assert (first.dose.sets, second.dose.sets, second.dose.hold_seconds) == (3, 2, 45)


def test_a_broken_exercise_keeps_the_rest_of_the_library(tmp_path: Path) -> None:
    builtin = tmp_path / "builtin"
    shutil.copytree(BUILTIN, builtin)
    library = builtin / LIBRARY_FILE
    text = library.read_text().replace("hold_seconds = 30\n", "hold_seconds = 0\n", 1)
    library.write_text(text)
    catalogue = load_catalogue(builtin, None, picture_dirs=[PICTURES])
    assert len(catalogue.errors) >= 1
    first = catalogue.errors[0]
    assert first.path == library
    assert "exercise 6" in first.where and "dose.hold_seconds" in first.where
    assert "happy-baby" not in catalogue.exercises
    assert "glute-bridge" in catalogue.exercises
    # A routine that names the broken exercise is reported, not silently shortened.
    assert any("unknown exercise id 'happy-baby'" in e.problem for e in catalogue.errors)
    assert catalogue.routine("morning-bridge-core") is not None


def test_a_missing_picture_is_reported(tmp_path: Path) -> None:
    text = first_exercise().replace('"pelvic-tilt"', '"my-tilt"', 1)
    write(tmp_path, LIBRARY_FILE, text.replace("pelvic-tilt.svg", "nope.svg"))
    catalogue = load(tmp_path)
    assert [e.problem for e in catalogue.errors] == [
        "picture 'nope.svg' of 'my-tilt' was not found"
    ]


def test_reps_without_a_tempo_and_both_reps_and_hold_are_refused(tmp_path: Path) -> None:
    text = first_exercise().replace('"pelvic-tilt"', '"my-tilt"', 1)
    write(tmp_path, LIBRARY_FILE, text.replace("tempo = {", "#tempo = {"))
    assert "reps need a tempo" in load(tmp_path).errors[0].problem


junk_text = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(
            ["id = ", '"x"', "[[item]]", "[item]", "exercise = ", "sets = ", "-3", "1e999",
             "title", "=", "\n", '"glute-bridge"', "hold_seconds = ", "{", "}", "[", "]", "tempo"]
        ),
        max_size=40,
    ).map("".join),
)  # fmt: skip


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk_text)
def test_junk_never_crashes_and_never_hides_the_good_routines(tmp_path: Path, text: str) -> None:
    write(tmp_path, "junk.toml", text)
    catalogue = load(tmp_path)
    assert len(catalogue.routines) + len(catalogue.errors) == 4
    assert all(e.path.name == "junk.toml" and e.problem for e in catalogue.errors)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(GOOD_ROUTINE) - 1), st.integers(1, 12), st.text(max_size=3))
def test_a_damaged_good_file_loads_or_says_why(
    tmp_path: Path, start: int, length: int, insert: str
) -> None:
    text = GOOD_ROUTINE[:start] + insert + GOOD_ROUTINE[start + length :]
    write(tmp_path, "mine.toml", text)
    catalogue = load(tmp_path)
    assert len(catalogue.routines) + len(catalogue.errors) == 4
    for error in catalogue.errors:
        assert error.path.name == "mine.toml"
        assert error.problem


def test_an_own_dose_replaces_sets_and_reps_but_not_a_hold() -> None:
    catalogue = load()
    morning = catalogue.routine("reclined-stretches")
    assert morning is not None
    own = {"glute-bridge": OwnDose(2, 11), "happy-baby": OwnDose(3, 12)}
    plan = {p.exercise.id: p.dose for p in morning.plan(catalogue.exercises, own_doses=own)}
    assert (plan["glute-bridge"].sets, plan["glute-bridge"].reps) == (2, 11)
    happy = plan["happy-baby"]
    assert (happy.sets, happy.reps, happy.hold_seconds) == (3, None, 40)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a = " + "[" * 50_000 + "]" * 50_000, "is nested too deeply to be read"),
        ("# " + "x" * 1_100_000, "is 1,100,002 bytes, far more than a file of routines"),
    ],
)
def test_a_file_too_deep_or_too_big_is_one_line_naming_it_and_the_rest_still_load(
    tmp_path: Path, text: str, problem: str
) -> None:
    (tmp_path / "strange.toml").write_text(text)
    catalogue = load(tmp_path)
    [error] = catalogue.errors
    assert error.path == tmp_path / "strange.toml"
    assert error.problem.startswith(problem)
    assert len(catalogue.routines) == 3  # the built-in ones


def test_a_folder_named_like_a_routine_file_is_said_and_the_rest_still_load(
    tmp_path: Path,
) -> None:
    (tmp_path / "folder.toml").mkdir()
    catalogue = load(tmp_path)
    assert [str(e) for e in catalogue.errors] == [
        f"{tmp_path / 'folder.toml'}: is not an ordinary file"
    ]
    assert len(catalogue.routines) == 3
