"""Editions manualctl did not make, or cannot see: imported ones, and tags not fetched.

A manual published before it came into manualctl records its last edition as
``edition: imported:`` in manual.yaml; :func:`imported_tag` stands for it (the commit
that set the line). A clone without the edition tags whose Amendments appendix shows
editions it cannot find is refused by :func:`refuse_missing_tags`, before a false
"First edition." is written over the real history.
"""

from __future__ import annotations

import re
from pathlib import Path

from manualctl import git
from manualctl.editions import tags as editions
from manualctl.editions.snapshot import Snapshot
from manualctl.editions.tags import EditionTag
from manualctl.errors import GitError, UsageError
from manualctl.git import RepoInfo
from manualctl.model.manual import MANUAL_FILE, Manual

EDITION_HEADING = re.compile(
    r"^## ((?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4})[ \t]*$",
    re.M,
)


def imported_tag(repo: RepoInfo, edition: str) -> EditionTag:
    """The imported edition: the manual as the commit that set ``edition: imported:``."""
    config = repo.repo_path(MANUAL_FILE)
    commit = _last_change(repo.top, config, r"^[[:space:]]*imported:")
    if commit is None:
        raise UsageError(
            f"manual.yaml says the manual was imported at its {editions.display(edition)} "
            "edition (edition: imported:), but no commit has that line yet: the manual as "
            "imported must be a commit.",
            hint="Commit manual.yaml (and the chapters as imported), then run the command again.",
        )
    return EditionTag(edition, commit, imported=True)


def refuse_missing_tags(
    manual: Manual, snapshot: Snapshot, coming: str | None, imported: str | None
) -> None:
    """No edition tag, but the appendix shows earlier editions: the tags were not fetched.

    Working on would write a false "First edition." over the real history. (The block
    of the first edition, while it is being prepared, is no earlier edition; nor are
    the blocks of a manual imported at an edition, up to that one.)
    """
    appendix = snapshot.appendix
    if appendix is None:
        return
    chapter = manual.chapters.get(appendix.file)
    shown = set(EDITION_HEADING.findall(chapter.body)) if chapter is not None else set()
    shown.discard(editions.display(coming or ""))
    if imported is not None:
        shown = {name for name in shown if _edition_of(name) > imported}
    if not shown:
        return
    raise GitError(
        f"This clone has no edition tags for {manual.id}, but its Amendments appendix "
        f"({appendix.file}) lists earlier editions: the tags were not fetched.",
        hint="Fetch the tags: git fetch --tags (in GitHub Actions, give actions/checkout "
        "'fetch-depth: 0'), then run the command again.",
    )


def _edition_of(name: str) -> str:
    """``November 2026`` -> ``2026-11``."""
    month, _, year = name.partition(" ")
    return f"{year}-{editions.MONTHS.index(month) + 1:02d}"


def _last_change(top: Path, path: str, pattern: str) -> str | None:
    """The newest commit whose change to ``path`` adds or removes a line matching
    ``pattern`` (a POSIX regular expression), or None (one ``git log -G``)."""
    found = git.run(["log", "-1", "--format=%H", f"-G{pattern}", "--", path], top).strip()
    return found or None
