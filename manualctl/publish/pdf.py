"""The PDF edition: one manual's document model -> one accessible PDF.

The document model (:mod:`manualctl.publish.document`) is the manual as one pandoc input
plus its metadata. The PDF renderer converts it to Typst with one pandoc run (the model's
pinned filter, then ``filters/typst.lua``), lays it out with ``templates/manual.typ`` and
compiles it in-process with the ``typst`` package: no LaTeX, no system packages.

The PDF is tagged and conforms to PDF/UA-1: document language, title shown in the
window title, bookmarks for every section, sub-section and chapter, real headings, alt
text on images, reading order as written. ``standard="a-2b"`` adds PDF/A-2b for archiving.
Output is reproducible: the creation date is the commit time (or SOURCE_DATE_EPOCH), the
fonts are manualctl's own (templates/fonts: Liberation Sans; Noto Sans Arabic and Bengali
and Noto Color Emoji after it; system fonts are ignored), so the same commit gives the
same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from manualctl.check.findings import Finding
from manualctl.check.load import display
from manualctl.check.markdown.scan import position, scan
from manualctl.check.rules import finding
from manualctl.check.rules.links import alt_finding
from manualctl.errors import ManualInvalid
from manualctl.model import chapter
from manualctl.model.chapter import SplitText
from manualctl.model.manual import MANUAL_FILE
from manualctl.publish.typst_build import (
    DEFAULT_STANDARD,
    FONT_SCRIPTS,
    GLYPH_HINT,
    GlyphMissing,
    TypstSource,
    build,
    check_pdf_standard,
    media_name,
)


class DocumentLike(Protocol):
    """What the PDF needs of the document model (manualctl.publish.document.Document)."""

    @property
    def root(self) -> Path: ...
    @property
    def markdown(self) -> str: ...
    @property
    def metadata(self) -> Mapping[str, str]: ...
    def pandoc_args(self) -> list[str]: ...
    @property
    def image_files(self) -> Mapping[str, Path]: ...


def content_findings(root: Path, files: Iterable[str]) -> list[Finding]:
    """What the PDF edition cannot take in the chapter files (relative to ``root``), read
    by the one Markdown scan (:mod:`manualctl.check.markdown`): raw Typst (a ```{=typst}
    block or `...`{=typst}; not the same words shown as code) and images without alt
    text. validate refuses both already; this second check stands at the door of the
    one format that could run such code."""
    found: list[Finding] = []
    for rel in files:
        try:
            parts = chapter.split(chapter.decode((root / rel).read_bytes()))
        except (OSError, UnicodeDecodeError, chapter.FrontMatterError):
            continue  # validate reports unreadable chapters
        scanned = scan(parts.body)
        shown = display(root / rel)
        for raw in scanned.raw:
            if raw.kind == "Typst":
                found.append(finding("raw-typst", _where(shown, parts, raw.offset), *_RAW_TYPST))
        for link in scanned.links:
            if link.image and not link.text.strip():
                found.append(alt_finding(_where(shown, parts, link.start), link.target.strip()))
    return sorted(found, key=lambda f: (f.file, f.line, f.column))


_RAW_TYPST = (
    "raw Typst code is not allowed in a chapter.",
    "Write the content in Markdown; the PDF edition runs no code from a manual. "
    "Remove the {=typst} block.",
)


def _where(shown: str, parts: SplitText, offset: int) -> tuple[str, int, int]:
    line, column = position(parts.body, offset)
    return shown, parts.body_line + line, column + 1


def refuse_unpublishable(root: Path, files: Iterable[str]) -> None:
    """Raise :class:`ManualInvalid` (exit 1) listing every line the PDF cannot take."""
    findings = content_findings(root, files)
    if findings:
        raise ManualInvalid(
            f"{len(findings)} chapter line(s) cannot go into the PDF edition; it was not made.",
            findings,
            hint="Fix them, then publish again.",
        )


def template_meta(metadata: Mapping[str, str], created: datetime) -> dict[str, Any]:
    """The template's ``meta`` dictionary from the document model's metadata."""
    lang, _, region = (metadata.get("lang") or "en-GB").partition("-")
    logo = metadata.get("logo")
    return {
        "title": metadata.get("title", ""),
        "organisation": metadata.get("organisation") or metadata.get("author", ""),
        "edition": metadata.get("edition-line")
        or f"{metadata.get('edition-name') or metadata.get('subtitle', '')} edition",
        "description": metadata.get("description") or None,
        "notice": metadata.get("notice", ""),
        "lang": lang.lower() or "en",
        "region": region.lower() or None,
        "date": created.replace(tzinfo=None),
        "logo": "/media/" + media_name(logo) if logo else None,
        "logo-alt": metadata.get("logo-alt") or metadata.get("organisation", ""),
    }


def render_pdf(
    document: DocumentLike,
    *,
    created: datetime,
    standard: str = DEFAULT_STANDARD,
    label: str | None = None,
    source: tuple[str, list[str]] | None = None,
) -> bytes:
    """The PDF bytes of ``document`` (made from ``source``, Markdown and pandoc arguments,
    when given: the document's faster input)."""
    check_pdf_standard(standard)
    markdown, args = source or (document.markdown, document.pandoc_args())
    logo = document.metadata.get("logo")
    typst_source = TypstSource(
        markdown=markdown,
        meta=template_meta(document.metadata, created),
        created=created,
        base=document.root,
        label=label or display(document.root),
        pandoc_args=tuple(args),
        extra_images=(logo,) if logo else (),
        image_files={f"{document.root}/{name}": p for name, p in document.image_files.items()},
    )
    return build(typst_source, standard=standard)


class PublishedDocument(DocumentLike, Protocol):
    """The document model as ``manualctl publish`` hands it over."""

    @property
    def chapters(self) -> Sequence[Any]: ...  # each has .file, relative to root
    @property
    def printed_on(self) -> date: ...
    def prelinked_input(self) -> tuple[str, list[str]]: ...


def render_for_publish(document: PublishedDocument, *, epoch: int, standard: str) -> bytes:
    """What ``manualctl publish --format pdf`` writes: raw Typst and images without alt
    text refused (with file and line), then the PDF dated from ``epoch`` (the commit)."""
    files = [chapter.file for chapter in document.chapters]
    refuse_unpublishable(document.root, files)
    created = datetime.fromtimestamp(epoch, tz=UTC)
    try:
        return render_pdf(
            document, created=created, standard=standard, source=document.prelinked_input()
        )
    except GlyphMissing as exc:
        places = glyph_findings(document.root, [MANUAL_FILE, *files], exc.char)
        raise GlyphMissing(exc.char, places) from exc


def glyph_findings(root: Path, files: Iterable[str], char: str) -> list[Finding]:
    """Where ``char`` is in each of ``files`` (relative to ``root``) that holds it: the
    first place in each, as a ``pdf-no-font`` finding."""
    import unicodedata

    name = unicodedata.name(char, f"U+{ord(char):04X}")
    found: list[Finding] = []
    for rel in files:
        try:
            text = chapter.decode((root / rel).read_bytes())
        except (OSError, UnicodeDecodeError):
            continue
        at = text.find(char)
        if at < 0:
            continue
        line, column = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        found.append(
            finding(
                "pdf-no-font",
                (display(root / rel), line, column),
                f'"{char}" ({name}) is in none of the PDF\'s fonts (they have {FONT_SCRIPTS}).',
                GLYPH_HINT,
            )
        )
    return found
