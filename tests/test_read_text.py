"""Reading one file the safe way (manualctl.check.file_problems.read_text): its text, or
the finding that says why not, whatever the file is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from manualctl.check import file_problems
from manualctl.check.file_problems import read_text


def test_the_bytes_looked_for_are_the_control_characters_refused() -> None:
    """Control characters are looked for in the file's bytes (all ASCII), and placed in
    its text: the two must be the same characters."""
    for code in range(256):
        in_bytes = bytes([code]).translate(None, file_problems._NOT_CONTROL) != b""
        assert in_bytes == bool(file_problems._CONTROL.match(chr(code))), hex(code)


@pytest.mark.parametrize("code", [0x00, 0x07, 0x0B, 0x1B, 0x7F])
def test_a_control_character_is_placed_by_line_and_column(tmp_path: Path, code: int) -> None:
    path = tmp_path / "chapter.md"
    path.write_bytes("---\nid: a\n---\n\nCaf\u00e9 ".encode() + bytes([code]) + b" x\n")
    text, problem = read_text(path)
    assert text is None and problem is not None
    assert (problem.code, problem.line, problem.column) == ("file-encoding", 5, 6)
    assert f"U+{code:04X}" in problem.message


def test_text_up_to_the_limit_is_read_and_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chapter.md"
    for size in (0, 1, 4095, 4096, 4097, 99_999, 100_000):
        path.write_bytes(b"a\r\n" * (size // 3) + b"b" * (size % 3))
        text, problem = read_text(path, limit=100_000)
        assert problem is None and text == path.read_text("utf-8")
    path.write_bytes(b"a" * 100_001)
    text, problem = read_text(path, limit=100_000)
    assert text is None and problem is not None and problem.code == "limit-size"


def test_what_is_not_a_regular_file_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")  # reading it would wait for ever
    (tmp_path / "folder.md").mkdir()
    for name in ("pipe.md", "folder.md"):
        text, problem = read_text(tmp_path / name)
        assert text is None and problem is not None and problem.code == "file-unreadable"
    assert read_text(tmp_path / "missing.md", missing_ok=True) == (None, None)
    text, problem = read_text(tmp_path / "missing.md")
    assert problem is not None and problem.message == "the file does not exist."
