"""The journal of a change to several files: a run killed part-way is rolled back by the next.

An authoring command changes up to three things: manual.yaml, a chapter file (created,
moved or removed) and git's index entry for it. Before the first of them changes, the
journal records in ``.manualctl.journal/`` in the manual's folder, on disk with fsync,
how to put each one back: the old bytes of a replaced file, the path of a created file
or folder, both paths of a move, and git's index entries for the paths it touches. The
command deletes the journal once the change is in place and checked, or undone.

The next command that takes the manual's lock and finds a journal rolls the change back
(:func:`roll_back`, called by :func:`manualctl.fsutil.manual_lock`): every step is undone
if it happened, newest first, so a run killed at any moment, even during a roll-back,
leaves a manual the next run puts back exactly as it was, and says so.

For tests only: ``MANUALCTL_TEST_KILL_AT=N`` makes the process kill itself with SIGKILL
just before the N-th effect (1 = the first), as ``kill -9`` at that moment would.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from manualctl import git
from manualctl.errors import UsageError
from manualctl.fsutil import JOURNAL_NAME, atomic_write, is_own_file

_FILE = "journal.json"
_KILL_AT = "MANUALCTL_TEST_KILL_AT"


class Journal:
    """How to undo a change, written before each effect (see the module docstring)."""

    def __init__(self, root: Path, command: str) -> None:
        self.root = Path(root)
        self.folder = self.root / JOURNAL_NAME
        self.command = command
        self.steps: list[dict[str, Any]] = []
        self._effects = 0
        self._written = ""  # the journal as last written (an effect with no new step
        # since finds it on disk already: several renames of one change write it once)
        self._kill_at = int(os.environ.get(_KILL_AT, "0") or 0)

    def replaced(self, path: Path, old: bytes) -> None:
        """``path`` (which holds ``old``) is about to be replaced."""
        self._open()
        backup = f"{len(self.steps)}.bak"
        atomic_write(self.folder / backup, old)
        self.steps.append({"op": "replace", "path": self._rel(path), "backup": backup})

    def created(self, path: Path) -> None:
        self.steps.append({"op": "create", "path": self._rel(path)})

    def made_folder(self, path: Path) -> None:
        self.steps.append({"op": "folder", "path": self._rel(path)})

    def moved(self, src: Path, dst: Path) -> None:
        self.steps.append({"op": "move", "src": self._rel(src), "dst": self._rel(dst)})

    def index(self, top: Path, paths: list[Path], *, removes: bool = False) -> None:
        """git's index entries for ``paths`` (in the repository at ``top``) as they are now;
        with ``removes``, the change deletes the files too (``git rm``)."""
        names = [p.resolve().relative_to(top.resolve()).as_posix() for p in paths]
        self.steps.append(
            {
                "op": "index",
                "top": str(top),
                "entries": _index_entries(top, names),
                "files": names if removes else [],
            }
        )

    def effect(self) -> None:
        """Call before each change on disk or in git's index: the journal is written first
        (unless it is on disk as it stands already)."""
        dump = self._dump()
        if dump != self._written:
            self._open()
            atomic_write(self.folder / _FILE, dump)
            self._written = dump
        self._effects += 1
        if self._effects == self._kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def discard(self) -> None:
        """The change is complete (or undone): forget it."""
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(self.folder)
        self._written = ""

    def _open(self) -> None:
        self.folder.mkdir(exist_ok=True)

    def _rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root)

    def _dump(self) -> str:
        return json.dumps({"command": self.command, "steps": self.steps}, indent=1) + "\n"


def roll_back(root: Path) -> str | None:
    """Undo the change a killed run left half-made in ``root``; say what was done.

    Call it holding the manual's lock. Returns None when there is no journal.
    """
    folder = Path(root) / JOURNAL_NAME
    try:
        record = json.loads((folder / _FILE).read_text(encoding="utf-8"))
        command = str(record["command"])
        steps = list(record["steps"])
    except FileNotFoundError:
        if folder.exists():  # killed before the journal itself was written: nothing changed
            shutil.rmtree(folder, ignore_errors=True)
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(
            f"{folder / _FILE} (left by an interrupted manualctl run) cannot be read: {exc}.",
            hint="Look at 'git status' and put the manual's files right by hand, delete the "
            f"folder {folder}, then run the command again.",
        ) from exc
    touched: list[str] = []
    for step in reversed(steps):
        touched.extend(_undo(Path(root), folder, step))
    shutil.rmtree(folder, ignore_errors=True)
    files = ", ".join(sorted(set(touched))) or "the manual's files"
    return (
        f"An interrupted '{command}' was rolled back: {files} are as they were before it. "
        "Run the command again if you still want the change."
    )


def _undo(root: Path, folder: Path, step: dict[str, Any]) -> list[str]:
    op = step["op"]
    if op == "replace":
        backup = folder / step["backup"]
        if backup.exists():
            os.replace(backup, root / step["path"])
        return [step["path"]]
    if op == "create":
        (root / step["path"]).unlink(missing_ok=True)
        return [step["path"]]
    if op == "folder":
        made = root / step["path"]
        with contextlib.suppress(OSError):  # not empty (but for staged files), or gone
            for child in made.iterdir():
                if is_own_file(child.name) and child.is_file():
                    child.unlink()
            made.rmdir()
        return []
    if op == "move":
        src, dst = root / step["src"], root / step["dst"]
        if dst.exists() and not src.exists():
            os.rename(dst, src)
        return [step["src"]]
    if op == "index":
        _restore_index(Path(step["top"]), step["entries"], step["files"])
        return []
    raise ValueError(f"unknown step {op!r}")


_NO_ENTRY = "0 0000000000000000000000000000000000000000\t"


def _index_entries(top: Path, names: Sequence[str]) -> dict[str, str | None]:
    """git's index entry (``MODE OBJECT STAGE\tPATH``) for each of ``names`` (paths
    relative to ``top``), None for a path the index does not hold."""
    out = git.run(["ls-files", "-s", "-z", "--", *names], top) if names else ""
    found = {line.split("\t", 1)[1]: line for line in out.split("\0") if "\t" in line}
    return {name: found.get(name) for name in names}


def _restore_index(top: Path, entries: dict[str, str | None], files: Sequence[str] = ()) -> None:
    """Put git's index entries back as :func:`_index_entries` read them, and the ``files``
    a ``git rm`` deleted back from the index."""
    lines = []
    for name, entry in entries.items():
        if entry is None:
            lines.append(f"{_NO_ENTRY}{name}")
        else:
            meta, _, path = entry.partition("\t")
            mode, obj, _stage = meta.split()
            lines.append(f"{mode} {obj}\t{path}")
    if lines:
        git.run(
            ["update-index", "-z", "--index-info"], top, input="\0".join(lines).encode() + b"\0"
        )
    missing = [name for name in files if not (top / name).exists()]
    if missing:
        git.run(["checkout-index", "-f", "--", *missing], top)
