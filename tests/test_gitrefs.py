"""Reading a repository's top, shallow flag and tags from its files equals asking git
(``git rev-parse``), in real repositories of every layout manuals live in; where it
cannot be sure it gives None and git is asked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from manualctl import gitrefs
from manualctl.errors import GitError
from manualctl.git import _history_by_git, require_history
from tests.conftest import git


def _repo(path: Path) -> Path:
    (path / "manual" / "chapters").mkdir(parents=True)
    (path / "manual" / "manual.yaml").write_text("id: m\n")
    (path / "manual" / "chapters" / "a.md").write_text("A\n")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "First")
    return path


def _same_as_git(folder: Path) -> tuple[Path, bool, list[str]]:
    """What both read; the files were read (not None)."""
    found = gitrefs.read(folder)
    assert found is not None
    assert found == _history_by_git(folder)
    return found


def _tag_many(repo: Path) -> None:
    """Lightweight and annotated tags, nested, non-ASCII, some sorting either side."""
    git(repo, "tag", "m/2026-05")
    git(repo, "tag", "-a", "-m", "Edition", "m/2026-11")
    git(repo, "tag", "other/2026-05")
    git(repo, "tag", "Z-upper")
    git(repo, "tag", "é/2026-05")
    git(repo, "tag", "m-2026")
    git(repo, "tag", "m.2026")


def test_loose_tags(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    assert _same_as_git(repo / "manual") == (repo.resolve(), False, [])
    _tag_many(repo)
    tags = _same_as_git(repo / "manual" / "chapters")[2]
    assert tags == [
        "Z-upper",
        "m-2026",
        "m.2026",
        "m/2026-05",
        "m/2026-11",
        "other/2026-05",
        "é/2026-05",
    ]


def test_packed_tags_loose_ones_beside_them_and_moved_ones(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    _tag_many(repo)
    git(repo, "pack-refs", "--all")
    assert not (repo / ".git" / "refs" / "tags" / "m").exists()
    _same_as_git(repo / "manual")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Second")
    git(repo, "tag", "m/2027-05")  # loose, beside the packed ones
    git(repo, "tag", "-f", "m/2026-05")  # packed, and now loose too (the loose one counts)
    git(repo, "tag", "-d", "other/2026-05")
    assert _same_as_git(repo / "manual")[2].count("m/2026-05") == 1


def test_a_linked_worktree_and_a_detached_head(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    _tag_many(repo)
    git(repo, "pack-refs", "--all")
    git(repo, "worktree", "add", "-q", "--detach", str(tmp_path / "other"), "HEAD")
    git(repo, "tag", "m/2027-05")
    top, _, tags = _same_as_git(tmp_path / "other" / "manual")
    assert top == (tmp_path / "other").resolve() and "m/2027-05" in tags
    git(repo, "checkout", "-q", "--detach")
    _same_as_git(repo / "manual")


def test_a_shallow_clone_and_a_path_through_a_link(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Second")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    assert _same_as_git(tmp_path / "shallow" / "manual")[1] is True
    (tmp_path / "link").symlink_to(repo / "manual")
    assert _same_as_git(tmp_path / "link")[0] == repo.resolve()


def test_a_repository_inside_another(tmp_path: Path) -> None:
    outer = _repo(tmp_path / "outer")
    inner = _repo(outer / "inner")
    git(inner, "tag", "inner/2026-05")
    assert _same_as_git(inner / "manual")[0] == inner.resolve()
    assert _same_as_git(outer / "manual")[2] == []


@pytest.mark.parametrize(
    "change",
    ["GIT_DIR", "GIT_CEILING_DIRECTORIES", "symbolic tag", "broken tag", "worktree config"],
)
def test_git_is_asked_when_in_doubt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    repo = _repo(tmp_path / "repo")
    git(repo, "tag", "m/2026-05")
    tags = repo / ".git" / "refs" / "tags"
    if change == "GIT_DIR":
        monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    elif change == "GIT_CEILING_DIRECTORIES":
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo))
    elif change == "symbolic tag":
        (tags / "latest").write_text("ref: refs/tags/m/2026-05\n")
    elif change == "broken tag":
        (tags / "half").write_text("0123")
    else:
        git(repo, "config", "extensions.worktreeConfig", "true")
    assert gitrefs.read(repo / "manual") is None
    if change == "GIT_CEILING_DIRECTORIES":  # git no longer looks as far up as the repository
        with pytest.raises(GitError, match="is not in a git repository"):
            require_history(repo / "manual")
        return
    top, _, tags = _history_by_git(repo / "manual")  # with GIT_DIR: the folder git runs in
    assert require_history(repo / "manual") == ((top, "manual" if top == repo else ""), tags)


def test_outside_a_repository_git_says_so(tmp_path: Path) -> None:
    (tmp_path / "alone").mkdir()
    assert gitrefs.read(tmp_path / "alone") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to own a folder as another user")
def test_a_repository_of_another_user_is_left_to_git(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    os.chown(repo, 12345, 12345)
    assert gitrefs.read(repo / "manual") is None


def test_tag_names_git_would_refuse_or_warn_about_are_left_to_git() -> None:
    for name in ["m/2026-05", "é/2026", "a-b.c_d+e", "m/x.locked"]:
        assert gitrefs.plain_name(name), name
    for name in ["a..b", ".hidden", "m/.x", "x.lock", "m/x.lock/y", "a b", "a~1", "a^", "a:b"]:
        assert not gitrefs.plain_name(name), name
    for name in ["a?", "a*", "a[", "a\\b", "a@{1}", "a.", "a//b", "\x7f"]:
        assert not gitrefs.plain_name(name), name
