"""The HTML edition: a static site, one page per chapter, from ONE pandoc run.

pandoc reads the document model (:mod:`manualctl.publish.document`) and runs the pinned
filter ``manual.lua`` (which ends by running ``html.lua`` in the same pass); no template:
its output is the texts and the parts of every page, which
:func:`manualctl.publish.site_pages.assemble` puts together with the pieces of
``templates/html/site.html``. :func:`render_site` writes the pages, the stylesheets and
the pictures they show::

    index.html            the contents page: quick links, sections, chapters, flags
    <chapter id>.html     one page per chapter (the Amendments appendix included)
    manual.css, print.css the stylesheets (from templates/html/)
    fonts/                Liberation Sans (the font of every edition) and its licence
    search.js             the search box (from templates/html/), shown when the index loads
    pagefind/             the search index of the chapter pages (:mod:`.search`)
    images/<path>         each picture a page shows, copied from the manual's folder

Links between chapters become links between pages (html.lua knows which page holds
each anchor; :mod:`.site_notes` makes them, and the footnotes, for the chapters
html.lua does not walk). Nothing in a chapter can add a file or markup to the site: raw HTML is
read as text, no marker can be forged (:mod:`.site_pages`), and a picture is copied
only when it is one of the manual's own image files (:attr:`Document.images`). The same
input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

from manualctl import proc
from manualctl.check.pictures import problem as picture_problem
from manualctl.errors import ManualInvalid, ProcessError
from manualctl.publish.document import Document
from manualctl.publish.pandoc import run_pandoc
from manualctl.publish.search import index_site
from manualctl.publish.site_notes import finish, known_names, take_notes
from manualctl.publish.site_pages import SiteError, assemble
from manualctl.resources import fonts_dir, templates_dir

STYLESHEETS = ("manual.css", "print.css")
SCRIPTS = ("search.js",)  # the site's only script: loaded as a file, allowed by its CSP
#: The font files manual.css names (``@font-face``), shipped with the site with their
#: licence, so every reader sees the font of the Word and PDF editions.
FONTS = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
    "LICENSE.txt",
)
_IMAGE_SRC = re.compile(r'<img\b[^>]*?\ssrc="images/([^"]+)"')


def template(name: str) -> Path:
    """A file of the HTML edition's templates (templates/html/NAME)."""
    return Path(str(templates_dir().joinpath("html", name)))


def pandoc_args(doc: Document, data_dir: Path, base: list[str] | None = None) -> list[str]:
    """The pandoc arguments of the site's one run (after the document's own, or ``base``)."""
    return [
        *(doc.pandoc_args() if base is None else base),
        f"--data-dir={data_dir}",  # an empty folder: no user templates or init.lua
        f"--metadata=manualctl-html-root={doc.root}",
        "--wrap=none",
    ]


def render_pages(doc: Document) -> dict[str, str]:
    """Every page of the site: file name -> HTML text, contents page first."""
    with tempfile.TemporaryDirectory(prefix="manualctl-html-") as data_dir:
        markdown, base = doc.prelinked_input()
        output = run_pandoc(
            markdown, "html5", pandoc_args(doc, Path(data_dir), base), root=doc.root
        ).decode("utf-8")
    # the footnotes and chapter links of the chapters html.lua leaves alone (.site_notes)
    output, notes = take_notes(output)
    chapters = [c.id for c in doc.chapters]
    taken = known_names(output)
    return assemble(
        output,
        template("site.html"),
        expected=1 + len(doc.chapters),
        finish=lambda names, bodies: finish(names, bodies, chapters, doc.pages_ready, notes, taken),
    )


def pictures(pages: dict[str, str]) -> list[str]:
    """The manual's files the pages show (paths relative to the manual's folder)."""
    found = {unquote(html.unescape(m)) for text in pages.values() for m in _IMAGE_SRC.findall(text)}
    return sorted(found)


def render_site(doc: Document, *, epoch: int, folder: Path) -> bytes:
    """Write the site for ``doc`` into the empty ``folder``; return its manifest.

    The manifest lists each file with its SHA-256 (``sha256sum`` format, sorted), so
    its own hash identifies the whole site. Every file's time is set to ``epoch``.
    """
    pages = render_pages(doc)
    digests: dict[Path, str] = {}
    for name, text in pages.items():
        _write(folder / name, text.encode("utf-8"), digests)
    # Pagefind reads the pages (only them) while the rest of the site is written
    search = proc.in_background(lambda: index_site(folder))
    try:
        _write_the_rest(doc, pages, folder, digests)
    except BaseException:
        with contextlib.suppress(ProcessError):  # (it writes in ``folder``: wait for it)
            search()
        raise
    files = [*digests, *search()]
    for path in files:
        os.utime(path, (epoch, epoch))
    return manifest(folder, files, digests)


def _write_the_rest(
    doc: Document, pages: dict[str, str], folder: Path, digests: dict[Path, str]
) -> None:
    """The stylesheets, the script, the fonts and the pictures the pages show."""
    for name in (*STYLESHEETS, *SCRIPTS):
        _write(folder / name, template(name).read_bytes(), digests)
    (folder / "fonts").mkdir()
    for name in FONTS:
        _write(folder / "fonts" / name, (fonts_dir() / name).read_bytes(), digests)
    allowed = set(doc.images)
    root = doc.root.resolve()
    for rel in pictures(pages):
        own = doc.image_files.get(rel)
        source = own or (root / rel).resolve()
        inside = own is not None or source.is_relative_to(root)
        if rel not in allowed or not inside or not source.is_file():
            raise SiteError(f'A page shows "images/{rel}", which is not an image of the manual.')
        trouble = picture_problem(source)
        if trouble is not None:  # validate refuses it too (image-content, image-unsafe)
            raise ManualInvalid(
                f'The picture "{rel}" cannot go on the website: {trouble[1]}.',
                hint="Run 'manualctl validate' for what to do, then publish again.",
            )
        target = folder / "images" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, source.read_bytes(), digests)


def _write(path: Path, data: bytes, digests: dict[Path, str]) -> None:
    """Write ``data`` to ``path``, noting its SHA-256 in ``digests``."""
    path.write_bytes(data)
    digests[path] = hashlib.sha256(data).hexdigest()


def manifest(folder: Path, files: list[Path], digests: Mapping[Path, str] | None = None) -> bytes:
    """``<sha256>  <path>`` per file, sorted by path (the sha256sum format); a file's
    SHA-256 is read from ``digests`` when it is there."""
    known = digests or {}
    ordered = sorted(files, key=lambda path: path.relative_to(folder).as_posix())
    return "".join(
        f"{known.get(path) or hashlib.sha256(path.read_bytes()).hexdigest()}  "
        f"{path.relative_to(folder).as_posix()}\n"
        for path in ordered
    ).encode("utf-8")
