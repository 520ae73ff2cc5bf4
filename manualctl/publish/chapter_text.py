"""The Markdown of one chapter (and of a section's title) as the document model writes it:
a fenced Div whose attributes tell the pinned filter the chapter's id, number, file, kind,
flag and status, and what it need not do again (``data-ready``)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from manualctl.model.manual import ExternalEntry
from manualctl.publish.contents_list import link_target
from manualctl.publish.markdown import escape


@dataclass(frozen=True)
class DocChapter:
    """One chapter as it appears in the document."""

    id: str
    number: str
    title: str
    file: str
    kind: str = "chapter"
    flag: str | None = None
    status: str | None = None
    note: str | None = None
    amendment: str | None = None  # the amendment box's text, when New or Updated


def amendment_text(flag: str | None, sentence: str | None, name: str) -> str | None:
    """The amendment box's sentence: "In November 2026, this chapter ...".

    ``sentence`` is the front matter's ``amendments[edition]``, written by people.
    """
    if flag not in ("New", "Updated"):
        return None
    text = " ".join((sentence or "").split())
    if not text:
        verb = "added to the manual" if flag == "New" else "updated"
        return f"In {name}, this chapter was {verb}."
    if text.lower().startswith(f"in {name.lower()}"):
        return text
    first = text.split(" ", 1)[0]
    if first in ("This", "The", "A", "An", "These", "Section", "Sections"):
        text = text[0].lower() + text[1:]
    return f"In {name}, {text}"


#: The text of a chapter that has none yet (validate warns: chapter-awaiting-text).
TO_FOLLOW = "The text of this chapter is to follow."


def external_id(number: str) -> str:
    """The id of the stub of the chapter hosted elsewhere at ``number``."""
    return "external--" + number.replace(".", "-")


def external_chapter(entry: ExternalEntry) -> DocChapter:
    """The stub of a chapter hosted elsewhere, placed at its number like a chapter."""
    return DocChapter(
        id=external_id(entry.number),
        number=entry.number,
        title=entry.title,
        file="",
        kind="external",
        flag=entry.flag,
        status=entry.status,
        note=entry.note,
    )


def external_body(entry: ExternalEntry) -> str:
    """The stub's text: where the chapter is kept, and a link to it."""
    where = f", in {escape(entry.source.rstrip('.'))}" if entry.source else ""
    if entry.url:
        link = f"[{escape(entry.title)}]({link_target(entry.url)})"
        return f"This chapter is published elsewhere{where}: {link}."
    return f"This chapter is published elsewhere{where}."


def _attr(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def heading_div(number: str, title: str, kind: str) -> str:
    ident = "section--" + number.replace(".", "-")
    label = f"{number}." if kind == "section" else number
    return (
        f"::: {{#{ident} .{kind}-title data-number={_attr(number)}}}\n"
        f"{escape(label)} {escape(title)}\n:::"
    )


#: a letter of a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...)
RTL_LETTER = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

#: below this no letter is written right to left (RTL_LETTER's first range)
_FIRST_RTL = "\u0590"


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a letter of a script written right to left: what
    :data:`RTL_LETTER` finds, with the text whose highest character comes before every
    such letter (most of a council's manual) passed over without the regex, and ASCII
    text (which Python knows without reading it) passed over without even that."""
    if text.isascii():
        return False
    return max(text) >= _FIRST_RTL and RTL_LETTER.search(text) is not None


def chapter_div(doc: DocChapter, body: str, *, ready: Sequence[str] = ()) -> str:
    """The chapter's Div; ``body`` is its Markdown with labels already scoped.

    A chapter holding right-to-left letters gets ``data-dir="auto"``: manual.lua then
    finds the paragraphs that start with them (filters/direction.lua).

    ``ready`` tells manual.lua what it need not do (attribute ``data-ready``): "links",
    the links are resolved already (:mod:`manualctl.publish.prelink`); "boxes", no
    paragraph can be bold only, so no box takes its title from one (no line of ``body``
    starts with ``**`` or ``__``); "headings", every heading is at the top of the
    chapter or directly in one of its boxes (:func:`manualctl.publish.prelink.headings_at_top`);
    "pages", besides "links": html.lua does not walk it for the HTML edition's pages,
    manualctl makes its footnotes and chapter links on pandoc's output
    (:mod:`manualctl.publish.site_notes`).
    """
    attrs = [
        f"#chapter--{doc.id}",
        ".chapter",
        f"data-id={_attr(doc.id)}",
        f"data-number={_attr(doc.number)}",
        f"data-file={_attr(doc.file)}",
        f"data-kind={_attr(doc.kind)}",
    ]
    if doc.flag:
        attrs.append(f"data-flag={_attr(doc.flag)}")
    if doc.status:
        attrs.append(f"data-status={_attr(doc.status)}")
    if ready:
        attrs.append(f"data-ready={_attr(' '.join(ready))}")
    shown = (body, doc.title, doc.amendment or "", doc.note or "", doc.status or "")
    if any(has_rtl(text) for text in shown):
        attrs.append('data-dir="auto"')  # manual.lua finds its right-to-left paragraphs
    lines = [
        f"::::::::: {{{' '.join(attrs)}}}",
        f"# [{escape(doc.number)}]{{.chapter-number}} {escape(doc.title)} {{#{doc.id}}}",
    ]
    if doc.flag:  # shown under the heading as in the contents: the word, bold
        lines.append(f"\n::: chapter-flag\n[{escape(doc.flag)}]{{.flag}}\n:::")
    if doc.amendment:
        lines.append(
            f"\n:::: amendment\n::: box-title\nAmendment\n:::\n\n{escape(doc.amendment)}\n::::"
        )
    if doc.status:
        lines.append(f"\n::: chapter-status\nStatus: {escape(doc.status)}\n:::")
    if doc.note:
        lines.append(f"\n::: chapter-note\n{escape(doc.note)}\n:::")
    lines.append(f"\n{body}\n\n:::::::::")
    return "\n".join(lines)
