"""The footnotes and chapter links of the HTML edition's pages html.lua does not walk.

html.lua numbers a chapter's footnotes, lists them at the end of its page and points
its links to chapters at their pages by walking every inline of the chapter, and pandoc
walks every inline of every chapter once a filter asks for one kind of inline: on a big
manual that walk was a seventh of the pandoc run. A chapter whose links manualctl
resolved before pandoc ran (data-ready "links", :mod:`manualctl.publish.prelink`) holds
no picture and no link but ``#CHAPTERID`` ones and web addresses, so it is not walked
(data-ready "pages", :attr:`Document.pages_ready`): pandoc's HTML writer writes its
footnotes as it writes any (a numbered link ``#fnN``; the notes listed after the last
page), and :func:`finish` makes of them on the chapter's page exactly what html.lua
makes of a walked chapter's (tests/test_site_notes.py holds the two equal):

* each note's reference becomes ``<sup><a href="#ID--footnote-N" id="ID--footnote-ref-N"
  ...>N</a></sup>``, numbered per chapter, with html.lua's names (one that is taken gets
  "-2", "-3", ... as html.lua's ``unique`` gives it);
* the notes are listed at the end of the chapter, under the heading "Footnotes", each
  with its back link (html.lua's classes, roles and labels);
* ``<a href="#CHAPTERID">`` points at that chapter's page (not on its own page).

Nothing from a chapter becomes markup here: pandoc wrote every tag this module reads
(a chapter's ``<`` is written ``&lt;``, raw markup is refused), what it matches is only
what pandoc's writer makes of a footnote or a link with no attributes, a note's HTML is
moved as pandoc wrote it, and what is written in is fixed text, numbers, checked
chapter ids and page names. Anything unexpected is a :class:`SiteError` (a bug).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from manualctl.model.text import unique
from manualctl.publish.site_pages import SiteError

#: what pandoc's HTML writer puts after the document when it holds footnotes
_LIST = (
    '<section id="footnotes" class="footnotes footnotes-end-of-document"'
    ' role="doc-endnotes">\n<hr />\n<ol>\n'
)
_LIST_END = "</ol>\n</section>\n"
_REF = re.compile(
    r'<a href="#fn([0-9]+)" class="footnote-ref" id="fnref\1" role="doc-noteref"><sup>\1</sup></a>'
)
_LINK = re.compile(r'<a href="#([a-z0-9-]+)">')
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # chapter ids, and external--N stubs
_PAGE = re.compile(r"[a-z0-9][a-z0-9-]*\.html")
# an identifier html.lua's footnote names could meet (not a link's, code's or picture's:
# html.lua does not collect those)
_NAMED = re.compile(r'<([a-z][a-z0-9]*)(?: [^<>]*)? id="([^"<>]*--footnote[^"<>]*)"')
_UNNAMED = frozenset({"a", "code", "img"})
_BACK = '<a href="#fnref{}" class="footnote-back" role="doc-backlink">\u21a9\ufe0e</a>'


def take_notes(output: str) -> tuple[str, list[str]]:
    """pandoc's output without the list of footnotes its writer put after the last page,
    and each note's HTML as it wrote it (its back link in), in order."""
    at = output.rfind(_LIST)
    if at < 0:
        return output, []
    if not output.endswith(_LIST_END) or not output[:at].endswith("</blockquote>\n"):
        raise SiteError("pandoc wrote the list of footnotes somewhere other than at the end.")
    items = output[at + len(_LIST) : -len(_LIST_END)]
    notes: list[str] = []
    start = 0
    while start < len(items):
        n = len(notes) + 1
        head = f'<li id="fn{n}">'
        if not items.startswith(head, start):
            raise SiteError(f"pandoc's list of footnotes has no footnote {n} where expected.")
        end = items.find(f'</li>\n<li id="fn{n + 1}">', start)
        end = len(items) - len("</li>\n") if end < 0 else end
        notes.append(items[start + len(head) : end])
        start = end + len("</li>\n")
    if not items.endswith("</li>\n"):
        raise SiteError("pandoc's list of footnotes does not end as expected.")
    return output[:at], notes


def finish(
    names: Sequence[str],
    bodies: Sequence[str],
    chapters: Sequence[str],
    ready: Collection[str],
    notes: Sequence[str],
    taken: Collection[str] = (),
) -> list[str]:
    """Every page's body with the footnotes and chapter links of the chapters in
    ``ready`` made (see the module docstring). ``names``, ``bodies``: the pages, the
    contents page first; ``chapters``: the chapter id of each later page; ``notes``:
    from :func:`take_notes`; ``taken``: the identifiers html.lua would have known of
    (:func:`known_names` of pandoc's output)."""
    if len(chapters) != len(names) - 1:
        raise SiteError("The HTML edition has not one page per chapter.")
    page_of = {}
    for chapter, name in zip(chapters, names[1:], strict=True):
        if not _SLUG.fullmatch(chapter) or not _PAGE.fullmatch(name):
            raise SiteError(f'The chapter "{chapter}" cannot have the page "{name}".')
        page_of[chapter] = name
    used = set(taken)
    out = [bodies[0]]
    done = 0
    for chapter, name, body in zip(chapters, names[1:], bodies[1:], strict=True):
        if chapter in ready:
            body, done = _noted(chapter, body, notes, done, used)
            body = _linked(body, name, page_of)
        out.append(body)
    if done != len(notes):
        raise SiteError("pandoc wrote footnotes on a page html.lua made.")
    return out


def known_names(output: str) -> set[str]:
    """The identifiers in pandoc's ``output`` that html.lua's footnote names could meet."""
    if "--footnote" not in output:
        return set()
    return {m[2] for m in _NAMED.finditer(output) if m[1] not in _UNNAMED}


def _noted(
    chapter: str, body: str, notes: Sequence[str], done: int, used: set[str]
) -> tuple[str, int]:
    """``body`` with its footnotes numbered and listed as html.lua does; the number of
    pandoc's notes taken so far."""
    if 'class="footnote-ref"' not in body:
        return body, done
    items: list[str] = []
    out: list[str] = []
    at = 0
    for ref in _REF.finditer(body):
        number = done + 1
        if int(ref[1]) != number or number > len(notes):
            raise SiteError(f"pandoc's footnote {ref[1]} is not the next one ({number}).")
        n = len(items) + 1
        note_id = unique(f"{chapter}--footnote-{n}", used)
        ref_id = unique(f"{chapter}--footnote-ref-{n}", used)
        out += [
            body[at : ref.start()],
            f'<sup><a href="#{note_id}" id="{ref_id}" class="footnote-ref" role="doc-noteref"'
            f' aria-label="Footnote {n}">{n}</a></sup>',
        ]
        at = ref.end()
        back = (
            f'<a href="#{ref_id}" class="footnote-back" role="doc-backlink"'
            f' aria-label="Back to the text of footnote {n}">\u21a9\ufe0e</a>'
        )
        items.append(
            f'<li><div id="{note_id}">\n{_with_back(notes[done], number, back)}\n</div></li>'
        )
        done = number
    if not items:
        return body, done
    out.append(body[at:])
    body = "".join(out)
    if not body.endswith("\n</div>\n"):
        raise SiteError(f"The page of {chapter} does not end with its chapter's Div.")
    title = unique(f"{chapter}--footnotes", used)
    listed = "\n".join(items)
    before = body[: -len("</div>\n")]
    return (
        f'{before}<div class="footnotes">\n'
        f'<h2 id="{title}" class="footnotes-title">Footnotes</h2>\n<ol>\n{listed}\n</ol>\n'
        "</div>\n</div>\n",
        done,
    )


def _with_back(note: str, number: int, back: str) -> str:
    """The note's HTML with html.lua's back link for pandoc's: after a space at the end
    of its last paragraph (or plain text), else in a paragraph of its own."""
    pandoc_back = _BACK.format(number)
    if note == "":  # an empty note: pandoc writes no back link
        return f"<p>{back}</p>"
    if note.endswith(pandoc_back + "</p>"):  # the last block a paragraph
        return f"{note[: -len(pandoc_back) - 4]} {back}</p>"
    if not note.endswith(pandoc_back):
        raise SiteError(f"pandoc's footnote {number} has no back link at its end.")
    text = note[: -len(pandoc_back)]
    if text.endswith("\n"):  # after another block: a paragraph of its own
        return f"{text}<p>{back}</p>"
    return f"{text} {back}"  # plain text


def _linked(body: str, here: str, page_of: dict[str, str]) -> str:
    """``body`` with each link to a chapter on another page pointed at that page."""

    def target(link: re.Match[str]) -> str:
        page = page_of.get(link[1])
        return link[0] if page is None or page == here else f'<a href="{page}">'

    return _LINK.sub(target, body) if '<a href="#' in body else body
