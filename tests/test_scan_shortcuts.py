"""The scan's shortcuts give what the full reading they skip would give, and its faster
patterns what the plain ones they stand for would find.

Two checks of the scan look at every line or every character of a body, and nearly every
body passes them: lists, quotes and boxes nested deeper than limits.MAX_NESTING, and runs
of more than limits.MAX_WORD characters with no space. Each first asks a cheap question
that rules out a finding (no line starts with enough markers and indentation; a space
in every piece of the text); these hold the answers equal to the full reading on
generated bodies made to sit on both sides of the limits.
"""

from __future__ import annotations

import random
import re

import pytest

from manualctl.check.limits import MAX_NESTING, MAX_WORD
from manualctl.check.markdown import scan as mdscan

_NESTING_PARTS = ["- ", "* ", "+ ", "> ", "1. ", "12) ", "  ", "   ", "\t", " ", "x", "-x "]


def _nested_body(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.2:
            lines.append(rng.choice(["::: box", "::: {.note}", ":::", "::::"]))
            continue
        prefix = "".join(rng.choice(_NESTING_PARTS) for _ in range(rng.randint(0, 14)))
        lines.append(prefix + rng.choice(["text", "", "  ", "[a](b)"]))
    boxes = "::: box\n" * rng.choice([0, 0, 1, 4, 8, 11, 12, 13])
    return boxes + "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_nesting_is_only_worked_out_where_it_may_be_too_deep(seed: int) -> None:
    rng = random.Random(seed)
    deep = shallow = 0
    for _ in range(3000):
        lines = "\n" + _nested_body(rng)
        found = mdscan.Scan()
        mdscan._fences(lines, found)
        exact = mdscan._deepest(lines, found.fences)
        expected = exact if exact[0] > MAX_NESTING else None
        assert mdscan._too_deep(lines, found.fences) == expected, lines
        deep += expected is not None
        shallow += expected is None and exact[0] > MAX_NESTING - 4
    assert deep > 100 and shallow > 100  # both sides of the limit were tried


def test_a_body_nested_too_deep_is_found_by_the_scan() -> None:
    body = "::: a\n" * 3 + "".join("  " * level + "- item\n" for level in range(10)) + ":::\n" * 3
    assert mdscan.scan(body).too_deep == (13, body.index("\n" + "  " * 9 + "- item") + 1)
    assert mdscan.scan(body.replace("::: a\n", "", 1)).too_deep is None


def _worded(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(1, 12)):
        length = rng.choice([1, 5, 40, MAX_WORD - 1, MAX_WORD, MAX_WORD + 1, MAX_WORD + 2])
        pieces.append("x" * length)
        pieces.append(rng.choice([" ", "\n", "\t", "|", "\u00a0", " | ", "\n\n"]))
    return "".join(pieces)[rng.randint(0, 600) :]


@pytest.mark.parametrize("seed", range(4))
def test_long_words_are_only_looked_for_where_there_may_be_one(seed: int) -> None:
    rng = random.Random(seed)
    ruled_out = found = 0
    for _ in range(2000):
        text = _worded(rng)
        longest = max((len(m.group()) for m in mdscan._LONG_RUN.finditer(text)), default=0)
        if not mdscan._may_run_long(text):
            ruled_out += 1
            assert longest == 0, text
        found += longest > MAX_WORD
        assert (mdscan._long_words(text, []) != []) == (longest > MAX_WORD)
    assert ruled_out > 100 and found > 100


def test_the_shortcuts_hold_right_at_the_limits() -> None:
    """The tightest cases: a tab is two levels for one character, and a run just over
    the limit may start anywhere against the pieces the text is cut into."""
    for boxes in range(MAX_NESTING + 2):
        for tabs in range(MAX_NESTING // 2 + 2):
            for marker in ("", "- ", "-\t", "> "):
                lines = "\n" + "::: box\n" * boxes + "\t" * tabs + marker + "x\n"
                found = mdscan.Scan()
                mdscan._fences(lines, found)
                exact = mdscan._deepest(lines, found.fences)
                expected = exact if exact[0] > MAX_NESTING else None
                assert mdscan._too_deep(lines, found.fences) == expected, lines
    for start in range(MAX_WORD + 2):
        text = "a " * (start // 2) + " " * (start % 2) + "x" * (MAX_WORD + 1) + " b" * 600
        assert mdscan._may_run_long(text), start
        assert mdscan._long_words(text, []) == [(start, MAX_WORD + 1)]


_LINK_PARTS = ["[t](", "[", "]", "](", "a", "b/c.md", " ", "  ", "\t", "(x)", "(", ")", '"t"']
_LINK_PARTS += ["'q'", "\\)", "\\", "<u>", "<", ">", "\n", "![i](", "#x", "c d", "x\\ y", "`"]


def test_the_link_pattern_finds_what_its_plain_form_finds() -> None:
    """A target's run of plain characters is matched whole (``++``) rather than one
    character at a time: the same links, over every generated text."""
    plain = re.compile(mdscan._LINK.pattern.replace("]++|", "]|"))
    assert plain.pattern != mdscan._LINK.pattern
    rng = random.Random(5)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(_LINK_PARTS) for _ in range(rng.randint(1, 30)))
        ours = [m.groups() + m.span() for m in mdscan._LINK.finditer(text)]
        assert ours == [m.groups() + m.span() for m in plain.finditer(text)], text
        found += bool(ours)
    assert found > 2000


def test_code_is_blanked_as_the_plain_patterns_would() -> None:
    rng = random.Random(6)
    for _ in range(5000):
        text = "".join(rng.choice(["`", "``", "a", " ", "\n", "```", "\n\n"]) for _ in range(20))
        ticks = [m.span() for m in mdscan._TICKS.finditer(text)]
        assert ticks == [m.span() for m in re.finditer(r"`+", text)]
        assert mdscan._spaces(text) == re.sub(r"[^\n]", " ", text)


def test_definitions_are_looked_for_wherever_one_may_be() -> None:
    """One look for a line that may start a reference definition stands for the two
    patterns that read them: it finds one wherever either does."""
    rng = random.Random(8)
    parts = ["\n", " ", "  ", "    ", "[", "]", ":", "]:", "^", "a", "[^1]:", "[r]: u", "<x>"]
    found = 0
    for _ in range(20000):
        lines = "\n" + "".join(rng.choice(parts) for _ in range(rng.randint(1, 25)))
        either = mdscan._REF_DEF.search(lines) or mdscan._LABEL_DEF.search(lines)
        if either:
            found += 1
            assert mdscan._DEFINITION_LINE.search(lines), lines
    assert found > 1000
