"""A repository holding a template manual (released as 2026-05) and a council's manual
built on it: manuals/template (tests/fixtures/tiny, id "template") and manuals/council
(tests/fixtures/upstream/council)."""

from __future__ import annotations

from pathlib import Path

from conftest import commit_all, copy_fixture, git
from editions_helpers import replace


def template_repo(tmp_path: Path) -> Path:
    """The repository's top folder; the template's 2026-05 tag exists."""
    repo = tmp_path / "repo"
    template = copy_fixture("tiny", repo / "manuals" / "template")
    replace(template / "manual.yaml", "id: tiny", "id: template")
    copy_fixture("upstream/council", repo / "manuals" / "council")
    git(repo, "init", "-q")
    commit_all(repo, "The template and the council's manual", date="2026-05-01T12:00:00Z")
    git(repo, "tag", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-01T12:00:00Z")
    return repo
