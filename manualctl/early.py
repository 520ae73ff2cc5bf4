"""Programs started before the command that reads them has imported what it needs.

A quick command (``affected``) spends as long importing Python modules as the git
process it waits for. So the command line, before it imports anything, starts the
programs the command is about to ask for (:func:`start`), and they run while Python
imports; :func:`manualctl.proc.start` takes a program started here when it is asked for
exactly the same words, with no working folder, environment or input of its own (the
folder is in the words: ``git -C``), instead of starting another. A wrong guess costs a
program stopped at the end of the command (:class:`started`), never another answer.

:func:`spawn` also starts, for :func:`manualctl.proc.start`, any program that needs no
input and no working folder of its own, so that a command reading only such programs
(``stamp --check``) never imports :mod:`subprocess`.

Started as :mod:`subprocess` starts a program with ``os.posix_spawn``: input from
``/dev/null``, output and errors into pipes, SIGPIPE and SIGXFSZ as the program expects
them (Python ignores SIGPIPE), and no file of this process left open in it
(``close_fds``). Only :mod:`os` is imported here: importing :mod:`subprocess` costs
what the head start gains.
"""

# Python's own signal numbers (the ``signal`` module makes enums of them at import)
import _signal  # type: ignore[import-not-found]
import os


class Spawned:
    """A program started here: what :class:`manualctl.proc.Process` reads of a
    ``subprocess.Popen`` (its input is /dev/null: ``stdin`` is None)."""

    __slots__ = ("pid", "returncode", "stderr", "stdin", "stdout")

    def __init__(self, pid: int, stdout: int, stderr: int) -> None:
        self.pid = pid
        self.stdin = None
        self.stdout = open(stdout, "rb")  # noqa: SIM115 - closed by proc.Process.finish
        self.stderr = open(stderr, "rb")  # noqa: SIM115 - closed by proc.Process.finish
        self.returncode: int | None = None

    def wait(self) -> int:
        """Wait for the program to end; its exit code (minus the signal that ended it)."""
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


#: started and not yet taken, by their words
_started: dict[tuple[str, ...], Spawned] = {}


class started:
    """``with started(commands):`` each command runs from the start of the block, for
    :func:`take`; those not taken by its end are stopped. (A class rather than
    ``contextlib.contextmanager``: contextlib is not imported yet.)"""

    def __init__(self, commands: tuple[tuple[str, ...], ...]) -> None:
        self.commands = commands

    def __enter__(self) -> None:
        environment = dict(os.environ) if self.commands else {}  # read once for them all
        for command in self.commands:
            _start(command, environment)

    def __exit__(self, *exc: object) -> None:
        for command in self.commands:
            spawned = _started.pop(command, None)
            if spawned is not None:
                _stop(spawned)


def _start(command: tuple[str, ...], environment: dict[str, str]) -> None:
    """Start ``command`` now, for :func:`take`, with this process's ``environment``;
    nothing when it cannot start (when the command asks for it,
    :func:`manualctl.proc.start` says why)."""
    if command in _started:
        return
    try:
        _started[command] = spawn(command, environment)
    except OSError:
        return


def spawn(command: tuple[str, ...], environment: dict[str, str]) -> Spawned:
    """Start ``command`` (found on PATH) with ``environment``, its output and errors into
    pipes, as described above; raises what ``subprocess.Popen`` raises when it cannot
    (``FileNotFoundError`` for a program not found). :func:`manualctl.proc.start` starts
    programs that need no input and no working folder of their own here."""
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, out_write, 1),
        (os.POSIX_SPAWN_DUP2, err_write, 2),
        *((os.POSIX_SPAWN_CLOSE, fd) for fd in _inherited()),
    ]
    try:
        pid = os.posix_spawnp(
            command[0],
            command,
            environment,
            file_actions=actions,
            setsigdef=(_signal.SIGPIPE, _signal.SIGXFSZ),
        )
    except OSError:
        os.close(out_read)
        os.close(err_read)
        raise
    finally:
        os.close(out_write)
        os.close(err_write)
    return Spawned(pid, out_read, err_read)


def take(command: tuple[str, ...]) -> Spawned | None:
    """The program started for ``command``, if one was; it is the caller's from now on."""
    return _started.pop(command, None) if _started else None


def _inherited() -> list[int]:
    """This process's files a program would inherit beyond 0, 1 and 2 (what Popen's
    ``close_fds`` closes; Python makes its own files non-inheritable)."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return []
    found = []
    for name in names:
        fd = int(name)
        if fd > 2:
            try:
                if os.get_inheritable(fd):
                    found.append(fd)
            except OSError:  # the listing's own descriptor, closed by now
                continue
    return found


def _stop(spawned: Spawned) -> None:
    os.kill(spawned.pid, _signal.SIGTERM)  # not waited for yet: there, if only as a zombie
    spawned.wait()
    spawned.stdout.close()
    spawned.stderr.close()
