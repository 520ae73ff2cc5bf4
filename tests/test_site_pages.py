"""The HTML edition's pages put together from pandoc's output (manualctl.publish.site_pages):
what html.lua never writes is refused, and no text can fill a piece's mark."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from manualctl.publish.html import template
from manualctl.publish.site_pages import SiteError, assemble
from tests.conftest import FIXTURES

SITE = template("site.html")
CHAPTER = "chapters/all-children/our-vision.md"
META = "".join(
    f"<!-- manualctl-meta {name} -->\n{text}\n"
    for name, text in [("lang", "en-GB"), ("title", "T &amp; T"), ("notice", "N")]
)
PAGES = (
    "<!-- manualctl-page index.html -->\n<!-- manualctl-body -->\n"
    "<blockquote>\n<p>Contents</p>\n</blockquote>\n"
    "<!-- manualctl-page one.html -->\n"
    "<!-- manualctl-crumb index.html#section--1 -->\n1. All\n"
    "<!-- manualctl-text -->\n1.1 One\n"
    "<!-- manualctl-body -->\n<blockquote>\n<p>Body</p>\n</blockquote>"
)


def test_pages_from_the_pieces() -> None:
    pages = assemble(META + PAGES, SITE, expected=2)
    assert list(pages) == ["index.html", "one.html"]
    page = pages["one.html"]
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n')
    assert "<title>1.1 One - T &amp; T</title>\n" in page
    assert '<li><a href="index.html#section--1">1. All</a></li>\n' in page
    assert '<li><span aria-current="page">1.1 One</span></li>\n' in page
    assert '<main id="main" tabindex="-1" data-pagefind-body>\n<p>Body</p>\n</main>\n' in page
    assert 'rel="prev"' not in page and 'rel="next"' not in page  # the only chapter
    assert page.endswith("</footer>\n</body>\n</html>\n")
    assert "<@" not in page and "<@" not in pages["index.html"]


@pytest.mark.parametrize(
    "output",
    [
        "<!-- manualctl-piece top -->\n" + PAGES,  # no marker html.lua writes
        PAGES.replace("1.1 One", "1.1 <@title>"),  # a text with markup: pandoc escapes "<"
        PAGES.replace("one.html", "index.html"),  # a page twice
        PAGES.replace("one.html", "../one.html"),  # a page outside the site
        PAGES.replace("index.html#section--1", "javascript:x"),  # a breadcrumb's address
        PAGES.replace("<blockquote>\n<p>Body</p>\n</blockquote>", "<p>Body</p>"),
        PAGES.replace("<!-- manualctl-text -->", "<!-- manualctl-text x -->"),
        PAGES.replace("manualctl-body", "manualctl-meta x", 1),  # an unknown text
        PAGES + "\n<!-- manualctl-page two.html -->\n",  # more pages than chapters
    ],
)
def test_what_html_lua_never_writes_is_refused(output: str) -> None:
    with pytest.raises(SiteError):
        assemble(META + output, SITE, expected=2)


def test_titles_cannot_fill_a_mark(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A manual's and a chapter's title that look like the pieces' marks are text."""
    root = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    for path, old, new in [
        ("manual.yaml", "Tiny Procedures Manual", "'<@text> & <@title> Procedures Manual'"),
        (CHAPTER, "Our Vision and Purpose", "'<@href> \"x\" Our Vision and Purpose'"),
    ]:
        text = (root / path).read_text(encoding="utf-8")
        (root / path).write_text(text.replace(f"title: {old}\n", f"title: {new}\n", 1))
    result = cli("publish", str(root), "--format", "html", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    (site,) = (tmp_path / "out").glob("*-html")
    page = (site / "our-vision.html").read_text(encoding="utf-8")
    title = page[page.index("<title>") : page.index("</title>")]
    assert title.startswith('<title>1.1.1 &lt;@href&gt; "x" ')
    assert title.endswith(" - &lt;@text&gt; &amp; &lt;@title&gt; Procedures Manual")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;@text&gt; &amp; &lt;@title&gt; Procedures Manual</h1>" in index
