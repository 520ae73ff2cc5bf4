"""A new manual from a whole Word document (``import docx --to DIR``).

The document's Heading 1s are the sections, sub-sections and chapters below them come
from :func:`manualctl.importing.docx.chapters.split` (``sections=True``). The plan is a
mapping of paths to text (pictures to bytes) that
:func:`manualctl.importing.writer.create_manual` writes all at once. A chapter titled
"Amendments" in the last section is the Amendments appendix (``kind: amendments``):
its text is made from the history by ``manualctl amendments``, so the document's is
left out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from manualctl.importing.docx import Imported, ImportedChapter, ImportedSubsection, Remark
from manualctl.importing.new_manual import AMENDMENTS_BODY, _humanise, _manual_id
from manualctl.importing.writer import Ids, front_matter
from manualctl.model.dates import REVIEW_EVERY_MONTHS
from manualctl.model.yamltext.scalar import quoted, scalar

#: from a chapter file (chapters/<section>/<id>.md) to the manual's media/ folder
MEDIA_LINK = "../../media/"


def identity(
    read: Imported, folder: Path, manual_id: str | None, title: str | None
) -> tuple[str, str]:
    """The new manual's id and title: the options, else the document's, else the folder's."""
    return _manual_id(folder, manual_id), title or read.title or _humanise(folder)


def plan_manual(
    read: Imported,
    *,
    manual_id: str,
    title: str,
    organisation: str | None,
    source_name: str,
    today: date,
    owner: str = "",
    reviewed: date | None = None,
) -> dict[str, str | bytes]:
    """The files of the manual (path -> text, or bytes for pictures). Each chapter has
    ``owner`` (when given) and review dates counted from ``reviewed`` (default: ``today``)
    with a review every 12 months, as manualctl's chapter template gives a new chapter."""
    keeping = _Keeping(owner, (reviewed or today).isoformat())
    files: dict[str, str | bytes] = dict(read.media)
    folders = Ids()
    lines = [
        f'# Imported by manualctl on {today.isoformat()} from the Word document "{source_name}".',
        "# Numbers (1, 1.1, 1.1.1) come from the order below; titles live in the chapter files.",
        f"id: {scalar(manual_id)}",
        f"title: {scalar(title)}",
    ]
    if organisation:
        lines.append(f"organisation: {scalar(organisation)}")
    lines += ["language: en-GB", "contents:"]
    last = len(read.sections) - 1
    for index, section in enumerate(read.sections):
        folder = folders.take(section.title, "section")
        if index:
            lines.append("")
        lines.append(f"  - section: {scalar(section.title)}")
        if section.entries:
            lines.append("    entries:")
        for item in section.entries:
            if isinstance(item, ImportedSubsection):
                lines.append(f"      - subsection: {scalar(item.title)}")
                if item.chapters:
                    lines.append("        entries:")
                for chapter in item.chapters:
                    lines += _entry(files, folder, chapter, False, 10, keeping)
            else:
                appendix = index == last and item.title == "Amendments"
                lines += _entry(files, folder, item, appendix, 6, keeping)
                if appendix:
                    read.remarks.append(
                        Remark(
                            '"Amendments"',
                            "the appendix's text is left out: 'manualctl amendments' writes "
                            "it from the history before each edition.",
                        )
                    )
    files["manual.yaml"] = "\n".join(lines) + "\n"
    return files


def _entry(
    files: dict[str, str | bytes],
    folder: str,
    chapter: ImportedChapter,
    appendix: bool,
    indent: int,
    keeping: _Keeping,
) -> list[str]:
    pad, more = " " * indent, " " * (indent + 2)
    if chapter.external is not None:
        source, url = chapter.external
        lines = [f"{pad}- external: {scalar(chapter.title)}"]
        if url:
            lines.append(f"{more}url: {scalar(url)}")
        if source:
            lines.append(f"{more}source: {scalar(source)}")
    else:
        lines = [f"{pad}- file: {_chapter(files, folder, chapter, appendix, keeping)}"]
    if re.fullmatch(r"[\d.]+\d[a-z]", chapter.number):  # a letter takes no place: 1.4.3a
        lines.append(f"{more}number: {scalar(chapter.number)}")
    if chapter.note:
        lines.append(f"{more}note: {scalar(chapter.note)}")
    if chapter.flag:
        lines.append(f"{more}flag: {chapter.flag}")
    return lines


class _Keeping(NamedTuple):
    owner: str  # empty: validate warns owner-missing until an author adds one
    reviewed: str  # YYYY-MM-DD


def _chapter(
    files: dict[str, str | bytes],
    folder: str,
    chapter: ImportedChapter,
    appendix: bool,
    keeping: _Keeping,
) -> str:
    rel = f"chapters/{folder}/{chapter.chapter_id}.md"
    fields = [("id", chapter.chapter_id), ("title", scalar(chapter.title))]
    if not appendix:  # the appendix is made from the history: no owner, no reviews
        if keeping.owner:
            fields.append(("owner", scalar(keeping.owner)))
        review = f"\n  last: {keeping.reviewed}\n  every_months: {REVIEW_EVERY_MONTHS}"
        fields.append(("review", review))
    if chapter.status:
        fields.append(("status", scalar(chapter.status)))
    if chapter.amendments:
        block = "".join(
            f"\n  {quoted(k)}: {quoted(v)}" for k, v in sorted(chapter.amendments.items())
        )
        fields.append(("amendments", block))
    if appendix:
        fields.append(("kind", "amendments"))
        body = "\n" + AMENDMENTS_BODY
    else:
        body = "\n" + chapter.body if chapter.body else ""
    files[rel] = front_matter(fields, body)
    return rel
