"""Writing files safely: atomic replace, and a lock so two runs cannot interleave.

Nothing a killed run leaves behind blocks or misleads the next one: the lock is released
by the operating system, and the next run holding it deletes the temporary files it
finds (and says so); :func:`is_own_file` names them for the "uncommitted changes" check.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from manualctl.errors import ManualctlError, UsageError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    A crash or a full disk leaves either the old file or the new one, never half of it.
    Text is written as UTF-8 with the newlines given (no translation).
    """
    install(stage(path, data), path)


def stage(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` (``.NAME.XXXXXXXX.tmp``, on disk
    with fsync) and return it, for :func:`install` to rename into place later.

    A change of several files stages each first and installs them one after the other,
    so a crash leaves the old state or the new one except for the moment between two
    renames (and a staged file left behind is cleared by the next run's lock).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    import tempfile  # imports shutil and random: only for commands that write

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            else:
                os.chmod(tmp, 0o666 & ~_umask())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(path, exc) from exc
    return Path(tmp)


def install(staged: Path, path: Path) -> None:
    """Rename a file made by :func:`stage` into place (deleting it if that fails)."""
    try:
        os.replace(staged, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise _write_error(path, exc) from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_error(path: Path, exc: OSError) -> UsageError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UsageError(
            f"Cannot write {path}: permission denied.",
            hint="Check that the folder is writable (not read-only), then run the command again.",
        )
    return UsageError(
        f"Cannot write {path}: {exc.strerror or exc}.",
        hint="Check the disk has space and the folder exists, then run the command again.",
    )


#: The journal of a change to several files, while it is being made (:mod:`manualctl.journal`).
JOURNAL_NAME = ".manualctl.journal"
#: The lock file a command holds in a folder it writes (the manual's, publish's output).
LOCK_NAME = ".manualctl.lock"
#: What manualctl makes while it works and a killed run can leave behind: atomic_write's
#: ``.NAME.XXXXXXXX.tmp`` and the HTML site's ``.NAME.new-XXXXXXXX`` and
#: ``.NAME.old-XXXXXXXX`` folders (:mod:`manualctl.publish.folder`).
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?:[a-z0-9_]{8}\.tmp|(?P<kind>new|old)-[a-z0-9_]{8})$")
#: The work folders publish makes in the system's temporary folder (TemporaryDirectory
#: ``manualctl-pdf-``, ``-publish-``, ``-edition-``, ``-html-``): a killed run leaves them
#: there; with TMPDIR inside a repository they are not changes either.
_WORK = re.compile(r"^manualctl-[a-z]+-[a-z0-9_]{8}$")
#: How long a command waits for another one that holds the lock before giving up.
LOCK_WAIT = 10.0


def is_own_file(name: str) -> bool:
    """Whether a file or folder name is one manualctl makes while it works (the lock, the
    journal, a temporary file or folder): never part of a manual, never an uncommitted change."""
    if name in (LOCK_NAME, JOURNAL_NAME):
        return True
    return _TEMP.match(name) is not None or _WORK.match(name) is not None


def read_open(fd: int, first: int, most: int) -> bytes:
    """Up to ``most`` bytes of the open file ``fd``, asking for ``first`` bytes first (its
    size and one: a file that grew is read on). ``os.read`` rather than a file object:
    making a buffered reader cost more than reading a chapter (``upstream status`` reads
    the own chapters of 100 manuals). A read that gives less than it asked for is the
    file's end: no second read to be told so (one system call a file)."""
    want = min(first, most)
    chunk = os.read(fd, want)
    if len(chunk) < want or want == most:
        return chunk  # the whole file, in one call (nearly always)
    chunks = [chunk]
    size, want = len(chunk), 1 << 16
    while size < most:
        asked = min(want, most - size)
        chunk = os.read(fd, asked)
        chunks.append(chunk)
        size += len(chunk)
        if len(chunk) < asked:
            break  # a regular file's read gives less than asked only at its end
        want = 1 << 16
    return b"".join(chunks)


#: What a killed run had left and the next one cleared: a file or folder it deleted, or a
#: sentence saying what it put back (a half-made change rolled back from its journal).
Leftover = Path | str


class Lock:
    """A held lock; ``cleared`` lists what killed runs had left (deleted or put back)."""

    __slots__ = ("cleared", "path")

    def __init__(self, path: Path, cleared: list[Leftover] | None = None) -> None:
        self.path = path
        self.cleared: list[Leftover] = [] if cleared is None else cleared


@contextlib.contextmanager
def manual_lock(
    root: Path, *, wait: float | None = None, whole_tree: bool = True
) -> Iterator[Lock]:
    """Hold an exclusive lock on a folder while a command writes there.

    The lock is ``fcntl.flock`` on ``.manualctl.lock`` in the folder (as pre-commit's
    ``file_lock``): the operating system releases it when the process ends, however it
    ends, so a killed run never blocks the next one. A second run waits up to ``wait``
    seconds (default :data:`LOCK_WAIT`), then fails with a clear message. Holding the
    lock, it rolls back a change a killed run left half-made (its journal, see
    :mod:`manualctl.journal`) and clears what killed runs left behind
    (:func:`clear_leftovers`; in sub-folders too with ``whole_tree``), which the lock's
    ``cleared`` lists for the command to say so. The lock file is deleted on release; a
    run that locked a file deleted meanwhile locks the new one instead.
    """
    lock = Path(root) / LOCK_NAME
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as exc:
            raise _write_error(lock, exc) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise UsageError(
                    f"Another manualctl command is changing {root} (it holds {lock}).",
                    hint="Wait for it to finish, then run the command again.",
                ) from None
            time.sleep(0.05)
            continue
        if _same_file(fd, lock):
            break
        os.close(fd)
    try:
        with contextlib.suppress(OSError):  # the pid only informs; on a full disk it cannot
            os.ftruncate(fd, 0)  # be written, and the lock holds all the same
            os.write(fd, f"{os.getpid()}\n".encode())
        cleared: list[Leftover] = []
        if (Path(root) / JOURNAL_NAME).exists():
            from manualctl.journal import roll_back  # a killed run's half-made change

            done = roll_back(Path(root))
            if done is not None:
                cleared.append(done)
        cleared.extend(clear_leftovers(Path(root), whole_tree=whole_tree))
        try:
            yield Lock(lock, cleared)
        except ManualctlError as error:  # the command failed: still say what was cleared
            error.cleared[:0] = cleared
            raise
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def clear_leftovers(folder: Path, *, whole_tree: bool = True) -> list[Path]:
    """Delete what killed runs left in ``folder`` (call it holding the folder's lock).

    A site moved aside (``.NAME.old-XXXX/site``) whose NAME is missing (the run was
    killed between its two renames) is moved back first. With ``whole_tree`` sub-folders
    are searched too, but only for temporary copies of manual files (``.md``,
    ``manual.yaml``): another folder (such as publish's output) has a lock of its own.
    Returns what was removed, sorted.
    """
    import shutil  # only for commands that write

    removed: list[Path] = []
    for parent, dirs, files in os.walk(folder):
        here = Path(parent)
        top = here == Path(folder)
        for name in sorted([*files, *dirs]):
            found = _TEMP.match(name)
            if found is None or not (top or _manual_file(found["name"], found["kind"])):
                continue
            path = here / name
            with contextlib.suppress(OSError):
                target = here / found["name"]
                if found["kind"] == "old" and (path / "site").is_dir() and not target.exists():
                    os.replace(path / "site", target)
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
        dirs[:] = [d for d in dirs if whole_tree and d != ".git" and not _TEMP.match(d)]
    return sorted(removed)


def _manual_file(name: str, kind: str | None) -> bool:
    return kind is None and (name.endswith(".md") or name == "manual.yaml")


def resolved(folder: Path) -> Path:
    """``folder.resolve()``: the folder's real path. On Linux a folder that is there is
    asked of the kernel (open it, read its ``/proc/self/fd`` link: three system calls),
    not walked a part at a time as ``os.path.realpath`` does in Python (a quarter of the
    cost; ``upstream status`` resolves each of 100 manuals' folders).
    ``tests/test_resolved.py`` holds the two equal."""
    if _O_PATH:
        try:
            fd = os.open(folder, _O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return folder.resolve()  # not there, not a folder, a symlink loop: as it says
        try:
            real = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            real = ""  # no /proc mounted
        finally:
            os.close(fd)
        if real.startswith("/") and not real.endswith(" (deleted)"):
            return Path(real)
    return folder.resolve()


_O_PATH = getattr(os, "O_PATH", 0)
