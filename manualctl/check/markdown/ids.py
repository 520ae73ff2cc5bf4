"""Heading identifiers as pandoc makes them: the targets of ``#anchor`` links.

The one implementation: validate checks links against it and publish writes its result
into each heading (``{#id}``) before pandoc runs, so the two cannot disagree.

pandoc's ``auto_identifiers`` (the Markdown reader's ``registerHeader``): the heading's
inlines as plain text (notes dropped, links and images by their text, code by its
content, raw markup dropped), lower case, keeping only letters, digits, ``_``, ``-``
and ``.``, runs of white space as ONE hyphen, nothing before the first letter,
``section`` when nothing is left; then ``-1``, ``-2``... for an identifier already used
in the chapter (explicit ``{#id}`` identifiers count as used). Footnote and reference
labels are not resolved at that point in pandoc, so ``[^1]`` counts as the text
``[^1]`` and ``[text][label]`` as ``[text][label]``.

Every pattern here is linear in the heading's length.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import bisect
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from manualctl.check.markdown import compiled_later

# pandoc's attribute block {#id .class key=value -}, at the end of a heading
_NAME = r"[^\W\d_][\w:.-]*"
_VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\s\"'{}]+)"
_ATTR_ITEM = rf"(?:#{_NAME}|\.{_NAME}|-|{_NAME}={_VALUE})"
ATTRIBUTES = compiled_later(rf"\{{[ \t]*(?:{_ATTR_ITEM}(?:[ \t]+{_ATTR_ITEM})*)?[ \t]*\}}")
_ID_ITEM = compiled_later(rf"#({_NAME})")

# what the heading's inlines become as plain text (pandoc's stringify), in one pass
_INLINE = re.compile(
    r"(?P<code>`+)"  # a code span opens: handled by hand (its content is kept verbatim)
    r"|\\(?P<escaped>[!-/:-@\[-`{-~])"  # \* -> *
    r"|\\ "  # an escaped space: a non-breaking space
    r"|(?P<comment><!--)"  # an HTML comment: raw, dropped (its end found by hand)
    r"|(?P<br><br\b[^<>]*>)"  # <br>: a space
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>"  # autolink
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"  # an HTML tag: raw, dropped
    r"|\^\[[^\[\]]*\]"  # an inline note: dropped
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"  # ](url "title")
    r"(?:\{[^{}]*\})?"  # and its attributes
    r"|(?<=\])\{[^{}]*\}"  # [span]{.attrs} or [link](url){.attrs}
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<dash>-{2,3})"  # smart punctuation: en and em dashes, dropped
    r"|\.\.\."  # an ellipsis, dropped
    r"|(?P<under>(?<![^\W_])_+(?=[^\s_])|(?<=[^\s_])_+(?![^\W_]))"  # emphasis, dropped
    r"|(?P<star>\*+)"  # emphasis too (dropped as punctuation anyway)
    r"|(?P<math>\$(?=\S)[^$]*(?<=\S)\$)"  # math: kept as written
)
_RAW_ATTR = compiled_later(r"\{[ \t]*=[A-Za-z0-9_-]+[ \t]*\}")


class HeadingId(NamedTuple):
    id: str
    explicit: bool  # written {#id} by the author


def split_attributes(title: str) -> tuple[str, str | None]:
    """(the title without a final ``{...}`` attribute block, that block or None)."""
    stripped = title.rstrip()
    if not stripped.endswith("}"):
        return title, None
    start = stripped.rfind("{")
    if start == -1 or not ATTRIBUTES().fullmatch(stripped, start):
        return title, None
    return stripped[:start], stripped[start:]


def explicit_id(attributes: str | None) -> str | None:
    """The ``#id`` of an attribute block, if it has one (pandoc takes the last)."""
    if not attributes:
        return None
    found = _ID_ITEM().findall(attributes)
    return found[-1] if found else None


@lru_cache(maxsize=4096)  # manuals repeat headings: "Introduction", "Scope", ...
def auto_id(title: str) -> str:
    """pandoc's automatic identifier for a heading written ``title`` (attributes
    removed), before it is made unique."""
    kept = _DROP.sub("", plain_text(title).lower())
    words = "-".join(w for w in _SPACE.split(kept) if w)
    start = next((i for i, c in enumerate(words) if _alpha(c)), len(words))
    return words[start:] or "section"


def unique_ids(titles: Iterable[tuple[str, str | None]]) -> list[HeadingId]:
    """Identifiers of a chapter's headings, given (title, explicit id or None) of each
    in reading order: pandoc's, made unique as pandoc makes them."""
    used: set[str] = set()
    tried: dict[str, int] = {}
    out: list[HeadingId] = []
    for title, explicit in titles:
        if explicit:
            used.add(explicit)
            out.append(HeadingId(explicit, True))
            continue
        base = auto_id(title)
        ident = base
        if base in used:
            # the first of base-1, base-2, ... not used yet; numbers below the last one
            # tried stay used, so each base counts on from there (pandoc stops at 60,000)
            number = tried.get(base, 0)
            while ident in used and number < 60000:
                number += 1
                ident = f"{base}-{number}"
            tried[base] = number
            if ident in used:
                ident = base
        used.add(ident)
        out.append(HeadingId(ident, False))
    return out


def plain_text(title: str) -> str:
    """The heading's inlines as pandoc's ``stringify`` gives them, near enough for its
    identifier: markup that stays in the text is dropped by the identifier anyway."""
    return _read(title)[0]


def unclosed(title: str) -> tuple[int, ...]:
    """Offsets in ``title`` of the ``*`` and ``_`` that open emphasis no later one closes.
    pandoc reads all after such a mark as the heading's text, a final ``{#id}`` too; a
    backslash before the mark makes it plain text, as pandoc shows it anyway."""
    return _read(title)[1]


@lru_cache(maxsize=4096)
def _read(title: str) -> tuple[str, tuple[int, ...]]:
    out: list[str] = []
    # (index in out, "_" or "*", can open, can close, offset in title)
    marks: list[tuple[int, str, bool, bool, int]] = []
    runs = _Runs(title) if "`" in title else None
    closes = True  # an HTML comment may still close
    at = 0
    length = len(title)
    while at < length:
        match = _INLINE.search(title, at)
        if match is None:
            out.append(title[at:])
            break
        out.append(title[at : match.start()])
        at = match.end()
        kind = match.lastgroup
        if kind == "code":
            ticks = match.group()
            end = runs.closing(match.start(), len(ticks)) if runs else -1
            if end == -1:
                out.append(ticks)  # no closing run: the backquotes are text
                continue
            raw = _RAW_ATTR().match(title, end + len(ticks))
            if raw:  # `...`{=format}: raw markup, dropped
                at = raw.end()
                continue
            out.append(title[at:end].strip())
            at = end + len(ticks)
            attributes = ATTRIBUTES().match(title, at)  # `code`{.class}
            if attributes:
                at = attributes.end()
        elif kind == "comment":
            end = title.find("-->", at) if closes else -1
            if end == -1:
                closes = False  # none later either: do not search again
                out.append(match.group())  # not closed: text
            else:
                at = end + 3
        elif kind == "escaped":
            out.append(match.group("escaped"))
        elif kind == "br":
            out.append(" ")
        elif kind == "auto":
            out.append(match.group("auto"))
        elif kind == "entity":
            entity = match.group()
            out.append(unescape(entity) if entity in _KNOWN else entity)
        elif kind == "under" or kind == "star":
            run = match.group()
            before = title[match.start() - 1] if match.start() else " "
            after = title[at] if at < length else " "
            can = (not after.isspace(), not before.isspace())
            marks.append((len(out), run[0], *can, match.start()))
            out.append(run)
        elif kind == "math":
            out.append(match.group()[1:-1])
        elif match.group() == "\\ ":
            out.append(" ")
    left = _drop_emphasis(out, marks)
    return "".join(out), left


def _drop_emphasis(
    out: list[str], marks: list[tuple[int, str, bool, bool, int]]
) -> tuple[int, ...]:
    """Marks that open and close emphasis are not text; the others are. Returns the
    offsets of the openers left open."""
    openers: dict[str, list[tuple[int, int]]] = {"_": [], "*": []}
    for index, char, can_open, can_close, offset in marks:
        waiting = openers[char]
        if can_close and waiting:
            out[waiting.pop()[0]] = out[index] = ""
        elif can_open:
            waiting.append((index, offset))
    return tuple(sorted(offset for waiting in openers.values() for _, offset in waiting))


class _Runs:
    """The runs of backquotes in a text, to find the run that closes a code span (the
    next run of the same length) without searching the text again for each one."""

    def __init__(self, text: str) -> None:
        self.by_length: dict[int, list[int]] = {}
        for match in _TICKS.finditer(text):
            self.by_length.setdefault(len(match.group()), []).append(match.start())

    def closing(self, start: int, length: int) -> int:
        """Where the run closing the one of ``length`` at ``start`` starts, or -1."""
        starts = self.by_length.get(length, [])
        index = bisect.bisect_right(starts, start)
        return starts[index] if index < len(starts) else -1


_TICKS = re.compile(r"`+")


class _Known:
    """Entities pandoc knows: HTML5 names with their semicolon, and character numbers."""

    def __contains__(self, entity: str) -> bool:
        return unescape(entity) != entity


def unescape(text: str) -> str:
    """``html.unescape(text)``, importing html only for a text with an ``&`` (its table
    of entity names costs start-up more than most manuals' headings)."""
    if "&" not in text:
        return text  # as html.unescape returns it
    import html

    return html.unescape(text)


_KNOWN = _Known()


def _alpha(char: str) -> bool:
    if char.isascii():
        return char.isalpha()
    return unicodedata.category(char)[0] == "L"


# Haskell's isSpace: ASCII white space, no-break space and Unicode spaces (Zs)
_SPACES = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE = re.compile(f"[{_SPACES}]+")
# what the identifier drops: all but letters, digits (\w: str.isalnum, and "_"), "-", "."
# and spaces
_DROP = re.compile(f"[^\\w.\\-{_SPACES}]")
