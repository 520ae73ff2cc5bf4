"""release is one transaction: failing or killed at any step (hook, validation, tag), or
refused (detached HEAD, behind the remote), it leaves git status, git log and git tag as
they were; a killed release is rolled back by the next one, which says so."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import commit_all, git
from editions_helpers import append, replace

EARLY = "chapters/family-support/early-help.md"
MANUALCTL = str(Path(sys.executable).parent / "manualctl")


def _ready(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """November 2026 prepared and committed: release would commit the appendix and tag."""
    append(repo / EARLY, "\nFamily help is offered too.\n")
    replace(repo / EARLY, "---\n\n##", 'amendments:\n  "2026-11": Family help.\n---\n\n##')
    assert cli("stamp", "--edition", "2026-11", "-m", str(repo)).exit_code == 0
    commit_all(repo, "Prepare November 2026")


def _state(repo: Path) -> tuple[str, str, str, str]:
    return (
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "log", "--format=%H %s", "--all"),
        git(repo, "tag", "--list"),
        (repo / "chapters/appendices/amendments.md").read_text(),
    )


def _hook(repo: Path, script: str) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\n" + script)
    hook.chmod(0o755)


def test_a_failing_commit_hook_changes_nothing(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _ready(edition_repo, cli)
    _hook(edition_repo, "echo 'spell check failed' >&2\nexit 1\n")
    before = _state(edition_repo)
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 2
    assert "spell check failed" in result.stderr
    assert _state(edition_repo) == before
    assert not (edition_repo / ".git" / "manualctl-release.json").exists()


def test_a_failing_tag_takes_the_appendix_commit_back(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _ready(edition_repo, cli)
    (edition_repo / ".git" / "refs" / "tags" / "sample").mkdir(parents=True, exist_ok=True)
    lock = edition_repo / ".git" / "refs" / "tags" / "sample" / "2026-11.lock"
    lock.write_text("")  # another git process holds the tag's ref
    before = _state(edition_repo)
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 2
    assert "cannot lock ref 'refs/tags/sample/2026-11'" in result.stderr
    assert _state(edition_repo) == before
    lock.unlink()
    assert cli("release", "2026-11", "-m", str(edition_repo)).exit_code == 0
    assert git(edition_repo, "tag", "--list") == "sample/2026-05\nsample/2026-11\n"


def test_an_appendix_that_would_not_validate_is_not_released(  # type: ignore[no-untyped-def]
    edition_repo: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generated text is made never to break the manual; should a bug make it do so,
    release validates the result before committing and changes nothing."""
    from manualctl.editions import release

    _ready(edition_repo, cli)
    broken = "This appendix is generated.\n\nA line<br>break.\n"
    monkeypatch.setattr(release, "render", lambda blocks, present, imported: broken)
    before = _state(edition_repo)
    result = cli("release", "2026-11", cwd=edition_repo)
    assert result.exit_code == 1
    assert "chapters/appendices/amendments.md:10:7: error raw-markup:" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Error: November 2026 was not released: with the regenerated Amendments appendix the "
        "manual has 1 error(s), so nothing was changed. Fix what is listed above, commit, and "
        "run the release again."
    )
    assert _state(edition_repo) == before


def test_a_detached_head_is_refused(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _ready(edition_repo, cli)
    git(edition_repo, "checkout", "-q", "--detach")
    before = _state(edition_repo)
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: HEAD is detached: the edition's tag would be on a commit that is on no branch. "
        "Check out the branch the edition is made from (git switch main), then run the "
        "release again.\n"
    )
    assert _state(edition_repo) == before


def test_a_branch_behind_its_remote_is_refused(edition_repo: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ready(edition_repo, cli)
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(edition_repo), str(origin))
    git(tmp_path, "clone", "-q", str(origin), "lead")
    git(tmp_path, "clone", "-q", str(origin), "author")
    lead, author = tmp_path / "lead", tmp_path / "author"
    append(author / EARLY, "\nA late change.\n")
    commit_all(author, "Late change")
    git(author, "push", "-q", "origin", "HEAD")
    git(lead, "fetch", "-q")
    before = _state(lead)
    result = cli("release", "2026-11", "-m", str(lead))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: The branch main is 1 commit(s) behind origin/main: someone has pushed "
        "changes that this edition would leave out. Get them first (git pull)"
    )
    assert _state(lead) == before


def test_a_killed_release_is_rolled_back_by_the_next(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _ready(edition_repo, cli)
    before = _state(edition_repo)
    # The hook kills manualctl (its grandparent) while git commits the appendix.
    _hook(edition_repo, 'kill -9 "$(ps -o ppid= -p "$PPID" | tr -d " ")"\nexit 1\n')
    killed = subprocess.run(
        [MANUALCTL, "release", "2026-11", "-m", str(edition_repo)],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
        check=False,
    )
    assert killed.returncode == -9
    for _ in range(50):  # the orphaned git commit finishes (its hook fails) on its own
        if not (edition_repo / ".git" / "index.lock").exists():
            break
        time.sleep(0.1)
    assert (edition_repo / ".git" / "manualctl-release.json").exists()
    assert _state(edition_repo) != before  # the appendix was written and staged
    (edition_repo / ".manualctl.lock").unlink()  # a killed run leaves its lock file
    _hook(edition_repo, "exit 1\n")
    again = cli("release", "2026-11", "-m", str(edition_repo))
    assert again.exit_code == 2
    assert again.stderr.startswith(
        "Error: An interrupted release of November 2026 was rolled back: the branch, git's "
        "index and the Amendments appendix are as they were before it. git commit"
    )
    assert _state(edition_repo) == before
    (edition_repo / ".git" / "hooks" / "pre-commit").unlink()
    done = cli("release", "2026-11", "-m", str(edition_repo))
    assert done.exit_code == 0, done.stderr
    assert git(edition_repo, "status", "--porcelain") == ""
