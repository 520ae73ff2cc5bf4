"""Where an inherited chapter's links lead (manualctl.upstream.links).

:func:`~manualctl.upstream.links.may_lead_here` lets validate skip the scan of a template
chapter that cannot have a link to place; it is held here to the scanner (itself held to
pandoc by tests/test_mdscan.py) on that file's samples, hand-written and generated, and
on every chapter of the test fixtures and sample manuals: wherever the scanner finds a
link that ``goes`` places, the quick look says so.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, REPO_ROOT
from test_mdscan import GENERATED, SAMPLES

from manualctl.check.markdown.scan import Link, scan
from manualctl.upstream.links import (
    CHAPTER,
    FILE,
    PICTURE,
    UNPLACED,
    Goes,
    goes,
    lost,
    may_lead_here,
)

TRICKY = [
    "see <chapter:foo> now",
    "see [x]\n\n[x]: chapter:foo",
    "see [x][y]\n\n[y]: ../a/b.md",
    "see [x]\n\n  [x]:\n  <../a/b.md>",
    "![a picture](media/a.png)",
    "[text](\n../a/b.md)",
    "[text](<../a b.md>)",
    "[web](https://example.org) [mail](mailto:a@example.org) [here](#part)",
]


def _bodies() -> list[str]:
    files = [*FIXTURES.rglob("*.md"), *(REPO_ROOT / "manuals").rglob("*.md")]
    return [p.read_text(encoding="utf-8") for p in sorted(files)]


def _placed(link: Link) -> bool:
    return goes(link, "chapters/x/y.md", {}, {}) is not None


@pytest.mark.parametrize("corpus", ["samples", "generated", "tricky", "files"])
def test_the_quick_look_misses_no_link_the_scanner_finds(corpus: str) -> None:
    bodies = {
        "samples": [s if isinstance(s, str) else s[0] for s in SAMPLES],
        "generated": GENERATED,
        "tricky": TRICKY,
        "files": _bodies(),
    }[corpus]
    assert bodies
    missed = [b for b in bodies if any(map(_placed, scan(b).links)) and not may_lead_here(b)]
    assert missed == []


def test_where_each_kind_of_link_leads() -> None:
    by_file = {
        "chapters/a/vision.md": "vision",
        "chapters/a/privacy.md": "privacy",
        "chapters/b/help.md": "help",
    }
    standing = {"vision": "vision", "help": "local-help"}  # privacy is not placed
    body = (
        "[v](../a/vision.md#aims) [p](privacy.md) [h](chapter:help#who) [q](chapter:privacy)"
        " [f](../../forms/f.pdf) ![pic](../../media/p.png) [w](https://example.org)"
        " [out](../../../x.md) [here](#top)"
    )
    found = [goes(link, "chapters/a/here.md", by_file, standing) for link in scan(body).links]
    assert found == [
        Goes(CHAPTER, "vision", "aims"),
        Goes(UNPLACED, "privacy", ""),
        Goes(CHAPTER, "local-help", "who"),
        Goes(UNPLACED, "privacy", ""),
        Goes(FILE, "forms/f.pdf", ""),
        Goes(PICTURE, "media/p.png", ""),
        None,
        None,
        None,
    ]
    assert [
        (g.text, g.target, g.goes.kind) for g in lost(body, "chapters/a/here.md", by_file, standing)
    ] == [
        ("p", "privacy.md", UNPLACED),
        ("q", "chapter:privacy", UNPLACED),
        ("f", "../../forms/f.pdf", FILE),
    ]
