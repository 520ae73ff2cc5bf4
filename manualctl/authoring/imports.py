"""Filing imported text in a manual: new chapters at a place, or the text of one chapter.

``import docx`` reads a Word document into chapters (:mod:`manualctl.importing.docx`);
this module puts them in the manual as the other authoring commands do: under the
manual's lock, refusing a manual that has errors, working out the whole change first,
writing every file (chapters, pictures, manual.yaml) or none, and checking the manual
afterwards (every change is undone if the check fails). Pictures without alt text are
the one finding let through: the import reports them, and validate keeps reporting them
(``image-alt``) until an author writes the text.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from manualctl.authoring import edits
from manualctl.authoring import placement as ce
from manualctl.authoring.opening import check_id_free, find_chapter, manual_of, manual_yaml
from manualctl.authoring.transaction import checked_changes
from manualctl.check.validate import open_report
from manualctl.errors import UsageError
from manualctl.fsutil import manual_lock
from manualctl.model.chapter import decode, split
from manualctl.model.yamltext import editor as yamledit
from manualctl.model.yamltext.scalar import quoted, scalar

#: the finding an import may leave in its own chapters (a picture the document gave no alt text)
TOLERATED = frozenset({"image-alt"})


@dataclass(frozen=True)
class Target:
    """Where imported chapters go, known before the document is read."""

    folder: str  # the chapter files' folder, e.g. "chapters/services"
    media_link: str  # from a chapter file there to media/, e.g. "../../media/"
    taken: frozenset[str]  # chapter ids in use (or retired)
    chapter: tuple[str, str] | None = None  # (id, title) of the chapter to fill


@dataclass(frozen=True)
class NewText:
    """One chapter's imported text."""

    chapter_id: str
    title: str
    body: str
    amendments: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Filed:
    """What the import did (or, with dry_run, would do)."""

    chapters: tuple[tuple[str, str, str], ...]  # (number, title, file)
    pictures: tuple[str, ...]  # media/ files written
    shifts: tuple[edits.Shift, ...] = ()
    notes: tuple[str, ...] = ()


def _media_link(rel_folder: str) -> str:
    return posixpath.relpath("media", rel_folder) + "/"


def target(root: Path, *, in_number: str | None, chapter_id: str | None) -> Target:
    """Where the import would go (the manual is read, not changed)."""
    report = open_report(root)
    manual = manual_of(report)
    taken = frozenset([*manual.chapters_by_id(), *(str(r.get("id")) for r in manual.retired)])
    if chapter_id is not None:
        entry, chapter = find_chapter(manual, chapter_id)
        folder = posixpath.dirname(entry.file)
        return Target(folder, _media_link(folder), taken, (chapter.id, chapter.title))
    place = ce.find_place(manual, in_number, None)
    folder = ce.section_folder(manual, place.section)
    return Target(folder, _media_link(folder), taken)


def chapter_text(text: NewText) -> str:
    """A new chapter file: id, title (and amendments) in front matter, then the body."""
    lines = ["---", f"id: {text.chapter_id}", f"title: {scalar(text.title)}"]
    if text.amendments:
        lines.append("amendments:")
        lines += [f"  {quoted(k)}: {quoted(v)}" for k, v in sorted(text.amendments.items())]
    lines.append("---")
    return "\n".join(lines) + "\n" + ("\n" + text.body if text.body else "")


def add_chapters(
    root: Path,
    texts: list[NewText],
    pictures: dict[str, bytes],
    *,
    in_number: str,
    today: date,
    dry_run: bool = False,
) -> Filed:
    """File ``texts`` as new chapters at the end of section or sub-section ``in_number``."""
    if not texts:
        raise UsageError(
            "The document gave no chapters: nothing was written.",
            hint="Give --split-level the level of the headings that start chapters "
            "(1 for Heading 1), or import it into one chapter with --chapter ID.",
        )
    with manual_lock(root):
        before = open_report(root, today=today)
        manual = manual_of(before)
        doc = manual_yaml(before)
        place = ce.find_place(manual, in_number, None)
        folder = ce.section_folder(manual, place.section)
        filed: list[tuple[str, str, str]] = []
        shifts: dict[str, edits.Shift] = {}
        files: list[tuple[str, str]] = []
        for offset, text in enumerate(texts):
            check_id_free(manual, text.chapter_id)
            rel = f"{folder}/{text.chapter_id}.md"
            if (manual.root / rel).exists():
                raise UsageError(
                    f"{rel} already exists; manualctl never overwrites a file.",
                    hint="Move that file away, or import into another section with --in.",
                )
            spot = ce.Place(place.seq_path, place.index + offset, place.container, place.section)
            outcome = edits.insert_entry(manual, doc, spot, {"file": rel})
            filed.append((outcome.number, text.title, rel))
            files.append((rel, chapter_text(text)))
            for shift in outcome.shifts:
                if shift.label in {f[2] for f in filed} | {f[1] for f in filed}:
                    continue
                first = shifts.get(shift.label, shift)
                shifts[shift.label] = edits.Shift(first.old, shift.new, shift.label)
        new_pictures = _new_pictures(manual.root, pictures)
        result = Filed(tuple(filed), tuple(sorted(new_pictures)), tuple(shifts.values()))
        if dry_run:
            return result
        with checked_changes(before, today, "import docx --in", tolerate=TOLERATED) as changes:
            for rel, data in sorted(new_pictures.items()):
                changes.create(manual.root / rel, data)
            for rel, chapter in files:
                changes.create(manual.root / rel, chapter)
            changes.replace(manual.config_path, doc.to_bytes())
    return result


def fill_chapter(
    root: Path,
    text: NewText,
    pictures: dict[str, bytes],
    *,
    today: date,
    dry_run: bool = False,
) -> Filed:
    """Write ``text`` as the body of the existing chapter ``text.chapter_id`` (which must
    be awaiting its text)."""
    with manual_lock(root):
        before = open_report(root, today=today)
        manual = manual_of(before)
        entry, chapter = find_chapter(manual, text.chapter_id)
        if chapter.body.strip():
            raise UsageError(
                f'The chapter "{chapter.title}" ({entry.file}) already has text: nothing '
                "was written.",
                hint="Import into a chapter that is awaiting its text, or into new chapters "
                "with --in NUMBER (then move what you want to keep).",
            )
        raw = chapter.path.read_bytes()
        parts = split(decode(raw))
        front = yamledit.Document(parts.front_matter)
        notes = []
        if chapter.status == "to follow":  # its text is here now
            yamledit.set_key(front, "status", {(): None})
            notes.append("Its status 'to follow' was removed: the text is here now.")
        for edition, sentence in sorted(text.amendments.items()):
            yamledit.set_key(
                front, edition, {("amendments",): sentence}, quote_key=True, quote_value=True
            )
        new = f"---\n{front.text}---\n" + ("\n" + text.body if text.body else "")
        new_pictures = _new_pictures(manual.root, pictures)
        result = Filed(
            ((entry.number, chapter.title, entry.file),),
            tuple(sorted(new_pictures)),
            notes=tuple(notes),
        )
        if dry_run:
            return result
        with checked_changes(before, today, "import docx --chapter", tolerate=TOLERATED) as changes:
            for rel, data in sorted(new_pictures.items()):
                changes.create(manual.root / rel, data)
            changes.replace(chapter.path, new.encode("utf-8"))
    return result


def _new_pictures(root: Path, pictures: dict[str, bytes]) -> dict[str, bytes]:
    """The pictures not in media/ yet (a picture is named by its content, so one that is
    there already is the same picture)."""
    return {rel: data for rel, data in pictures.items() if not (root / rel).exists()}
