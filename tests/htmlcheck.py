"""Reading back the pages of an HTML edition with the standard library's html.parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LANDMARKS = {"header", "nav", "main", "footer"}


@dataclass
class Page:
    """What the accessibility and link checks need from one page."""

    name: str
    lang: str | None = None
    title: str = ""
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str | None]] = field(default_factory=list)  # (src, alt)
    stylesheets: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text)
    landmarks: list[str] = field(default_factory=list)
    first_link: str | None = None
    scripts: int = 0


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.heading: int | None = None
        self.text: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        page = self.page
        if a.get("id"):
            page.ids.append(str(a["id"]))
        if tag == "html":
            page.lang = a.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag == "a" and a.get("href") is not None:
            page.links.append(str(a["href"]))
            if page.first_link is None:
                page.first_link = a["href"]
        elif tag == "img":
            page.images.append((str(a.get("src")), a.get("alt")))
        elif tag == "link" and a.get("rel") == "stylesheet":
            page.stylesheets.append(str(a.get("href")))
        elif tag == "script":
            page.scripts += 1
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.heading = int(tag[1])
            self.text = []
        if tag in LANDMARKS:
            page.landmarks.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif self.heading is not None and tag == f"h{self.heading}":
            self.page.headings.append((self.heading, " ".join("".join(self.text).split())))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page.title += data
        if self.heading is not None:
            self.text.append(data)


def read_page(path: Path) -> Page:
    page = Page(path.name)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return page


def read_site(site: Path) -> dict[str, Page]:
    """Every page of the site, by file name."""
    return {p.name: read_page(p) for p in sorted(site.glob("*.html"))}


def broken_links(site: Path, pages: dict[str, Page]) -> list[str]:
    """Internal links (and image/stylesheet references) that lead nowhere."""
    broken = []
    for page in pages.values():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = unquote(parts.path) or page.name
            if target not in pages:
                broken.append(f"{page.name}: {href} (no page {target})")
            elif parts.fragment and parts.fragment not in pages[target].ids:
                broken.append(f"{page.name}: {href} (no anchor {parts.fragment})")
        for ref in [src for src, _ in page.images] + page.stylesheets:
            if not (site / unquote(ref)).is_file():
                broken.append(f"{page.name}: {ref} (no file)")
    return broken
