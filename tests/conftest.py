"""Shared test helpers: run the CLI in-process, build manuals and git repositories.

Git runs for real, with a fixed identity and fixed dates so history-derived output is
deterministic. Nothing here reads ../shared: fixtures live under tests/fixtures/.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from manualctl.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run ``manualctl ARGS`` in-process (optionally in ``cwd``); return code and output."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        else:  # pragma: no cover
            code = 0
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return run


@pytest.fixture(autouse=True)
def _git_identity(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A fixed git identity and config for every test, whatever the machine has."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Author")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "author@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Committer")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "committer@example.org")
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n"
    )


def git(repo: Path, *args: str, date: str = "2026-01-01T12:00:00Z") -> str:
    """Run git in ``repo`` with fixed author and committer dates; fail loudly."""
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"git {' '.join(args)} failed: {proc.stderr}"
    return proc.stdout


def copy_fixture(name: str, dest: Path) -> Path:
    """Copy tests/fixtures/NAME to DEST and return DEST."""
    shutil.copytree(FIXTURES / name, dest)
    return dest


@pytest.fixture
def tiny_manual(tmp_path: Path) -> Iterator[Path]:
    """A small valid manual (tests/fixtures/tiny) in a temporary folder."""
    yield copy_fixture("tiny", tmp_path / "tiny")


# --- editions (issue 4) --------------------------------------------------------------------


def commit_all(repo: Path, message: str, date: str = "2026-02-01T12:00:00Z") -> None:
    """Stage everything and commit it with a fixed date."""
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def edition_repo(tmp_path: Path) -> Path:
    """tests/fixtures/editions in a git repository, released as its first edition 2026-05."""
    repo = copy_fixture("editions", tmp_path / "sample")
    git(repo, "init", "-q")
    commit_all(repo, "The sample manual", date="2026-01-01T12:00:00Z")
    git(repo, "tag", "-a", "sample/2026-05", "-m", "May 2026 edition", date="2026-05-01T12:00:00Z")
    return repo


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A real 8 MB tmpfs mounted at ``folder`` (made here) for a full-disk case; the
    test is skipped, with the reason, where it cannot be mounted (mounting needs root)."""
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        reason = done.stderr.strip() or f"exit code {done.returncode}"
        pytest.skip(f"cannot mount a small tmpfs for a full disk here (needs root): {reason}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_disk(disk: Path) -> None:
    """Write one file (``filler``) until the disk has not a byte left."""
    with (disk / "filler").open("wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 16, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    assert shutil.disk_usage(disk).free == 0
