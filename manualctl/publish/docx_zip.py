"""The Word edition's zip, written once with its fonts: the same bytes for the same parts.

Entries come in a fixed order (``[Content_Types].xml`` first, then by name), every one
dated from the commit, compressed with deflate. A part that is already compressed (a
:class:`Packed` part: the embedded fonts, compressed ahead in
``templates/fonts/word-fonts.zip``, see :mod:`manualctl.publish.docx_fonts`) is copied
as it is, so a publish does not compress 1.6 MB of fonts again.

The bytes are exactly those :mod:`zipfile` writes for the same entries (``ZipInfo``
dated ``stamp``, deflated at zlib's default level, mode 644):
``tests/test_publish_docx_zip.py`` compares the two on many generated packages. Only
this module writes the Word edition's zip; the parts come from python-docx
(:func:`package_parts`).
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

CONTENT_TYPES = "[Content_Types].xml"
_VERSION = 20  # "version needed to extract" and "made by": deflate, as zipfile writes
_SYSTEM = 0 if sys.platform == "win32" else 3  # "made by" MS-DOS or Unix, as zipfile
_DEFLATED = 8
_MODE = 0o644 << 16
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1  # beyond this zipfile would write Zip64 records: not needed here
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


class Packed(NamedTuple):
    """A part compressed ahead: its raw deflate data, CRC-32 and size unpacked."""

    deflated: bytes
    crc: int
    size: int


def pack(data: bytes) -> Packed:
    """``data`` deflated as zipfile deflates it (zlib's default level, raw stream)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Packed(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def order(names: list[str]) -> list[str]:
    """The entries' order: ``[Content_Types].xml`` first (as OPC readers like), then by name."""
    return sorted(names, key=lambda name: (name != CONTENT_TYPES, name))


def zip_stamp(epoch: int) -> tuple[int, int]:
    """The zip (DOS) time and date of ``epoch``, held within the 1980-2107 a zip can say."""
    when = datetime.fromtimestamp(min(max(epoch, 315532800), 4354819198), UTC)
    dostime = when.hour << 11 | when.minute << 5 | when.second // 2
    dosdate = (when.year - 1980) << 9 | when.month << 5 | when.day
    return dostime, dosdate


def write_package(parts: Mapping[str, bytes | Packed], epoch: int) -> bytes:
    """The zip of ``parts`` (member name -> bytes, or a part compressed ahead)."""
    dostime, dosdate = zip_stamp(epoch)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in order(list(parts)):
        value = parts[name]
        packed = value if isinstance(value, Packed) else pack(value)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        size, deflated = packed.size, len(packed.deflated)
        if max(size, deflated, offset) > _LIMIT:
            raise ValueError(f"The Word file's part {name} is too large for its zip.")
        fields = (flags, _DEFLATED, dostime, dosdate, packed.crc, deflated, size, len(encoded))
        local = _LOCAL.pack(b"PK\003\004", _VERSION, 0, *fields, 0)
        head = _CENTRAL.pack(
            b"PK\001\002", _VERSION, _SYSTEM, _VERSION, 0, *fields, 0, 0, 0, 0, _MODE, offset
        )
        central.append(head + encoded)
        out += (local, encoded, packed.deflated)
        offset += len(local) + len(encoded) + deflated
    directory = b"".join(central)
    end = _END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join([*out, directory, end])


#: the steps of python-docx's PackageWriter.write (1.1, 1.2), after its zip writer is made
_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")


class _Members:
    """Takes the parts python-docx writes, by member name, instead of a zip file."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}

    def write(self, uri: Any, blob: bytes) -> None:
        self.parts[uri.membername] = blob


def package_parts(word: Any) -> dict[str, bytes]:
    """The parts of ``word`` (a python-docx Document) as member name -> bytes, to be
    zipped once, with the fonts, by :func:`write_package`: the steps of python-docx's
    ``OpcPackage.save`` given a collector instead of its zip writer (not compressing
    3 MB of XML only to read it back). Its steps are private: should an update of
    python-docx change them, its own save is read back instead
    (tests/test_publish_docx_zip.py checks both ways give what ``save`` writes)."""
    from docx.opc.pkgwriter import PackageWriter

    package = word.part.package
    parts = package.parts
    writer: Any = PackageWriter
    members = _Members()
    try:
        steps = [getattr(writer, name) for name in _STEPS]
        for part in parts:
            part.before_marshal()
        steps[0](members, parts)
        steps[1](members, package.rels)
        steps[2](members, parts)
    except (AttributeError, TypeError):  # python-docx wrote its package another way
        return saved_parts(word)
    return members.parts


def saved_parts(word: Any) -> dict[str, bytes]:
    """The parts of ``word`` as python-docx's own save writes them, read back."""
    import io
    import zipfile

    saved = io.BytesIO()
    word.save(saved)
    with zipfile.ZipFile(saved) as package:
        return {name: package.read(name) for name in package.namelist()}
