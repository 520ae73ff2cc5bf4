"""Pictures are judged by what they hold, once per file as it is: a picture shown by many
chapters is read once, and a changed file is read again."""

from __future__ import annotations

import struct
import tracemalloc
import zlib
from pathlib import Path

from manualctl.check import pictures


def _png(data: bytes, *, good: bool = True, size: tuple[int, int] = (1, 1)) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) ^ (0 if good or kind != b"IDAT" else 1)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", *size, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def test_a_changed_picture_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "flow.png"
    path.write_bytes(_png(zlib.compress(b"\x00\x00")))
    assert pictures.problem(path) is None
    assert pictures.problem(path) is None  # (kept)
    path.write_bytes(_png(zlib.compress(b"\x00\x00"), good=False))
    assert pictures.problem(path) == (
        "image-content",
        "the PNG picture is damaged (bad checksum in its IDAT part)",
    )
    path.write_bytes(_png(zlib.compress(b"\x00\x00")[:-2]))
    assert pictures.problem(path) == (
        "image-content",
        "the PNG picture is damaged (its picture data cannot be decompressed)",
    )


def test_picture_data_is_decompressed_a_piece_at_a_time(tmp_path: Path) -> None:
    """A few kilobytes can hold gigabytes of picture data: checking it holds a piece at a
    time in memory, and still finds a stream cut short at its very end."""
    data = zlib.compress(b"\x00" * 12_000_000, 9)
    assert len(data) < 50_000
    path = tmp_path / "bomb.png"
    path.write_bytes(_png(data))
    tracemalloc.start()
    try:
        assert pictures.problem(path) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6_000_000
    path.write_bytes(_png(data[:-1]))
    assert pictures.problem(path) is not None


def test_a_picture_of_more_than_50_million_pixels_is_refused(tmp_path: Path) -> None:
    """Its header says how big it is, before anything is decompressed: a 200 KB PNG of
    40,000 x 40,000 pixels took publish 2 GB of memory."""
    jpeg_frame = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 8_001, 6_250) + b"\x03" + b"\0" * 9
    jpeg = b"\xff\xd8\xff\xe0\x00\x04\x00\x00" + jpeg_frame + b"\xff\xda\x00\x02\xff\xd9"
    big = {
        "wide.png": _png(zlib.compress(b"\x00"), size=(40_000, 40_000)),
        "wide.gif": b"GIF89a" + struct.pack("<HH", 10_000, 5_001) + b"\0" * 8 + b";",
        "wide.bmp": b"BM" + b"\0" * 16 + struct.pack("<ii", 10_000, -5_001) + b"\0" * 30,
        "wide.jpg": jpeg,
    }
    found = {}
    for name, data in big.items():
        (tmp_path / name).write_bytes(data)
        found[name] = pictures.problem(tmp_path / name)
    shown = {"wide.png": "40,000 x 40,000", "wide.gif": "10,000 x 5,001"}
    shown |= {"wide.bmp": "10,000 x 5,001", "wide.jpg": "6,250 x 8,001"}
    assert found == {
        name: (
            "image-content",
            f"it is {size} pixels; pictures may have at most 50 million pixels "
            "(8,000 x 6,000, say)",
        )
        for name, size in shown.items()
    }
    # at the limit it is a picture like any other
    (tmp_path / "ok.png").write_bytes(_png(zlib.compress(b"\x00"), size=(8_000, 6_250)))
    assert pictures.problem(tmp_path / "ok.png") is None
