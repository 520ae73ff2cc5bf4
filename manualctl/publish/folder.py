"""Writing an edition that is a folder (the HTML site) so a failed run changes nothing.

The site is built in a hidden folder next to its target (``.NAME.new-XXXX``, same file
system, so renames are cheap and atomic), then swapped into place: the previous site is
renamed aside, the new one renamed in, and the old one deleted. If building fails, the
half-built folder is deleted and the previous site is untouched. The only moment the
target is missing is between two renames in a row; an interruption there leaves the
previous site as ``.NAME.old-XXXX/site`` beside it.

What an interrupted publish left beside its target is tidied by the next publish, which
holds the output folder's lock (so no other publish is running): a site moved aside is
put back, ``.new-`` folders and ``.tmp`` files are deleted
(:func:`manualctl.fsutil.clear_leftovers`, which says what it removed). Work folders in
the temporary folder have no such lock: :func:`clean_temp_folders` deletes this user's
``manualctl-*`` folders once they are a day old, far longer than any publish takes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from manualctl.errors import UsageError


def replace_folder(target: Path, fill: Callable[[Path], bytes]) -> bytes:
    """Build a new ``target`` folder with ``fill(folder)`` and swap it into place.

    ``fill`` writes into the empty folder it is given and returns a summary (for the
    HTML site, its manifest), which is returned.
    """
    parent = target.parent
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    except OSError as exc:
        raise _error(target, exc) from exc
    try:
        os.chmod(building, 0o777 & ~_umask())
        summary = fill(building)
        _swap(building, target)
    except OSError as exc:  # a full disk, most often: the previous site is untouched
        shutil.rmtree(building, ignore_errors=True)
        raise _error(target, exc) from exc
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return summary


def _swap(building: Path, target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(
            f"Cannot write the site to {target}: a file of that name is in the way.",
            hint="Move or delete that file, or choose another folder with --out.",
        )
    old: Path | None = None
    try:
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.replace(target, old / "site")
        try:
            os.replace(building, target)
        except OSError:
            if old is not None:
                os.replace(old / "site", target)
                shutil.rmtree(old, ignore_errors=True)
            raise
    except OSError as exc:
        raise _error(target, exc) from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


STALE_TEMP_SECONDS = 86400


def clean_temp_folders(now: float | None = None) -> None:
    """Delete this user's ``manualctl-*`` folders a day old in the temporary folder."""
    now = time.time() if now is None else now
    folder = Path(tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        found = list(folder.glob("manualctl-*"))
    except OSError:
        return
    for path in found:
        try:
            info = path.lstat()
        except OSError:
            continue
        mine = uid is None or info.st_uid == uid
        stale = now - info.st_mtime > STALE_TEMP_SECONDS
        if path.is_dir() and not path.is_symlink() and mine and stale:
            shutil.rmtree(path, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _error(target: Path, exc: OSError) -> UsageError:
    return UsageError(
        f"Cannot write the site {target}: {exc.strerror or exc}.",
        hint="Check that the output folder is writable and the disk has space, then publish again.",
    )
