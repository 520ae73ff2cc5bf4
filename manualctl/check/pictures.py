"""Whether an image file is the picture its name says, and safe to put on a website.

Images were judged by their extension alone: a text file named ``x.png`` or a PNG with a
broken checksum was embedded into the Word file, copied into the site, and made the PDF
fail in its own way. :func:`problem` reads the file as each format will: the signature
must match the extension, a PNG's chunks must have good checksums and its picture data
must decompress, a JPEG must run from its start marker to its end marker, a GIF must end
with its trailer. An SVG is a document a browser runs, so it must hold no script, no
event handler (``onload``), no reference outside itself (``href`` to another file or
site, ``@import``, ``url(...)``) and no DOCTYPE or entity (which can read files or grow
without bound). A picture may have at most :data:`MAX_PIXELS` pixels: a small PNG can
say it is 40,000 pixels square, which every format would then unpack.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zlib
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

#: the file names the editions show as pictures
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".bmp", ".tif", ".tiff"})
#: the hint of a finding naming a file that is not a picture
USE_A_PICTURE = "Use a picture file: " + ", ".join(sorted(s[1:] for s in IMAGE_SUFFIXES)) + "."
MAX_BYTES = 20_000_000  # a picture bigger than this is refused (the limit is in the message)
#: pixels in a picture (a photograph has 12 million, an A4 page scanned at 600 dpi 35
#: million): a small file can say 40,000 x 40,000, which took publish 2 GB of memory
MAX_PIXELS = 50_000_000

_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
_KIND = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".bmp": "BMP"}
_KIND |= {".tif": "TIFF", ".tiff": "TIFF", ".svg": "SVG"}
_SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_EXTERNAL_CSS = re.compile(r"@import|url\s*\(\s*['\"]?(?!#)", re.I)


def problem(path: Path) -> tuple[str, str] | None:
    """(rule code, why) when ``path`` cannot be shown as the picture its extension names:
    ``image-unsafe`` for an SVG that could run script or reach outside itself,
    ``image-content`` for anything else; None for a good picture.

    A picture is read once however many chapters show it: the answer is kept for the
    file as it is (its inode, size, modification and change times), so a changed file is
    read again."""
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        return _problem(path, None)
    return _problem(path, (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))


@lru_cache(maxsize=512)
def _problem(path: Path, _identity: tuple[int, ...] | None) -> tuple[str, str] | None:
    reason = _reason(path)
    if reason is None:
        return None
    return ("image-unsafe" if reason.startswith(_UNSAFE) else "image-content"), reason


_UNSAFE = (
    "the SVG picture has a DOCTYPE",
    "the SVG picture holds",
    "the SVG picture has the",
    "the SVG picture refers",
    "the SVG picture's",
)


def _reason(path: Path) -> str | None:
    suffix = path.suffix.lower()
    kind = _KIND.get(suffix, suffix.lstrip(".").upper())
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return f"it is not a regular file (a {_file_kind(info.st_mode)})"
        if info.st_size > MAX_BYTES:
            size, most = info.st_size // 1_000_000, MAX_BYTES // 1_000_000
            return f"it is {size} MB; pictures may be at most {most} MB"
        data = path.read_bytes()
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if suffix == ".svg":
        return _svg(data)
    if not data.startswith(_SIGNATURES.get(suffix, (b"",))):
        return f"it is not a {kind} picture (its first bytes say otherwise)"
    pixels = _dimensions(suffix, data)
    if pixels is not None and pixels[0] * pixels[1] > MAX_PIXELS:
        return (
            f"it is {pixels[0]:,} x {pixels[1]:,} pixels; pictures may have at most "
            f"{MAX_PIXELS // 1_000_000} million pixels (8,000 x 6,000, say)"
        )
    if suffix == ".png":
        return _png(data)
    if suffix in (".jpg", ".jpeg"):
        return _jpeg(data)
    if suffix == ".gif" and not data.rstrip(b"\x00").endswith(b"\x3b"):
        return "the GIF picture is cut short (it has no end marker)"
    return None


def _dimensions(suffix: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels as the picture's header says, where it is cheap to read:
    PNG, GIF, BMP and JPEG (its first frame header); None when it cannot be told."""
    if suffix == ".png" and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if suffix == ".gif" and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if suffix == ".bmp" and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(width), abs(height)
    if suffix in (".jpg", ".jpeg"):
        return _jpeg_dimensions(data)
    return None


# JPEG markers that start a frame (baseline, progressive, ...): they hold its size
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_dimensions(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if 0xD0 <= marker <= 0xD9 or marker == 0x01:
            at += 2
            continue
        if marker in _FRAMES:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if marker == 0xDA:
            return None
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
    return None


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISDIR(mode):
        return "folder"
    return "device or socket"


def _png(data: bytes) -> str | None:
    at = 8
    seen_end = False
    compressed = []
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if len(body) != length or at + 12 + length > len(data):
            return "the PNG picture is cut short"
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return f"the PNG picture is damaged (bad checksum in its {kind.decode('latin-1')} part)"
        if at == 8 and kind != b"IHDR":
            return "the PNG picture is damaged (it does not start with its header)"
        if kind == b"IDAT":
            compressed.append(body)
        at += 12 + length
        if kind == b"IEND":
            seen_end = True
            break
    if not seen_end:
        return "the PNG picture is cut short (it has no end marker)"
    # decompressed a piece at a time and thrown away: a small file can hold gigabytes
    stream, data = zlib.decompressobj(), b"".join(compressed)
    try:
        while data and not stream.eof:
            stream.decompress(data, _PIECE)
            data = stream.unconsumed_tail
        stream.flush()
    except zlib.error:
        return "the PNG picture is damaged (its picture data cannot be decompressed)"
    if not stream.eof:
        return "the PNG picture is damaged (its picture data cannot be decompressed)"
    return None


_PIECE = 1 << 20  # bytes of picture data decompressed at a time


def _jpeg(data: bytes) -> str | None:
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "the JPEG picture is cut short (it has no end marker)"
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return "the JPEG picture is damaged"
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the picture data follows
            return None
        if 0xD0 <= marker <= 0xD9 or marker == 0x01:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
    return "the JPEG picture is damaged (it holds no picture data)"


def _svg(data: bytes) -> str | None:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return "the SVG picture has a DOCTYPE or entity declarations, which are not allowed"
    found: list[str] = []
    style_text: list[str] = []
    depth = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()
        if depth[0] == 0 and local != "svg":
            found.append(f"it is not an SVG picture (it starts with <{local}>)")
        depth[0] += 1
        if local in _SVG_FORBIDDEN:
            found.append(f"the SVG picture holds <{local}>, which could run script")
        if local == "style":
            style_text.append("")
        for key, value in attrs.items():
            attr = key.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()
            if attr.startswith("on"):
                found.append(f'the SVG picture has the event handler "{attr}"')
            elif attr == "href" and not value.strip().startswith("#"):
                found.append(f'the SVG picture refers to "{value[:40]}" outside itself')
            elif _EXTERNAL_CSS.search(value):
                found.append(f'the SVG picture\'s "{attr}" refers to something outside itself')
            elif value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f'the SVG picture\'s "{attr}" holds an address that could run script')

    def end(name: str) -> None:
        depth[0] -= 1

    def text(content: str) -> None:
        if style_text:
            style_text[-1] += content

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = lambda target, _: (
        found.append(f"the SVG picture holds the processing instruction <?{target}?>")
        if target.lower() != "xml"
        else None
    )
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        why = expat.ErrorString(exc.code)
        return f"the SVG picture is not well-formed XML ({why}, line {exc.lineno})"
    if any(_EXTERNAL_CSS.search(css) for css in style_text):
        found.append("the SVG picture's style refers to something outside itself")
    if depth[0] != 0 or (not found and not data.strip()):
        found.append("it is not an SVG picture")
    return found[0] if found else None
