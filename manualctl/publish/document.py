"""The document model: one manual as ONE pandoc input, shared by every edition format.

:func:`build_document` turns a loaded, valid :class:`~manualctl.model.manual.Manual` into a
:class:`Document`: pandoc Markdown for the whole manual plus the metadata every format
needs. Each format (Word, PDF, HTML) renders it with one pandoc run::

    doc = build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))
    args = [*doc.pandoc_args(), "--template", "manual.typ"]       # plus the format's own
    typst = run_pandoc(doc.markdown, "typst", args)               # see manualctl.publish.pandoc

What the Markdown holds, in order (classes and ids are stable: templates rely on them):

* the manual's own contents list (only for the whole manual), as a code block of class
  ``manualctl-contents`` holding one JSON object per line (``class``, ``number``,
  ``label``, ``link`` and ``target`` or ``text``, ``status``, ``flag``, ``source``):
  pandoc reads that far faster than the list written in Markdown (every ``[...]`` costs
  it dearly). manual.lua makes it the Div ``{#manual--contents .manual-contents}`` that
  Markdown would have given: one Div per line with class ``contents-section``,
  ``contents-subsection``, ``contents-chapter``, ``contents-external``,
  ``contents-see-also`` (its later items ``contents-see-also-and``) or ``contents-note``;
  inside, spans ``.number``, ``.flag`` (New/Updated), ``.status``, ``.source``, the title
  a link when there is a target.
* per section ``::: {#section--1 .section-title data-number="1"}`` and per sub-section
  ``::: {#section--1-2 .subsection-title data-number="1.2"}``: a one-paragraph title;
* per chapter ``::: {#chapter--ID .chapter data-id= data-number= data-file= data-flag=
  data-status= data-kind=}`` holding, in order: the level-1 heading
  ``# [1.2.3]{.chapter-number} Title {#ID}`` (the chapter id is the heading's
  identifier), the amendment box ``::: amendment`` (a ``.box-title`` paragraph
  "Amendment", then "In November 2026, ..."), ``::: chapter-status`` and
  ``::: chapter-note`` lines, then the chapter body. The Amendments appendix (the
  chapter with ``kind: amendments``) always comes last.

The pinned Lua filter ``filters/manual.lua`` (always run, see :meth:`Document.pandoc_args`)
finishes the job inside pandoc: it shifts body headings below the chapter heading,
makes the identifier written into each (``{#slug}``: pandoc's, as validate checks links
against it, see :mod:`manualctl.publish.markdown`) ``ID--slug``, rewrites ``chapter:ID``,
``#ID`` and ``../other.md#part`` links to internal links, resolves images against the manual's
own files (anything else, remote images included, is refused) and gives ``::: scope``
and ``::: related`` boxes a ``.box-title`` paragraph. pandoc runs ``--sandbox`` with raw
HTML/TeX/attribute extensions off and the filter refuses any raw element, so a manual
can neither make pandoc read a file outside its folder nor embed raw markup.

Metadata (:attr:`Document.metadata`, passed with ``-M``): :mod:`manualctl.publish.metadata`.

Over 300 lines because this docstring is the format every filter and template reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from manualctl.check import policy
from manualctl.check.pictures import IMAGE_SUFFIXES
from manualctl.editions.published import EditionLabel
from manualctl.editions.published import released as released_label
from manualctl.editions.tags import display as edition_name
from manualctl.editions.tags import parse_edition
from manualctl.errors import UsageError
from manualctl.model.discovery import skipped_folder
from manualctl.model.manual import ChapterEntry, ExternalEntry, Manual
from manualctl.publish.chapter_text import (
    TO_FOLLOW,
    DocChapter,
    amendment_text,
    chapter_div,
    external_body,
    external_chapter,
    heading_div,
)
from manualctl.publish.contents_list import contents_block
from manualctl.publish.inherited import Inherited
from manualctl.publish.markdown import Read, chapter_body
from manualctl.publish.metadata import edition_metadata

#: pandoc's Markdown with every way of embedding raw markup switched off.
READER_FORMAT = (
    "markdown-raw_html-raw_tex-raw_attribute-yaml_metadata_block-citations"
    "-auto_identifiers-implicit_header_references"
)
# a line that could start a bold-only paragraph (a box's title, see chapter_text.chapter_div)
_BOLD_LINE = re.compile(r"^[ \t]*(?:\*\*|__)", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """One manual (or one chapter of it) ready for pandoc. See the module docstring."""

    root: Path
    markdown: str
    metadata: Mapping[str, str]
    chapters: tuple[DocChapter, ...]
    images: tuple[str, ...] = ()  # image files pandoc may embed, relative to root
    # an inherited chapter's pictures (publish.inherited): the name shown -> the file
    image_files: Mapping[str, Path] = field(default_factory=dict)
    # the markdown with simple chapters' links already resolved (manual.lua leaves them
    # alone: see manualctl.publish.prelink); each chapter's Div says there what the
    # filter need not do (data-ready, see chapter_text.chapter_div)
    prelinked: str = ""
    # the chapters whose footnotes and chapter links the HTML edition makes on pandoc's
    # output, not html.lua (data-ready "pages": manualctl.publish.site_notes)
    pages_ready: frozenset[str] = frozenset()
    edition: str = ""
    printed_on: date = field(default_factory=date.today)
    stem: str = ""  # the edition's part of file names: "2026-11", "2027-05-draft", "draft"

    @property
    def title(self) -> str:
        return self.metadata["title"]

    @property
    def logo(self) -> Path | None:
        value = self.metadata.get("logo")
        return Path(value) if value else None

    def pandoc_args(self) -> list[str]:
        """Arguments every format's pandoc run needs: reader, sandbox, filter, metadata."""
        args = [
            f"--from={READER_FORMAT}",
            "--sandbox",
            f"--resource-path={self.root}",
            f"--lua-filter={filter_path('manual.lua')}",
            f"--metadata=manualctl-root={self.root}",
            f"--metadata=manualctl-images={json.dumps(list(self.images))}",
            f"--metadata=manualctl-policy={json.dumps(policy.as_metadata())}",
            f"--metadata=manualctl-chapters={self.chapters_digest()}",
        ]
        if self.image_files:
            files = {name: str(path) for name, path in self.image_files.items()}
            args.append(f"--metadata=manualctl-image-files={json.dumps(files)}")
        args.extend(f"--metadata={key}={value}" for key, value in self.metadata.items())
        return args

    def chapters_digest(self) -> str:
        """SHA-1 of the chapter ids, one per line: manual.lua checks the chapters it reads
        are exactly these (a stray ':::' cannot make another)."""
        return hashlib.sha1("\n".join(c.id for c in self.chapters).encode()).hexdigest()

    def prelinked_input(self) -> tuple[str, list[str]]:
        """The Markdown and pandoc arguments with the links of simple chapters already
        resolved and hints for the filter (faster; the same output as :attr:`markdown`
        with :meth:`pandoc_args`)."""
        return self.prelinked or self.markdown, self.pandoc_args()


def filter_path(name: str) -> Path:
    """A pinned Lua filter shipped with manualctl (never one from a manual)."""
    return Path(__file__).resolve().parent / "filters" / name


def build_document(
    manual: Manual,
    *,
    edition: str,
    printed_on: date,
    chapter: str | None = None,
    label: EditionLabel | None = None,
    only: Collection[str] | None = None,
    inherited: Inherited | None = None,
    pieces: Callable[[str, str, frozenset[str], bool], str] | None = None,
    place: Callable[[str, str], str] | None = None,
    reads: Mapping[str, Read] | None = None,
    pictures: tuple[str, ...] | None = None,
) -> Document:
    """The pandoc input for ``manual`` (or only its chapter with id ``chapter``), which
    must have passed validation (:func:`manualctl.check.validate.open_manual`).

    ``edition`` is ``YYYY-MM``; ``printed_on`` is the date printed in the notice; ``label``
    says whether it is that released edition (the default) or a draft. ``only``: just the
    chapters with these ids, under their sections' headings, without the contents list (a
    redline's chapters). ``inherited``: the inherited chapters' texts with their relative
    links and pictures resolved (:func:`manualctl.publish.inherited.resolve`). ``pieces``:
    a redline's (redline.reuse): (id, prelinked text, ids, headings at top) -> its text;
    ``place`` too: (a chapter's id, its Div or a section's heading before it) -> the
    text placed. ``reads``:
    the chapter files as validate read and scanned them (its report's), not scanned again.
    ``pictures``: :func:`image_files` of the manual's folder, when already listed."""
    inherited = inherited or Inherited()
    parse_edition(edition, what="--edition")
    label = label or released_label(edition)
    name = edition_name(edition)
    # A chapter with no text yet is left out when the manual says so (edition:
    # awaiting_text: leave out), except when it is the one chapter asked for.
    leave_out = chapter is None and manual.edition_settings.get("awaiting_text") == LEAVE_OUT
    wanted = frozenset(only) if only is not None else None
    early = wanted if chapter is None else None  # (a chapter asked for is looked for first)
    placed = list(
        _placed_chapters(manual, edition, name, inherited.bodies, leave_out=leave_out, only=early)
    )
    if chapter is not None:
        placed = [p for p in placed if p[0].id == chapter]
        if not placed:
            known = sorted(c.id for c in manual.chapters.values())
            from manualctl.check.findings import did_you_mean

            raise UsageError(
                f'There is no chapter with id "{chapter}" in {manual.title}.'
                + did_you_mean(chapter, known),
                hint="Give a chapter id from the front matter of a chapter file.",
            )
    if wanted is not None and early is None:
        placed = [p for p in placed if p[0].id in wanted]
    appendix = [p for p in placed if p[0].kind == "amendments"]
    ordered = [p for p in placed if p[0].kind != "amendments"] + appendix
    parts: list[str] = []
    fast: list[str] = []  # the same, with simple chapters' links resolved, and hints
    pages_ready: list[str] = []
    if chapter is None and only is None:
        parts.append(contents_block(manual, {p[0].id: p[0] for p in placed}))
        fast.append(parts[-1])
    section_of = {p[0].id: p[2] for p in ordered}
    ids = frozenset(section_of)
    shown: set[str] = set()
    for index, (doc_chapter, text, _) in enumerate(ordered):
        for number, title, kind in section_of[doc_chapter.id]:
            # the Amendments appendix comes last, under its own section's heading
            if number not in shown:
                shown.add(number)
                parts.append(heading_div(number, title, kind))
                fast.append(place(doc_chapter.id, parts[-1]) if place else parts[-1])
        read = reads.get(doc_chapter.file) if reads else None
        body, linked, at_top = chapter_body(text, f"c{index}-", ids, read)
        parts.append(chapter_div(doc_chapter, body))
        ready = [] if _BOLD_LINE.search(body) else ["boxes"]
        if linked is not None:
            ready.append("links")
        if at_top:
            ready.append("headings")
        text = pieces(doc_chapter.id, linked or body, ids, at_top) if pieces else linked or body
        if linked is not None:  # html.lua leaves it: see manualctl.publish.site_notes
            ready.append("pages")
            pages_ready.append(doc_chapter.id)
        div = chapter_div(doc_chapter, text, ready=ready)
        fast.append(place(doc_chapter.id, div) if place else div)
    metadata = edition_metadata(manual, edition, label, printed_on)
    return Document(
        root=manual.root,
        markdown="\n\n".join(parts) + "\n",
        prelinked="\n\n".join(fast) + "\n",
        pages_ready=frozenset(pages_ready),
        metadata=metadata,
        chapters=tuple(p[0] for p in ordered),
        images=(pictures if pictures is not None else image_files(manual.root))
        + tuple(inherited.images),
        image_files=inherited.images,
        edition=edition,
        printed_on=printed_on,
        stem=label.stem,
    )


_Trail = tuple[tuple[str, str, str], ...]  # (number, title, "section"|"subsection")


#: manual.yaml ``edition: awaiting_text:``: a chapter with no text yet is left out of
#: the editions (its contents line too); the default, "to follow", gives it its page.
LEAVE_OUT = "leave out"


def _placed_chapters(
    manual: Manual,
    edition: str,
    name: str,
    bodies: Mapping[str, str],
    *,
    leave_out: bool = False,
    only: frozenset[str] | None = None,
) -> Iterator[tuple[DocChapter, str, _Trail]]:
    """Each chapter, and each chapter hosted elsewhere (a stub), in reading order, with
    its Markdown body: a chapter with no text yet says that its text is to follow, or
    is not there at all (``leave_out``); with ``only``, just the chapters of those ids."""
    for section, subsection, entry in manual.walk():
        trail: _Trail = ((section.number, section.title, "section"),)
        if subsection is not None:
            trail += ((subsection.number, subsection.title, "subsection"),)
        if isinstance(entry, ExternalEntry):
            stub = external_chapter(entry)
            if only is None or stub.id in only:
                yield stub, external_body(entry), trail
            continue
        if not isinstance(entry, ChapterEntry):
            continue
        source = manual.chapter_for(entry)
        if source is None or (only is not None and source.id not in only):
            continue
        body = bodies.get(entry.file, source.body).strip("\n")
        if not body.strip() and source.kind != "amendments":
            if leave_out:
                continue
            body = TO_FOLLOW
        yield (
            DocChapter(
                id=source.id,
                number=entry.number,
                title=source.title,
                file=entry.file,
                kind=source.kind,
                flag=entry.flag,
                status=source.status,
                note=entry.note,
                amendment=amendment_text(entry.flag, source.amendments.get(edition), name),
            ),
            body,
            trail,
        )


def image_files(root: Path) -> tuple[str, ...]:
    """Image files inside the manual (symbolic links leading outside it are left out)."""
    return tuple(_image_files(root))


def _image_files(root: Path) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not skipped_folder(d))
        for name in sorted(files):
            if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
                continue
            path = Path(folder) / name
            if path.resolve().is_relative_to(root):
                yield path.relative_to(root).as_posix()
