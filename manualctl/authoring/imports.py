"""Filing imported text in a manual: new chapters at a place, or the text of one chapter.

``import docx`` reads a Word document into chapters (:mod:`manualctl.importing.docx`);
this module puts them in the manual as the other authoring commands do: under the
manual's lock, refusing a manual that has errors, working out the whole change first,
writing every file (chapters, pictures, manual.yaml) or none, and checking the manual
afterwards (every change is undone if the check fails). Pictures without alt text are
the one finding let through: the import reports them, and validate keeps reporting them
(``image-alt``) until an author writes the text.

A new chapter's front matter is made as ``new-chapter`` makes it, from the manual's
chapter template (:mod:`.scaffold`): its owner (``owner``, else left empty: validate
warns ``owner-missing`` until someone adds it) and its review dates, counted from
``reviewed`` (when the document's text was last reviewed; the day of the import
unless the author says). A chapter filled with text gets the owner when one is given,
and review dates when it has none (or ``reviewed`` is given).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from manualctl.authoring import edits, scaffold
from manualctl.authoring import placement as ce
from manualctl.authoring.opening import check_id_free, find_chapter, manual_of, manual_yaml
from manualctl.authoring.transaction import checked_changes
from manualctl.check.validate import open_report
from manualctl.errors import UsageError
from manualctl.fsutil import manual_lock
from manualctl.model.chapter import decode, parse, split
from manualctl.model.dates import REVIEW_EVERY_MONTHS, add_months
from manualctl.model.yamltext import editor as yamledit

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
class Keeping:
    """Who keeps the imported chapters up to date, and since when."""

    owner: str  # a role or team; empty when the author did not say
    reviewed: date  # when the text was last reviewed
    given: bool = False  # ``reviewed`` was given (not the day of the import)


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


def chapter_text(text: NewText, template: scaffold.Template, keeping: Keeping) -> str:
    """A new chapter file: the front matter ``template`` makes (id, title, owner, review
    dates, as for ``new-chapter``) with the document's amendments, then the body."""
    made = scaffold.render(
        template,
        chapter_id=text.chapter_id,
        title=text.title,
        owner=keeping.owner,
        today=keeping.reviewed,
    )
    front = yamledit.Document(split(made).front_matter)
    return _with_text(front, text)


def _with_text(front: yamledit.Document, text: NewText) -> str:
    """A chapter file of the front matter ``front`` (given the document's amendments)
    and the imported body."""
    for edition, sentence in sorted(text.amendments.items()):
        yamledit.set_key(
            front, edition, {("amendments",): sentence}, quote_key=True, quote_value=True
        )
    return f"---\n{front.text}---\n" + ("\n" + text.body if text.body else "")


def add_chapters(
    root: Path,
    texts: list[NewText],
    pictures: dict[str, bytes],
    *,
    in_number: str,
    keeping: Keeping,
    today: date,
    dry_run: bool = False,
) -> Filed:
    """File ``texts`` as new chapters at the end of section or sub-section ``in_number``
    (their front matter from the manual's chapter template, as ``new-chapter`` makes it)."""
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
        template = scaffold.find_template(manual.root, scaffold.DEFAULT_TEMPLATE)
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
            files.append((rel, chapter_text(text, template, keeping)))
            for shift in outcome.shifts:
                if shift.label in {f[2] for f in filed} | {f[1] for f in filed}:
                    continue
                first = shifts.get(shift.label, shift)
                shifts[shift.label] = edits.Shift(first.old, shift.new, shift.label)
        new_pictures = _new_pictures(manual.root, pictures)
        owned = all(_has_owner(parse(chapter)[0]) for _, chapter in files)
        notes = [] if owned else [_NO_OWNER]
        result = Filed(
            tuple(filed), tuple(sorted(new_pictures)), tuple(shifts.values()), tuple(notes)
        )
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
    keeping: Keeping,
    today: date,
    dry_run: bool = False,
) -> Filed:
    """Write ``text`` as the body of the existing chapter ``text.chapter_id`` (which must
    be awaiting its text); give it ``keeping``'s owner, if there is one, and its review
    dates if it has none or they were given."""
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
        notes += _keep(front, chapter.meta, keeping)
        new = _with_text(front, text)
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


_NO_OWNER = (
    "The new chapters have no owner: validate warns (owner-missing) until each has a line "
    "'owner: ...' (a role or team), or import with --owner."
)


def _has_owner(meta: dict[str, object]) -> bool:
    owner = meta.get("owner")
    return isinstance(owner, str) and bool(owner.strip())


def _keep(front: yamledit.Document, meta: dict[str, object], keeping: Keeping) -> list[str]:
    """Set the owner and review dates of a chapter being filled; what it says about them."""
    notes = []
    owner = meta.get("owner")
    if keeping.owner:
        yamledit.set_key(front, "owner", {(): keeping.owner}, after="title")
        if _has_owner(meta) and owner != keeping.owner:
            notes.append(f"Its owner '{owner}' is now '{keeping.owner}' (--owner).")
    elif not _has_owner(meta):
        notes.append(
            "It has no owner: validate warns (owner-missing) until it has a line "
            "'owner: ...' (a role or team), or import with --owner."
        )
    review = meta.get("review")
    last = keeping.reviewed.isoformat()
    if not isinstance(review, dict) or not review:
        due = add_months(keeping.reviewed, REVIEW_EVERY_MONTHS).isoformat()
        yamledit.set_key(front, "last", {("review",): last}, mapping_before="amendments")
        yamledit.set_key(front, "next", {("review",): due})
        notes.append(
            f"Its review dates count from {last}"
            + ("." if keeping.given else " (give --reviewed for an earlier review).")
        )
    elif keeping.given:
        yamledit.set_key(front, "last", {("review",): last})
    return notes
