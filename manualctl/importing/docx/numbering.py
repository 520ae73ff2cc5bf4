"""Word's automatic numbers for headings, which pandoc's docx reader drops.

A heading numbered by Word ("1.2 Purpose" where "1.2" is not typed) carries a
``w:numPr`` (list id and level), on the paragraph or on its style; ``numbering.xml``
says how each level is shown (``%1.%2``, decimal, letters, roman). Counting every
numbered paragraph in document order gives the numbers Word shows. Only the headings'
numbers are returned: one string per heading paragraph, in order ("" when it has none),
to be matched with pandoc's headings one to one. The bookmarks at each heading (Word's
named places; manualctl's own Word editions mark each chapter ``chapter--ID``) come with
them: pandoc drops those that stand between paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^heading \d$", re.IGNORECASE)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


def plain_text(xml: bytes | ElementTree.Element) -> str:
    """The text of a part (or element): its ``w:t`` runs, white space collapsed."""
    root = _parse(xml) if isinstance(xml, bytes) else xml
    if root is None:
        return ""
    return " ".join("".join(t.text or "" for t in root.iter(W + "t")).split())


def _val(node: ElementTree.Element | None, name: str) -> str | None:
    if node is None:
        return None
    child = node.find(W + name)
    return None if child is None else child.get(W + "val")


def _parse(xml: bytes) -> ElementTree.Element | None:
    if not xml:
        return None
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None


def _num_pr(ppr: ElementTree.Element | None) -> tuple[str | None, str | None]:
    num = ppr.find(W + "numPr") if ppr is not None else None
    return (_val(num, "numId"), _val(num, "ilvl")) if num is not None else (None, None)


class _Styles:
    def __init__(self, xml: bytes) -> None:
        self.heading: dict[str, bool] = {}
        self.num: dict[str, tuple[str | None, str | None]] = {}
        self.based: dict[str, str] = {}
        self.names: dict[str, str] = {}
        root = _parse(xml)
        for style in root.iter(W + "style") if root is not None else ():
            ident = style.get(W + "styleId", "")
            self.names[ident] = _val(style, "name") or ""
            based = _val(style, "basedOn")
            if based:
                self.based[ident] = based
            self.num[ident] = _num_pr(style.find(W + "pPr"))

    def chain(self, ident: str) -> list[str]:
        seen: list[str] = []
        while ident and ident not in seen and len(seen) < 20:
            seen.append(ident)
            ident = self.based.get(ident, "")
        return seen

    def is_heading(self, ident: str) -> bool:
        return any(_HEADING_NAME.match(self.names.get(s, s)) for s in self.chain(ident))

    def numbering(self, ident: str) -> tuple[str | None, str | None]:
        for style in self.chain(ident):
            num_id, level = self.num.get(style, (None, None))
            if num_id is not None:
                return num_id, level
        return None, None


class _Lists:
    def __init__(self, xml: bytes) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        root = _parse(xml)
        if root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(W + "abstractNum"):
            abstract[node.get(W + "abstractNumId", "")] = {
                int(lvl.get(W + "ilvl", "0")): _Level(
                    int(_val(lvl, "start") or "1"),
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                )
                for lvl in node.iter(W + "lvl")
                if (lvl.get(W + "ilvl") or "0").isdigit()
            }
        for num in root.iter(W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iter(W + "lvlOverride"):
                start = _val(override, "startOverride")
                at = int(override.get(W + "ilvl", "0") or 0)
                if start is not None and at in levels:
                    old = levels[at]
                    levels[at] = _Level(int(start), old.fmt, old.text)
            self.levels[num.get(W + "numId", "")] = levels


def _shown(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            text = chr(ord("a") + rest) + text
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        pairs = [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ]
        text = ""
        for size, letters in pairs:
            while value >= size:
                text, value = text + letters, value - size
        return text.upper() if fmt == "upperRoman" else text
    return str(value)


def _label(text: str, levels: dict[int, _Level], count: dict[int, int]) -> str:
    """A level's ``lvlText`` (``%1.%2``) with the counters put in."""

    def place(match: re.Match[str]) -> str:
        at = int(match[1]) - 1
        lvl = levels.get(at)
        value = count.get(at, lvl.start if lvl else 1)
        return _shown(value, lvl.fmt if lvl else "decimal")

    return re.sub(r"%(\d)", place, text).strip()


@dataclass(frozen=True)
class Heading:
    """A heading paragraph: its automatic number ("" for none) and its bookmarks."""

    number: str
    marks: tuple[str, ...] = ()


def headings(document: bytes, styles: bytes, numbering: bytes) -> list[Heading]:
    """Each heading paragraph's automatic number and bookmarks, in document order."""
    root = _parse(document)
    if root is None:
        return []
    body = root.find(W + "body")
    marks: list[str] = []
    pending: dict[int, list[str]] = {}  # id() of a paragraph -> bookmarks just before it
    for child in body if body is not None else ():
        if child.tag == W + "bookmarkStart":
            marks.append(child.get(W + "name", ""))
        elif child.tag == W + "p":
            pending[id(child)] = marks
            marks = []
        else:
            marks = []
    style_info, lists = _Styles(styles), _Lists(numbering)
    counters: dict[str, dict[int, int]] = {}
    found: list[Heading] = []
    for para in root.iter(W + "p"):
        ppr = para.find(W + "pPr")
        style = _val(ppr, "pStyle") or ""
        heading = bool(style) and style_info.is_heading(style)
        num_id, level_text = _num_pr(ppr)
        if num_id is None and style:
            num_id, style_level = style_info.numbering(style)
            level_text = level_text or style_level
        levels = lists.levels.get(num_id or "", {}) if num_id not in (None, "0") else {}
        level = int(level_text) if level_text and level_text.isdigit() else 0
        number = ""
        if level in levels:
            count = counters.setdefault(num_id or "", {})
            count[level] = count.get(level, levels[level].start - 1) + 1
            for deeper in [k for k in count if k > level]:
                del count[deeper]
            shape = levels[level]
            if shape.fmt not in ("bullet", "none"):
                number = _label(shape.text, levels, count)
        if heading:
            inside = [m.get(W + "name", "") for m in para.iter(W + "bookmarkStart")]
            names = (*pending.get(id(para), []), *inside)
            found.append(Heading(number, tuple(n for n in names if n)))
    return found
