"""Fault cases of the hostile corpus that need more than one manual: two manuals with
the same id in one repository (issue 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, commit_all, git
from tests.test_hostile import tree_hash


def _twins(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for name in ("a", "b"):
        shutil.copytree(FIXTURES / "tiny", repo / "manuals" / name)
    git(repo, "init", "-q")
    commit_all(repo, "Two manuals, one id")
    return repo


def test_two_manuals_with_one_id_are_reported_naming_both(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = _twins(tmp_path)
    result = cli("validate", "manuals", cwd=repo)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "error duplicate-manual-id" in line]
    assert lines == [
        'manuals/a/manual.yaml:2:5: error duplicate-manual-id: the manual id "tiny" is also '
        "the id of manuals/b.",
        'manuals/b/manual.yaml:2:5: error duplicate-manual-id: the manual id "tiny" is also '
        "the id of manuals/a.",
    ]


def test_publish_never_writes_two_editions_to_one_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = _twins(tmp_path)
    before = tree_hash(repo)
    result = cli("publish", "manuals", "--format", "html", "--out", str(tmp_path / "out"), cwd=repo)
    assert result.exit_code == 2
    assert 'are both the manual "tiny"' in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert tree_hash(repo) == before
