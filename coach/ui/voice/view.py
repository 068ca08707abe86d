"""The voice and colour settings: spoken cues on or off, which ones, how loud and how
fast; and the colours (as the system, light, dark or high contrast).

Keys: 1-5 turn the choices on or off, T says a sample, C steps through the colours (seen
at once), Enter saves, Esc goes back unchanged. The sliders take the arrow keys once Tab
has reached them.

Signals:
    saved(VoiceSettings): the settings chosen (the colours are `chosen_theme`).
    theme_shown(str): colours to show now, chosen or put back ("system", "light", ...).
    cancelled(): back without a change.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from coach.core.cues import CueChoice, VoiceSettings
from coach.ui import theme
from coach.ui.voice.speech import INSTALL_HINT, Voice
from coach.ui.widgets import Key, bind, key_button, make_button, make_label, make_row

CHOICES = {
    "on": Key("Speak the cues", ("1",)),
    "names": Key("Say each exercise's name and dose as it comes up", ("2",)),
    "counts": Key("Count down the last three seconds", ("3",)),
    "halfway": Key("Say \u201chalfway\u201d in holds of 20 seconds or more", ("4",)),
    "next_up": Key("Say what is next near the end of a rest", ("5",)),
}


class VoiceKeys:
    TRY = Key("Try it", ("T",))
    COLOURS = Key("Colours", ("C",))
    SAVE = Key("Save", ("Return", "Enter"), shown="Enter")
    BACK = Key("Back", ("Esc",))


RATE_WORDS = {-2: "much slower", -1: "slower", 0: "normal", 1: "faster", 2: "much faster"}


def plain_problem(problem: str) -> str:
    """Why the voice does not work, in a person's words, with what to install or check
    (the engine's own words, such as "speechd: Text to speech engine not initialized",
    say neither)."""
    import re

    from coach.doctor import packages_for

    missing = re.search(r"(lib[\w+-]+\.so[.\d]*): cannot open shared object file", problem)
    if missing:
        library = missing.group(1)
        packages = packages_for([library])
        how = "install the package that has it"
        if packages:
            how = (f"install it (Debian, Ubuntu: sudo apt install {packages[0]}; Fedora: sudo"
                   f" dnf install {packages[1]})")  # fmt: skip
        return (f"a library the voice needs, {library}, is missing: {how}, then start the"
                " program again.")  # fmt: skip
    if "stopped answering" in problem:
        return (
            "the speech service stopped answering; this often happens when the computer's"
            " sound does not work. Check the sound, then start the program again."
        )
    if "not initialized" in problem or "speech-dispatcher" in problem:
        return ("the speech service (speech-dispatcher) has no voice that works. Install one"
                " (Debian, Ubuntu: sudo apt install espeak-ng; Fedora: sudo dnf install"
                " espeak-ng), check that the computer's sound works, then start the program"
                " again.")  # fmt: skip
    return (f"{problem.rstrip('.')}. Check that the computer's sound works, then start the"
            " program again.")  # fmt: skip


class VoiceView(QWidget):
    saved = Signal(object)
    theme_shown = Signal(str)
    cancelled = Signal()

    def __init__(self, voice: Voice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._voice = voice
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        voice.changed.connect(self._describe_engine)
        heading = make_label("Voice and colours", 26, bold=True)
        self.engine_label = make_label("", 16)
        self.engine_label.setAccessibleName("Speech on this computer")
        self.boxes: dict[str, QCheckBox] = {}
        column = QVBoxLayout()
        column.setSpacing(10)
        for name, key in CHOICES.items():
            box = QCheckBox(key.label())
            theme.set_font(box, 16, bold=name == "on")
            box.setStyleSheet("QCheckBox::indicator { width: 22px; height: 22px; }")
            box.toggled.connect(self._refresh)
            column.addWidget(box)
            self.boxes[name] = box
            bind(self, key, partial(self._toggle, name))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(10)
        self.volume.setPageStep(20)
        self.volume.setAccessibleName("Volume")
        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(-2, 2)  # half steps of the engine's -1 to 1
        self.rate.setPageStep(1)
        self.rate.setAccessibleName("Speech speed")
        self.volume_label = make_label("", 15)
        self.rate_label = make_label("", 15)
        self.volume.valueChanged.connect(self._refresh)
        self.rate.valueChanged.connect(self._refresh)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.volume_label, 0, 0)
        grid.addWidget(self.volume, 0, 1)
        grid.addWidget(self.rate_label, 1, 0)
        grid.addWidget(self.rate, 1, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 220)
        keys = VoiceKeys
        self.colours_label = make_label(keys.COLOURS.label(), 15)
        self.colours_label.setWordWrap(False)
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[str, QPushButton] = {}
        for choice, words in theme.CHOICES.items():
            button = make_button(words, partial(self._show_theme, choice))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.theme_group.addButton(button)
            self.theme_buttons[choice] = button
        grid.addWidget(self.colours_label, 2, 0)
        grid.addWidget(make_row(*self.theme_buttons.values()), 2, 1)
        self._theme_before = "system"  # shown again if the person goes back
        self.try_button = key_button(keys.TRY, self._on_try_clicked)
        self.save_button = key_button(keys.SAVE, self._on_save_clicked, primary=True)
        self.back_button = key_button(keys.BACK, self.cancelled.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 48, 60, 40)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(self.engine_label)
        layout.addLayout(column)
        layout.addLayout(grid)
        layout.addWidget(make_row(self.try_button, self.save_button, self.back_button))
        layout.addStretch()
        bind(self, keys.TRY, self._on_try_clicked)
        bind(self, keys.COLOURS, self._next_theme)
        bind(self, keys.SAVE, self._on_save_clicked)
        bind(self, keys.BACK, self._on_back)

    def edit(self, settings: VoiceSettings, theme_choice: str = "system") -> None:
        self._describe_engine()
        self._theme_before = theme_choice
        self.theme_buttons.get(theme_choice, self.theme_buttons["system"]).setChecked(True)
        choice = settings.choice
        values = {"on": settings.on, "names": choice.names, "counts": choice.counts,
                  "halfway": choice.halfway, "next_up": choice.next_up}  # fmt: skip
        for key, box in self.boxes.items():
            box.setChecked(values[key])
        self.volume.setValue(round(settings.volume * 100))
        self.rate.setValue(round(settings.choice.rate * 2))
        self._refresh()
        self.boxes["on"].setFocus()

    def _describe_engine(self) -> None:
        voice = self._voice
        engine = voice.engine_name
        sounds = "a chime as each exercise starts and ticks for the last seconds"
        if engine is not None:
            text = (f"Cues are spoken by this computer's speech engine ({engine}). Without"
                    f" the voice, workouts use sounds: {sounds}.")  # fmt: skip
        elif voice.searching:
            text = "Looking for this computer's speech engine\u2026"
        elif voice.problem:
            text = (f"The speech engine does not work here: {plain_problem(voice.problem)}"
                    f" Workouts use sounds instead: {sounds}.")  # fmt: skip
        else:
            text = (f"This computer has no speech engine, so workouts use sounds instead:"
                    f" {sounds}. {INSTALL_HINT}, then start the program again.")  # fmt: skip
        self.engine_label.setText(text)
        self._refresh()

    @property
    def chosen_theme(self) -> str:
        return next((c for c, b in self.theme_buttons.items() if b.isChecked()), "system")

    def _show_theme(self, choice: str) -> None:
        self.theme_buttons[choice].setChecked(True)
        self.theme_shown.emit(choice)

    def _next_theme(self) -> None:
        choices = list(self.theme_buttons)
        self._show_theme(choices[(choices.index(self.chosen_theme) + 1) % len(choices)])

    @property
    def chosen(self) -> VoiceSettings:
        flags = {key: box.isChecked() for key, box in self.boxes.items()}
        choice = CueChoice(names=flags["names"], counts=flags["counts"],
                           halfway=flags["halfway"], next_up=flags["next_up"],
                           rate=self.rate.value() / 2)  # fmt: skip
        return VoiceSettings(on=flags["on"], volume=self.volume.value() / 100, choice=choice)

    def _refresh(self) -> None:
        usable = self._voice.engine_name is not None
        speaking = usable and self.boxes["on"].isChecked()
        for key, box in self.boxes.items():
            box.setEnabled(usable if key == "on" else speaking)
        for widget in (self.volume, self.rate, self.volume_label, self.rate_label,
                       self.try_button):  # fmt: skip
            widget.setEnabled(speaking)
        self.volume_label.setText(f"Volume: {self.volume.value()}%")
        self.rate_label.setText(f"Speed: {RATE_WORDS[self.rate.value()]}")

    def _toggle(self, key: str) -> None:
        box = self.boxes[key]
        if box.isEnabled():
            box.toggle()

    def _on_try_clicked(self) -> None:
        if self.try_button.isEnabled():
            self._voice.try_out(self.chosen)

    def _on_save_clicked(self) -> None:
        self.saved.emit(self.chosen)

    def _on_back(self) -> None:
        self._voice.stop()
        self._voice.apply(self._voice.settings)  # undo a Try at other settings
        self.theme_shown.emit(self._theme_before)  # and colours tried
        self.cancelled.emit()
