"""Writing files safely: atomic replace, and a lock so two runs cannot interleave."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from manualctl.errors import UsageError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    A crash or a full disk leaves either the old file or the new one, never half of it.
    Text is written as UTF-8 with the newlines given (no translation).
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
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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


LOCK_NAME = ".manualctl.lock"


@contextlib.contextmanager
def manual_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the manual folder while a command edits it.

    The lock is a file ``.manualctl.lock`` created with O_EXCL; a second run fails at
    once with a clear message instead of waiting or interleaving its edits.
    """
    lock = Path(root) / LOCK_NAME
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError as exc:
        raise UsageError(
            f"Another manualctl command is changing {root} (lock file {lock}).",
            hint="Wait for it to finish. If none is running, delete the lock file and retry.",
        ) from exc
    except OSError as exc:
        raise _write_error(lock, exc) from exc
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
