"""What a chapter may say about its own markup: the one allow-list, used by validate and
by the pinned Lua filter of every edition format (publish passes it to pandoc as
metadata, see :meth:`manualctl.publish.document.Document.pandoc_args`).

The HTML edition is hosted on a council's own website and chapters come from many
authors, so nothing written in a chapter may become script:

* attributes (``{key=value}`` after a heading, span, link, image, code or ``:::`` box)
  are limited to :data:`ATTRIBUTES`; ids and classes (``#id``, ``.name``) are always
  allowed, except the classes and attributes the document model uses for its own
  structure (:data:`RESERVED_CLASSES`, :data:`RESERVED_ATTRIBUTES`);
* link addresses are relative (``#part``, ``other.md``, ``chapter:ID``) or use one of
  :data:`SCHEMES`; ``javascript:``, ``vbscript:``, ``data:`` and any other scheme are
  refused, however they are written (``JaVaScRiPt:``, ``&#106;avascript:``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from manualctl.check.markdown.ids import unescape

#: attributes a chapter may give (besides #id and .class)
ATTRIBUTES = frozenset({"lang", "dir", "title", "width", "height"})
#: what the text-direction attribute may say
DIRECTIONS = frozenset({"ltr", "rtl", "auto"})
#: a language tag as the editions take it (BCP 47: "cy", "ar", "pa-Arab", "en-GB"); the
#: PDF refuses a first part of other than two or three letters
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
#: link schemes a chapter may use
SCHEMES = frozenset({"https", "http", "mailto", "tel"})
#: classes the document model and the templates give meaning to
RESERVED_CLASSES = frozenset(
    {
        "chapter",
        "chapter-number",
        "chapter-status",
        "chapter-note",
        "section-title",
        "subsection-title",
        "manual-contents",
        "manualctl-contents",
        "amendment",
        "box-title",
        "footnotes",
        "footnotes-title",
        "footnote-ref",
        "footnote-back",
    }
)
#: class prefixes reserved in the same way (the contents list's lines)
RESERVED_CLASS_PREFIXES = ("contents-", "manualctl-")
#: attributes the document model writes on its own Divs
RESERVED_ATTRIBUTES = frozenset(
    {
        "data-id",
        "data-number",
        "data-file",
        "data-kind",
        "data-flag",
        "data-status",
        "data-ready",
        "data-dir",
    }
)

# what browsers ignore in an address: ASCII tab and newlines anywhere, control
# characters and spaces at the start
_IGNORED = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def scheme(target: str) -> str | None:
    """The scheme of a link address as a browser reads it (lower case), or None for a
    relative address. Character references are decoded first, as pandoc decodes them."""
    text = _LEADING.sub("", _IGNORED.sub("", unescape(target)))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


@lru_cache(maxsize=4096)  # the same addresses come back in many chapters and rules
def target_allowed(target: str) -> bool:
    """Whether a chapter may link to ``target`` (``chapter:ID`` is manualctl's own)."""
    found = scheme(target)
    return found is None or found in SCHEMES or found == "chapter"


def class_reserved(name: str) -> bool:
    return name in RESERVED_CLASSES or name.startswith(RESERVED_CLASS_PREFIXES)


def attribute_allowed(name: str) -> bool:
    return name.lower() in ATTRIBUTES


def value_problem(name: str, value: str) -> str | None:
    """What is wrong with the value of an allowed attribute (``lang``, ``dir``), if anything."""
    key = name.lower()
    if key == "lang" and not LANGUAGE_TAG.fullmatch(value):
        return "is not a language tag"
    if key == "dir" and value.lower() not in DIRECTIONS:
        return "is not a direction"
    return None


def as_metadata() -> dict[str, list[str]]:
    """The policy as the pinned filter reads it (JSON in pandoc's metadata)."""
    return {
        "attributes": sorted(ATTRIBUTES),
        "schemes": sorted(SCHEMES | {"chapter"}),
    }
