"""The printed routine sheet: read back from the PDF with QtPdf."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from pytestqt.qtbot import QtBot

from coach.__main__ import main
from coach.core.catalogue import load_catalogue
from coach.core.clock import utc_now
from coach.core.plan import PlanHistory
from coach.core.poses import read_figures
from coach.core.routines import SAFETY_FILE, OwnDose
from coach.core.safety import Profile, load_safety
from coach.core.sheet import build_sheet
from coach.resources import locate
from coach.store.database import open_database
from coach.store.settings import OWN_DOSES, PLAN_DAYS, PROFILE, Settings
from coach.ui.sheet import default_paper, write_pdf
from tests.ui.conftest import MakePerson

SIZES = {"a4": (595, 842), "letter": (612, 792)}  # points


def read(path: Path) -> tuple[list[tuple[int, int]], str]:
    """Each page's size in points, and all the text, with runs of space made one."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    sizes = []
    text = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        sizes.append((round(size.width()), round(size.height())))
        text.append(document.getAllText(page).text())
    document.close()
    return sizes, re.sub(r"\s+", " ", " ".join(text).replace("\u00a0", " "))


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_built_in_sheet_has_everything_on_one_or_two_pages(
    qtbot: QtBot, tmp_path: Path, paper: str
) -> None:
    resources = locate()
    catalogue = load_catalogue(resources.routines, None, picture_dirs=[resources.pictures])
    rules = load_safety(resources.routines / SAFETY_FILE)
    for loaded in catalogue.routines:
        sheet = build_sheet(
            loaded, catalogue.exercises, rules, pictures=resources.pictures,
            printed=date(2026, 3, 2), figures=read_figures(resources.figures),
        )  # fmt: skip
        path = tmp_path / f"{loaded.routine.id}-{paper}.pdf"
        pages = write_pdf(sheet, path, paper)
        sizes, text = read(path)
        assert len(sizes) == pages and pages in (1, 2)
        # Each exercise drawn as on screen: its start pose and its end pose.
        assert all(exercise.figure is not None for exercise in sheet.exercises)
        assert text.count("Start End") == len(sheet.exercises)
        assert set(sizes) == {SIZES[paper]}
        assert sheet.title in text and words(sheet.plan) in text
        for exercise in sheet.exercises:
            assert exercise.name in text
            assert words(exercise.dose) in text
            assert words(exercise.steps[-1]) in text
        assert "Stop and get help if" in text
        for group in sheet.stop:
            assert words(group.heading) in text
            for sign in group.signs:
                assert words(sign) in text, sign
        assert words(sheet.during) in text
        assert f"Printed 2 March 2026 · Page {pages} of {pages}" in text


def test_the_sheet_is_the_persons_own_version(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    Settings(open_database(data / "coach.db"), now=utc_now).write(
        (PROFILE, Profile(facts={"hip-surgery": True})),
        (OWN_DOSES, {"hip-openers": {"pelvic-tilt": OwnDose(2, 12)}}),
        (PLAN_DAYS, PlanHistory().changed({1, 3}, date.today())),
    )
    out = tmp_path / "sheet.pdf"
    assert main(["--data-dir", str(data), "print", "hip-openers", "-o", str(out)]) == 0
    _sizes, text = read(out)
    # Happy baby and the camel (a back bend) are left out after hip surgery: named only in
    # each page's footer.
    footer = (
        "Your own version: Happy baby left out (after hip surgery); Camel left"
        " out (after hip surgery); your own dose of Pelvic tilt."
    )
    assert text.count(footer) == 2
    assert text.count("Happy baby") == 2
    assert "2 sets × 12 reps · hold 2 s · rest 30 s (your own dose)" in text
    assert "Twice a week (Tue, Thu)" in text
    assert text.count("Pain before ____ after ____") == 6  # two days a week, three weeks


def test_print_from_the_command_line_reports_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letter.pdf"
    args = ["--data-dir", str(tmp_path / "d"), "print"]
    assert main([*args, "morning-bridge-core", "-o", str(out), "--paper", "letter"]) == 0
    assert capsys.readouterr().out == f"Wrote {out}: Morning bridge & core, 2 pages, letter.\n"
    assert set(read(out)[0]) == {SIZES["letter"]}
    assert main([*args, "no-such-routine", "-o", str(out)]) == 2
    assert capsys.readouterr().out.startswith(
        "coach: there is no routine 'no-such-routine'. Routines: morning-bridge-core,"
    )
    assert main([*args, "hip-openers", "-o", str(tmp_path / "missing" / "x.pdf")]) == 1
    assert "could not be written: No such file or directory" in capsys.readouterr().out
    assert main([*args, "hip-openers"]) == 2  # no file named: said how, with an example
    assert capsys.readouterr().err == (
        "coach print: say which PDF file to write, for example\n"
        "  coach print hip-openers -o hip-openers.pdf\n"
    )
    assert main(["--data-dir", str(tmp_path / "d"), "export"]) == 2
    assert "coach export -o my-data.json" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "the file to write: NAME.json, or NAME.zip for CSV" in capsys.readouterr().out


@pytest.fixture
def american() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_the_paper_follows_the_locale(american: None) -> None:
    assert default_paper() == "letter"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert default_paper() == "a4"


def test_ctrl_p_previews_the_focused_routines_sheet(
    qtbot: QtBot,
    make_person: MakePerson,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = make_person()
    shown: list[QPrintPreviewDialog] = []

    def seen(dialog: QPrintPreviewDialog) -> int:  # shown, not waited on
        shown.append(dialog)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", seen)
    person.home.start_buttons["hip-openers"].setFocus()
    qtbot.keyClick(person.home.start_buttons["hip-openers"], Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.windowTitle() == "Print the sheet: Hip openers"
    printer = dialog.printer()
    assert isinstance(printer, QPrinter)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.paintRequested.emit(printer)  # what Print does, to a PDF printer
    _sizes, text = read(tmp_path / "printed.pdf")
    assert text.startswith("Hip openers")
    qtbot.mouseClick(person.home.print_buttons["morning-bridge-core"], Qt.MouseButton.LeftButton)
    assert shown[1].windowTitle() == "Print the sheet: Morning bridge & core"


def test_the_sheet_is_black_white_and_grey_only(qtbot: QtBot, tmp_path: Path) -> None:
    """It promises to look the same on a black-and-white printer: no colour anywhere, the
    exercise figures included."""
    resources = locate()
    catalogue = load_catalogue(resources.routines, None, picture_dirs=[resources.pictures])
    rules = load_safety(resources.routines / SAFETY_FILE)
    loaded = catalogue.routine("morning-bridge-core")
    assert loaded is not None
    sheet = build_sheet(
        loaded, catalogue.exercises, rules, pictures=resources.pictures,
        printed=date(2026, 3, 2), figures=read_figures(resources.figures),
    )  # fmt: skip
    path = tmp_path / "sheet.pdf"
    write_pdf(sheet, path, "a4")
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    for page in range(document.pageCount()):
        image = document.render(page, QSize(420, 594))
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                colour = image.pixelColor(x, y)
                spread = max(colour.red(), colour.green(), colour.blue()) - min(
                    colour.red(), colour.green(), colour.blue())  # fmt: skip
                assert spread <= 12, (page, x, y, colour.name())
    document.close()


def test_the_sheet_says_the_same_length_as_the_home_screen_and_how_it_grows(
    make_person: MakePerson,
) -> None:
    person = make_person()
    card = next(c for c in person.services.home().cards if c.id == "morning-bridge-core")
    sheet = person.services.plan.sheet("morning-bridge-core")
    assert sheet is not None
    # Week 1 as on the home screen; the bridge's sets build up, so week 3 is longer.
    assert f"About {card.minutes} minutes each time in week 1, " in sheet.plan
    assert re.search(r"in week 1, (\d+) by week 3\.", sheet.plan)
