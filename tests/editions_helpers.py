"""Small editing helpers for the edition tests (plain text edits, as an author makes them)."""

from __future__ import annotations

from pathlib import Path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def body(path: Path) -> str:
    """The text after the front matter."""
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]
