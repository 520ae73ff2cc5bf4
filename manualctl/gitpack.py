"""Git's packs read without git: a version 2 index and its pack, objects stored whole or
as deltas (against an offset in the pack or an object id), for
:class:`manualctl.gitobjects.Store`. Whatever this reader does not know (a deeper
chain, another index version, a truncated or broken pack) raises :class:`AskGit`, and
git is asked instead. ``tests/test_gitobjects.py`` holds the answers equal to git's.
"""

from __future__ import annotations

import mmap
import os
import zlib
from collections.abc import Callable

#: A pack's object types (git's numbers); 6 and 7 are deltas
_KINDS = {1: "commit", 2: "tree", 3: "blob", 4: "tag"}
#: deltas on deltas deeper than this are left to git (git's own default is 50)
_MAX_DEPTH = 200

#: finds an object by its id: (id, kind, content)
Lookup = Callable[[str], tuple[str, str, bytes]]


class AskGit(Exception):
    """This question is git's to answer."""


class Pack:
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

    def read(self, offset: int, lookup: Lookup, depth: int = 0) -> tuple[str, bytes]:
        """The object at ``offset``: its kind and content, deltas applied (``lookup``
        finds a delta's base named by its id, in this pack or another)."""
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
                base = self.read(offset - back, lookup, depth + 1)
            elif kind == 7:  # a delta against the object of this id
                found = lookup(pack[at : at + 20].hex())
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
