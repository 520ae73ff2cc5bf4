"""Git objects read from the repository's own files, without starting git.

:class:`~manualctl.gitbatch.CatFile` made with ``files=True`` asks here first and starts
``git cat-file --batch`` only for a question not answered: validate of a manual built
on a template reads an edition's folders (a tag, a commit, a few trees) and the
chapters its template's folder does not hold as released, and starting git for that
(with Python's ``subprocess``, imported for it) cost more than reading them.

Read here: loose objects, and packs with a version 2 index (objects stored whole or as
deltas, against an offset or an object id). A question answered: an object id in full,
or ``REV:PATH`` where REV is such an id or a name only ``refs/tags/`` holds (git's
order of looking a name up, ``git rev-parse``'s, finds nothing before it) and PATH is
plain (no ``.`` or ``..`` part, no empty one). Anything else raises :class:`AskGit` and
git is asked: another kind of name, an object this reader does not find (in an
alternate store, a pack it cannot read, a broken one), a repository with ``replace``
refs (git would show the replacements), one whose config names extensions (SHA-256
ids, a partial clone), or one of a layout :mod:`manualctl.gitrefs` leaves to git.
Packs are read by :mod:`manualctl.gitpack`. ``tests/test_gitobjects.py`` holds the
answers equal to git's on generated repositories (loose, packed, deltas by offset and
by id, a work tree's).
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from manualctl import gitrefs
from manualctl.fsutil import read_open
from manualctl.gitpack import AskGit as AskGit  # raised here too; callers catch it here
from manualctl.gitpack import Pack

_LOOSE_KINDS = (b"commit", b"tree", b"blob", b"tag")
_HEX = frozenset("0123456789abcdef")

#: an object as read: (id, kind, content)
Found = tuple[str, str, bytes]


def open_store(top: Path) -> Store | None:
    """The objects of the repository at ``top``, when this reader may read them."""
    folders = gitrefs.folders(top)
    if folders is None:
        return None
    gitdir, common = folders
    try:
        config = (common / "config").read_text(encoding="utf-8").lower()
        replaced = (common / "refs" / "replace").is_dir() and any(
            os.scandir(common / "refs" / "replace")
        )
        packed = _packed_refs(common)
    except (OSError, UnicodeDecodeError):
        return None
    if "[extensions" in config or replaced or b" refs/replace/" in packed:
        return None
    return Store(gitdir, common, packed)


def _packed_refs(common: Path) -> bytes:
    try:
        return (common / "packed-refs").read_bytes()
    except FileNotFoundError:
        return b""


class Store:
    """One repository's objects. Raises :class:`AskGit` where git must answer."""

    def __init__(self, gitdir: Path, common: Path, packed_refs: bytes) -> None:
        self.gitdir = gitdir
        self.common = common
        self.objects = str(common / "objects")
        self.packed_refs = packed_refs
        self._packs: list[Pack] | None = None

    def answer(self, spec: str) -> Found | None:
        """What ``git cat-file --batch`` says of ``spec``: the object, or None (missing)."""
        rev, colon, path = spec.partition(":")
        if not colon:
            return self.object(_full_id(spec))
        found = self.object(self.resolve(rev))
        for _ in range(8):  # a tag of a tag ...: peeled to the commit, then its tree
            if found[1] != "tag":
                break
            found = self.object(_header_id(found[2], b"object "))
        if found[1] == "commit":
            found = self.object(_header_id(found[2], b"tree "))
        if found[1] != "tree":
            raise AskGit(spec)
        if not path:
            return found
        parts = path.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise AskGit(spec)
        for n, part in enumerate(parts):
            if found[1] != "tree":
                return None  # a file where a folder is named: git finds nothing either
            try:
                entry = entries(found[2], 20).get(part)
            except ValueError:  # a tree git would call broken: git says so
                raise AskGit(spec) from None
            if entry is None:
                return None
            if n < len(parts) - 1 and entry[0] != "40000":
                return None
            found = self.object(entry[1])
        return found

    def resolve(self, rev: str) -> str:
        """The object id ``rev`` names: a full id, or a tag's (refs/tags only)."""
        if len(rev) == 40 and _HEX.issuperset(rev):
            return rev
        if rev in ("", "@") or rev.startswith("refs/") or not gitrefs.plain_name(rev):
            raise AskGit(rev)  # HEAD and the like, a full ref name: git's rules
        # git looks a name up as itself, then refs/NAME, before refs/tags/NAME
        for before in (self.gitdir / rev, self.common / rev, self.common / "refs" / rev):
            if os.path.lexists(before):
                raise AskGit(rev)
        name = f"refs/tags/{rev}".encode()
        if b" refs/" + rev.encode() + b"\n" in self.packed_refs:
            raise AskGit(rev)
        try:
            loose = (self.common / "refs" / "tags" / rev).read_bytes()
        except FileNotFoundError:
            loose = None
        except OSError:
            raise AskGit(rev) from None
        if loose is not None:
            return _full_id(loose.decode("ascii", "replace").removesuffix("\n"))
        for line in self.packed_refs.split(b"\n"):
            oid, _, ref = line.partition(b" ")
            if ref == name:
                return _full_id(oid.decode("ascii", "replace"))
        raise AskGit(rev)

    def object(self, oid: str) -> Found:
        """The object ``oid``; :class:`AskGit` when it is not found here."""
        found = self._loose(oid)
        if found is not None:
            return found
        binary = bytes.fromhex(oid)
        for pack in self._all_packs():
            offset = pack.find(binary)
            if offset is not None:
                kind, data = pack.read(offset, self.object)
                return oid, kind, data
        raise AskGit(oid)

    def _loose(self, oid: str) -> Found | None:
        try:
            fd = os.open(f"{self.objects}/{oid[:2]}/{oid[2:]}", os.O_RDONLY)
        except OSError:
            return None
        try:
            size = os.fstat(fd).st_size
            raw = read_open(fd, size + 1, size + 1)
        except OSError:
            raise AskGit(oid) from None
        finally:
            os.close(fd)
        try:
            data = zlib.decompress(raw)
        except zlib.error:
            raise AskGit(oid) from None
        head, nul, body = data.partition(b"\0")
        kind, _, length = head.partition(b" ")
        if not nul or kind not in _LOOSE_KINDS or not length.isdigit() or int(length) != len(body):
            raise AskGit(oid)
        return oid, kind.decode("ascii"), body

    def _all_packs(self) -> list[Pack]:
        if self._packs is None:
            folder = f"{self.objects}/pack"
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            self._packs = [
                Pack(f"{folder}/{name}", f"{folder}/{name[:-4]}.pack")
                for name in names
                if name.endswith(".idx") and f"{name[:-4]}.pack" in names
            ]
        return self._packs


def _full_id(text: str) -> str:
    if len(text) != 40 or not _HEX.issuperset(text):
        raise AskGit(text)
    return text


def _header_id(data: bytes, key: bytes) -> str:
    """The id a commit's ``tree`` line (or a tag's ``object`` line) names."""
    if not data.startswith(key):
        raise AskGit("an object of an unusual form")
    return _full_id(data[len(key) : len(key) + 40].decode("ascii", "replace"))


def entries(data: bytes, size: int) -> dict[str, tuple[str, str]]:
    """A tree's entries: name -> (mode, object id); ``40000`` marks a folder. ``size``:
    the length of an id in bytes (20 for SHA-1, 32 for SHA-256)."""
    out: dict[str, tuple[str, str]] = {}
    at = 0
    while at < len(data):
        space = data.index(b" ", at)
        nul = data.index(b"\0", space)
        name = data[space + 1 : nul].decode("utf-8", "surrogateescape")
        out[name] = (data[at:space].decode("ascii"), data[nul + 1 : nul + 1 + size].hex())
        at = nul + 1 + size
    return out
