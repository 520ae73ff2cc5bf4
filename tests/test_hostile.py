"""The hostile corpus (tests/hostile/cases.yaml): every case runs the real command line
in a copy of tests/fixtures/tiny committed to a fresh git repository.

For each case: the exit code and findings it names; never a traceback and never exit 3
(a bug); a refused command (exit code other than 0) changes no file of the user's (the
tree is hashed before and after, .git aside); and validate says afterwards what it said
before the command ran.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, commit_all, git

HOSTILE = Path(__file__).parent / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))


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


def make_case(case: dict[str, Any], root: Path) -> None:
    """The fixture, changed as the case says, committed."""
    import shutil

    shutil.copytree(FIXTURES / "tiny", root)
    git(root, "init", "-q")
    commit_all(root, "The tiny manual", date="2026-01-01T12:00:00Z")
    for rel, text in (case.get("append") or {}).items():
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    for rel, text in (case.get("write") or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, data in (case.get("hex") or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(bytes.fromhex(data))
    for rel in case.get("remove") or []:
        (root / rel).unlink()
    for rel, target in (case.get("symlink") or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        if (root / rel).exists():
            (root / rel).unlink()
        (root / rel).symlink_to(target.format(outside=root.parent / "outside"))
    (root.parent / "outside").mkdir(exist_ok=True)
    (root.parent / "outside" / "secret.md").write_text("---\nid: secret\ntitle: Secret\n---\n")
    git(root, "add", "-A")
    if git(root, "status", "--porcelain"):
        commit_all(root, "The hostile change", date="2026-02-01T12:00:00Z")
    for rel in case.get("fifo") or []:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / rel)


def _args(case: dict[str, Any], root: Path) -> list[str]:
    out = root.parent / "editions"
    return [str(arg).format(root=root, out=out) for arg in case["command"]]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(
    cli,  # type: ignore[no-untyped-def]
    case: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "tiny"
    make_case(case, root)
    for name, value in (case.get("env") or {}).items():
        monkeypatch.setenv(name, value)
    before_validate = cli("validate", cwd=root)
    before = tree_hash(root)
    result = cli(*_args(case, root), cwd=root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code != 3, output
    assert result.exit_code == case["exit"], output
    for code in case.get("codes") or []:
        assert f"error {code}" in output or f"warning {code}" in output, (code, output)
    for text in case.get("says") or []:
        assert text in output, (text, output)
    if result.exit_code != 0:
        assert tree_hash(root) == before, "a refused command changed the user's files"
        after = cli("validate", cwd=root)
        assert (after.exit_code, after.stdout) == (
            before_validate.exit_code,
            before_validate.stdout,
        )


def test_every_case_names_its_issue_and_is_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert all(case.get("issue") in (13, 18) for case in CASES)
    assert all(case["exit"] in (0, 1, 2) for case in CASES)
