"""Long work (export, import, the charts' figures) on a worker thread, the window alive
meanwhile.

`in_background` runs `work(progress)` on Qt's thread pool and waits for it in a local
event loop, so the window keeps painting and its timers keep running. Once the work has
taken 300 ms a progress dialog shows, with Cancel. The work calls `progress(fraction)`
now and then: after Cancel, that call raises `Cancelled`, and the work undoes what it
began (a transaction rolls back, a half-written file is not kept).

The work must not touch widgets. It opens its own database connections (the store's
writes and reads each make their own), so it may run on another thread; data kept in
memory (when the disk refused it) belongs to the window's thread, so that work runs
there (`here=True`), with no dialog.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from coach.services.data import Progress

T = TypeVar("T")
SHOW_AFTER_MS = 300


class Cancelled(Exception):
    """The person pressed Cancel: the work stops where it is and undoes what it began."""


class _Finished(QObject):
    """Told from the worker, heard on the window's thread: the wait ends at once."""

    finished = Signal()


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept by the waiting side until it has read the outcome
        self._work = work
        self.cancel = threading.Event()
        self.done = threading.Event()
        self.told = _Finished()  # made on the window's thread, so it is heard there
        self.fraction = 0.0
        self.result: T | None = None
        self.error: BaseException | None = None

    def progress(self, fraction: float) -> None:
        self.fraction = min(1.0, max(0.0, fraction))
        if self.cancel.is_set():
            raise Cancelled

    def run(self) -> None:
        try:
            self.result = self._work(self.progress)
        except BaseException as error:  # handed back to the window's thread
            self.error = error
        finally:
            self.done.set()
            self.told.finished.emit()


def in_background(
    parent: QWidget, words: str, work: Callable[[Progress], T], *, here: bool = False
) -> T | None:
    """The work's result; None if it was cancelled. What it raised is raised here."""
    job = _Job(work)
    if here:
        job.run()
    else:
        _wait(parent, words, job)
    if isinstance(job.error, Cancelled):
        return None
    if job.error is not None:
        raise job.error
    return job.result


def _wait(parent: QWidget, words: str, job: _Job[T]) -> None:
    # The dialog is made only once the work has taken 300 ms: most work (a chart's
    # figures) is done well before, and making one costs a few milliseconds.
    shown: list[QProgressDialog] = []

    def show_dialog() -> None:
        dialog = QProgressDialog(words, "Cancel", 0, 1000, parent)
        dialog.setWindowTitle("Hip & Core Coach")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the window waits, and paints
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)

        def cancel() -> None:
            job.cancel.set()
            dialog.setLabelText("Stopping, and putting back what was begun…")

        dialog.canceled.connect(cancel)
        dialog.setValue(round(job.fraction * 1000))
        dialog.show()
        shown.append(dialog)

    loop = QEventLoop()
    later = QTimer()
    later.setSingleShot(True)
    later.timeout.connect(show_dialog)
    watch = QTimer()
    watch.setInterval(20)

    def look() -> None:
        if shown and not job.cancel.is_set():
            shown[0].setValue(round(job.fraction * 1000))

    watch.timeout.connect(look)
    job.told.finished.connect(loop.quit)  # no waiting for the next look
    # The worker and the window share Python's lock: handed over every millisecond, not
    # every five, the window's thread waits at most a few milliseconds for its turn.
    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        QThreadPool.globalInstance().start(job)
        later.start(SHOW_AFTER_MS)
        watch.start()
        if not job.done.is_set():
            loop.exec()
        later.stop()
        watch.stop()
        job.done.wait()
    finally:
        sys.setswitchinterval(switch)
    for dialog in shown:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
