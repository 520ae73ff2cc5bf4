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


def test_the_text_length_xpath_counts_what_the_runs_hold() -> None:
    """docx_contents counts a paragraph's characters by one XPath when the body holds
    no text outside w:t (as pandoc writes it), else by reading each w:t: the same count
    either way, on generated paragraphs with links, fields, math and non-ASCII text."""
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    from manualctl.publish.docx_contents import text_in_runs, text_length

    words = ["plain", "Straße", "مرحبا", "😀 emoji", " spaced ", "", "a&b<c"]
    rng = random.Random(3)
    for case in range(300):
        runs = []
        for _ in range(rng.randint(0, 5)):
            word = rng.choice(words).replace("&", "&amp;").replace("<", "&lt;")
            kind = rng.random()
            if kind < 0.6:
                runs.append(f'<w:r><w:t xml:space="preserve">{word}</w:t></w:r>')
            elif kind < 0.8:
                runs.append(f'<w:hyperlink w:anchor="x"><w:r><w:t>{word}</w:t></w:r></w:hyperlink>')
            elif case % 3 == 0 and kind < 0.9:
                runs.append(f"<w:r><w:instrText> PAGEREF {word} </w:instrText></w:r>")
            elif case % 3 == 0:
                runs.append(f"<m:oMath><m:r><m:t>{word}</m:t></m:r></m:oMath>")
        paragraphs = "".join(f"<w:p>{''.join(rng.sample(runs, len(runs)))}</w:p>" for _ in range(3))
        body = parse_xml(f"<w:body {nsdecls('w', 'm')}>{paragraphs}</w:body>")
        length = text_length(body)
        for p in body.iterchildren(docx_layout.qn("w:p")):
            assert length(p) == text_in_runs(p), etree.tostring(p)
