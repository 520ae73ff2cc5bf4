"""The pages of the HTML edition, put together from pandoc's output and the site's pieces.

The site's one pandoc run writes no template: html.lua (see its docstring) makes the
body of its output the manual's texts (title, organisation, edition line, ...), the
quick links of the contents page, then each page's name, texts (breadcrumbs, its
chapter's label) and body, each part opened by a marker line ``<!-- manualctl-... -->``.
``templates/html/site.html`` holds the pieces every page is made of (head, header,
breadcrumbs, pager, footer), with marks ``<@name>`` where a text goes. :func:`assemble`
fills in the manual's texts once, then makes each page by joining pieces, its texts and
its body (the pager from the order of the pages): no template engine runs per page.

Nothing in a chapter can add a page or markup: a marker line is a RawBlock only
html.lua writes (a chapter's ``<!--`` is escaped and raw markup refused), pandoc's
writer escapes every text and writes no ``<`` in one (checked here, so no text can hold
a mark), and page names, breadcrumb addresses and quick-link targets are checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path

from manualctl.errors import ManualctlError

_PIECE = re.compile(r"^<!-- manualctl-piece ([a-z-]+) -->\n", re.MULTILINE)
_PART = re.compile(
    r"^<!-- manualctl-(meta|quick|page|crumb|text|body)(?: (\S+))? -->\n", re.MULTILINE
)
_MARK = re.compile(r"<@([a-z-]+)>")
_VALUES = {
    "meta": re.compile(
        r"lang|title|edition-name|organisation|edition-line|notice|description|logo-src|logo-alt"
    ),
    "quick": re.compile(r"section--[a-z0-9-]*"),
    "page": re.compile(r"[a-z0-9][a-z0-9-]*\.html"),
    "crumb": re.compile(r"index\.html#section--[a-z0-9-]+"),
}
#: the marks a page or a quick link fills in (the others are the manual's texts)
_OWN = frozenset({"text", "href", "id", "label"})
#: the manual's texts every page may show ("" when the metadata has none)
_SHOWN = ("lang", "title", "edition-name", "organisation", "edition-line", "notice")
_WRAP = ("<blockquote>\n", "\n</blockquote>")  # html.lua's around each body


class SiteError(ManualctlError):
    """The HTML site could not be assembled (a bug in manualctl, not in the manual)."""

    exit_code = 3


class _Page:
    """What html.lua wrote for one page: its name, texts and body (HTML)."""

    __slots__ = ("body", "crumbs", "name", "text")

    def __init__(self, name: str) -> None:
        self.name = name
        self.crumbs: list[tuple[str, str]] = []  # (address, text)
        self.text = ""
        self.body = ""


class _Parts:
    """Everything html.lua wrote: the manual's texts, the quick links, the pages."""

    __slots__ = ("meta", "pages", "quick")

    def __init__(self) -> None:
        self.meta: dict[str, str] = dict.fromkeys(_SHOWN, "")
        self.quick: list[tuple[str, str]] = []  # (section id, label)
        self.pages: list[_Page] = []


def assemble(
    output: str,
    template: Path,
    *,
    expected: int,
    finish: Callable[[Sequence[str], Sequence[str]], list[str]] | None = None,
) -> dict[str, str]:
    """Every page of the site (file name -> HTML text, contents page first) from the
    output of the site's pandoc run and the pieces in ``template``; ``expected``: the
    number of pages (the contents page and one per chapter). ``finish``: (the pages'
    names, their bodies) -> their bodies as the site shows them
    (:func:`manualctl.publish.site_notes.finish`)."""
    parts = _parts(output, expected)
    piece = _filled(pieces(template), parts.meta)
    pages = parts.pages
    if finish is not None:
        bodies = finish([page.name for page in pages], [page.body for page in pages])
        for page, body in zip(pages, bodies, strict=True):
            page.body = body
    contents = [piece["top"][0], piece["contents-title"][0], piece["head"][0]]
    if "logo-src" in parts.meta:
        contents.append(piece["logo"][0])
    contents += [piece["contents-site-name"][0], piece["header"][0], piece["contents-main"][0]]
    if "description" in parts.meta:
        contents.append(piece["description"][0])
    if parts.quick:
        contents.append(piece["quick-links"][0])
        for ident, label in parts.quick:
            _put(contents, piece["quick-link"], {"id": ident, "label": label})
        contents.append(piece["quick-links-end"][0])
    written = {pages[0].name: "".join([*contents, pages[0].body, *piece["main-end"]])}
    written[pages[0].name] += piece["bottom"][0]
    head = [piece[name][0] for name in ("head", "chapter-site-name", "header", "crumbs")]
    middle = [piece["chapter-main"][0]]
    for at in range(1, len(pages)):
        page = pages[at]
        out = [piece["top"][0]]
        _put(out, piece["chapter-title"], {"text": page.text})
        out += head
        for href, text in page.crumbs:
            _put(out, piece["crumb"], {"href": href, "text": text})
        _put(out, piece["crumb-current"], {"text": page.text})
        out += [*middle, page.body, piece["main-end"][0], piece["pager"][0]]
        if at > 1:
            before = pages[at - 1]
            _put(out, piece["pager-previous"], {"href": before.name, "text": before.text})
        out.append(piece["pager-contents"][0])
        if at + 1 < len(pages):
            after = pages[at + 1]
            _put(out, piece["pager-next"], {"href": after.name, "text": after.text})
        out += [piece["pager-end"][0], piece["bottom"][0]]
        written[page.name] = "".join(out)
    return written


@cache
def pieces(template: Path) -> Mapping[str, str]:
    """The pieces of ``template`` (templates/html/site.html): name -> text."""
    parts = _PIECE.split(template.read_text(encoding="utf-8"))
    found = dict(zip(parts[1::2], parts[2::2], strict=True))
    if len(found) != len(parts) // 2:
        raise SiteError(f"{template} holds a piece twice.")
    return found


def _filled(found: Mapping[str, str], meta: Mapping[str, str]) -> dict[str, list[str]]:
    """Each piece with the manual's texts put in, split at the marks a page fills in:
    [text, mark, text, mark, text, ...]."""
    filled: dict[str, list[str]] = {}
    for name, text in found.items():
        split = _MARK.split(text)
        for at in range(1, len(split), 2):
            mark = split[at]
            if mark not in _OWN:
                if mark not in meta and mark not in ("description", "logo-src", "logo-alt"):
                    raise SiteError(f"The piece {name} of the site has an unknown mark {mark}.")
                split[at - 1] += meta.get(mark, "") + split[at + 1]
                split[at] = split[at + 1] = ""
        filled[name] = _joined(split)
    return filled


def _joined(split: list[str]) -> list[str]:
    """``split`` with the emptied marks (and the text after each) taken out again."""
    out = [split[0]]
    for at in range(1, len(split), 2):
        if split[at]:
            out += [split[at], split[at + 1]]
        elif split[at + 1]:
            out[-1] += split[at + 1]
    return out


def _put(out: list[str], split: list[str], values: Mapping[str, str]) -> None:
    out.append(split[0])
    for at in range(1, len(split), 2):
        out += [values[split[at]], split[at + 1]]


def _parts(output: str, expected: int) -> _Parts:
    """What html.lua wrote (see its docstring), checked."""
    split = _PART.split(output)
    if split[0].strip():
        raise SiteError("The HTML filter wrote text before its first marker.")
    found = _Parts()
    names: set[str] = set()
    page: _Page | None = None
    for at in range(1, len(split), 3):
        kind, value, text = split[at], split[at + 1] or "", split[at + 2]
        pattern = _VALUES.get(kind)
        if (pattern is None) == bool(value) or (pattern and not pattern.fullmatch(value)):
            raise SiteError(f'The HTML filter wrote a "{kind}" marker with "{value}".')
        if kind == "body":
            if page is None or page.body:
                raise SiteError("The HTML filter wrote a body that is no page's.")
            page.body = _unwrapped(text)
            continue
        if kind == "page":
            if value in names:
                raise SiteError(f"The HTML filter wrote the page {value} twice.")
            names.add(value)
            page = _Page(value)
            found.pages.append(page)
            continue
        text = text.removesuffix("\n")
        if "<" in text:  # pandoc escapes "<" in a text: none can hold a mark
            raise SiteError(f"The HTML filter wrote a text with markup in it: {text[:40]}")
        if kind == "meta":
            found.meta[value] = text
        elif kind == "quick":
            found.quick.append((value, text))
        elif page is None:
            raise SiteError("The HTML filter wrote a page's text before the page.")
        elif kind == "crumb":
            page.crumbs.append((value, text))
        else:
            page.text = text
    pages = found.pages
    if len(pages) != expected or pages[0].name != "index.html":
        raise SiteError(
            f"The HTML filter wrote {len(pages)} page(s) ({', '.join(names)}); "
            f"expected the contents page and {expected - 1} chapter page(s)."
        )
    return found


def _unwrapped(body: str) -> str:
    """A page's body without the block quote html.lua wraps it in, ending with a new line."""
    inner = body.rstrip("\n")
    if not (inner.startswith(_WRAP[0]) and inner.endswith(_WRAP[1])):
        raise SiteError("The HTML filter wrote a page body that is not in its block quote.")
    return inner[len(_WRAP[0]) : -len(_WRAP[1])] + "\n"
