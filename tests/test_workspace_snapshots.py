"""A tag is read once per command, and front matter that did not change is not parsed
again: the snapshots are the same as when every chapter is parsed afresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import commit_all, git
from editions_helpers import append, replace

from manualctl.editions import snapshot as history
from manualctl.editions.pending import Pending
from manualctl.editions.workspace import Workspace
from manualctl.errors import GitError
from manualctl.fsutil import LOCK_NAME
from manualctl.git import changed_paths
from manualctl.gitbatch import CatFile

EARLY = "chapters/family-support/early-help.md"
VISION = "chapters/all-children/our-vision.md"


def test_snapshots_reuse_unchanged_front_matter(edition_repo: Path) -> None:
    append(edition_repo / EARLY, "\nMore support for families.\n")  # body only
    replace(edition_repo / VISION, "title: Our Vision", "title: Our Shared Vision")
    commit_all(edition_repo, "Edits")
    git(edition_repo, "tag", "-a", "sample/2026-11", "-m", "November 2026 edition")
    replace(edition_repo / VISION, "title: Our Shared Vision", "title: Our Vision Today")
    commit_all(edition_repo, "Retitle again", date="2026-12-01T12:00:00Z")

    ws = Workspace.open(edition_repo, edition="2027-05", full_check=False, prefetch=False)
    may, november = ws.tags
    with CatFile(ws.repo.top) as batch:
        fresh = {t.tag: history.at_revision(batch, ws.repo, t.tag) for t in ws.tags}
        first = ws.snapshot_at(november, batch)
        assert first == fresh["sample/2026-11"]
        assert ws.snapshot_at(november, batch) is first  # read once
        assert ws.snapshot_at(may, batch) == fresh["sample/2026-05"]
    working = ws.manual.chapters
    # Early Help's front matter is as in the working tree at both tags: its keys are
    # shared, not parsed again; Our Vision's title differs at each tag and now.
    assert ws.fronts[working[EARLY].front_matter] is working[EARLY].meta
    titles = {meta["title"] for meta in ws.fronts.values() if meta.get("id") == "our-vision"}
    assert titles == {"Our Vision", "Our Shared Vision", "Our Vision Today"}


def test_history_read_in_the_background_hands_back_its_error(edition_repo: Path) -> None:
    ws = Workspace.open(edition_repo, edition="2026-11", full_check=False, prefetch=False)
    with pytest.raises(GitError) as caught:
        Pending(ws.repo, "sample/no-such-tag").result()
    assert str(caught.value).startswith("git log -z -M ... failed (exit code 128): fatal: ")


def test_history_read_in_the_background(edition_repo: Path) -> None:
    append(edition_repo / EARLY, "\nMore support for families.\n")
    commit_all(edition_repo, "Edits")
    ws = Workspace.open(edition_repo, edition="2026-11", full_check=False)
    assert ws.pending is not None  # started while the manual was read
    window, dirty = ws.pending.result()
    assert (window.touched, window.substantive, dirty) == ({EARLY}, {EARLY}, set())


def test_history_read_in_the_background_sees_the_uncommitted_changes(edition_repo: Path) -> None:
    """git status runs beside git log in the background: the same paths as changed_paths
    (edited, new, renamed in the index; not manualctl's own lock)."""
    append(edition_repo / EARLY, "\nNot committed yet.\n")
    (edition_repo / "chapters" / "new-chapter.md").write_text("new\n", encoding="utf-8")
    git(edition_repo, "mv", VISION, "chapters/all-children/vision.md")
    (edition_repo / LOCK_NAME).write_text("", encoding="utf-8")
    ws = Workspace.open(edition_repo, edition="2026-11", full_check=False, prefetch=False)
    _, dirty = Pending(ws.repo, "sample/2026-05").result()
    assert dirty == {
        EARLY,
        "chapters/new-chapter.md",
        VISION,
        "chapters/all-children/vision.md",
    }
    assert dirty == changed_paths(ws.repo.top, ws.repo.pathspec)
