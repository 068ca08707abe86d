"""The safety screen in the real window: first run, halts, locks, the stop key."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.core.checkins import CheckinKind
from coach.core.phases import PhaseKind
from coach.core.safety import ScreenKind, Verdict
from coach.store.database import open_database
from coach.store.safety import SafetyLog
from coach.ui.safety.view import YearRow
from tests.helpers import FakeClock, sqlite
from tests.ui.conftest import MakePerson, screened_yesterday


def events(data_dir: Path) -> list[tuple[str, str, str | None, str, int | None]]:
    with sqlite(data_dir / "coach.db") as connection:
        return connection.execute(
            "SELECT screen, verdict, halt, answers, workout_id FROM safety_event ORDER BY id"
        ).fetchall()


def test_the_first_run_welcomes_then_shows_the_full_screen_before_anything_else(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person(screened=False)
    assert person.on(person.welcome)
    said = " ".join(label.text() for label in person.welcome.findChildren(QLabel))
    assert "not a diagnosis" in said and "nothing is sent" in said
    person.begin()
    view = person.questions
    assert person.on(view)
    assert view.heading.text() == "A few questions first"
    shown = [r.ask.id for r in view.rows if not r.isHidden()]
    # 13 signs, 4 facts, 3 of standing history and the year of birth.
    assert len(shown) == 21 and shown[-1] == "birth-year"
    assert all(row.answer is None for row in view.rows)  # nothing chosen for the person
    assert not view.continue_button.isEnabled()
    person.key(Qt.Key.Key_Return)
    assert person.on(view)  # cannot continue with questions open
    assert view.left_label.text() == "20 questions left"  # the year may stay blank

    person.answer_all_no()
    assert person.on(person.pain)  # then where the person is starting from
    assert person.pain.heading.text() == "Where you are starting from"
    person.give_baseline(6)
    assert person.on(person.home)
    [(screen, verdict, halt, _, _)] = events(tmp_path / "data")
    assert (screen, verdict, halt) == ("full screen", "clear", None)
    profile = person.services.safety.profile()
    assert profile.history_asked and profile.birth_year is None


def test_the_first_start_after_the_welcome_asks_only_the_pain_right_now(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person(screened=False)
    person.begin()
    person.answer_all_no()
    person.give_baseline(6)
    person.start()
    assert person.on(person.pain)  # no second screen, no second baseline
    assert person.pain.heading.text() == "Before you start"
    person.answer_pain(4)
    assert person.on(person.workout)
    assert [screen for screen, *_ in events(tmp_path / "data")] == ["full screen"]
    block = person.services.checkins.current_block()
    assert block is not None
    records = person.services.checkins.checkins(block.id)
    assert [(r.kind, r.pain) for r in records] == [
        (CheckinKind.BASELINE, 6), (CheckinKind.BEFORE_WORKOUT, 4)
    ]  # fmt: skip


def test_not_now_on_the_welcome_goes_home_and_the_welcome_comes_again(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person(screened=False)
    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)
    assert person.services.safety.first_run()  # nothing answered, nothing recorded
    person.window.close()
    again = make_person(screened=False)
    assert again.on(again.welcome)


def test_a_follow_up_appears_only_after_a_yes(qtbot: QtBot, make_person: MakePerson) -> None:
    person = make_person(screened=False)
    person.begin()
    rows = {row.ask.id: row for row in person.questions.rows}
    follow_up = rows["agreed:pregnant"]
    assert follow_up.isHidden()
    assert rows["fact:hip-surgery"].label.text().startswith("16.  ")
    rows["fact:pregnant"].set_answer(True)
    assert not follow_up.isHidden()
    assert follow_up.label.text().startswith("16.  ")
    assert rows["fact:hip-surgery"].label.text().startswith("17.  ")
    checked = rows["history-checked"]
    assert checked.isHidden()
    rows["history:bones"].set_answer(True)  # any of the history asks the check, once
    assert not checked.isHidden()
    assert (
        checked.ask.text == "Has a clinician checked your back pain since it began, knowing this?"
    )


def test_a_year_of_birth_that_cannot_be_right_is_refused_in_the_form(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person(screened=False)
    person.begin()
    view = person.questions
    for row in view.rows:
        if not row.ask.year and not row.isHidden():
            row.set_answer(False)
    year = next(r for r in view.rows if r.ask.year)
    assert isinstance(year, YearRow)
    qtbot.keyClicks(year.year, "1850")
    assert not view.continue_button.isEnabled()
    assert (
        view.left_label.text()
        == f"Enter a year from 1900 to {date.today().year}, or leave it blank."
    )
    year.year.clear()
    qtbot.keyClicks(year.year, "19")
    assert view.left_label.text() == "Enter the year with four digits, or leave it blank."
    qtbot.keyClicks(year.year, "6y0")  # a letter cannot be typed in
    assert year.year.text() == "1960" and view.continue_button.isEnabled()
    qtbot.keyClick(year.year, Qt.Key.Key_Return)
    person.give_baseline()
    assert person.on(person.home)
    assert person.services.safety.profile().birth_year == 1960
    person.start()  # over 50: a check-up is suggested, nothing is stopped
    assert person.on(person.notice)
    assert "Over 50, or under 20" in person.notice.messages.text()


def test_a_yes_to_leg_pain_halts_blocks_start_and_says_why(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    assert person.questions.heading.text() == "Before this workout"
    leg = next(r for r in person.questions.rows if r.ask.id == "leg-pain")
    assert leg.ask.text.startswith("Since your last workout, has pain")
    person.answer(yes_to={"leg-pain"})
    halt = person.halt
    assert person.on(halt)
    assert halt.title.text() == "Please see a GP or physiotherapist first"
    assert halt.clinician_button.isVisibleTo(halt)

    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)
    assert not any(b.isEnabled() for b in person.home.start_buttons.values())
    assert person.home.lock_label.text() == (
        "Workouts are stopped. Please see a GP or physiotherapist first."
    )
    said = person.week_line() + " " + person.home.footer.text()
    assert "Workouts wait for a clinician's all-clear." in said  # not "a workout day"
    assert "workout day" not in said and "Enter starts" not in said
    assert "W says what to do" in said
    screen, verdict, kind, answers, _ = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind) == ("short screen", "halt", "radiating")
    assert json.loads(answers)["leg-pain"] is True


def test_a_cleared_person_with_ongoing_leg_pain_starts_a_workout_honestly(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.answer(yes_to={"leg-pain"})
    person.key(Qt.Key.Key_Escape)
    qtbot.keyClick(person.home, Qt.Key.Key_W)  # what to do
    assert person.on(person.halt)
    person.key(Qt.Key.Key_C)
    assert person.halt.confirm_question.text() == (
        "Has a GP or physiotherapist told you that exercise is fine for you now?"
    )
    person.key(Qt.Key.Key_N)  # not yet
    assert person.services.safety.log.clearances() == []
    person.key(Qt.Key.Key_C)
    person.key(Qt.Key.Key_Y)
    assert person.on(person.home)
    assert len(person.services.safety.log.clearances()) == 1
    assert all(b.isEnabled() for b in person.home.start_buttons.values())
    shown = person.home_texts()
    assert any(text.startswith("A clinician's all-clear was confirmed on ") for text in shown)

    # The leg pain is still there, as the clinician knew: the question asks what changed.
    person.start()
    leg = next(r for r in person.questions.rows if r.ask.id == "leg-pain")
    assert f"since the all-clear on {date.today():%-d %B %Y}?" in leg.ask.text
    person.answer()  # an honest "no change"
    person.answer_pain_until_workout()
    assert person.on(person.workout)


def test_after_the_all_clear_leg_pain_that_got_worse_halts_again(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person()
    person.start()
    person.answer(yes_to={"leg-pain"})
    person.keys(Qt.Key.Key_C, Qt.Key.Key_Y)
    person.start()
    person.answer(yes_to={"leg-pain"})  # worse, or spread further
    assert person.on(person.halt)
    assert person.services.safety.lock() is not None


def test_a_full_screen_halt_holds_the_next_morning_and_after_a_restart(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    evening = datetime.now().astimezone().replace(hour=23, minute=55) - timedelta(days=1)
    screened_yesterday(tmp_path / "data", days_ago=8)  # the weekly screen is due
    person = make_person(screened=False, now=lambda: evening)
    person.start()
    assert person.questions.heading.text() == "A few questions first"
    person.answer(yes_to={"night-pain"})
    assert person.halt.title.text() == "Please see a doctor today"
    person.window.close()

    morning = evening + timedelta(minutes=10)  # 00:05, the next day
    again = make_person(screened=False, now=lambda: morning)
    assert not any(b.isEnabled() for b in again.home.start_buttons.values())
    again.window.start_routine("morning-bridge-core")  # the short screen never comes
    assert again.on(again.halt)
    assert again.halt.title.text() == "Please see a doctor today"
    assert again.halt.when.text().startswith("Recorded on ")
    again.keys(Qt.Key.Key_C, Qt.Key.Key_Y)  # the clinician's all-clear, confirmed
    assert again.services.safety.lock() is None
    # The next weekly screen asks about night pain as a change since the all-clear.
    weekly = again.services.safety.screen(ScreenKind.FULL)
    night = next(a for a in weekly.asks if a.id == "night-pain")
    assert f"since the all-clear on {morning:%-d %B %Y}?" in night.text


def test_an_emergency_lock_holds_and_its_all_clear_waits_for_the_next_day(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.answer(yes_to={"bladder", "leg-pain"})
    halt = person.halt
    assert halt.title.text() == "Please get help now"
    assert "emergency number" in halt.action.text()
    assert not halt.clinician_button.isVisibleTo(halt)
    person.window.close()

    again = make_person(screened=False)  # the same data folder, a new program
    assert again.on(again.home)
    assert not any(b.isEnabled() for b in again.home.start_buttons.values())
    again.window.start_routine("hip-openers")  # any path to a workout meets the lock
    assert again.on(again.halt)
    assert again.halt.title.text() == "Please get help now"
    again.window.close()

    tomorrow = datetime.now().astimezone() + timedelta(days=1)
    later = make_person(screened=False, now=lambda: tomorrow)
    later.window.start_routine("hip-openers")
    assert later.halt.title.text() == "Please get help now"  # it still holds
    assert later.halt.clinician_button.isVisibleTo(later.halt)
    later.keys(Qt.Key.Key_C, Qt.Key.Key_Y)
    # One all-clear answers the whole halt, the leg pain said with it too.
    assert later.services.safety.lock() is None
    assert later.on(later.home)


def test_standing_history_is_asked_once_and_a_clinicians_check_needs_no_halt(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person(screened=False)
    person.begin()
    person.answer(yes_to={"history:cancer", "history-checked"})
    person.give_baseline()
    assert person.on(person.home)
    assert person.services.safety.profile().history_checked == date.today()
    person.start()
    assert person.on(person.pain)  # nothing stops, nothing is asked twice
    person.window.close()

    next_week = datetime.now().astimezone() + timedelta(days=8)
    later = make_person(screened=False, now=lambda: next_week)
    later.start()  # the weekly screen: the history is not asked again, but what changed is
    asked = [r.ask.id for r in later.questions.rows]
    assert "history:cancer" not in asked and "history-changed" in asked
    later.answer(yes_to={"history-changed"})
    assert later.halt.title.text() == "Please see your doctor before going on"


def test_standing_history_not_yet_checked_halts_until_a_clinician_has(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person(screened=False)
    person.begin()
    person.answer(yes_to={"history:immune"})  # and "no" to a clinician's check
    assert person.halt.title.text() == "Please see your doctor before starting"
    person.key(Qt.Key.Key_C)
    assert person.halt.confirm_question.text() == (
        "Has a clinician checked your back pain, knowing your history?"
    )
    person.key(Qt.Key.Key_Y)
    assert person.on(person.home)
    assert person.services.safety.profile().history_checked == date.today()


def test_history_told_later_in_the_profile_asks_for_its_check_there(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    qtbot.keyClick(person.home, Qt.Key.Key_S)
    rows = {row.ask.id: row for row in person.questions.rows}
    assert {"history:cancer", "birth-year"} <= set(rows)
    person.answer(yes_to={"history:bones"})
    assert person.on(person.halt)
    screen, verdict, kind, _, _ = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind) == ("profile", "halt", "urgent")


def test_a_person_from_the_version_before_is_asked_the_standing_history_once(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    then = datetime.now(UTC) - timedelta(days=1)
    SafetyLog(open_database(data / "coach.db"), now=lambda: then).record(
        ScreenKind.FULL, Verdict(), {}
    )  # a full screen yesterday, but no standing history kept
    person = make_person(screened=False)
    assert person.on(person.home)
    person.start()
    assert person.questions.heading.text() == "A few questions first"
    assert "history:cancer" in [r.ask.id for r in person.questions.rows]
    person.answer_all_no()
    person.answer_pain_until_workout()
    assert person.on(person.workout)
    assert person.services.safety.profile().history_asked


def test_the_stop_key_halts_mid_hold_and_keeps_the_sets_done(
    qtbot: QtBot, make_person: MakePerson, clock: FakeClock, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.answer_all_no()
    person.answer_pain_until_workout()
    view = person.workout
    assert view.stop_button.text() == "Stop: pain is spreading  [P]"
    qtbot.keyClick(view, Qt.Key.Key_N)
    person.run_until(lambda: view.workout is not None and view.workout.sets_done(0) == 1)
    person.run_until(
        lambda: view.workout is not None and view.workout.phase.kind is PhaseKind.TOP_HOLD,
    )
    qtbot.keyClick(view, Qt.Key.Key_P)

    assert person.on(person.halt)
    assert person.halt.when.text().endswith("The sets you finished are saved.")
    [workout] = person.services.workouts.workouts()
    assert workout.outcome == "halted: radiating"
    assert [s.exercise_id for s in person.services.workouts.sets(workout.id or 0)] == [
        "glute-bridge"
    ]
    screen, verdict, kind, _, workout_id = events(tmp_path / "data")[-1]
    assert (screen, verdict, kind, workout_id) == ("stop key", "halt", "radiating", workout.id)


def test_profile_facts_leave_exercises_out_and_their_message_comes_once(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person(screened=False)
    person.begin()
    person.answer(yes_to={"fact:pregnant"})
    shown = person.home_texts()
    assert (
        "Left out: Glute bridge (during pregnancy); Lying hip opener (during pregnancy); Dead"
        " bug (during pregnancy)." in shown
    )
    assert not person.home.start_buttons["hip-openers"].isEnabled()  # nothing left in it
    assert "Nothing in this routine suits you at the moment." in shown
    person.start()
    notice = person.notice
    assert person.on(notice)
    assert "midwife or doctor" in notice.messages.text()
    person.key(Qt.Key.Key_Return)
    person.answer_pain_until_workout()
    workout = person.workout.workout
    assert workout is not None
    assert [p.exercise.id for p in workout.plan] == ["bird-dog"]


def test_the_profile_and_opt_ins_can_be_changed_and_shape_the_routines(
    qtbot: QtBot, make_person: MakePerson
) -> None:
    person = make_person(screened=False)
    person.begin()
    person.answer_all_no()
    person.give_baseline()
    hips = "Pelvic tilt → Lying hip opener → Happy baby"
    assert hips in [label.text() for label in person.home.findChildren(QLabel)]

    qtbot.keyClick(person.home, Qt.Key.Key_S)
    view = person.questions
    assert view.heading.text() == "Your profile and settings"
    rows = {row.ask.id: row for row in view.rows}
    assert rows["fact:pregnant"].answer is False  # the answer given on the first screen
    camel = rows["opt-in:camel"]
    assert camel.answer is False
    assert "blood pressure" in camel.ask.text  # the cautions, before turning it on
    person.answer(yes_to={"opt-in:camel"})
    assert person.on(person.home)
    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert hips + " → Camel" in shown

    qtbot.keyClick(person.home, Qt.Key.Key_S)
    person.answer(yes_to={"opt-in:camel", "fact:knee-ankle-neck"})
    shown = [label.text() for label in person.home.findChildren(QLabel)]
    assert hips in shown
    assert "Left out: Camel (knee, ankle or neck problems)." in shown


def test_going_back_from_the_screen_records_nothing_and_starts_nothing(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    person = make_person()
    person.start()
    person.key(Qt.Key.Key_N)
    person.key(Qt.Key.Key_Escape)
    assert person.on(person.home)
    assert [screen for screen, *_ in events(tmp_path / "data")] == ["full screen"]  # yesterday's
    assert person.services.workouts.workouts() == []


def test_after_a_week_the_full_screen_comes_again(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    screened_yesterday(tmp_path / "data", days_ago=8)
    person = make_person(screened=False)
    assert person.on(person.home)  # not a first run
    person.start()
    assert person.questions.heading.text() == "A few questions first"


def test_a_routine_of_ones_own_meets_the_screen_too(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    own = tmp_path / "data" / "routines"
    own.mkdir(parents=True)
    (own / "mine.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nsummary = "s"\n[[item]]\nexercise = "bird-dog"\n'
    )
    person = make_person()
    person.window.start_routine("mine")
    assert person.on(person.questions)
    assert person.services.workouts.workouts() == []


def test_upgrading_from_the_version_before_the_old_halts_hold_from_the_first_screen(
    qtbot: QtBot, make_person: MakePerson, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(Path(__file__).parents[1] / "store" / "fixtures" / "v3-history.db",
                data / "coach.db")  # fmt: skip
    person = make_person(screened=False)
    assert person.on(person.home)
    assert person.home.lock_label.text() == "Workouts are stopped. Please get help now."
    assert not any(b.isEnabled() for b in person.home.start_buttons.values())
