"""The one way manualctl runs another program (git, pandoc): :func:`run` and :func:`start`.

This is the only module that imports :mod:`subprocess`, when it first starts a program
that needs it (the import costs 17 M instructions, which validate of a manual built on
a template that starts no program does not pay, nor a command whose programs need no
input and no folder of their own, such as ``stamp --check``'s ``git log`` and ``git
status``: :func:`start` has :func:`manualctl.early.spawn` start those). Whatever goes
wrong becomes a :class:`~manualctl.errors.ProcessError` (or the subclass the caller
names, such as ``GitError``) carrying the command, its exit code and what it wrote to
stderr, with a hint saying what to do next: a missing or unrunnable program, a failing
command, a run over the time limit. Nothing here is ever "a bug" (exit code 3).

Over 300 lines because running, starting, the time limit and the threads it covers
are one mechanism.

A time limit covers a whole piece of work, not one program: inside
``with time_limit(seconds):`` every program run gets the time that is left, and
:func:`within_limit` gives in-process work (the Typst compile) the same limit.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from manualctl import early
from manualctl.errors import ProcessError

if TYPE_CHECKING:
    import subprocess
    import threading

T = TypeVar("T")
E = TypeVar("E", bound=ProcessError)

#: When the current time limit runs out (``time.monotonic()``), and its length in seconds.
_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "manualctl_deadline", default=None
)


class Completed:
    """A program that ran to its end. (A plain class: making a NamedTuple compiles its
    ``__new__``, which every command's start-up pays for.)"""

    __slots__ = ("command", "returncode", "stderr", "stdout")

    def __init__(
        self, command: tuple[str, ...], returncode: int, stdout: bytes, stderr: bytes
    ) -> None:
        self.command = command
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    @property
    def error_text(self) -> str:
        return self.stderr.decode("utf-8", "replace").strip()


def shown(command: Sequence[str]) -> str:
    """A command as a person would type it (for messages)."""
    import shlex  # only for a message: a quick command that works never needs it

    return shlex.join(command)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Every program run (and :func:`within_limit` call) inside must end in ``seconds``."""
    if seconds is None:
        yield
        return
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def _remaining(what: str) -> float | None:
    limit = _deadline.get()
    if limit is None:
        return None
    left = limit[0] - time.monotonic()
    if left <= 0:
        raise _timed_out(what, limit[1], ())
    return left


def _timed_out(what: str, seconds: float, command: Sequence[str]) -> ProcessError:
    return ProcessError(
        f"{what} did not finish within the time limit ({seconds:g} s) and was stopped.",
        command=command,
        hint="Run it again with a longer --time-limit (or none), or publish fewer "
        "formats at a time.",
    )


def missing(command: Sequence[str], error: type[ProcessError], hint: str) -> ProcessError:
    """The error for a program that cannot be started."""
    return error(
        f"{command[0]} is not installed (or not on PATH), so '{shown(command)}' could not run.",
        command=command,
        hint=hint,
    )


def run(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    error: type[ProcessError] = ProcessError,
    missing_hint: str = "Install it, then run the command again.",
) -> Completed:
    """Run ``command`` to its end and return what it wrote; never raises for its exit code.

    Raises ``error`` when the program cannot start or the time limit runs out; the caller
    decides what a non-zero exit code means (:func:`failed` builds the usual error).
    """
    import subprocess

    command = tuple(command)
    timeout = _remaining(command[0])
    try:
        proc = subprocess.run(
            command,
            cwd=cwd,
            input=input,
            env=None if env is None else dict(env),
            capture_output=True,
            check=False,
            timeout=timeout,
        )
    except FileNotFoundError as exc:
        raise missing(command, error, missing_hint) from exc
    except PermissionError as exc:
        raise error(
            f"{command[0]} could not be started ({exc.strerror}).",
            command=command,
            hint=missing_hint,
        ) from exc
    except subprocess.TimeoutExpired as exc:
        limit = _deadline.get()
        raise _timed_out(Path(command[0]).name, limit[1] if limit else 0, command) from exc
    return Completed(command, proc.returncode, proc.stdout, proc.stderr)


def failed(
    done: Completed,
    *,
    error: type[E],
    hint: str,
    message: str | None = None,
    shown_as: str | None = None,
) -> E:
    """The error for a program that ended with a non-zero exit code.

    The message names the command (``shown_as``, else the command itself), the exit code
    and the program's own words, unless the caller gives a plainer ``message``.
    """
    name = shown_as or shown(done.command)
    full = re.search(_DISK_FULL, done.error_text)
    if message is None and full is not None:  # not a bug, whatever the caller would say
        message = f"{name} could not write a file: the disk is full ({full[0]})."
        hint = (
            "Free some space on the disk of the output folder or of the temporary folder "
            "(TMPDIR), then run the command again."
        )
    return error(
        message or f"{name} failed (exit code {done.returncode}): {done.error_text}",
        command=done.command,
        returncode=done.returncode,
        stderr=done.error_text,
        hint=hint,
    )


#: how programs say the disk is full (the C library's words; git's own), compiled when a
#: program fails (a quick command that works never needs it)
_DISK_FULL = r"No space left on device|Out of diskspace|Disk quota exceeded"


def start(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bool = False,
    stderr: bool = True,
    error: type[ProcessError] = ProcessError,
    missing_hint: str = "Install it, then run the command again.",
) -> Process:
    """Start ``command`` with its output (and, with ``stdin``, its input) as pipes.

    For programs read while they run (a streamed ``git log``, ``git cat-file --batch``).
    ``stderr=False`` discards what it writes there. The program :mod:`manualctl.early`
    started for the same words, when there is one, is taken instead of a new one; a
    program with no input and no ``cwd`` (git is given its folder as ``-C``) is started
    there too (:func:`manualctl.early.spawn`), without importing :mod:`subprocess`.
    """
    command = tuple(command)
    # posix_spawnp looks the program up on this process's PATH; Popen on env's
    same_path = env is None or env.get("PATH") == os.environ.get("PATH")
    if cwd is None and not stdin and stderr and same_path:
        spawned = early.take(command) if env is None else None
        try:
            spawned = spawned or early.spawn(command, dict(os.environ if env is None else env))
        except FileNotFoundError as exc:
            raise missing(command, error, missing_hint) from exc
        return Process(command, spawned)
    import subprocess

    try:
        popen = subprocess.Popen(
            command,
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if stderr else subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:
        raise missing(command, error, missing_hint) from exc
    return Process(command, popen)


class Process:
    """A running program started by :func:`start`."""

    def __init__(
        self, command: tuple[str, ...], popen: subprocess.Popen[bytes] | early.Spawned
    ) -> None:
        self.command = command
        self._popen = popen

    @property
    def stdin(self) -> IO[bytes]:
        assert self._popen.stdin is not None
        return self._popen.stdin

    @property
    def stdout(self) -> IO[bytes]:
        assert self._popen.stdout is not None
        return self._popen.stdout

    def finish(self) -> Completed:
        """Close the pipes, wait for the program to end; its stderr is in the result."""
        for pipe in (self._popen.stdin, self._popen.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        err = b""
        if self._popen.stderr is not None:
            err = self._popen.stderr.read()
            self._popen.stderr.close()
        return Completed(self.command, self._popen.wait(), b"", err)


def in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` on a thread of its own, the time limit applying there as here (a
    program run while this process does something else); the function returned waits
    for it and returns what it returned, or raises what it raised."""
    context = contextvars.copy_context()
    thread, result, failure = _thread(lambda: context.run(work), "background")

    def outcome() -> T:
        thread.join()
        if failure:
            raise failure[0]
        return result[0]

    return outcome


def within_limit(work: Callable[[], T], what: str) -> T:
    """``work()``, stopped with a clear error when the current time limit runs out first.

    For work done in-process (the Typst compile releases the GIL): without a limit it is
    a plain call; with one it runs in a daemon thread that is abandoned on time-out (the
    command then ends, and the thread with it).
    """
    left = _remaining(what)
    if left is None:
        return work()
    thread, result, failure = _thread(work, "limited")
    thread.join(left)
    if thread.is_alive():
        limit = _deadline.get()
        raise _timed_out(what, limit[1] if limit else 0, ())
    if failure:
        raise failure[0]
    return result[0]


def _thread(
    work: Callable[[], T], name: str
) -> tuple[threading.Thread, list[T], list[BaseException]]:
    """A daemon thread, started, doing ``work()``: what it returned or raised is put in
    the lists given back (threading, not concurrent.futures: whose import of logging
    costs 6 ms)."""
    import threading  # only where work is done so

    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # handed to the caller, who joins the thread
            failure.append(exc)

    thread = threading.Thread(target=target, name=f"manualctl-{name}", daemon=True)
    thread.start()
    return thread, result, failure


def environ(**changes: str | None) -> dict[str, str]:
    """This process's environment with ``changes`` (None removes a variable)."""
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env
