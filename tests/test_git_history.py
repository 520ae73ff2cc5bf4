"""require_history: the repository, its shallow check and its tags in one git process,
the tags exactly as ``git for-each-ref`` (:func:`manualctl.git.tag_names`) lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

from manualctl.errors import GitError
from manualctl.git import require_history, tag_names


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "manuals" / "tiny").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "manuals" / "tiny" / "manual.yaml").write_text("id: tiny\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "First")
    return repo


def test_no_tags(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    info, tags = require_history(repo / "manuals" / "tiny")
    assert (info.top, info.prefix, tags) == (repo.resolve(), "manuals/tiny", [])
    assert tags == tag_names(repo)


def test_tags_are_for_each_refs(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    names = ["tiny/2026-05", "tiny/2026-11", "other/2025-01", "v1", "a/b/c", "tiny/2026-05x"]
    for index, name in enumerate(names):
        if index % 2:
            git(repo, "tag", "-a", "-m", f"Edition {name}", name)
        else:
            git(repo, "tag", name)
    git(repo, "pack-refs", "--all")  # some packed, some loose
    git(repo, "tag", "later/2027-01")
    git(repo, "branch", "tiny/2026-05-branch")  # branches are not tags
    info, tags = require_history(repo / "manuals" / "tiny")
    assert tags == tag_names(repo)
    assert sorted(tags) == sorted([*names, "later/2027-01"])
    assert info.top == repo.resolve()


def test_not_a_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(GitError, match="is not in a git repository"):
        require_history(folder)


def test_shallow_clone(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "manuals" / "tiny" / "more.md").write_text("x\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with pytest.raises(GitError, match="shallow"):
        require_history(clone / "manuals" / "tiny")
