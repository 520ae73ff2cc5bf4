"""kill -9 at random moments (fixed seeds): `new-chapter`, `stamp` and `publish`, 20 each.

After every kill: manual.yaml is whole and the manual validates; the last published
edition is intact (the same bytes, as the same commit always gives, or, when the kill fell
between the site's two renames, the whole site set aside for the next run to put back);
and the next run succeeds without anyone cleaning up. Real processes, real git, real
pandoc, on small manuals so the 60 runs take well under a minute.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, commit_all, copy_fixture, git
from editions_helpers import append

RUNS = 20
EARLY = "chapters/family-support/early-help.md"
SITE = "example-procedures-2026-11-html"


def _manualctl(*args: str) -> list[str]:
    return [sys.executable, "-m", "manualctl", *args]


def _timed(cmd: list[str]) -> float:
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def _kill_at(cmd: list[str], delay: float) -> None:
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO_ROOT
    )
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _valid(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((root / "manual.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("contents")
    result = cli("validate", str(root))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_kill_new_chapter(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(1001)
    took = _timed(_manualctl("new-chapter", "First One", "-m", str(tiny_manual), "--in", "1.1"))
    for run in range(RUNS):
        title = f"Killed Chapter {run}"
        _kill_at(
            _manualctl("new-chapter", title, "-m", str(tiny_manual), "--in", "1.1"),
            rng.uniform(0, took),
        )
        _valid(cli, tiny_manual)
    result = cli("new-chapter", "After The Kills", "-m", str(tiny_manual), "--in", "1.1")
    assert result.exit_code == 0, result.stderr
    _valid(cli, tiny_manual)
    assert [p for p in tiny_manual.rglob(".*") if p.name != ".manualctl.lock"] == []


def test_kill_stamp(cli, edition_repo: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2002)
    append(edition_repo / EARLY, "\nMore.\n")
    commit_all(edition_repo, "More")
    committed = (edition_repo / "manual.yaml").read_bytes()
    stamp = _manualctl("stamp", "-m", str(edition_repo), "-e", "2026-11")
    took = _timed(stamp)
    stamped = (edition_repo / "manual.yaml").read_bytes()
    assert stamped != committed
    for _ in range(RUNS):
        (edition_repo / "manual.yaml").write_bytes(committed)
        _kill_at(stamp, rng.uniform(0, took))
        assert (edition_repo / "manual.yaml").read_bytes() in (committed, stamped)
        _valid(cli, edition_repo)
    result = cli("stamp", "-m", str(edition_repo), "-e", "2026-11")
    assert result.exit_code == 0, result.stderr
    assert (edition_repo / "manual.yaml").read_bytes() == stamped
    assert git(edition_repo, "status", "--porcelain", "--untracked-files=all") == (
        " M manual.yaml\n"
    )


def _tree(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(
        b"".join(p.relative_to(folder).as_posix().encode() + p.read_bytes() for p in files)
    ).hexdigest()


@pytest.mark.slow
def test_kill_publish(tmp_path: Path) -> None:
    rng = random.Random(3003)
    root = copy_fixture("publishing", tmp_path / "repo" / "manuals" / "example-procedures")
    git(tmp_path / "repo", "init", "-q")
    commit_all(tmp_path / "repo", "The manual", date="2026-11-04T10:00:00Z")
    git(tmp_path / "repo", "tag", "-a", "example-procedures/2026-11", "-m", "November 2026")
    out = tmp_path / "editions"
    # --force: every run builds again (else the runs after the first keep what is there)
    publish = _manualctl(
        "publish", str(root), "--format", "docx,html", "--out", str(out), "--force"
    )
    took = _timed(publish)
    docx = out / "example-procedures-2026-11.docx"
    good = (docx.read_bytes(), _tree(out / SITE))
    for _ in range(RUNS):
        _kill_at(publish, rng.uniform(0, took))
        assert docx.read_bytes() == good[0]
        site = out / SITE
        if not site.exists():  # killed between the two renames: the old site is set aside
            (aside,) = out.glob(f".{SITE}.old-*")
            site = aside / "site"
        assert _tree(site) == good[1]
    _timed(publish)
    records = [f"{docx.name}.inputs.json", f"{SITE}.inputs.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted([docx.name, SITE, *records])
    assert (docx.read_bytes(), _tree(out / SITE)) == good
