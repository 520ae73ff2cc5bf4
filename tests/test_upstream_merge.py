"""``upstream update --to --merge``: git's three-way merge takes the template's change into
each stale substitution (base: the template chapter at its based_on), all or nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import commit_all
from editions_helpers import replace
from upstream_helpers import two_editions_repo

VISION = """\
---
id: our-vision
title: Our Council's Vision
replaces: our-vision
based_on: 2026-05
owner: Director of Children's Services
review:
  last: 2026-05-01
  every_months: 12
---

## Scope of this chapter

This chapter sets out what our council is for.

## 1. Our vision

Every child safe, healthy and happy.
"""


def _council(tmp_path: Path) -> tuple[Path, Path]:
    """The two-edition repository; the council substitutes our-vision with its own copy
    (its own scope sentence) and no longer places the chapter the template removes."""
    repo = two_editions_repo(tmp_path)
    council = repo / "manuals" / "council"
    replace(council / "manual.yaml", "      - inherit: private-fostering\n", "")
    replace(
        council / "manual.yaml",
        "      - inherit: our-vision\n",
        "      - file: chapters/council-vision.md\n",
    )
    (council / "chapters" / "council-vision.md").write_text(VISION, encoding="utf-8")
    commit_all(repo, "Council: our own vision", date="2026-06-01T12:00:00Z")
    return repo, council


def _files(council: Path) -> dict[str, bytes]:
    return {str(p.relative_to(council)): p.read_bytes() for p in sorted(council.rglob("*.md"))} | {
        "manual.yaml": (council / "manual.yaml").read_bytes()
    }


def test_a_conflict_is_listed_and_nothing_changes(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _council(tmp_path)
    before = _files(council)
    result = cli(
        "upstream", "update", "--to", "2026-11", "--merge", "-m", "manuals/council", cwd=repo
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == EXPECTED_CONFLICT
    assert _files(council) == before
    assert not (council / ".manualctl.lock").exists()


EXPECTED_CONFLICT = """\
manuals/council/chapters/local-confidentiality.md:12:1: error substitution-conflict: \
the template changed "confidentiality" between 2026-05 and 2026-11 where \
chapters/local-confidentiality.md has its own text: the two cannot be merged by git.
    hint: Read the template's change (git diff template/2026-05 template/2026-11 -- \
manuals/template/chapters/all-children/confidentiality.md), make it in \
chapters/local-confidentiality.md by hand and set its based_on to 2026-11; the other \
chapters merge cleanly and are merged when you run the command again.
Error: 1 conflicting change(s) in 1 substituted chapter(s): nothing was changed. Merge \
those by hand (or run 'manualctl upstream update --to 2026-11' without --merge: they are \
then stale substitutions until you do).
"""


def test_clean_merges_take_the_template_change_and_move_based_on(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _council(tmp_path)
    # the author has reviewed the confidentiality substitution by hand already
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    result = cli(
        "upstream", "update", "--to", "2026-11", "--merge", "-m", "manuals/council", cwd=repo
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_MERGED
    assert (council / "chapters" / "council-vision.md").read_text(encoding="utf-8") == (
        VISION.replace("based_on: 2026-05", "based_on: 2026-11").replace(
            "healthy and happy.", "healthy, happy and heard."
        )
    )
    assert "  edition: 2026-11\n" in (council / "manual.yaml").read_text(encoding="utf-8")
    assert cli("validate", "manuals/council", cwd=repo).exit_code == 0
    status = cli("upstream", "status", "-m", "manuals/council", "--check", cwd=repo)
    assert status.exit_code == 0, status.stdout


EXPECTED_MERGED = """\
council now follows the template manuals/template at 2026-11 (was 2026-05).

Inherited chapters with the template's new text (Updated at the next stamp):
  2.3 family-time: Family Time

Retitled by the template:
  2.1 early-help: Early Help

Substitutions merged with the template's change (based_on moved to 2026-11; read them \
before the release):
  1.1 our-vision: chapters/council-vision.md

New in the template, not placed (add '- inherit: ID' where they belong):
  children-missing: Children Missing from Home

Next: 'manualctl stamp' to flag the changed chapters.
"""


def test_merge_after_the_edition_moved(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A plain update leaves the substitution stale; --merge at the same edition merges it."""
    repo, council = _council(tmp_path)
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    moved = cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    assert moved.exit_code == 0, moved.stderr
    assert cli("validate", "manuals/council", cwd=repo).exit_code == 1  # stale
    result = cli(
        "upstream", "update", "--to", "2026-11", "--merge", "-m", "manuals/council", cwd=repo
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "council follows the template manuals/template at 2026-11.\n\n"
        "Substitutions merged with the template's change (based_on moved to 2026-11; read "
        "them before the release):\n"
        "  1.1 our-vision: chapters/council-vision.md\n\n"
        "Next: 'manualctl stamp' to flag the changed chapters.\n"
    )
    assert cli("validate", "manuals/council", cwd=repo).exit_code == 0
