"""The Word edition carries its font: Liberation Sans (templates/fonts/, SIL Open Font
License) embedded in the .docx, as the PDF has it embedded and the website ships it.

Word and LibreOffice show the document in the embedded font on a computer that does not
have it installed, so the titles and text look as in the PDF; where a reader ignores
embedded fonts, the font table names Arial (the same metrics) as the stand-in. The
fonts are stored as Office Open XML wants them (ECMA-376 Part 1, 17.8.1): each face in
``word/fonts/`` with its first 32 bytes XORed with its key, a GUID made from the font's
own SHA-256 (the same bytes every time), listed in ``word/fontTable.xml`` and turned
on by ``w:embedTrueTypeFonts`` in the settings.

The four obfuscated faces are compressed ahead, as the Word file's zip holds them, in
``templates/fonts/word-fonts.zip`` (written by ``scripts/build_word_fonts.py``), and
copied from there into each Word file (:mod:`manualctl.publish.docx_zip`): compressing
them takes longer than the rest of the zip. A face whose shipped copy does not match its
font (after a font was updated, until the script is run again) is compressed in the
run, with the same result. Embedding is idempotent: a package that has the fonts
already gets the same parts again, not a second copy.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
import zipfile
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from manualctl.publish.docx_zip import Packed, pack
from manualctl.resources import fonts_dir

FONT = "Liberation Sans"
#: Each face and the font-table element that embeds it, in the schema's order.
FACES = (
    ("embedRegular", "LiberationSans-Regular.ttf"),
    ("embedBold", "LiberationSans-Bold.ttf"),
    ("embedItalic", "LiberationSans-Italic.ttf"),
    ("embedBoldItalic", "LiberationSans-BoldItalic.ttf"),
)
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_RELS = "word/_rels/fontTable.xml.rels"


def font_key(data: bytes) -> str:
    """The face's key, ``{XXXXXXXX-...}``: a GUID from the font's SHA-256."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376's font obfuscation: the first 32 bytes XORed with the key's 16 bytes,
    taken from the end of the GUID (it undoes itself: the same call restores the font)."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ secret[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


PACKED_FONTS = "word-fonts.zip"  # in templates/fonts: each face's part, compressed


@cache
def _faces() -> tuple[tuple[str, str, str, Packed], ...]:
    """(element, key, part name, the obfuscated face compressed) for each face."""
    shipped = _shipped(fonts_dir() / PACKED_FONTS)
    out = []
    for number, (element, name) in enumerate(FACES, start=1):
        data = (fonts_dir() / name).read_bytes()
        key = font_key(data)
        part = f"fonts/font{number}.odttf"
        font = obfuscate(data, key)
        ready = shipped.get(f"word/{part}")
        if ready is None or ready.crc != zlib.crc32(font) or ready.size != len(font):
            ready = pack(font)  # no shipped copy of this face as it is now
        out.append((element, key, part, ready))
    return tuple(out)


def obfuscated_faces() -> dict[str, bytes]:
    """Each face's part in the Word file, obfuscated (not compressed): what
    ``scripts/build_word_fonts.py`` compresses into :data:`PACKED_FONTS`."""
    out = {}
    for number, (_, name) in enumerate(FACES, start=1):
        data = (fonts_dir() / name).read_bytes()
        out[f"word/fonts/font{number}.odttf"] = obfuscate(data, font_key(data))
    return out


_LOCAL_HEADER = struct.Struct("<4s22x2H")  # a zip entry's signature and its name's length


def _shipped(path: Path) -> dict[str, Packed]:
    """The deflated entries of the zip at ``path``, as they are stored (none when it is
    missing or not a zip of deflated entries)."""
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(path) as packed:
            infos = packed.infolist()
    except (OSError, zipfile.BadZipFile):
        return {}
    out = {}
    for info in infos:
        start = info.header_offset
        signature, name, extra = _LOCAL_HEADER.unpack_from(data, start)
        if signature != b"PK\003\004" or info.compress_type != zipfile.ZIP_DEFLATED:
            continue
        begin = start + _LOCAL_HEADER.size + name + extra
        raw = data[begin : begin + info.compress_size]
        out[info.filename] = Packed(raw, info.CRC, info.file_size)
    return out


def embed_fonts(parts: Mapping[str, bytes | Packed]) -> dict[str, bytes | Packed]:
    """The Word file's ``parts`` (member name -> content) with Liberation Sans embedded
    (see the module docstring)."""
    faces = _faces()
    out = dict(parts)
    for name, edit in (
        ("word/fontTable.xml", lambda body: _font_table(body, faces)),
        ("word/settings.xml", _settings),
        ("[Content_Types].xml", _content_types),
    ):
        body = out.get(name)
        if isinstance(body, bytes):
            out[name] = edit(body)
    rels = "".join(
        f'<Relationship Id="rIdFont{n}" Type="{FONT_RELATIONSHIP}" Target="{part}"/>'
        for n, (_, _, part, _) in enumerate(faces, start=1)
    )
    out[_RELS] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>"
    ).encode()
    for _, _, part, font in faces:
        out[f"word/{part}"] = font
    return out


_R_NAMESPACE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FONT_ENTRY = re.compile(rb'<w:font w:name="' + FONT.encode() + rb'">.*?</w:font>', re.DOTALL)


def _font_table(body: bytes, faces: tuple[tuple[str, str, str, Packed], ...]) -> bytes:
    embeds = "".join(
        f'<w:{element} r:id="rIdFont{n}" w:fontKey="{key}"/>'
        for n, (element, key, _, _) in enumerate(faces, start=1)
    )
    entry = (
        f'<w:font w:name="{FONT}"><w:altName w:val="Arial"/>'
        '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/>'
        f"{embeds}</w:font>"
    ).encode()
    body = _FONT_ENTRY.sub(b"", body)
    if b"xmlns:r=" not in body.split(b">", 2)[1]:
        body = body.replace(b"<w:fonts ", b'<w:fonts xmlns:r="' + _R_NAMESPACE + b'" ', 1)
    return body.replace(b"</w:fonts>", entry + b"</w:fonts>", 1)


# The settings that come before w:embedTrueTypeFonts in the schema's order.
_BEFORE_EMBED = re.compile(
    rb"<w:(?:writeProtection|view|zoom|removePersonalInformation|removeDateAndTime|"
    rb"doNotDisplayPageBoundaries|displayBackgroundShape|printPostScriptOverText|"
    rb"printFractionalCharacterWidth|printFormsData)\b[^>]*?(?:/>|>.*?</w:\w+>)",
    re.DOTALL,
)


def _settings(body: bytes) -> bytes:
    if b"<w:embedTrueTypeFonts" in body:
        return body
    start = body.index(b">", body.index(b"<w:settings")) + 1
    end = start
    for found in _BEFORE_EMBED.finditer(body, start):
        if found.start() != end:
            break
        end = found.end()
    return body[:end] + b"<w:embedTrueTypeFonts/>" + body[end:]


def _content_types(body: bytes) -> bytes:
    if b'Extension="odttf"' in body:
        return body
    default = f'<Default Extension="odttf" ContentType="{OBFUSCATED}"/>'.encode()
    return body.replace(b"<Default ", default + b"<Default ", 1)
