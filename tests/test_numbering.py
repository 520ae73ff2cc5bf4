"""``numbered_chapters`` (the chapter entries of manual.yaml's data, numbered without building
the tree: ``upstream status``) against ``build_tree`` on many generated contents trees,
pinned numbers (right, wrong and lettered) and odd entries included."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from manualctl.model.manual import ChapterEntry, Manual
from manualctl.model.numbering import build_tree, chapter_entry, numbered_chapters

_KINDS = ("file", "inherit", "external", "subsection", "see_also", "note", "odd", "both")


def _entry(rng: random.Random, n: int, depth: int) -> Any:
    kind = rng.choice(_KINDS)
    raw: dict[str, Any]
    if kind == "file":
        raw = {"file": f"chapters/c{n}.md"}
    elif kind == "inherit":
        raw = {"inherit": f"c{n}"}
    elif kind == "both":  # file wins, as in build_tree
        raw = {"file": f"chapters/c{n}.md", "inherit": f"c{n}"}
    elif kind == "external":
        raw = {"external": f"Elsewhere {n}", "url": "https://example.org"}
    elif kind == "subsection":  # inside a sub-section: not numbered, not followed
        raw = {"subsection": f"Part {n}", "entries": _entries(rng, n * 10, depth + 1)}
    elif kind == "see_also":
        raw = {"see_also": [{"chapter": "c1"}]}
    elif kind == "note":
        raw = {"note": "A local policy can be substituted here"}
    else:
        return rng.choice(["a string", 3, None, ["a", "list"]])
    if rng.random() < 0.2:
        raw["number"] = rng.choice(["1", "2.1", "1.1a", "2.3b", "1.2.1", "7", 4, "2.2a"])
    return raw


def _entries(rng: random.Random, base: int, depth: int) -> Any:
    if depth > 2 or rng.random() < 0.05:
        return rng.choice([None, "entries", {"file": "x.md"}, []])
    return [_entry(rng, base + i, depth) for i in range(rng.randrange(0, 8))]


def _contents(rng: random.Random) -> dict[str, Any]:
    sections: list[Any] = []
    for s in range(rng.randrange(0, 6)):
        if rng.random() < 0.05:
            sections.append(rng.choice(["text", {"title": "no section key"}]))
            continue
        section: dict[str, Any] = {"section": f"S{s}", "entries": _entries(rng, s * 100, 0)}
        if rng.random() < 0.2:
            section["number"] = rng.choice(["1", str(s + 1), "3a"])
        sections.append(section)
    return {"id": "m", "contents": sections}


def _by_tree(data: dict[str, Any]) -> list[ChapterEntry]:
    sections, _ = build_tree(data)
    return list(Manual(Path("."), data, sections).chapter_entries())


def test_numbered_chapters_are_build_trees_numbers() -> None:
    rng = random.Random(14)
    pinned = lettered = 0
    for _ in range(3000):
        data = _contents(rng)
        expected = _by_tree(data)
        got = [chapter_entry(*numbered) for numbered in numbered_chapters(data)]
        assert got == expected, data
        pinned += sum(1 for entry in got if entry.pinned)
        lettered += sum(1 for entry in got if entry.pinned and entry.pinned[-1] in "ab")
    assert pinned > 500 and lettered > 50  # pins were met, lettered ones too


def test_no_contents_has_no_chapters() -> None:
    for data in ({}, {"contents": None}, {"contents": "text"}, {"contents": {"a": 1}}):
        assert list(numbered_chapters(data)) == _by_tree(data) == []
