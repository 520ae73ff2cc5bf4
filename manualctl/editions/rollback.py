"""Putting a release back: what it changed so far, and the journal that survives a kill.

:mod:`manualctl.editions.release` records each step here; when a step fails the tag,
the branch, git's index and the Amendments appendix are put back as they were. Before
its first change a release writes a journal in the git folder, so a release killed
part-way is rolled back by the next one (:func:`recover`), which says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from manualctl import git
from manualctl.editions.tags import display
from manualctl.fsutil import atomic_write

JOURNAL = "manualctl-release.json"


class Steps:
    """What the release changed so far, and how to put it back."""

    def __init__(self, top: Path, parent: str, branch: str, tag: str) -> None:
        self.top, self.parent, self.branch, self.tag = top, parent, branch, tag
        self.commit = parent
        self.restore: tuple[Path, bytes, str] | None = None

    def undo(self) -> None:
        put_back(self.top, self.parent, self.branch, self.tag, self.restore)


def put_back(
    top: Path, parent: str, branch: str, tag: str, restore: tuple[Path, bytes, str] | None
) -> None:
    """The tag deleted, the branch at ``parent``, the appendix unstaged and as it was."""
    if git.run(["tag", "--list", tag], top, check=False).strip() == tag:
        git.run(["tag", "-d", tag], top, check=False)
    head = git.run(["rev-parse", "-q", "--verify", f"refs/heads/{branch}"], top, check=False)
    if head.strip() and head.strip() != parent:
        git.run(["update-ref", f"refs/heads/{branch}", parent, head.strip()], top)
    if restore is not None:
        path, raw, rel = restore
        git.run(["reset", "-q", parent, "--", rel], top)
        atomic_write(path, raw)


# --- the journal: a release killed part-way is rolled back by the next one ---------------


def journal_path(top: Path) -> Path:
    folder = git.run(["rev-parse", "--absolute-git-dir"], top).strip()
    return Path(folder) / JOURNAL


def write_journal(
    journal: Path,
    edition: str,
    tag: str,
    parent: str,
    branch: str,
    rel: str | None,
    message: str,
) -> None:
    record = {
        "edition": edition,
        "tag": tag,
        "parent": parent,
        "branch": branch,
        "file": rel,
        "message": message,
    }
    atomic_write(journal, json.dumps(record, indent=2) + "\n")


def recover(root: Path) -> str:
    """Roll back a release that was killed part-way; say what was done ("" if nothing).

    A release whose tag was made had finished: only its journal is removed. Otherwise
    the tag, the appendix commit, the staged appendix and the file are put back.
    """
    top = git.toplevel(root)
    if top is None:
        return ""
    journal = journal_path(top)
    if not journal.exists():
        return ""
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        edition, tag = str(record["edition"]), str(record["tag"])
        parent, branch = str(record["parent"]), str(record["branch"])
        rel = record.get("file")
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)
        return "An unreadable record of an interrupted release was removed."
    tagged = git.run(["rev-parse", "-q", "--verify", f"refs/tags/{tag}"], top, check=False)
    if tagged.strip():
        journal.unlink(missing_ok=True)
        return f"The interrupted release of {display(edition)} had finished (tag {tag})."
    restore = None
    if rel:
        path = top / str(rel)
        original = git.run_bytes(["show", f"{parent}:{rel}"], top, check=False)
        restore = (path, original, str(rel))
    put_back(top, parent, branch, tag, restore)
    journal.unlink(missing_ok=True)
    return (
        f"An interrupted release of {display(edition)} was rolled back: the branch, git's "
        "index and the Amendments appendix are as they were before it."
    )
