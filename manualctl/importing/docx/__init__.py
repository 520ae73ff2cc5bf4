"""``import docx``: a council's Word document as chapters of the manual.

:func:`read_docx` checks the file (:mod:`.package`), has pandoc read it into its JSON
tree, cuts that into chapters (:mod:`.chapters`) and writes each as pandoc Markdown,
in two pandoc runs whatever the document's size, with Python's cycle collector paused
(its passes over the tree's million containers cost as much as reading them, and find
nothing). It returns data (the chapters' text,
the pictures, the remarks); it writes nothing. Filing the chapters in the manual is
:mod:`manualctl.authoring.imports`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from manualctl.importing.docx import chapters as ch
from manualctl.importing.docx import package, pandoc_run, rewrite
from manualctl.model.yamltext.reader import collector_paused

Remark = ch.Remark


@dataclass(frozen=True)
class ImportedChapter:
    chapter_id: str
    title: str
    body: str  # pandoc Markdown, ending with a newline (empty when the part had no text)
    amendments: dict[str, str] = field(default_factory=dict)
    flag: str | None = None  # New or Updated (from an edition manualctl published)
    external: tuple[str, str | None] | None = None  # (source, url): hosted elsewhere
    status: str | None = None
    note: str | None = None
    number: str = ""  # the number its heading showed (kept when it has a letter: 1.4.3a)


@dataclass(frozen=True)
class ImportedSubsection:
    title: str
    chapters: list[ImportedChapter]


@dataclass(frozen=True)
class ImportedSection:
    title: str
    entries: list[ImportedChapter | ImportedSubsection]


@dataclass(frozen=True)
class Imported:
    chapters: list[ImportedChapter]
    media: dict[str, bytes]  # "media/NAME" -> the picture's bytes
    remarks: list[Remark]
    sections: list[ImportedSection] = field(default_factory=list)  # a whole manual's
    title: str = ""  # the document's title (its Title paragraph), if it has one


def read_docx(
    path: Path,
    *,
    pandoc: str,
    media_link: str,
    taken: set[str],
    split_level: int = 1,
    single: tuple[str, str] | None = None,
    sections: bool = False,
    accept_changes: bool = False,
) -> Imported:
    """The chapters in the Word document at ``path``.

    ``media_link`` is the path from a chapter file to ``media/`` (``../../media/``);
    ``taken`` the ids already used in the manual. With ``single`` (id, title) the whole
    document is that one chapter; otherwise a chapter starts at each heading of
    ``split_level``. With ``sections`` the document is a whole manual (Heading 1 starts
    a section) and :attr:`Imported.sections` holds its tree.
    """
    docx = package.open_package(path, accept_changes=accept_changes)
    with collector_paused():  # pandoc's tree: a million containers, none in a cycle
        return _read(path, docx, pandoc, media_link, taken, split_level, single, sections)


def _read(
    path: Path,
    docx: package.Package,
    pandoc: str,
    media_link: str,
    taken: set[str],
    split_level: int,
    single: tuple[str, str] | None,
    sections: bool,
) -> Imported:
    tree = pandoc_run.read_tree(pandoc, path)
    tree_blocks = tree["blocks"]
    cut = ch.split(
        tree_blocks,
        split_level=split_level,
        headings=docx.headings,
        taken=set(taken),
        single=single,
        sections=sections,
    )
    remarks = list(cut.remarks)
    if docx.tracked_changes:
        remarks.append(
            Remark(
                "the document",
                f"its {docx.tracked_changes} tracked change(s) were "
                "taken as accepted (--accept-changes).",
            )
        )
    for comment in docx.comments:
        remarks.append(
            Remark(
                "a comment",
                f"by {comment.author or 'someone'}: {comment.text[:70]!r} is not imported.",
            )
        )
    if docx.text_boxes:
        remarks.append(
            Remark(
                "the document",
                f"its {docx.text_boxes} text box(es) or shape(s) are "
                "kept as ordinary paragraphs where they stood: check them.",
            )
        )
    if docx.headers:
        shown = "; ".join(repr(text[:60]) for text in docx.headers)
        remarks.append(
            Remark(
                "the page headers and footers", f"{shown}: left out (the editions make their own)."
            )
        )
    media = rewrite.Media(docx.picture)
    blocks = rewrite.finish(cut.parts, media, media_link=media_link, remarks=remarks)
    bodies = pandoc_run.write_markdown(pandoc, tree["pandoc-api-version"], blocks)
    imported = [
        ImportedChapter(
            part.chapter_id,
            part.title,
            body + "\n" if body else "",
            dict(part.amendments),
            part.flag,
            part.external,
            part.status,
            part.note,
            part.number,
        )
        for part, body in zip(cut.parts, bodies, strict=True)
    ]
    by_id = {c.chapter_id: c for c in imported}

    def entry(item: ch.Part | ch.Subsection) -> ImportedChapter | ImportedSubsection:
        if isinstance(item, ch.Subsection):
            return ImportedSubsection(item.title, [by_id[p.chapter_id] for p in item.parts])
        return by_id[item.chapter_id]

    tree_of = [ImportedSection(s.title, [entry(e) for e in s.entries]) for s in cut.sections]
    return Imported(imported, dict(media.files), remarks, tree_of, _title(tree.get("meta", {})))


def _title(meta: dict[str, Any]) -> str:
    """The document's title: pandoc takes the paragraph in Word's Title style into its
    metadata."""
    title = meta.get("title")
    return ch.text_of(title.get("c", [])) if isinstance(title, dict) else ""
