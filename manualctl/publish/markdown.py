"""Small, careful edits of pandoc Markdown text, done before the one pandoc run.

What to edit and where comes from the one Markdown scan (:mod:`manualctl.check.markdown`);
this module only writes the edits, all in one pass over the chapter's text:

* labels: chapters are joined into one document, so names that pandoc keeps
  document-wide would clash between chapters: footnote labels (``[^1]`` in every
  chapter) and reference-link labels (``[guidance]: https://...``). :func:`scope_labels`
  gives each chapter's labels a prefix of its own. Code is left alone.
* heading identifiers: every heading gets the identifier validate checked links against
  (:mod:`manualctl.check.markdown.ids`), written as ``{#id}`` (or added to the heading's
  own ``{...}``), so the pinned filter never makes one of its own.

:func:`escape` turns plain text (titles, notes, amendment sentences) into Markdown that
pandoc reads back as exactly that text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import NamedTuple

from manualctl.check.load import Read as Read  # (for the document's builder)
from manualctl.check.markdown.scan import Heading, Label, Scan, scan
from manualctl.publish.prelink import headings_at_top, link_edits

Edit = tuple[int, int, str]  # body[start:end] is written as the text
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Plain text as Markdown: every ASCII punctuation mark backslash-escaped.

    Line breaks become spaces, so the result is always one line of inline text.
    """
    return _PUNCT.sub(r"\\\1", " ".join(text.split()))


class ChapterText(NamedTuple):
    """A chapter's text as the document holds it (see :func:`chapter_body`)."""

    body: str  # labels scoped, headings named
    linked: str | None  # the same with its links resolved, or None: the filter does it
    headings_at_top: bool  # see manualctl.publish.prelink.headings_at_top


def chapter_body(
    body: str,
    prefix: str,
    chapter_ids: Collection[str],
    read: Read | None = None,
) -> ChapterText:
    """The chapter's text for the document: labels scoped with ``prefix`` and headings
    named; the same with its links resolved (:mod:`manualctl.publish.prelink`), or
    None when the filter must resolve them; and whether all its headings are where the
    filter looks without walking the chapter.

    ``read``: the chapter file as validate read and scanned it (its report's ``reads``):
    the scan of its body is used instead of scanning ``body`` again when ``body`` is that
    text without the blank lines at its ends (the edits never touch those), unless
    ``body`` starts indented (the scan may read a first line as code after a blank line
    and not at the very start)."""
    scanned = validated(read)
    if scanned is not None and body[:1] not in " \t" and scanned[0].strip("\n") == body:
        whole = _chapter_body(scanned[0], scanned[1], prefix, chapter_ids)
        linked = whole.linked.strip("\n") if whole.linked is not None else None
        return ChapterText(whole.body.strip("\n"), linked, whole.headings_at_top)
    return _chapter_body(body, scan(body), prefix, chapter_ids)


def validated(read: Read | None) -> tuple[str, Scan] | None:
    """The body of a chapter file and its scan, as validate read them, if it did."""
    if read is None or read[1] is None or read[3] is None:
        return None
    return read[1][2], read[3]


def _chapter_body(body: str, found: Scan, prefix: str, chapter_ids: Collection[str]) -> ChapterText:
    edits = _label_edits(found.labels, prefix) + _heading_edits(body, found.headings)
    links = link_edits(body, found, chapter_ids)
    edited = apply(body, edits)
    at_top = headings_at_top(body, found)
    if links is None:
        return ChapterText(edited, None, at_top)
    return ChapterText(edited, apply(body, edits + links) if links else edited, at_top)


def scope_labels(body: str, prefix: str, found: Scan | None = None) -> str:
    """The body with its footnote and reference-link labels prefixed by ``prefix``.

    ``[^1]`` becomes ``[^PREFIX1]``; a definition ``[nice]: https://...`` becomes
    ``[PREFIXnice]: https://...`` and its uses ``[text][nice]``, ``[nice][]`` and
    ``[nice]`` are pointed at it. Labels match case-insensitively, as in pandoc.
    """
    if "[" not in body:
        return body
    return apply(body, _label_edits((found or scan(body)).labels, prefix))


def apply(body: str, edits: Iterable[Edit]) -> str:
    """``body`` with each (start, end, text) edit made; the edits do not overlap."""
    out: list[str] = []
    done = 0
    for start, end, text in sorted(edits):
        out += [body[done:start], text]
        done = end
    out.append(body[done:])
    return "".join(out)


def _label_edits(labels: Iterable[Label], prefix: str) -> list[Edit]:
    return [
        (
            label.start,
            label.end,
            f"[{prefix}{label.label}]" if label.bracket else prefix + label.label,
        )
        for label in labels
    ]


def _heading_edits(body: str, headings: Iterable[Heading]) -> list[Edit]:
    """``{#id}`` for each heading without an explicit one, at the end of its line or
    first in its own ``{...}`` (with a backslash before each ``*`` or ``_`` that opens
    emphasis nothing closes: pandoc shows those as they are, and would read the
    ``{#id}`` after them as text). A heading whose line ends in a backslash (a line break
    in pandoc) keeps its text, and so has no identifier in the editions."""
    edits: list[Edit] = []
    for heading in headings:
        if heading.explicit:
            continue
        # an emphasis mark nothing closes would make the "{#id}" text: it is text anyway
        edits += [(at, at, "\\") for at in heading.unclosed]
        if heading.attributes >= 0:
            at = heading.attributes + 1
            edits.append((at, at, f"#{heading.id} "))
            continue
        end = heading.end
        title = body[heading.offset : end]
        if (len(title) - len(title.rstrip("\\"))) % 2:
            continue  # a last backslash is a line break, which no "{#id}" may follow
        edits.append((end, end, f" {{#{heading.id}}}"))
    return edits
