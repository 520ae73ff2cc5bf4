"""The redline's sequence matcher (:mod:`manualctl.publish.redline.matching`): the same
opcodes, ratios and longest matches as difflib's SequenceMatcher without junk."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest

from manualctl.publish.redline.matching import Matcher


def _edited(rng: random.Random, items: list[int], alphabet: int) -> list[int]:
    """``items`` with a few items deleted, inserted or changed (a paragraph edited)."""
    out = list(items)
    for _ in range(rng.randint(0, 3)):
        roll = rng.random()
        if roll < 0.33 and out:
            del out[rng.randrange(len(out))]
        elif roll < 0.66:
            out.insert(rng.randint(0, len(out)), rng.randrange(alphabet))
        elif out:
            out[rng.randrange(len(out))] = rng.randrange(alphabet)
    return out


def _pair(rng: random.Random) -> tuple[list[int], list[int]]:
    alphabet = rng.choice((1, 2, 3, 5, 30))
    size = rng.choice((0, 3, 12, 60))
    if rng.random() < 0.5:  # tokens of words and spaces: every other one the same
        a = [0 if k % 2 else rng.randrange(1, alphabet + 1) for k in range(size)]
    else:
        a = [rng.randrange(alphabet) for _ in range(size)]
    if rng.random() < 0.75:
        return a, _edited(rng, a, alphabet + 1)
    return a, [rng.randrange(alphabet) for _ in range(rng.randint(0, size))]


@pytest.mark.parametrize("seed", range(8))
def test_the_same_as_difflib(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        a, b = _pair(rng)
        library = SequenceMatcher(None, a, b, autojunk=False)
        ours = Matcher(a, b)
        assert ours.get_opcodes() == library.get_opcodes(), (a, b)
        assert ours.ratio() == library.ratio()
        alo, blo = rng.randint(0, len(a)), rng.randint(0, len(b))
        ahi, bhi = rng.randint(alo, len(a)), rng.randint(blo, len(b))
        expected = library.find_longest_match(alo, ahi, blo, bhi)
        assert ours.find_longest_match(alo, ahi, blo, bhi) == expected, (a, b, alo, blo)


def test_items_of_any_kind() -> None:
    """Tokens are tuples (a word under its formatting): numbered, compared as they are."""
    a = [((), ("S", "care")), ((), ("_",)), (("Emph",), ("S", "plan"))]
    b = [((), ("S", "care")), ((), ("_",)), (("Strong",), ("S", "plan"))]
    assert Matcher(a, b).get_opcodes() == SequenceMatcher(None, a, b, False).get_opcodes()
