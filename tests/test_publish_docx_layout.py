"""docx_layout's merge of properties: its in-order insert gives what sorting gives."""

from __future__ import annotations

import copy
import random
from typing import Any

from docx.oxml import OxmlElement
from lxml import etree

from manualctl.publish import docx_layout


def _sorted_merge(props: Any, items: list[Any], order: dict[str, int]) -> None:
    """The merge as first written: append what is missing, then a stable sort."""
    have = {child.tag for child in props}
    for item in items:
        if item.tag not in have:
            props.append(copy.copy(item))
    last = len(order)
    for child in sorted(props, key=lambda child: order.get(child.tag, last)):
        props.append(child)


def test_merge_gives_what_a_stable_sort_gives() -> None:
    names = ["w:" + name.split("}")[1] for name in docx_layout._PPR_ORDER]
    names += ["w:unknownOne", "w:unknownTwo"]  # not in the schema's order: last
    rng = random.Random(12)
    for case in range(2000):
        props = OxmlElement("w:pPr")
        chosen = rng.sample(names, rng.randint(0, 6))
        if case % 2:  # half of them in the schema's order already, as pandoc writes them
            chosen.sort(key=lambda n: docx_layout._PPR_ORDER.get(docx_layout.qn(n), 99))
        for name in chosen:
            props.append(OxmlElement(name))
        items = [OxmlElement(name) for name in rng.sample(names, rng.randint(0, 4))]
        if rng.random() < 0.2 and items:
            items.append(copy.deepcopy(items[0]))  # the same property twice
        for n, item in enumerate(items):
            item.set(docx_layout.qn("w:val"), str(n))
        expected = copy.deepcopy(props)
        _sorted_merge(expected, items, docx_layout._PPR_ORDER)
        docx_layout._merge(props, items, docx_layout._PPR_ORDER)
        assert etree.tostring(props) == etree.tostring(expected), chosen
