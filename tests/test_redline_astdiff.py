"""The redline's block keys: parts of pandoc's trees told apart by comparing them
(:func:`manualctl.publish.redline.astdiff.classes`) exactly as their JSON would."""

from __future__ import annotations

import random
from typing import Any

import pytest

from manualctl.publish.redline.astdiff import BUCKET, _canon, classes

WORDS = ("a", "b", "care", "plan", "")


def _inline(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if roll < 0.5 or depth > 2:
        return {"t": "Str", "c": rng.choice(WORDS)}
    if roll < 0.7:
        return {"t": "Space"}
    if roll < 0.85:
        return {"t": "Emph", "c": [_inline(rng, depth + 1) for _ in range(rng.randint(0, 2))]}
    return {"t": "Span", "c": [["", [rng.choice(("x", "y"))], []], [_inline(rng, depth + 1)]]}


def _block(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    inlines = [_inline(rng, 0) for _ in range(rng.randint(0, 3))]
    if roll < 0.4 or depth > 1:
        return {"t": rng.choice(("Para", "Plain")), "c": inlines}
    if roll < 0.55:
        return {"t": "Header", "c": [rng.randint(1, 2), ["", [], []], inlines]}
    if roll < 0.65:
        return {"t": "HorizontalRule"}
    if roll < 0.75:  # a number that is a float on one side could be an int on none
        width = rng.choice(({"t": "ColWidth", "c": 0.5}, {"t": "ColWidthDefault"}))
        return {"t": "Table", "c": [["", [], []], [width], [[_block(rng, depth + 1)]]]}
    if roll < 0.9:
        return {
            "t": "Div",
            "c": [["", [rng.choice(("scope", "related"))], []], [_block(rng, depth + 1)]],
        }
    return [_block(rng, depth + 1) for _ in range(rng.randint(0, 2))]  # a list's item


def _same_relation(old: list[Any], new: list[Any]) -> None:
    old_keys, new_keys = classes(old, new)
    items = [*old, *new]
    keys = [*old_keys, *new_keys]
    texts = [_canon(item) for item in items]
    for i in range(len(items)):
        for j in range(len(items)):
            assert (keys[i] == keys[j]) == (texts[i] == texts[j]), (items[i], items[j])


@pytest.mark.parametrize("seed", range(40))
def test_classes_say_what_the_json_says(seed: int) -> None:
    rng = random.Random(seed)
    new = [_block(rng) for _ in range(rng.randint(0, 30))]
    # FROM: some of TO's very blocks (as assemble takes them), copies, and its own
    old: list[Any] = []
    for _ in range(rng.randint(0, 30)):
        roll = rng.random()
        if new and roll < 0.4:
            old.append(rng.choice(new))
        elif new and roll < 0.6:
            old.append(_canon_copy(rng.choice(new)))
        else:
            old.append(_block(rng))
    _same_relation(old, new)


def test_a_big_bucket_is_told_apart_by_json() -> None:
    rows = [{"t": "Para", "c": [{"t": "Str", "c": str(i % 5)}]} for i in range(BUCKET * 3)]
    _same_relation(rows[: BUCKET * 2], [_canon_copy(r) for r in rows[BUCKET:]])


def _canon_copy(item: Any) -> Any:
    import json

    return json.loads(_canon(item))
