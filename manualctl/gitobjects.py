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
``tests/test_gitobjects.py`` holds the answers equal to git's on generated
repositories (loose, packed, deltas by offset and by id, a work tree's).
"""

from __future__ import annotations

import mmap
import os
import zlib
from pathlib import Path

from manualctl import gitrefs
from manualctl.fsutil import read_open

#: A pack's object types (git's numbers); 6 and 7 are deltas
_KINDS = {1: "commit", 2: "tree", 3: "blob", 4: "tag"}
_LOOSE_KINDS = (b"commit", b"tree", b"blob", b"tag")
_HEX = frozenset("0123456789abcdef")
#: deltas on deltas deeper than this are left to git (git's own default is 50)
_MAX_DEPTH = 200

#: an object as read: (id, kind, content)
Found = tuple[str, str, bytes]


class AskGit(Exception):
    """This question is git's to answer."""


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
        self._packs: list[_Pack] | None = None

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
            entry = entries(found[2], 20).get(part)
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
                kind, data = pack.read(offset, self, 0)
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

    def _all_packs(self) -> list[_Pack]:
        if self._packs is None:
            folder = f"{self.objects}/pack"
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            self._packs = [
                _Pack(f"{folder}/{name}", f"{folder}/{name[:-4]}.pack")
                for name in names
                if name.endswith(".idx") and f"{name[:-4]}.pack" in names
            ]
        return self._packs


class _Pack:
    """One pack file and its index, mapped into memory when first asked."""

    def __init__(self, idx: str, pack: str) -> None:
        self.idx_path = idx
        self.pack_path = pack
        self._idx: mmap.mmap | None = None
        self._pack: mmap.mmap | None = None
        self.count = 0
        self._done: dict[int, tuple[str, bytes]] = {}  # offset -> object, within a chain

    def find(self, binary: bytes) -> int | None:
        """The offset in the pack of the object ``binary`` (its id's 20 bytes), or None."""
        idx = self._index()
        first = binary[0]
        low = int.from_bytes(idx[4 + 4 * first : 8 + 4 * first], "big") if first else 0
        high = int.from_bytes(idx[8 + 4 * first : 12 + 4 * first], "big")
        ids = 8 + 1024
        while low < high:
            mid = (low + high) // 2
            here = idx[ids + 20 * mid : ids + 20 * mid + 20]
            if here < binary:
                low = mid + 1
            elif here > binary:
                high = mid
            else:
                offsets = ids + 24 * self.count
                offset = int.from_bytes(idx[offsets + 4 * mid : offsets + 4 * mid + 4], "big")
                if offset & 0x80000000:
                    at = offsets + 4 * self.count + 8 * (offset & 0x7FFFFFFF)
                    offset = int.from_bytes(idx[at : at + 8], "big")
                return offset
        return None

    def _index(self) -> mmap.mmap:
        if self._idx is None:
            idx = _mapped(self.idx_path)
            if idx[:8] != b"\377tOc\0\0\0\2" or len(idx) < 8 + 1024:
                raise AskGit(self.idx_path)
            self.count = int.from_bytes(idx[8 + 1020 : 8 + 1024], "big")
            self._idx = idx
        return self._idx

    def read(self, offset: int, store: Store, depth: int) -> tuple[str, bytes]:
        """The object at ``offset``: its kind and content, deltas applied."""
        done = self._done.get(offset)
        if done is not None:
            return done
        if depth > _MAX_DEPTH:
            raise AskGit(self.pack_path)
        if self._pack is None:
            self._pack = _mapped(self.pack_path)
            if self._pack[:4] != b"PACK":
                raise AskGit(self.pack_path)
        pack = self._pack
        try:
            byte = pack[offset]
            kind, size, at, shift = (byte >> 4) & 7, byte & 15, offset + 1, 4
            while byte & 0x80:
                byte = pack[at]
                size |= (byte & 0x7F) << shift
                at, shift = at + 1, shift + 7
            base: tuple[str, bytes] | None = None
            if kind == 6:  # a delta against the object ``back`` bytes before this one
                byte = pack[at]
                back, at = byte & 0x7F, at + 1
                while byte & 0x80:
                    byte = pack[at]
                    back, at = ((back + 1) << 7) | (byte & 0x7F), at + 1
                base = self.read(offset - back, store, depth + 1)
            elif kind == 7:  # a delta against the object of this id
                found = store.object(pack[at : at + 20].hex())
                base, at = (found[1], found[2]), at + 20
            elif kind not in _KINDS:
                raise AskGit(self.pack_path)
        except IndexError:
            raise AskGit(self.pack_path) from None
        data = _inflate(pack, at, size)
        out = (_KINDS[kind], data) if base is None else (base[0], _apply(base[1], data))
        if depth or kind != 3:  # a chain's bases and the small objects: asked again
            self._done[offset] = out
        return out


def _mapped(path: str) -> mmap.mmap:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        raise AskGit(path) from None
    try:
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # an empty file cannot be mapped
        raise AskGit(path) from None
    finally:
        os.close(fd)


def _inflate(pack: mmap.mmap, at: int, size: int) -> bytes:
    """``size`` bytes inflated from the zlib stream at ``at`` (fed in pieces: the rest of
    a big pack is never copied)."""
    stream = zlib.decompressobj()
    parts = []
    got, step = 0, size + 256
    try:
        while not stream.eof:
            piece = pack[at : at + step]
            if not piece:
                raise AskGit("a truncated pack")
            at += step
            out = stream.decompress(piece, size + 1 - got)
            got += len(out)
            parts.append(out)
            if got > size:
                raise AskGit("an object bigger than its pack says")
    except zlib.error:
        raise AskGit("a broken pack") from None
    if got != size:
        raise AskGit("an object smaller than its pack says")
    return b"".join(parts)


def _apply(base: bytes, delta: bytes) -> bytes:
    """The object ``delta`` makes of ``base`` (git's delta format: two sizes, then copies
    from the base and insertions)."""
    try:
        source, at = _size(delta, 0)
        target, at = _size(delta, at)
        if source != len(base):
            raise AskGit("a delta against another base")
        out = bytearray()
        end = len(delta)
        while at < end:
            op = delta[at]
            at += 1
            if op & 0x80:  # copy: which of 4 offset and 3 size bytes follow
                start = length = 0
                for bit in range(4):
                    if op & (1 << bit):
                        start |= delta[at] << (8 * bit)
                        at += 1
                for bit in range(3):
                    if op & (0x10 << bit):
                        length |= delta[at] << (8 * bit)
                        at += 1
                length = length or 0x10000
                if start + length > source:
                    raise AskGit("a delta copying past its base")
                out += base[start : start + length]
            elif op:  # insert the next ``op`` bytes
                out += delta[at : at + op]
                at += op
            else:
                raise AskGit("a delta with a reserved instruction")
    except IndexError:
        raise AskGit("a truncated delta") from None
    if len(out) != target:
        raise AskGit("a delta of the wrong size")
    return bytes(out)


def _size(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return value, at


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
