"""Pictures are judged by what they hold, once per file as it is: a picture shown by many
chapters is read once, and a changed file is read again."""

from __future__ import annotations

import struct
import tracemalloc
import zlib
from pathlib import Path

from manualctl.check import pictures


def _png(data: bytes, *, good: bool = True) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) ^ (0 if good or kind != b"IDAT" else 1)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
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
