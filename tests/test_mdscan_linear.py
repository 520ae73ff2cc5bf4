"""The Markdown scan takes time linear in a chapter's length, whatever its shape.

Each body is about 1 MB of a shape that makes careless patterns backtrack: a pattern
that searched the rest of the text again from every unclosed ``<!--``, ``[`` or run of
backquotes would take hours on these, not the few seconds allowed.
"""

from __future__ import annotations

import time

import pytest

from manualctl.check.markdown.scan import scan

SIZE = 1_000_000
LIMIT = 2.0  # seconds of CPU time (not wall time: the machine may be busy)
_RUNS = "".join("`" * n + " a " for n in range(1, 1400))  # backquote runs of every length

SHAPES = {
    "unclosed comments": "<!--",
    "unclosed comments on lines": "<!-- x\n",
    "a tag and white space": "<a" + " " * SIZE,
    "a tag and white space on lines": "<a" + " \n" * (SIZE // 2),
    "tags not closed": "<a ",
    "brackets": "[",
    "brackets and text": "[a ",
    "links not closed": "[a](",
    "link titles not closed": '[a](b "',
    "images not closed": "![",
    "backquotes": "`",
    "code spans": "`a",
    "backquote runs of every length": _RUNS,
    "a heading of unclosed comments": "# " + "<!--" * (SIZE // 4),
    "a heading of backquote runs": "# " + _RUNS * (SIZE // len(_RUNS)),
    "a heading of link ends": "# " + "](" * (SIZE // 2),
    "a heading of links not closed": "# " + "[a](b " * (SIZE // 6),
    "a heading of attributes not closed": "# x {" + "#a " * (SIZE // 3),
    "LaTeX environments not closed": "\\begin{x}",
    "fences not closed": "```\n",
    "raw attributes not closed": "`a`{ ",
    "a div and white space": "<div" + " " * SIZE,
    "divs not closed": "<div a=",
    "a div of attributes": "<div " + "a= " * (SIZE // 3) + ">",
    "a span of equals signs": "<span " + "=" * SIZE + ">",
    "boxes around list lines": "::: box\n- x\n",
    "one word": "x" * SIZE,
    "words just under the longest": "x" * 1000 + " ",
    "words of links": "[a](b)" * 200 + " ",
}


@pytest.mark.parametrize("name", SHAPES)
def test_scan_is_linear(name: str) -> None:
    shape = SHAPES[name]
    body = shape if len(shape) >= SIZE else shape * (SIZE // len(shape))
    started = time.process_time()
    scan(body)
    assert time.process_time() - started < LIMIT
