"""amendments: the appendix compared whole, rebuilt from tags; --check and --fill."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import commit_all, git
from editions_helpers import append, replace

APPENDIX = "chapters/appendices/amendments.md"
VISION = "chapters/all-children/our-vision.md"
EARLY = "chapters/family-support/early-help.md"
BREAKS = "chapters/family-support/short-breaks.md"
HEAD = "---\nid: amendments\ntitle: Amendments\nowner: Release Lead\nkind: amendments\n---\n\n"
INTRO = "This appendix lists what changed in each edition of the manual, newest first.\n\n"


def summary(path: Path, edition: str, text: str) -> None:
    replace(path, "\n---\n", f'\namendments:\n  "{edition}": {text}\n---\n')


def test_first_edition_appendix(tiny_manual: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import copy_fixture

    repo = copy_fixture("editions", tmp_path / "first")
    git(repo, "init", "-q")
    commit_all(repo, "start")
    result = cli("amendments", "-m", str(repo), "--edition", "2026-05")
    assert result.exit_code == 0, result.stderr
    assert (repo / APPENDIX).read_text() == HEAD + INTRO + "## May 2026\n\nFirst edition.\n"


def _second_edition(repo: Path) -> None:
    """Changes for November 2026: retitle, update, new, remove (retired), editorial."""
    replace(repo / VISION, "title: Our Vision", "title: Our Vision and Purpose")
    summary(repo / VISION, "2026-11", "The chapter was retitled to say what it is for.")
    append(repo / EARLY, "\nEarly help | family help.\n")
    summary(repo / EARLY, "2026-11", "Section 1 now covers family help.")
    (repo / "chapters/family-support/family-time.md").write_text(
        "---\nid: family-time\ntitle: Family Time\nowner: Head of Service\namendments:\n"
        '  "2026-11": This chapter was added.\n---\n\nText.\n'
    )
    (repo / BREAKS).unlink()
    replace(
        repo / "manual.yaml",
        f"      - file: {BREAKS}\n",
        "      - file: chapters/family-support/family-time.md\n",
    )
    append(
        repo / "manual.yaml",
        "retired:\n  - id: short-breaks\n    title: Short Breaks\n    number: '2.2'\n"
        "    retired_on: '2026-09-01'\n    reason: Replaced by the regional short breaks offer.\n",
    )
    commit_all(repo, "November changes")
    replace(repo / "chapters/all-children/confidentiality.md", "keeps a child", "keeps any child")
    commit_all(repo, "Typo\n\nManual-Change: editorial")
    git(repo, "tag", "-a", "unrelated-tag", "-m", "not an edition")


NOVEMBER = (
    "## November 2026\n\n"
    "### New Chapters and Features\n\n"
    "| Chapter Name | Details |\n|---|---|\n"
    "| [Family Time](chapter:family-time) | This chapter was added. |\n\n"
    "### Updated Chapters\n\n"
    "| Chapter Name | Details |\n|---|---|\n"
    "| [Our Vision and Purpose](chapter:our-vision) | The chapter was retitled to say what "
    "it is for. |\n"
    "| [Early Help](chapter:early-help) | Section 1 now covers family help. |\n\n"
    "### Removed Chapters\n\n"
    "| Chapter Name | Details |\n|---|---|\n"
    "| 2.2 Short Breaks | Replaced by the regional short breaks offer. |\n\n"
    "### Retitled and Moved Chapters\n\n"
    "| Chapter Name | Details |\n|---|---|\n"
    "| [Our Vision and Purpose](chapter:our-vision) | Retitled: Our Vision → Our Vision "
    "and Purpose. |\n\n"
)


def test_second_edition_appendix_whole(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _second_edition(edition_repo)
    result = cli("amendments", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert result.exit_code == 1
    assert result.stderr == (
        "The Amendments appendix (chapters/appendices/amendments.md) is out of date: run "
        "'manualctl amendments' and commit it.\n"
    )
    result = cli("amendments", "-m", str(edition_repo), "--edition", "2026-11")
    assert result.exit_code == 0, result.stderr
    expected = HEAD + INTRO + NOVEMBER + "## May 2026\n\nFirst edition.\n"
    assert (edition_repo / APPENDIX).read_text() == expected
    again = cli("amendments", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert again.exit_code == 0, again.stderr
    assert (edition_repo / APPENDIX).read_text() == expected


def test_released_editions_rebuilt_from_tags(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _second_edition(edition_repo)
    assert cli("stamp", "-m", str(edition_repo), "-e", "2026-11").exit_code == 0
    commit_all(edition_repo, "Stamp")
    released = cli("release", "2026-11", "-m", str(edition_repo))
    assert released.exit_code == 0, released.stderr
    # After the release, an author rewrites a released summary: the appendix keeps the tag's.
    replace(edition_repo / EARLY, "Section 1 now covers family help.", "Rewritten later.")
    append(edition_repo / VISION, "\nA later change.\n")
    summary(edition_repo / VISION, "2027-05", "Later.")
    commit_all(edition_repo, "Later work")
    result = cli("amendments", "-m", str(edition_repo), "--edition", "2027-05")
    assert result.exit_code == 0, result.stderr
    may_2027 = (
        "## May 2027\n\n### Updated Chapters\n\n| Chapter Name | Details |\n|---|---|\n"
        "| [Our Vision and Purpose](chapter:our-vision) | Later. |\n\n"
    )
    expected = HEAD + INTRO + may_2027 + NOVEMBER + "## May 2026\n\nFirst edition.\n"
    assert (edition_repo / APPENDIX).read_text() == expected


def test_check_names_chapters_without_summary(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(edition_repo / EARLY, "\nMore.\n")
    commit_all(edition_repo, "More")
    result = cli("amendments", "-m", str(edition_repo), "-e", "2026-11", "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "2.1 Early Help (chapters/family-support/early-help.md) is Updated in November 2026 "
        'but has no amendment summary: add the line  "2026-11": ...  under  amendments:  in '
        "its front matter (indented by two spaces)."
    )


def test_fill_from_amendment_trailers(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(edition_repo / EARLY, "\nMore.\n")
    commit_all(edition_repo, "More\n\nAmendment: Section 1 was expanded.")
    replace(edition_repo / EARLY, "More.", "More support.")
    commit_all(edition_repo, "More support\n\nAmendment: Support was clarified.")
    result = cli("amendments", "-m", str(edition_repo), "-e", "2026-11", "--fill")
    assert result.exit_code == 0, result.stderr
    assert (edition_repo / EARLY).read_text() == (
        "---\nid: early-help\ntitle: Early Help\nowner: Head of Early Help\nreview:\n"
        "  last: 2026-03-01\n  every_months: 24\namendments:\n"
        '  "2026-11": "Section 1 was expanded. Support was clarified."\n---\n\n'
        "## 1. What early help is\n\nSupport as soon as a problem emerges.\n\nMore support.\n"
    )
    check = cli("amendments", "-m", str(edition_repo), "-e", "2026-11", "--check")
    assert check.exit_code == 0, check.stderr


def test_fill_adds_to_existing_summaries(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(edition_repo / EARLY, "---\n\n##", 'amendments:\n  "2025-11": Older.\n---\n\n##')
    commit_all(edition_repo, "Old summary")
    append(edition_repo / EARLY, "\nMore.\n")
    commit_all(edition_repo, "More\n\nAmendment: Expanded.")
    assert cli("amendments", "-m", str(edition_repo), "-e", "2026-11", "--fill").exit_code == 0
    assert (edition_repo / EARLY).read_text().split("---\n")[1] == (
        "id: early-help\ntitle: Early Help\nowner: Head of Early Help\nreview:\n"
        '  last: 2026-03-01\n  every_months: 24\namendments:\n  "2025-11": Older.\n'
        '  "2026-11": "Expanded."\n'
    )


def test_no_appendix_is_a_clear_error(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (edition_repo / APPENDIX).unlink()
    replace(edition_repo / "manual.yaml", f"      - file: {APPENDIX}\n", "")
    replace(edition_repo / "manual.yaml", "  - section: Appendices\n    entries:\n", "")
    result = cli("amendments", "-m", str(edition_repo), "-e", "2026-11")
    assert result.exit_code == 2
    assert "has no Amendments appendix" in result.stderr


def test_retired_id_reused_is_an_error(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(
        edition_repo / "manual.yaml",
        "retired:\n  - id: early-help\n    title: Early Help (old)\n",
    )
    result = cli("stamp", "-e", "2026-11", cwd=edition_repo)
    assert result.exit_code == 1
    assert result.stderr == (  # validate refuses it before stamp reads any history
        "chapters/family-support/early-help.md:2:5: error id-retired: the id "
        '"early-help" belonged to a retired chapter (Early Help (old)).\n'
        "    hint: Ids of retired chapters are never used again, so old links cannot point to "
        "the wrong chapter: give this chapter a new id, or take the id out of 'retired:' in "
        "manual.yaml if the chapter was never really retired.\n"
        "Error: The manual in . has 1 error(s). Fix them (run 'manualctl validate' to see "
        "them again), then retry.\n"
    )


def test_edition_without_changes(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(edition_repo / VISION, "last: 2026-01-10", "last: 2026-10-10")
    commit_all(edition_repo, "Reviewed, no change")
    result = cli("amendments", "-m", str(edition_repo), "-e", "2026-11")
    assert result.exit_code == 0, result.stderr
    assert (edition_repo / APPENDIX).read_text() == (
        HEAD
        + INTRO
        + "## November 2026\n\nNo chapters were added, updated, removed, retitled or moved "
        "in this edition.\n\n## May 2026\n\nFirst edition.\n"
    )


@pytest.mark.parametrize("command", [("stamp", "--check"), ("diff",)])
def test_retired_id_reused_without_full_validation(  # type: ignore[no-untyped-def]
    edition_repo: Path, cli, command: tuple[str, ...]
) -> None:
    """Commands that skip full validation still refuse it, with validate's own finding."""
    append(
        edition_repo / "manual.yaml",
        "retired:\n  - id: early-help\n    title: Early Help (old)\n",
    )
    result = cli(*command, cwd=edition_repo)
    assert result.exit_code == 1
    assert result.stderr == (
        "chapters/family-support/early-help.md:2:5: error id-retired: the id "
        '"early-help" belonged to a retired chapter (Early Help (old)).\n'
        "    hint: Ids of retired chapters are never used again, so old links cannot point to "
        "the wrong chapter: give this chapter a new id, or take the id out of 'retired:' in "
        "manual.yaml if the chapter was never really retired.\n"
        "Error: 1 chapter(s) reuse the id of a retired chapter. Give each a new id (see "
        "above), then run the command again.\n"
    )
