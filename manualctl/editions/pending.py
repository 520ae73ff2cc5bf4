"""The window of commits since the last edition, and the changes not committed: ``git
log`` and ``git status`` started together (:class:`Pending` reads them on another
thread while the caller reads the chapters; :func:`read_window_now` reads them here).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from manualctl.editions.window import Window
from manualctl.editions.window import read as read_window
from manualctl.editions.window import start as window_log
from manualctl.errors import ManualctlError
from manualctl.git import ChangedPaths, RepoInfo


class Pending:
    """The window since ``since``, read by git on another core (a thread reads it).

    Both git processes start here, on the caller's thread: a thread started to start
    them waits for the interpreter's lock while the caller reads the chapters, and git
    started milliseconds late. What goes wrong, starting them or reading them, is
    raised by :meth:`result`, when the window is asked for.
    """

    def __init__(self, repo: RepoInfo, since: str) -> None:
        self._value: tuple[Window, set[str]] | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        try:
            started = _start_window(repo, since)
        except ManualctlError as exc:  # git missing: said where the window is asked for
            self._error = exc
            return
        self._thread = threading.Thread(target=self._run, args=started, daemon=True)
        self._thread.start()

    def _run(self, status: ChangedPaths, log: Iterator[bytes]) -> None:
        try:
            self._value = _window_of(status, log)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def result(self) -> tuple[Window, set[str]]:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def read_window_now(repo: RepoInfo, since: str) -> tuple[Window, set[str]]:
    """The window since ``since``, and the changes not committed: git status and git log
    run at the same time."""
    return _window_of(*_start_window(repo, since))


def _start_window(repo: RepoInfo, since: str) -> tuple[ChangedPaths, Iterator[bytes]]:
    """``git status`` and the window's ``git log``, started."""
    status = ChangedPaths(repo.top, repo.pathspec)
    try:
        return status, window_log(repo, since, "HEAD")
    except BaseException:
        status.close()
        raise


def _window_of(status: ChangedPaths, log: Iterator[bytes]) -> tuple[Window, set[str]]:
    try:
        window = read_window(log)
    except BaseException:
        status.close()
        raise
    return window, status.result()
