"""`make bench`: start-up, memory and timer accuracy, each against a baseline from the same run.

1. Time to the first painted window: the program (with its data folder already made)
   against a bare PySide6 window, both in fresh processes, medians of several runs.
2. Resident memory at that moment, same two processes.
3. The progress screen and history with ten years of synthetic history, against none.
4. Writing each built-in routine's printed sheet.
   And importing a 43 MB export, against json.load of the same file alone.
5. Hold accuracy: a routine run by the real workout screen on real timers (sped up by
   --scale); each hold's measured length against its plan, and whether the error grows.
6. The soak run (tests/bench/soak.py): 1,000 workouts through the real store, in a
   fresh process: database size, time per saved set against bare sqlite3, memory.
7. The long random walk: 50,400 keys, 4,200 from each of the twelve screens of
   tests/ui/test_monkey.py, from a new first seed each run; time per key against the
   suite's 2,000-key walks. A failure prints its seed, its keys and how to replay it.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # for tests.driver, which answers the safety screen

# The table printed at the end: figure, the baseline, ours, the ratio, the aim.
TABLE: list[tuple[str, str, str, str, str]] = []

FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            rss = next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]
            print(time.time(), rss, flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
"""

BARE = (
    FIRST_PAINT
    + """
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 800)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""
)

# As the program starts: the frame and the home screen's layout paint first, then the data
# is opened behind them; "usable" is the first paint after that, with the routine cards.
COACH = (
    FIRST_PAINT
    + """
from pathlib import Path
from coach import app
from coach.core.clock import MonotonicClock

def rss():
    return next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]

marks = {}

class Paints(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            if "first" not in marks:
                marks["first"] = (time.time(), rss())
            elif "open" in marks and "usable" not in marks:
                marks["usable"] = (time.time(), rss())
                QTimer.singleShot(0, QApplication.instance().quit)
        return False

def go_on(window):
    app.open_data(window, MonotonicClock())
    marks["open"] = True
    window.update()  # the frame itself repaints with the cards

window = app.show_frame(Path(sys.argv[1]), go_on)
watcher = Paints()
window.installEventFilter(watcher)
QApplication.instance().exec()
print(*marks["first"], *marks["usable"], flush=True)
"""
)


def first_paint(script: str, *args: str) -> list[tuple[float, float]]:
    """Seconds from spawning the process to its first paint, and resident MB then (and
    the same for any later paint the script reports)."""
    # As on a person's machine, Python keeps compiled modules (this machine's shell may
    # forbid it with PYTHONDONTWRITEBYTECODE, which would time the compiler instead).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True, text=True, check=True, cwd=ROOT, env=env,
    ).stdout.split()  # fmt: skip
    return [
        (float(at) - started, int(kb) / 1024) for at, kb in zip(out[::2], out[1::2], strict=True)
    ]


def returning_person(data: Path) -> None:
    """The full safety screen answered yesterday, so start-up opens on the home screen."""
    from datetime import UTC, datetime, timedelta

    from coach.core.safety import ScreenKind, Verdict
    from coach.store.database import open_database
    from coach.store.safety import SafetyLog

    yesterday = datetime.now(UTC) - timedelta(days=1)
    SafetyLog(open_database(data / "coach.db"), now=lambda: yesterday).record(
        ScreenKind.FULL, Verdict(), {}
    )


AFTER_SHOW = """
import sys, time
from itertools import pairwise
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from coach import app
from coach.core.clock import MonotonicClock
ticks = []
beat = QTimer()
beat.setTimerType(Qt.TimerType.PreciseTimer)
beat.timeout.connect(lambda: ticks.append(time.perf_counter()))

def go_on(window):  # as the program: the data, then the rest a turn at a time
    app.open_data(window, MonotonicClock())
    ticks.append(time.perf_counter())  # from the moment the home screen answers keys
    beat.start(5)
    app.when_open(window, None)
    QTimer.singleShot(1500, app.ensure_app().quit)

app.show_frame(Path(sys.argv[1]), go_on)
app.ensure_app().exec()
print(max(b - a for a, b in pairwise(ticks)) * 1000 - 5)
"""


def bench_startup(runs: int) -> None:
    data = tempfile.mkdtemp(prefix="coach-bench-")
    first_paint(COACH, data)  # make the data folder and database once, as after a first run
    returning_person(Path(data))
    first_paint(BARE)  # warm the file cache for both
    bare, frame, usable = [], [], []
    for _ in range(runs):
        bare.extend(first_paint(BARE))
        painted, filled = first_paint(COACH, data)
        frame.append(painted)
        usable.append(filled)
    bare_s, bare_mb = (statistics.median(column) for column in zip(*bare, strict=True))
    print(f"start-up, a returning person's home screen (median of {runs}):")
    print(f"  bare PySide6 window, first paint           {bare_s * 1000:5.0f} ms")
    for words, marks, aim in (
        ("first paint: the frame and home layout", frame, "1.5x"),
        ("home screen usable: the cards painted", usable, "2x"),
    ):
        at, _ = (statistics.median(column) for column in zip(*marks, strict=True))
        print(
            f"  Hip & Core Coach, {words:24s} {at * 1000:5.0f} ms  {at / bare_s:5.2f}x"
            f"   (aim: {aim})"
        )
        TABLE.append(
            (words, f"{bare_s * 1000:.0f} ms", f"{at * 1000:.0f} ms", f"{at / bare_s:.2f}x", aim)
        )
    coach_mb = statistics.median(m for _, m in usable)
    print("resident memory once the home screen is usable:")
    print(f"  bare PySide6 window   {bare_mb:7.1f} MB")
    print(f"  Hip & Core Coach      {coach_mb:7.1f} MB")
    print(f"  ratio                 {coach_mb / bare_mb:7.2f}x   (+{coach_mb - bare_mb:.1f} MB)")
    TABLE.append(("resident memory, home usable", f"{bare_mb:.0f} MB", f"{coach_mb:.0f} MB",
                  f"{coach_mb / bare_mb:.2f}x", "1.5x"))  # fmt: skip
    after_show = [sys.executable, "-c", AFTER_SHOW, data]
    gaps = [float(subprocess.run(after_show, capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(3)]  # fmt: skip
    gap = statistics.median(gaps)
    print(
        f"  longest gap in the 1.5 s after the home screen is usable: {gap:.0f} ms"
        " (median of 3; aim 50 ms)"
    )
    TABLE.append(("longest gap, 1.5 s from home usable", "", f"{gap:.0f} ms", "", "50 ms"))


def bench_holds(routine: str, scale: float) -> None:
    from PySide6.QtWidgets import QApplication

    from coach.app import build_main_window, warm_up_beside
    from coach.core.clock import MonotonicClock, ScaledClock
    from coach.core.phases import Phase, PhaseKind
    from tests.driver import answer_checks_all_fine, start_with_all_no

    window = build_main_window(
        Path(tempfile.mkdtemp(prefix="coach-bench-")), clock=ScaledClock(MonotonicClock(), scale)
    )
    window.show()
    loading = warm_up_beside(window)  # as the program, before a person starts a workout
    while loading.isActive():
        QApplication.processEvents()
        time.sleep(0.005)
    seen: list[tuple[float, Phase]] = []
    window.screens.workout.view.phase_changed.connect(
        lambda p: seen.append((time.perf_counter(), p))
    )
    finished: list[float] = []
    window.screens.workout.view.workout_over.connect(lambda _: finished.append(time.perf_counter()))
    window.screens.workout.view.workout_over.connect(QApplication.quit)
    start_with_all_no(window, routine)
    _checks = answer_checks_all_fine(window)
    # The event loop's longest gap: a precise 5 ms timer that should fire on time.
    from PySide6.QtCore import Qt, QTimer

    ticks: list[float] = []
    beat = QTimer(window)
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start(5)
    workout = window.screens.workout.view.workout
    assert workout is not None
    planned_total = workout.total_seconds / scale
    QApplication.instance().exec()  # type: ignore[union-attr]

    ends = [t for t, _ in seen[1:]] + finished
    errors = [
        ((end - start) - phase.seconds / scale) * 1000
        for (start, phase), end in zip(seen, ends, strict=True)
        if phase.kind in (PhaseKind.HOLD, PhaseKind.TOP_HOLD)
    ]
    half = len(errors) // 2
    # Drift: when the last phase began, against when the plan says it should have.
    planned_last = sum(phase.seconds for _, phase in seen[:-1]) / scale
    drift = (seen[-1][0] - seen[0][0] - planned_last) * 1000
    print(f"hold accuracy, '{routine}' on real timers at {scale:g}x ({planned_total:.0f} s):")
    print(f"  holds measured        {len(errors):7d}")
    print(f"  mean |error|          {statistics.fmean(abs(e) for e in errors):7.2f} ms")
    print(f"  worst error           {max(errors, key=abs):7.2f} ms   (aim: under 20 ms)")
    first = statistics.fmean(abs(e) for e in errors[:half])
    second = statistics.fmean(abs(e) for e in errors[half:])
    print(f"  first half / second   {first:7.2f} / {second:.2f} ms   (no growth: about equal)")
    print(f"  drift by the last phase {drift:5.2f} ms   (after {planned_last:.0f} s)")
    gaps = [(b - a) * 1000 - 5 for a, b in pairwise(ticks)]
    longest = max(gaps, default=0.0)
    voice = "the voice on" if window.screens.workout.view.voice.available else "no voice here"
    print(
        f"  event loop's longest gap {longest:6.1f} ms   (aim: under 16 ms; sounds, saving,"
        f" {voice})"
    )
    TABLE.append(("workout, longest event-loop gap", "", f"{longest:.1f} ms", "", "16 ms"))
    TABLE.append(("worst hold error", "", f"{max(errors, key=abs):.1f} ms", "", "20 ms"))


PROGRESS = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from coach.app import build_main_window
window = build_main_window(Path(sys.argv[1]))
window.show()
QApplication.processEvents()
window.services.workouts.warm_up()  # as the program does once its window is up

class Paints(QObject):  # counts the paints of the widgets it watches
    count = 0

    def eventFilter(self, watched, event):
        self.count += event.type() == QEvent.Type.Paint
        return False

paints = Paints()
window.installEventFilter(paints)  # a new screen paints the whole window

def painted():
    # The events that follow a person's click, until what changed has painted once (a
    # repaint() first, as this bench did, painted twice and counted both). A change that
    # shows nothing new (no data) paints nothing: three turns, then on.
    seen = paints.count
    for _ in range(3):
        QApplication.processEvents()
        if paints.count > seen:
            return

times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    view = window.show_progress()
    painted()
    times.append(time.perf_counter() - started)
    window.go_home()
    painted()  # settled before the next, untimed
# The biggest view: ten years at once, on every chart; the window's event loop is watched
# all the while (the figures are read on a worker).
from PySide6.QtCore import Qt, QTimer
ticks = []
beat = QTimer()
beat.setTimerType(Qt.TimerType.PreciseTimer)
beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
beat.start(5)
painted()
worst = 0.0
for key in ("pain", "workouts", "exercises", "calendar"):
    from coach.core.figures import Range
    from coach.services.progress import Chart
    view.show_chart(Chart(key))
    shown = view.calendar if key == "calendar" else view.chart_view.viewport()
    shown.installEventFilter(paints)
    started = time.perf_counter()
    view.show_range(Range.ALL)
    painted()
    worst = max(worst, time.perf_counter() - started)
    view.show_range(Range.MONTHS)
    painted()
beat.stop()
gap = max(b - a for a, b in zip(ticks, ticks[1:])) - 0.005
window.go_home()
painted()
started = time.perf_counter()
window.show_history()
painted()
history = time.perf_counter() - started
print(times[0], statistics_median(times[1:]) if len(times) > 1 else times[0], worst, history,
      gap)
""".replace("statistics_median", "__import__('statistics').median")


def run_progress(data: str) -> list[float]:
    """First open, median of four more, slowest switch to everything, the history's first
    rows, the longest gap in the event loop while the charts switched: seconds."""
    out = subprocess.run(
        [sys.executable, "-c", PROGRESS, data, "5"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout.split()  # fmt: skip
    return [float(x) for x in out]


def bench_progress(runs: int) -> None:
    from datetime import date

    from tests.bench.synthetic import make_history

    empty = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    returning_person(empty)
    full = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    make_history(full, years=10, daily=True, end=date.today())
    figures = {}
    for name, data in (("no data", empty), ("ten years", full)):
        results = [run_progress(str(data)) for _ in range(runs)]
        figures[name] = [statistics.median(r[i] for r in results) * 1000 for i in range(5)]
    print(f"opening the progress screen as a person finds it (median of {runs} processes):")
    print("  (3,650 workouts, 98,550 sets: a 27-set workout every day for ten years)")
    for name, (first, again, *_) in figures.items():
        print(f"  {name:10s} first open {first:6.1f} ms   again {again:6.1f} ms")
    first, again, worst, history, gap = figures["ten years"]
    base_first, base_again, _, base_history, _ = figures["no data"]
    ratios = f"{first / base_first:5.2f}x first, {again / base_again:.2f}x again"
    print(f"  ratio to no data      {ratios}   (aim: first open under 60 ms)")
    print(f"  switching to 'everything', slowest chart, ten years: {worst:.1f} ms")
    print(f"  the window's longest gap meanwhile (figures on a worker): {gap:.1f} ms  (aim 50 ms)")
    print("opening the history list (its first rows, newest first):")
    print(f"  no data {base_history:6.1f} ms   ten years {history:6.1f} ms")
    TABLE.append(("progress screen, ten years, first open", f"{base_first:.0f} ms (no data)",
                  f"{first:.0f} ms", f"{first / base_first:.2f}x", "60 ms"))  # fmt: skip
    TABLE.append(("progress, switching to 'everything'", "", f"{worst:.0f} ms", "", "60 ms"))
    TABLE.append(("progress, longest gap while switching", "", f"{gap:.0f} ms", "", "50 ms"))
    TABLE.append(("history list, ten years, first rows", f"{base_history:.0f} ms (no data)",
                  f"{history:.0f} ms", f"{history / base_history:.2f}x", "30 ms"))  # fmt: skip


def bench_sheet(runs: int) -> None:
    """Writing each built-in routine's sheet as a PDF, in this process (start-up excluded)."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from coach.core.catalogue import load_catalogue
    from coach.core.poses import read_figures
    from coach.core.routines import SAFETY_FILE
    from coach.core.safety import load_safety
    from coach.core.sheet import build_sheet
    from coach.resources import locate
    from coach.ui.sheet import write_pdf

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    resources = locate()
    catalogue = load_catalogue(resources.routines, None, picture_dirs=[resources.pictures])
    rules = load_safety(resources.routines / SAFETY_FILE)
    out = Path(tempfile.mkdtemp(prefix="coach-bench-")) / "sheet.pdf"
    results = []
    for loaded in catalogue.routines:
        sheet = build_sheet(
            loaded, catalogue.exercises, rules, pictures=resources.pictures,
            printed=date.today(), figures=read_figures(resources.figures),
        )  # fmt: skip
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            write_pdf(sheet, out, "a4")
            times.append((time.perf_counter() - started) * 1000)
        results.append(
            (len(sheet.exercises), loaded.routine.id, times[0], statistics.median(times))
        )
    print(f"writing a routine's sheet as an A4 PDF (first, then median of {runs}):")
    for count, routine, first, median in sorted(results, reverse=True):
        print(f"  {routine:22s} {count} exercises  {first:6.1f} ms first  {median:6.1f} ms")
    print("  (aim: the longest under 300 ms)")


def bench_figures(frames: int) -> None:
    """Drawing a moving figure, one frame, against drawing its still SVG in the same room
    (the workout screen's picture at 1920 x 1080): the figure is drawn 30 times a second
    while it moves."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    from coach.core.poses import read_figures
    from coach.resources import locate
    from coach.ui import theme
    from coach.ui.figure import paint_figure

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    resources = locate()
    figures = read_figures(resources.figures)
    image = QImage(900, 640, QImage.Format.Format_ARGB32_Premultiplied)
    area = QRectF(image.rect())
    colours = theme.figure_colours()

    def frame(draw: object) -> float:
        started = time.perf_counter()
        for step in range(frames):
            image.fill(QColor(theme.PAPER))
            painter = QPainter(image)
            draw(painter, step / frames)  # type: ignore[operator]
            painter.end()
        return (time.perf_counter() - started) * 1000 / frames

    renderers = [QSvgRenderer(str(resources.pictures / f"{name}.svg")) for name in figures]
    still = statistics.median(
        frame(lambda p, _m, r=renderer: r.render(p, area)) for renderer in renderers
    )
    moving = [
        (name, frame(lambda p, m, f=figure: paint_figure(p, f, f.pose_at(m), area, colours,
                                                          arrows=1)))
        for name, figure in figures.items()
    ]  # fmt: skip
    slowest_name, slowest = max(moving, key=lambda item: item[1])
    print(f"drawing an exercise's picture at 1920 x 1080 (ms a frame, mean of {frames}):")
    print(f"  its still SVG (median)    {still:6.2f} ms")
    print(f"  its moving figure, median {statistics.median(t for _, t in moving):6.2f} ms"
          f"   slowest {slowest:.2f} ms ({slowest_name})")  # fmt: skip
    print(
        f"  ratio                     {slowest / still:6.2f}x   (aim: under 5 ms a frame,"
        " a sixth of the 33 ms between frames)"
    )


MEASURED = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
took = time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, done.returncode)
"""


def measured(*command: str) -> tuple[float, float]:
    """Seconds and peak resident MB of `command` in a process of its own."""
    out = subprocess.run([sys.executable, "-c", MEASURED, *command],
                         capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    assert out[2] == "0", f"{command} failed"
    return float(out[0]), float(out[1])


def bench_import(runs: int) -> None:
    import json
    from datetime import date

    from tests.bench.synthetic import make_history, many_rows

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source"
        make_history(source, years=1, daily=False, end=date.today())
        export = Path(folder) / "one-year.json"
        coach = [sys.executable, "-m", "coach"]
        subprocess.run([*coach, "--data-dir", str(source), "export", "-o", str(export)],
                       check=True, capture_output=True)  # fmt: skip
        big = Path(folder) / "big.json"
        big.write_text(json.dumps(many_rows(json.loads(export.read_text()))))
        size = big.stat().st_size / 1e6
        parse, imports = [], []
        for run in range(runs):
            parse.append(
                measured(sys.executable, "-c", f"import json; json.load(open({str(big)!r}))")
            )
            target = str(Path(folder) / f"data-{run}")
            imports.append(measured(*coach, "--data-dir", target, "import", str(big)))
    parse_s, parse_mb = (statistics.median(x) for x in zip(*parse, strict=True))
    import_s, import_mb = (statistics.median(x) for x in zip(*imports, strict=True))
    print(f"importing a {size:.0f} MB export (17,499 workouts, 209,988 sets; median of {runs}):")
    print(f"  json.load alone       {parse_s:7.2f} s  {parse_mb:6.0f} MB")
    print(f"  coach import          {import_s:7.2f} s  {import_mb:6.0f} MB")
    print(f"  ratio                 {import_s / parse_s:7.2f}x {import_mb / parse_mb:6.2f}x"
          "   (aim: under 10 s and 500 MB)")  # fmt: skip


WORKING = """
import sys, time
from itertools import pairwise
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from coach.app import build_main_window
from coach.core.clock import utc_now
from coach.resources import locate
from coach.services import Services
from coach.ui.background import in_background
window = build_main_window(Path(sys.argv[1]))
window.show()
window.services.workouts.warm_up()  # as the program does once its window is up
ticks = []
beat = QTimer()
beat.setTimerType(Qt.TimerType.PreciseTimer)
beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
beat.start(5)

def longest(words, work):
    ticks.clear()
    started = time.perf_counter()
    in_background(window, words, work)
    took = time.perf_counter() - started
    gap = max((b - a for a, b in pairwise(ticks)), default=took) * 1000 - 5
    return took, gap

out = Path(sys.argv[2])
data = window.services.data
export = longest("export", lambda progress: data.export(out, "json", progress))
other = Services.open(Path(sys.argv[3]), locate(), utc_now).data
read = longest("read", lambda _: other.read(out))
tables = other.read(out)
merge = longest("merge", lambda progress: other.merge(tables, progress))
for took, gap in (export, read, merge):
    print(took, gap)
"""


def bench_working() -> None:
    """The window's event loop while an export and an import of ten years run."""
    from datetime import date

    from tests.bench.synthetic import make_history

    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "ten-years"
        make_history(full, years=10, daily=True, end=date.today())
        out = subprocess.run(
            [sys.executable, "-c", WORKING, str(full), str(Path(folder) / "all.json"),
             str(Path(folder) / "other")],
            capture_output=True, text=True, check=True, cwd=ROOT,
        ).stdout.split()  # fmt: skip
    figures = [float(x) for x in out]
    print("the window while long work runs on its worker (ten years: 3,650 workouts):")
    worst = 0.0
    pairs = zip(figures[::2], figures[1::2], strict=True)
    for name, (took, gap) in zip(("export", "checking the file", "adding it"), pairs, strict=True):
        print(f"  {name:18s} {took:6.2f} s   event loop's longest gap {gap:6.1f} ms")
        worst = max(worst, gap)
    print("  (aim: no gap over 50 ms)")
    TABLE.append(("window during export / import, longest gap", "", f"{worst:.0f} ms", "",
                  "50 ms"))  # fmt: skip


def bench_walk(keys_each: int) -> None:
    """The suite's random walks, longer, from a first seed of this run's own; the time of
    each walk's last fifth of keys against its first fifth."""
    base = random.randrange(1, 10**9)
    with tempfile.TemporaryDirectory() as folder:
        times = Path(folder) / "times.tsv"
        environment = dict(os.environ, COACH_MONKEY_KEYS=str(keys_each),
                           COACH_MONKEY_BASE=str(base), COACH_MONKEY_TIMES=str(times))  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "tests/ui/test_monkey.py"],
            cwd=ROOT, env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        took = time.perf_counter() - started
        rows = (
            [line.split("\t") for line in times.read_text().splitlines()] if times.exists() else []
        )
    if done.returncode != 0:
        print(done.stdout[-6000:], done.stderr[-3000:])
        print(f"random walk of {keys_each * 12:,} keys from first seed {base}: FAILED (above)")
        return
    first = sum(float(row[1]) for row in rows)
    last = sum(float(row[2]) for row in rows)
    print(f"random walk, {keys_each * 12:,} keys over every screen (first seed {base}): passed")
    print(
        f"  {took:.0f} s; each walk's last fifth of keys took {last:.1f} s against"
        f" {first:.1f} s for its first ({last / first:.2f}x)"
    )


def bench_soak() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench" / "soak.py")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    print(out, end="")
    found = re.search(r"time per saved set\s+([\d.]+) ms.*?([\d.]+) ms: ([\d.]+)x", out)
    if found:
        ours, bare, ratio = found.groups()
        TABLE.append(("time per saved set", f"{bare} ms (sqlite3)", f"{ours} ms", f"{ratio}x",
                      "10x"))  # fmt: skip


def bench_imports() -> None:
    """The ten imports that cost most on their own at start-up (warm, as a second start)."""
    command = [sys.executable, "-X", "importtime", "-c", "import coach.app"]
    for _ in range(2):  # the first may compile
        err = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stderr
    rows = []
    for line in err.splitlines()[1:]:
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3:
            rows.append((int(parts[0]), int(parts[1]), parts[2].strip()))
    total = max(cumulative for _, cumulative, _ in rows)
    print(f"imports at start-up: {total / 1000:.0f} ms in all; the ten slowest on their own:")
    for own, cumulative, name in sorted(rows, reverse=True)[:10]:
        print(f"  {name:48s} {own / 1000:6.1f} ms  ({cumulative / 1000:.1f} ms with its own)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--routine", default="morning-bridge-core")
    parser.add_argument("--scale", type=float, default=8.0, help="timer speed-up for the holds")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    bench_startup(args.runs)
    bench_progress(max(3, args.runs // 2))
    bench_sheet(10)
    bench_figures(60)
    bench_import(3)
    bench_holds(args.routine, args.scale)
    bench_soak()
    bench_working()
    bench_imports()
    bench_walk(4200)
    print("\nsummary (each against its baseline from this run):")
    print(f"  {'figure':42s} {'baseline':>18s} {'ours':>10s} {'ratio':>7s} {'aim':>7s}")
    for figure, base, ours, ratio, aim in TABLE:
        print(f"  {figure:42s} {base:>18s} {ours:>10s} {ratio:>7s} {aim:>7s}")


if __name__ == "__main__":
    main()
