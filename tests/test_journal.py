"""Authoring commands killed at every step of their change are rolled back by the next run.

Each of new-chapter (into a new section folder), move-chapter (``git mv`` into another
section) and retire-chapter (``git rm``; and an untracked file kept aside) is killed
with SIGKILL just before each of its effects in turn (``MANUALCTL_TEST_KILL_AT``, see
:mod:`manualctl.journal`): after every kill, the next command that takes the lock rolls
the change back and says so, the files and git's index are exactly as before, and the
same command then succeeds and leaves what an uninterrupted run leaves.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from authoring_helpers import snapshot
from conftest import REPO_ROOT, commit_all, copy_fixture, git

VISION = "chapters/all-children/our-vision.md"


def _run(root: Path, args: list[str], kill_at: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MANUALCTL_TEST_KILL_AT": str(kill_at)}
    return subprocess.run(
        [sys.executable, "-m", "manualctl", *args, "-m", str(root)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        check=False,
    )


def _state(repo: Path, root: Path) -> tuple[dict[str, str], str]:
    files = {k: v for k, v in snapshot(root).items() if not k.startswith(".manualctl.lock")}
    return files, git(repo, "ls-files", "-s") if (repo / ".git").exists() else ""


def _repo(tmp_path: Path, *, tracked: bool = True) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    root = copy_fixture("tiny", repo / "tiny")
    if tracked:
        git(repo, "init", "-q")
        commit_all(repo, "The tiny manual")
    return repo, root


CASES = {
    "new-chapter": (["new-chapter", "Short Breaks", "--in", "2"], True),
    "move-chapter": (["move-chapter", "our-vision", "--in", "2"], True),
    "retire-chapter": (["retire-chapter", "confidentiality", "--reason", "Merged."], True),
    "retire-untracked": (["retire-chapter", "confidentiality", "--reason", "Merged."], False),
}


@pytest.mark.parametrize("case", list(CASES))
def test_killed_at_every_step_is_rolled_back(tmp_path: Path, case: str) -> None:
    args, tracked = CASES[case]
    clean_repo, clean_root = _repo(tmp_path / "clean", tracked=tracked)
    before = _state(clean_repo, clean_root)
    done = _run(clean_root, args)
    assert done.returncode == 0, done.stderr
    after = _state(clean_repo, clean_root)
    assert after != before
    kills = 0
    for step in range(1, 20):
        repo, root = _repo(tmp_path / f"kill-{step}", tracked=tracked)
        killed = _run(root, args, kill_at=step)
        if killed.returncode == 0:  # fewer effects than this: the change is complete
            assert _state(repo, root) == after
            break
        assert killed.returncode == -9, killed.stderr
        kills += 1
        again = _run(root, args)
        assert again.returncode == 0, again.stderr
        assert _state(repo, root) == after, f"killed before effect {step}"
        if step > 1 or case != "new-chapter":
            assert "was rolled back" in again.stderr, again.stderr
    assert kills >= 2  # at least two effects were interrupted (and one run was complete)


ROLLED_BACK = (
    "An interrupted 'move-chapter our-vision' was rolled back: "
    "chapters/all-children/our-vision.md, manual.yaml are as they were before it. "
    "Run the command again if you still want the change.\n"
)


def test_the_roll_back_is_said_and_leaves_the_manual_as_it_was(tmp_path: Path) -> None:
    repo, root = _repo(tmp_path)
    before = _state(repo, root)
    args = ["move-chapter", "our-vision", "--in", "2"]
    killed = _run(root, args, kill_at=2)  # the file is moved with git mv; manual.yaml is not
    assert killed.returncode == -9
    assert not (root / VISION).exists()
    assert (root / ".manualctl.journal").is_dir()
    locked = subprocess.run(
        [sys.executable, "-m", "manualctl", "retire-chapter", "no-such-chapter", "-m", str(root)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert locked.returncode == 2
    assert locked.stderr.startswith(ROLLED_BACK), locked.stderr
    assert _state(repo, root) == before
    assert git(repo, "status", "--porcelain") == ""


def test_validate_puts_back_a_killed_change_before_it_reads(tmp_path: Path) -> None:
    """validate after a kill reads the manual as it was, not half a move (a chapter file
    gone from where manual.yaml names it): it takes the lock and rolls the change back."""
    repo, root = _repo(tmp_path)
    before = _state(repo, root)

    def validate() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "manualctl", "validate", str(root)]
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT)

    clean = validate()
    killed = _run(root, ["move-chapter", "our-vision", "--in", "2"], kill_at=2)
    assert killed.returncode == -9
    checked = validate()
    assert checked.returncode == 0, checked.stderr
    # the new manual.yaml the killed run had written, not yet in place, is removed too
    temp = re.escape(str(root)) + r"/\.manual\.yaml\.[a-z0-9_]+\.tmp"
    removed = f"Removed {temp}: a manualctl run that was interrupted left it behind.\n"
    expected = re.escape(ROLLED_BACK) + removed + re.escape(clean.stderr)
    assert re.fullmatch(expected, checked.stderr), checked.stderr
    assert checked.stdout == clean.stdout
    assert _state(repo, root) == before
    assert not (root / ".manualctl.journal").exists()
    assert git(repo, "status", "--porcelain") == ""
