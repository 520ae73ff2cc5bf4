"""The hostile corpus (tests/hostile/cases.yaml): every case runs the real command line
in a copy of tests/fixtures/tiny committed to a fresh git repository (or, for a case
that says so, two copies side by side, or a folder git does not know).

For each case: the exit code and findings it names; never a traceback and never exit 3
(a bug); a refused command (exit code other than 0) changes no file of the user's (the
tree is hashed before and after, .git aside) and validate says afterwards what it said
before the command ran; a command that succeeds starts from a valid manual and leaves
it valid; and every page of every HTML edition it wrote is safe (tests/htmlsafety.py:
no on* attribute, no javascript:/vbscript:/data: address, no script but the site's own,
a Content-Security-Policy).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, commit_all, fill_disk, git, small_disk
from tests.htmlsafety import site_problems

HOSTILE = Path(__file__).parent / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
KEYS = {
    "name", "issue", "about", "fixture", "tag", "manuals", "git", "disk", "append",
    "repeat", "replace", "write", "hex", "remove", "symlink", "hardlink", "fifo", "steps",
    "env", "command", "exit", "codes", "says", "absent", "site_says",
}  # fmt: skip


def tree_hash(folder: Path) -> str:
    """The names, kinds and contents of everything under ``folder`` but .git."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] == ".git":
            continue
        digest.update(rel.as_posix().encode() + b"\0")
        if path.is_symlink():
            digest.update(b"link:" + os.readlink(path).encode())
        elif path.is_fifo():
            digest.update(b"fifo")
        elif path.is_file():
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@pytest.fixture
def place(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """Where the case is built: tmp_path, or a small tmpfs for a case on a full disk."""
    case: dict[str, Any] = request.node.callspec.params["case"]
    if case.get("disk") != "full":
        yield tmp_path
        return
    with small_disk(tmp_path / "disk") as mount:
        yield mount


def make_case(case: dict[str, Any], repo: Path) -> Path:
    """The fixture, changed as the case says and committed; the folder commands run in."""
    outside = repo.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text("---\nid: secret\ntitle: Secret\n---\n")
    names = case.get("manuals")
    for name in names or ["."]:
        fixture = FIXTURES / case.get("fixture", "tiny")
        shutil.copytree(fixture, repo / "manuals" / name if names else repo)
    if case.get("git", True):
        git(repo, "init", "-q")
        commit_all(repo, "The manual", date="2026-01-01T12:00:00Z")
    if case.get("tag"):  # its previous edition
        git(repo, "tag", "-a", case["tag"], "-m", "The last edition", date="2026-05-01T12:00:00Z")

    def at(rel: str) -> Path:
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    for rel, text in (case.get("append") or {}).items():
        at(rel).write_text(at(rel).read_text(encoding="utf-8") + text, encoding="utf-8")
    for rel, (text, count) in (case.get("repeat") or {}).items():
        with at(rel).open("a", encoding="utf-8") as handle:
            handle.write(text * count)
    for rel, pairs in (case.get("replace") or {}).items():
        text = at(rel).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (rel, old)
            text = text.replace(old, new, 1)
        at(rel).write_text(text, encoding="utf-8")
    for rel, text in (case.get("write") or {}).items():
        at(rel).write_text(text, encoding="utf-8")
    for rel, data in (case.get("hex") or {}).items():
        at(rel).write_bytes(bytes.fromhex(data))
    for rel in case.get("remove") or []:
        (repo / rel).unlink()
    for rel, target in (case.get("symlink") or {}).items():
        if at(rel).exists():
            at(rel).unlink()
        at(rel).symlink_to(target.format(outside=outside))
    for rel, target in (case.get("hardlink") or {}).items():
        if at(rel).exists():
            at(rel).unlink()
        at(rel).hardlink_to(target.format(outside=outside, root=repo))
    if case.get("git", True):
        git(repo, "add", "-A")
        if git(repo, "status", "--porcelain"):
            commit_all(repo, "The hostile change", date="2026-02-01T12:00:00Z")
    for rel in case.get("fifo") or []:
        os.mkfifo(at(rel))
    return repo


def _args(command: list[Any], root: Path) -> list[str]:
    out = root.parent / "editions"
    return [str(arg).format(root=root, out=out) for arg in command]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(
    cli,  # type: ignore[no-untyped-def]
    case: dict[str, Any],
    place: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_case(case, place / "tiny")
    validate = ["validate", "manuals"] if case.get("manuals") else ["validate"]
    for step in case.get("steps") or []:  # what the user did before: manualctl or git
        if step[0] == "git":
            git(root, *_args(step[1:], root), date="2026-06-01T12:00:00Z")
            continue
        done = cli(*_args(step, root), cwd=root)
        assert done.exit_code == 0, (step, done.stdout + done.stderr)
    before_validate = cli(*validate, cwd=root)
    before = tree_hash(root)
    if case.get("disk") == "full":
        fill_disk(place)
    with monkeypatch.context() as env:
        for name, value in (case.get("env") or {}).items():
            env.setenv(name, value.format(root=root))
        result = cli(*_args(case["command"], root), cwd=root)
    if case.get("disk") == "full":
        (place / "filler").unlink()
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code != 3, output
    assert result.exit_code == case["exit"], output
    for code in case.get("codes") or []:
        assert f"error {code}" in output or f"warning {code}" in output, (code, output)
    for text in case.get("says") or []:
        assert text in output, (text, output)
    for pattern in _args(case.get("absent") or [], root):
        assert not glob.glob(pattern, include_hidden=True), pattern
    after = cli(*validate, cwd=root)
    if result.exit_code != 0:
        assert tree_hash(root) == before, "a refused command changed the user's files"
        assert (after.exit_code, after.stdout) == (
            before_validate.exit_code,
            before_validate.stdout,
        )
    else:  # a case that succeeds starts from a valid manual, and leaves it valid
        assert before_validate.exit_code == 0, before_validate.stdout
        assert after.exit_code == 0, "a command left a valid manual invalid: " + after.stdout
    sites = sorted((root.parent / "editions").glob("*-html"))
    for site in sites:
        assert site_problems(site) == {}, site
    for page, texts in (case.get("site_says") or {}).items():
        assert sites, "the case published no HTML edition"
        text = (sites[0] / page).read_text(encoding="utf-8")
        for wanted in texts:
            assert wanted in text, (page, wanted)


def test_every_case_names_its_issue_and_is_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert all(set(case) <= KEYS for case in CASES), [set(c) - KEYS for c in CASES]
    assert all(case.get("issue") in (13, 18) for case in CASES)
    assert all(case["exit"] in (0, 1, 2) for case in CASES)
