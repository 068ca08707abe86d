"""Every form takes any input: a value in range, or a refusal that says why."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.ui.checkins.activities import MOST, SUGGESTIONS, ActivityView
from coach.ui.checkins.pain import PainView

PAIN_KEYS = [Qt.Key(Qt.Key.Key_0 + d) for d in range(10)] + [
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return,
    Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Space, Qt.Key.Key_A,
    Qt.Key.Key_Minus, Qt.Key.Key_Plus,
]  # fmt: skip
fixture_ok = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@fixture_ok
@given(keys=st.lists(st.sampled_from(PAIN_KEYS), max_size=25), skippable=st.booleans())
def test_the_pain_scale_only_ever_gives_0_to_10(
    qtbot: QtBot, keys: list[Qt.Key], skippable: bool
) -> None:
    view = PainView()
    qtbot.addWidget(view)
    answers: list[int] = []
    skips: list[bool] = []
    view.answered.connect(answers.append)
    view.skipped.connect(lambda: skips.append(True))
    view.ask("Pain", "How much pain right now?", skippable=skippable)
    for key in keys:
        qtbot.keyClick(view, key)
    assert all(0 <= a <= 10 for a in answers)
    assert view.value is None or 0 <= view.value <= 10
    assert skippable or not skips  # a question that must be answered cannot be skipped
    if answers:
        assert Qt.Key.Key_Return in keys or Qt.Key.Key_Enter in keys or Qt.Key.Key_Space in keys


@fixture_ok
@given(typed=st.lists(st.text(max_size=80) | st.sampled_from([*SUGGESTIONS, "  ", "socks"]),
                      max_size=6))  # fmt: skip
def test_an_activity_of_ones_own_is_added_or_refused_with_a_reason(
    qtbot: QtBot, typed: list[str]
) -> None:
    view = ActivityView()
    qtbot.addWidget(view)
    view.ask()
    for text in typed:
        before = view.picked
        view.own.setText(text)
        qtbot.keyClick(view.own, Qt.Key.Key_Return)
        after = view.picked
        if after == before:
            assert view.note.text()  # refused, and said why
        else:
            [added] = after[len(before) :]
            assert added and added == " ".join(added.split()) and added.isprintable()
            assert len(added) <= 60 and not view.note.text()
    names = [p.casefold() for p in view.picked]
    assert len(names) == len(set(names)) <= MOST
    checked = {b.text() for b in view.buttons if b.isChecked()}
    assert checked == set(view.picked) & set(SUGGESTIONS)
