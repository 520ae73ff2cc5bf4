"""When git fails (missing, a refusing hook, a locked ref, someone else's repository), the
command says what to do in one ManualctlError, never exit 3, and release changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import commit_all, git
from editions_helpers import append, replace

EARLY = "chapters/family-support/early-help.md"
APPENDIX = "chapters/appendices/amendments.md"


def _ready_to_release(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """An Updated chapter with its summary and flags stamped: release will commit the appendix."""
    append(repo / EARLY, "\nMore.\n")
    replace(repo / EARLY, "---\n\n##", 'amendments:\n  "2026-11": Expanded.\n---\n\n##')
    commit_all(repo, "More early help")
    assert cli("stamp", "-m", str(repo), "-e", "2026-11").exit_code == 0
    commit_all(repo, "Stamp")


def _state(repo: Path) -> tuple[str, str, str, str, bytes]:
    return (
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "log", "--format=%H %s"),
        git(repo, "tag", "--list"),
        git(repo, "diff", "--cached"),
        (repo / APPENDIX).read_bytes(),
    )


def _hook(repo: Path, name: str, script: str) -> None:
    hook = repo / ".git" / "hooks" / name
    hook.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    hook.chmod(0o755)


def test_failing_pre_commit_hook_leaves_everything_as_it_was(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _ready_to_release(edition_repo, cli)
    before = _state(edition_repo)
    _hook(edition_repo, "pre-commit", 'echo "trailing whitespace in amendments.md" >&2\nexit 1')
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: git commit -m Amendments appendix for the November 2026 edition failed "
        "(exit code 1): trailing whitespace in amendments.md A commit hook (such as "
        "pre-commit) may have refused the commit: fix what it reports above, commit that, "
        "and run the command again. Nothing was committed or tagged.\n"
    )
    assert _state(edition_repo) == before
    # With the hook gone, the same release goes through.
    (edition_repo / ".git" / "hooks" / "pre-commit").unlink()
    done = cli("release", "2026-11", "-m", str(edition_repo))
    assert done.exit_code == 0, done.stderr
    assert git(edition_repo, "tag", "--list") == "sample/2026-05\nsample/2026-11\n"


def test_failing_tag_undoes_the_appendix_commit(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _ready_to_release(edition_repo, cli)
    before = _state(edition_repo)
    # Another git holding the tag's lock makes 'git tag' fail after the commit was made.
    lock = edition_repo / ".git" / "refs" / "tags" / "sample" / "2026-11.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("")
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: git tag -a -m ... failed (exit code 128): fatal: ")
    assert "2026-11.lock" in result.stderr
    lock.unlink()
    assert _state(edition_repo) == before


def test_release_with_git_off_path(
    edition_repo: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _ready_to_release(edition_repo, cli)
    before = _state(edition_repo)
    empty = edition_repo.parent / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: git is not installed (or not on PATH), so 'git -c core.quotepath=off "
        "rev-parse --verify -q 'HEAD^{commit}'' could not run. Install git "
        "(https://git-scm.com), make sure it is on PATH, then run the command again.\n"
    )
    monkeypatch.setenv("PATH", os.defpath)
    assert _state(edition_repo) == before


def test_repository_owned_by_someone_else(
    edition_repo: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    result = cli("stamp", "-m", str(edition_repo), "-e", "2026-11")
    assert result.exit_code == 2
    top = edition_repo.resolve()
    assert result.stderr == (
        f"Error: git refuses to work in {top}: the repository belongs to another user "
        "(git's safe.directory check: 'git rev-parse --show-toplevel --is-shallow-repository "
        "--symbolic-full-name --tags' ended with exit code 128). If you trust this "
        "repository, run 'git config --global "
        f"--add safe.directory {top}' (or run manualctl as the repository's owner), then run "
        "the command again.\n"
    )
