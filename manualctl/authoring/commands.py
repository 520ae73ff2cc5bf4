"""The authoring commands: add, move and retire chapters.

Each command holds the manual's lock, refuses a manual that has errors, works out the
whole change before writing anything, writes atomically, and checks the manual again
afterwards: if that check fails, every change is undone. On a big manual the rules
of the check before run in a worker while the change is worked out (:class:`opened`);
nothing is written before they are done.

Python's cyclic garbage collector is off while a command holds the lock: what the
check before the change made (every chapter, scan and finding of the manual) is alive
until the check after it, and each pass of the collector over it during the edit
found nothing to free (about as long as the edit itself on 2,000 chapters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from manualctl import git
from manualctl.authoring import edits, scaffold
from manualctl.authoring import placement as ce
from manualctl.authoring.naming import chapter_id_for, windows_reserved
from manualctl.authoring.opening import (
    check_id_free,
    find_chapter,
    manual_of,
    manual_yaml,
    opened,
)
from manualctl.authoring.references import check_links_survive, check_unreferenced
from manualctl.authoring.transaction import checked_changes, git_state
from manualctl.check.load import Resolver
from manualctl.errors import UsageError
from manualctl.fsutil import Leftover, manual_lock
from manualctl.model.manual import Manual
from manualctl.model.yamltext import editor as yamledit
from manualctl.model.yamltext.reader import collector_paused


@dataclass(frozen=True)
class Result:
    """What a command did, for the CLI to print."""

    chapter_id: str
    title: str
    number: str
    file: str  # relative to the manual folder
    shifts: tuple[edits.Shift, ...] = ()
    notes: tuple[str, ...] = ()
    cleared: tuple[Leftover, ...] = ()  # what killed runs had left, deleted (fsutil.Lock)


def new_chapter(
    root: Path,
    title: str,
    *,
    in_number: str | None,
    after: str | None,
    chapter_id: str | None = None,
    template: str = scaffold.DEFAULT_TEMPLATE,
    owner: str = "",
    today: date,
    resolver: Resolver | None = None,
) -> Result:
    """Create a chapter file from a template and file it in the contents.

    ``resolver`` reads the inherited chapters of a manual built on a template (see
    :data:`manualctl.check.load.Resolver`): with it they are chapters like the others
    (a place after one, an id already taken, the check after the change)."""
    title = " ".join(title.split())
    if not title:
        raise UsageError("The title is empty.", hint='Give the title in quotes: "My Chapter".')
    new_id = chapter_id_for(title, chapter_id)
    with (
        manual_lock(root) as lock,
        collector_paused(),  # (see the module's docstring)
        opened(root, today=today, resolver=resolver) as before,
    ):
        manual = manual_of(before)
        check_id_free(manual, new_id)
        text = scaffold.render(
            scaffold.find_template(manual.root, template),
            chapter_id=new_id,
            title=title,
            owner=" ".join(owner.split()),
            today=today,
        )
        place = ce.find_place(manual, in_number, after)
        rel = f"{ce.section_folder(manual, place.section)}/{new_id}.md"
        reserved = [part for part in rel.split("/") if windows_reserved(part)]
        if reserved:
            raise UsageError(
                f'"{reserved[0]}" is a name Windows keeps for a device: a file {rel} would '
                "break the manual for colleagues who use Windows.",
                hint=f"Give the chapter another id with --id (for example --id {new_id}-policy).",
            )
        if (manual.root / rel).exists():
            raise UsageError(
                f"{rel} already exists; manualctl never overwrites a file.",
                hint="Choose another id with --id.",
            )
        doc = manual_yaml(before)
        outcome = yamledit.edit_once(
            doc, lambda doc: edits.insert_entry(manual, doc, place, {"file": rel})
        )
        with checked_changes(
            before, today, f'new-chapter "{title}"', resolver, written=doc, tree=outcome.tree
        ) as changes:
            changes.create(manual.root / rel, text)
            changes.replace(manual.config_path, doc.to_bytes())
    return Result(
        new_id, title, outcome.number, rel, tuple(outcome.shifts), place.notes, (*lock.cleared,)
    )


def move_chapter(
    root: Path,
    chapter_id: str,
    *,
    in_number: str | None,
    after: str | None,
    resolver: Resolver | None = None,
) -> Result:
    """Move a chapter to another place in the contents (and its file to that section;
    an inherited chapter has none: only its entry moves)."""
    with (
        manual_lock(root) as lock,
        collector_paused(),  # (see the module's docstring)
        opened(root, resolver=resolver) as before,
    ):
        manual = manual_of(before)
        entry, chapter = find_chapter(manual, chapter_id)
        place = ce.find_place(manual, in_number, after)
        source = entry.path[:-1]
        start = int(entry.path[-1])
        stop = ce.block_end(_list(manual, source), start)
        if place.seq_path == source and start <= place.index <= stop:
            raise UsageError(
                f'"{chapter.title}" is already at {entry.number}: nothing was changed.',
                hint="Give another place with --in NUMBER or --after NUMBER.",
            )
        folder = ce.section_folder(manual, place.section)
        new_rel = f"{folder}/{PurePosixPath(entry.file).name}"
        if entry.inherit is not None:
            new_rel = entry.file  # from the template: no file of the manual's own
        changes_to_entry = {"file": new_rel} if new_rel != entry.file else {}
        if changes_to_entry:
            check_links_survive(manual, entry.file, new_rel, before.scans())
            if (manual.root / new_rel).exists():
                raise UsageError(
                    f"{new_rel} already exists; manualctl never overwrites a file.",
                    hint="Rename one of the two files first, then run the command again.",
                )
        # git looks for the repository of a file to move while manual.yaml is edited
        with git.Toplevel(chapter.path if changes_to_entry else None) as repository:
            doc = manual_yaml(before)
            outcome = yamledit.edit_once(
                doc,
                lambda doc: edits.move_entries(
                    manual, doc, source, start, stop, place, changes_to_entry
                ),
            )
            notes = list(place.notes)
            if stop - start > 1:
                notes.append("The 'See also' line(s) under it moved with it.")
            with checked_changes(
                before, None, f"move-chapter {chapter_id}", resolver, written=doc, tree=outcome.tree
            ) as changes:
                if changes_to_entry:
                    top = repository.get()
                    use_git = git_state(chapter.path, top) != "none"
                    changes.move(
                        chapter.path, manual.root / new_rel, git_top=top if use_git else None
                    )
                    if use_git:
                        notes.append("The file was moved with 'git mv'.")
                changes.replace(manual.config_path, doc.to_bytes())
    return Result(
        chapter.id,
        chapter.title,
        outcome.number,
        new_rel,
        tuple(outcome.shifts),
        tuple(notes),
        (*lock.cleared,),
    )


def retire_chapter(
    root: Path,
    chapter_id: str,
    *,
    today: date,
    reason: str = "",
    resolver: Resolver | None = None,
) -> Result:
    """Take a chapter out of the manual and record it under ``retired:`` in manual.yaml
    (with ``reason``, the Details of its row in the next edition's Removed Chapters).
    An inherited chapter has no file to remove: the manual stops taking it."""
    with (
        manual_lock(root) as lock,
        collector_paused(),  # (see the module's docstring)
        opened(root, today=today, resolver=resolver) as before,
    ):
        manual = manual_of(before)
        entry, chapter = find_chapter(manual, chapter_id)
        source = entry.path[:-1]
        start = int(entry.path[-1])
        stop = ce.block_end(_list(manual, source), start)
        check_unreferenced(manual, chapter, entry, stop, before.scans())
        record = {
            "id": chapter.id,
            "title": chapter.title,
            "number": entry.number,
            "retired_on": today.isoformat(),
        }
        if reason.strip():
            record["reason"] = " ".join(reason.split())

        def retire(doc: yamledit.Document) -> edits.Outcome:
            outcome = edits.remove_entries(manual, doc, source, start, stop)
            yamledit.insert_items(doc, ("retired",), len(manual.retired), [record])
            return outcome

        # git looks for the repository of the file to retire while manual.yaml is edited
        with git.Toplevel(chapter.path if entry.inherit is None else None) as repository:
            doc = manual_yaml(before)
            outcome = yamledit.edit_once(doc, retire)
            notes = []
            if stop - start > 1:
                notes.append("The 'See also' line(s) under it were removed with it.")
            with checked_changes(
                before,
                today,
                f"retire-chapter {chapter_id}",
                resolver,
                written=doc,
                tree=outcome.tree,
            ) as changes:
                changes.replace(manual.config_path, doc.to_bytes())
                top = repository.get()
                if entry.inherit is not None:
                    kept = entry.file
                elif top is not None and git_state(chapter.path, top) == "clean":
                    changes.git_remove(chapter.path, top)
                    notes.append(
                        f"{entry.file} was removed with 'git rm'; its text stays in the history."
                    )
                    kept = entry.file
                else:
                    kept = _retired_name(manual.root, PurePosixPath(entry.file).name)
                    changes.move(chapter.path, manual.root / kept, git_top=None)
                    notes.append(f"The chapter file was kept as {kept} (outside the contents).")
    return Result(
        chapter.id,
        chapter.title,
        entry.number,
        kept,
        tuple(outcome.shifts),
        tuple(notes),
        (*lock.cleared,),
    )


# --- helpers ----------------------------------------------------------------------------


def _retired_name(root: Path, name: str) -> str:
    """Where a retired chapter file outside git is kept: ``retired/NAME``, or, when a
    chapter retired before took that name (two chapters may share a file name in
    different folders), ``retired/STEM-2.md``, ``-3`` and so on: the first that is free."""
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    kept, number = f"retired/{name}", 1
    while (root / kept).is_symlink() or (root / kept).exists():
        number += 1
        kept = f"retired/{stem}-{number}{suffix}"
    return kept


def _list(manual: Manual, path: tuple[str | int, ...]) -> list[object]:
    return list(yamledit.data_at(manual.data, path))
