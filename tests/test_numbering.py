"""``numbered_chapters`` (the chapter entries of manual.yaml's data, numbered without building
the tree: ``upstream status``) against ``build_tree`` on many generated contents trees,
pinned numbers (right, wrong and lettered) and odd entries included; and
``inherits.chapter_entries`` (the same entries, an inherit entry's number worked out only
when asked) against ``numbered_chapters``, on those trees and on trees of mostly plain
lists (the lists it walks itself)."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest

from manualctl.model.inherits import Inherits, chapter_entries
from manualctl.model.manual import ChapterEntry, Manual
from manualctl.model.numbering import build_tree, chapter_entry, numbered_chapters

_KINDS = ("file", "inherit", "external", "subsection", "see_also", "note", "odd", "both")
#: mostly plain lists: chapter entries and sub-sections, a pin or an odd entry now and then
_PLAIN = ("inherit",) * 12 + ("file",) * 3 + ("subsection",) * 2 + ("both", "note", "odd")
#: lists of chapter entries only, as most manuals' are: now and then one with a flag, a
#: local file or no id, or one with both keys
_FLAT = ("inherit",) * 12 + ("file",) * 3 + ("both", "flagged", "no_id", "subsection")
_kinds = _KINDS
_pins = 0.2


def _entry(rng: random.Random, n: int, depth: int) -> Any:
    kind = rng.choice(_kinds)
    raw: dict[str, Any]
    if kind == "file":
        raw = {"file": f"chapters/c{n}.md"}
    elif kind == "inherit":
        raw = {"inherit": f"c{n}"}
    elif kind == "flagged":
        raw = {"inherit": f"c{n}", "flag": "Updated"}
    elif kind == "no_id":
        raw = {"inherit": None}
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
    if rng.random() < _pins:
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


@pytest.mark.parametrize(
    ("kinds", "pins"), [(_KINDS, 0.2), (_PLAIN, 0.01), (_FLAT, 0.0), (_FLAT, 0.01)]
)
def test_chapter_entries_are_numbered_chapters(
    kinds: tuple[str, ...], pins: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "_kinds", kinds)
    monkeypatch.setattr(sys.modules[__name__], "_pins", pins)
    rng = random.Random(14)
    inherited = in_subsections = 0
    for _ in range(3000):
        data = _contents(rng)
        numbered = list(numbered_chapters(data))
        inherits, files = chapter_entries(data)
        expected = [
            (raw["inherit"], n, where) for raw, where, n, _ in numbered if "file" not in raw
        ]
        assert list(inherits) == expected, data
        assert inherits.ids == [cid for cid, _, _ in expected]
        assert [inherits.at(i) for i in range(len(inherits))] == [e[1:] for e in expected]
        assert files == [entry for entry in numbered if "file" in entry[0]], data
        inherited += len(expected)
        in_subsections += sum(1 for _, number, _ in expected if number.count(".") == 2)
    assert inherited > 3000 and in_subsections > 300  # entries were met, in sub-sections too


def test_inherits_of_given_numbers() -> None:
    given = [("a", "1.1", ("contents", 0, "entries", 0)), ("b", "1.3", ("x", 2))]
    made = Inherits.of(given)
    assert list(made) == given and len(made) == 2 and made.at(1) == ("1.3", ("x", 2))
    assert made == Inherits.of(list(given)) and made != Inherits.of(given[:1])
