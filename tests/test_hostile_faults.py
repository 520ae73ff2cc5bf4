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


def test_leftovers_of_interrupted_publishes_are_cleaned(tmp_path: Path) -> None:
    """What a publish killed between two steps left: half-built sites and temporary files
    go and a site moved aside is moved back, by the next publish holding the output
    folder's lock; this user's day-old work folders leave the temporary folder."""
    import os
    import tempfile
    import time

    from manualctl.fsutil import manual_lock
    from manualctl.publish.folder import clean_temp_folders

    out = tmp_path / "editions"
    site = out / "tiny-2026-11-html"
    (out / ".tiny-2026-11-html.new-abcd1234").mkdir(parents=True)
    (out / ".tiny-2026-11-html.old-efgh5678" / "site").mkdir(parents=True)
    (out / ".tiny-2026-11-html.old-efgh5678" / "site" / "index.html").write_text("previous")
    (out / ".tiny-2026-11-html.x1abcdef.tmp").write_text("half")
    with manual_lock(out, whole_tree=False) as lock:
        pass
    assert sorted(p.name for p in out.iterdir()) == ["tiny-2026-11-html"]
    assert (site / "index.html").read_text() == "previous"
    assert len(lock.cleared) == 3
    stale = Path(tempfile.mkdtemp(prefix="manualctl-test-"))
    fresh = Path(tempfile.mkdtemp(prefix="manualctl-test-"))
    old = time.time() - 2 * 86400
    os.utime(stale, (old, old))
    clean_temp_folders()
    assert not stale.exists() and fresh.is_dir()
    fresh.rmdir()
