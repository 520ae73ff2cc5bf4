"""A full disk (issue 13): every writing command refuses with one clear line, all or nothing.

Each test mounts a small tmpfs (8 MB) for the manual and the output folder, does what a
user would (publish, add a chapter, prepare an edition), then fills the disk to its last
byte and runs the next command: it exits 2 with one line naming the disk or the file it
could not write, no traceback, no exit 3 (a bug), and every file is as it was: the last
edition published, manual.yaml and the chapters, git's index, commits and tags. Nothing
is simulated: the writes fail because the disk is full. Mounting needs root (CI runs as
root); elsewhere these tests are skipped, saying why.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, commit_all, fill_disk, git, small_disk
from editions_helpers import append, replace


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as mount:
        yield mount


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (the filler aside) with its content's hash."""
    return {
        path.relative_to(folder).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        )
        for path in sorted(folder.rglob("*"))
        if path.name != "filler"
    }


def _refused(result) -> str:  # type: ignore[no-untyped-def]
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == 2, output
    assert "No space left on device" in result.stderr, output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def _tiny(disk: Path) -> Path:
    root = shutil.copytree(FIXTURES / "tiny", disk / "tiny")
    git(root, "init", "-q")
    commit_all(root, "The tiny manual", date="2026-01-01T12:00:00Z")
    return root


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_publish_to_a_full_disk_keeps_the_last_edition(cli, disk: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    root = _tiny(disk)
    out = disk / "editions"
    assert cli("publish", "--format", fmt, "--out", str(out), cwd=root).exit_code == 0
    append(root / "chapters/all-children/our-vision.md", "\nA new paragraph.\n")
    commit_all(root, "More text")
    last = tree(out)
    fill_disk(disk)
    stderr = _refused(cli("publish", "--format", fmt, "--out", str(out), cwd=root))
    assert str(out) in stderr or "editions" in stderr
    assert tree(out) == last  # the last edition whole, and no temporary file beside it


def test_publish_with_a_full_temporary_folder_writes_nothing(  # type: ignore[no-untyped-def]
    cli, disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    git(root, "init", "-q")
    commit_all(root, "The tiny manual", date="2026-01-01T12:00:00Z")
    out = tmp_path / "editions"
    work = disk / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    fill_disk(disk)
    for fmt in ("docx", "pdf"):  # the HTML site is built beside its target, not there
        _refused(cli("publish", "--format", fmt, "--out", str(out), cwd=root))
        assert not out.exists() or tree(out) == {}
    assert list(work.iterdir()) == []  # no work folder left in the temporary folder


@pytest.mark.parametrize(
    "command",
    [
        ["new-chapter", "Safer Recruitment", "--in", "1.1", "--today", "2026-06-01"],
        ["move-chapter", "our-vision", "--in", "2"],
        ["retire-chapter", "confidentiality", "--today", "2026-06-01"],
        ["stamp", "--edition", "2026-11"],
    ],
    ids=["new-chapter", "move-chapter", "retire-chapter", "stamp"],
)
def test_changing_the_manual_on_a_full_disk_changes_nothing(  # type: ignore[no-untyped-def]
    cli, disk: Path, command: list[str]
) -> None:
    root = _tiny(disk)
    before = cli("validate", cwd=root)
    files = tree(root)
    index = git(root, "--no-optional-locks", "status", "--porcelain")
    fill_disk(disk)
    _refused(cli(*command, cwd=root))
    assert tree(root) == files
    assert git(root, "--no-optional-locks", "status", "--porcelain") == index
    after = cli("validate", cwd=root)
    assert (after.exit_code, after.stdout) == (before.exit_code, before.stdout)


def _state(repo: Path) -> tuple[str, str, str]:
    """git's status (read without writing the index), commits and tags."""
    return (
        git(repo, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all"),
        git(repo, "log", "--format=%H %s", "--all"),
        git(repo, "tag", "--list"),
    )


def test_release_on_a_full_disk_commits_and_tags_nothing(cli, disk: Path) -> None:  # type: ignore[no-untyped-def]
    repo = shutil.copytree(FIXTURES / "editions", disk / "sample")
    git(repo, "init", "-q")
    commit_all(repo, "The sample manual", date="2026-01-01T12:00:00Z")
    git(repo, "tag", "-a", "sample/2026-05", "-m", "May 2026 edition", date="2026-05-01T12:00:00Z")
    early = repo / "chapters/family-support/early-help.md"
    append(early, "\nFamily help is offered too.\n")
    replace(early, "---\n\n##", 'amendments:\n  "2026-11": Family help.\n---\n\n##')
    assert cli("stamp", "--edition", "2026-11", "-m", str(repo)).exit_code == 0
    commit_all(repo, "Prepare November 2026")
    state = _state(repo)
    files = tree(repo)
    fill_disk(disk)
    result = cli("release", "2026-11", "-m", str(repo))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == 2, output
    assert "No space left on device" in output or "Out of diskspace" in output, output
    assert _state(repo) == state
    assert {k: v for k, v in tree(repo).items() if not k.startswith(".git/")} == {
        k: v for k, v in files.items() if not k.startswith(".git/")
    }
