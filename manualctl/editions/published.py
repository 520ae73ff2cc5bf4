"""Which edition a publish makes: a released edition, or a clearly labelled draft.

A commit carrying the manual's edition tag, with nothing uncommitted in the manual's
folder, *is* that edition. Any other state is a draft of the next one, labelled as such
on the cover and every page ("Draft of the May 2027 edition, not released; based on
November 2026") and in the file name (``-draft``), never a fake edition:

* while an edition is in preparation (``stamp --edition``), a draft of that edition;
* between editions, a draft of the next edition, still showing the last release's
  flags and summaries (those are what manual.yaml holds);
* outside git, a draft (no edition can be known there).

A released edition can also be rebuilt from its tag (:func:`release_files`), from git,
without touching the working tree, or chosen by date (:func:`in_force`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from manualctl import git
from manualctl.editions import tags as editions
from manualctl.errors import GitError, UsageError
from manualctl.fsutil import atomic_write
from manualctl.gitbatch import CatFile


@dataclass(frozen=True)
class EditionLabel:
    """What the published files say about their edition."""

    edition: str  # YYYY-MM whose flags and summaries are shown
    name: str  # "November 2026", or "May 2027 draft"
    line: str  # "November 2026 edition", or "Draft of the May 2027 edition, not released; ..."
    draft: bool
    stem: str  # for file names: "2026-11", "2027-05-draft" or "draft"


def released(edition: str) -> EditionLabel:
    name = editions.display(edition)
    return EditionLabel(edition, name, f"{name} edition", False, edition)


def draft(preparing: str | None, last: str | None, fallback: str) -> EditionLabel:
    """The label of a draft: of ``preparing`` when started, else of the next edition."""
    based = f"; based on {editions.display(last)}" if last else ""
    if preparing is not None:
        name = editions.display(preparing)
        line = f"Draft of the {name} edition, not released{based}"
        return EditionLabel(preparing, f"{name} draft", line, True, f"{preparing}-draft")
    if last is not None:
        line = f"Draft of the next edition, not released{based}"
        return EditionLabel(last, "Draft", line, True, "draft")
    line = "Draft, not released: no edition has been released yet"
    return EditionLabel(fallback, "Draft", line, True, "draft")


def label_at_head(
    root: Path, tag_format: str, manual_id: str, settings: dict[str, object], fallback: str
) -> EditionLabel:
    """The edition the checked-out manual is: released when its tag is on HEAD and the
    folder is clean, else a draft. ``fallback`` (YYYY-MM) names a draft before any
    edition."""
    top = git.toplevel(root)
    if top is None:
        return draft(None, None, fallback)
    names = git.tag_names(top)
    tags = editions.edition_tags(names, tag_format, manual_id)
    at_head = editions.edition_at_head(root, tag_format, manual_id)
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    dirty = git.changed_paths(top, prefix if prefix != "." else ".")
    if at_head is not None and not dirty:
        return released(at_head)
    preparing = editions.in_preparation(tags, dict(settings))
    last = tags[-1].edition if tags else editions.imported_edition(dict(settings))
    return draft(preparing, last, fallback)


# --- released editions from git -------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    edition: str
    tag: str
    day: date  # the day the tag was made (UTC)


def release_tags(root: Path, tag_format: str, manual_id: str) -> list[Tagged]:
    """The manual's edition tags with the day each was made, oldest edition first."""
    top = _top(root)
    out = git.run(
        ["for-each-ref", "--format=%(refname:strip=2)%00%(creatordate:unix)", "refs/tags/"], top
    )
    days: dict[str, date] = {}
    for line in out.splitlines():
        name, _, stamp = line.partition("\0")
        if stamp.strip().isdigit():
            days[name] = datetime.fromtimestamp(int(stamp), UTC).date()
    found = editions.edition_tags(list(days), tag_format, manual_id)
    return [Tagged(t.edition, t.tag, days[t.tag]) for t in found]


def in_force(tagged: list[Tagged], day: date) -> Tagged:
    """The edition in force on ``day``: the latest edition released on or before it."""
    before = [t for t in tagged if t.day <= day]
    if not before:
        first = (
            f" (the first, {editions.display(tagged[0].edition)}, was released on "
            f"{tagged[0].day.isoformat()})"
            if tagged
            else ""
        )
        raise UsageError(
            f"No edition was in force on {day.isoformat()}: none had been released{first}.",
            hint="Give a later date with --as-of, or an edition with --edition YYYY-MM.",
        )
    return max(before, key=lambda t: (t.day, t.edition))


def find_release(tagged: list[Tagged], edition: str) -> Tagged:
    for item in tagged:
        if item.edition == edition:
            return item
    known = ", ".join(t.edition for t in tagged) or "none yet"
    raise UsageError(
        f"{editions.display(edition)} has not been released: there is no edition tag for it "
        f"(released editions: {known}).",
        hint="Give a released edition with --edition, or publish the working tree (a draft) "
        "without --edition.",
    )


def release_files(root: Path, tag: str, dest: Path) -> tuple[Path, int]:
    """Write the manual's folder as it is at ``tag`` into ``dest``; return the manual's
    folder there and the time of the last commit touching it up to the tag.

    Two git processes (``ls-tree``, then one ``cat-file --batch`` for every file) and one
    ``git log``: the working tree and the index are not touched.
    """
    top = _top(root)
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix
    listing = git.run_bytes(["ls-tree", "-r", "-z", f"{tag}^{{commit}}", "--", prefix or "."], top)
    files: list[str] = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, kind, _ = meta.split(b" ", 2)
        if kind == b"blob" and mode != b"120000":  # symbolic links are not copied
            files.append(path.decode("utf-8", "surrogateescape"))
    with CatFile(top) as batch:
        blobs = batch.read_many([f"{tag}^{{commit}}:{f}" for f in files])
    manual = dest / (Path(prefix).name if prefix else top.name)
    for name, blob in zip(files, blobs, strict=True):
        if blob is None:
            continue
        rel = name[len(prefix) + 1 :] if prefix else name
        target = manual / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, blob)
    stamp = git.run(
        ["log", "-1", "--format=%ct", f"{tag}^{{commit}}", "--", prefix or "."], top
    ).strip()
    return manual, int(stamp) if stamp.isdigit() else 0


def _top(root: Path) -> Path:
    top = git.toplevel(root)
    if top is None:
        raise GitError(
            f"{root} is not in a git repository: released editions are read from its tags.",
            hint="Publish from a clone of the manual's repository.",
        )
    return top
