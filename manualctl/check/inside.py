"""Whether a manual's relative paths stay inside its folder, and whether they are there.

Each folder is listed once: :class:`Inside` answers for every chapter file named in
manual.yaml without a system call per file (:mod:`manualctl.check.load` and the rules).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Inside:
    """Whether a relative path stays inside the manual, following symlinks.

    Each folder is resolved and listed once (``os.scandir`` says which entries are
    symlinks without a system call per file); only symlinks are resolved one by one.
    With ``real`` (``root`` is its own real path, as :meth:`pathlib.Path.resolve` gives
    it), a folder inside it is resolved by one ``lstat`` of each part below ``root``,
    not of every part from ``/`` (:func:`os.path.realpath`'s way, which it takes for
    anything else: a part that is a symlink, ``.`` or ``..``, or cannot be looked at).
    """

    def __init__(self, root: Path, *, real: bool = False) -> None:
        self.root = str(root)
        self.real = real
        self.folders: dict[str, tuple[str, dict[str, bool]]] = {}
        #: folders whose whole listing is known (listed, or not there at all)
        self.known: set[str] = set()
        self._loose: dict[str, set[str]] = {}  # folder -> its names without case or form
        self._joined: dict[str, str] = {}  # a folder of rel paths -> that folder on disk

    def _place(self, rel: str) -> tuple[str, str]:
        """(folder on disk, name) of a relative path, as os.path.split(root/rel) gives,
        with each folder joined once."""
        head, _, name = rel.rpartition("/")
        folder = self._joined.get(head)
        if folder is None:
            folder = self._joined[head] = os.path.split(os.path.join(self.root, rel))[0]
        return folder, name

    def _folder(self, folder: str) -> tuple[str, dict[str, bool]]:
        found = self.folders.get(folder)
        if found is None:
            try:
                with os.scandir(folder) as entries:
                    links = {entry.name: entry.is_symlink() for entry in entries}
                self.known.add(folder)
            except (FileNotFoundError, NotADirectoryError):
                links = {}
                self.known.add(folder)
            except OSError:  # unreadable: what is in it is not known
                links = {}
            found = self.folders[folder] = (self.realpath(folder), links)
        return found

    def realpath(self, folder: str) -> str:
        """``os.path.realpath(folder)``, with fewer system calls for a folder inside a
        real ``root`` (``tests/test_inside.py`` holds the two equal)."""
        below = folder[len(self.root) + 1 :] if folder.startswith(self.root + os.sep) else ""
        if not self.real or not below:
            return os.path.realpath(folder)
        parts = below.split(os.sep)
        if any(part in ("", ".", "..") for part in parts):
            return os.path.realpath(folder)
        at = self.root
        for part in parts:
            at = f"{at}{os.sep}{part}"
            try:
                if stat.S_ISLNK(os.lstat(at).st_mode):
                    return os.path.realpath(folder)
            except OSError:
                return os.path.realpath(folder)
        return folder

    def absent(self, rel: str) -> bool:
        """True when ``rel`` surely does not exist: its folder's listing is known and has
        no name like it, not even one differing in case or Unicode form (as file systems
        that ignore those would open). No system call per file: a manual.yaml naming
        200,000 files that are not there is answered from one listing."""
        folder, name = self._place(rel)
        _, links = self._folder(folder)
        if name in links or folder not in self.known or name in ("", ".", ".."):
            return False
        loose = self._loose.get(folder)
        if loose is None:
            loose = self._loose[folder] = {_loose(n) for n in links}
        return _loose(name) not in loose

    def where(self, rel: str) -> str | None:
        """The real path of ``rel``, or None when it is outside the manual."""
        if rel.startswith("/") or "\\" in rel:
            return None
        folder, name = self._place(rel)
        real_folder, links = self._folder(folder)
        real = os.path.join(real_folder, name)
        if links.get(name) or (name not in links and name in ("", ".", "..")):
            real = os.path.realpath(real)  # a symlink, or a name that leaves the folder
        # (a name not in the folder is a file that does not exist: it is where it says)
        if real == self.root or real.startswith(self.root + os.sep):
            return real
        return None


def _loose(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold()
