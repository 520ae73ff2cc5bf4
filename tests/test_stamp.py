"""stamp: New/Updated flags from real git histories (fixed dates, no mocks)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import commit_all, git
from editions_helpers import append, replace

from manualctl.editions.stamp import set_flags
from manualctl.model.yamltext.reader import load_fast

VISION = "chapters/all-children/our-vision.md"
EARLY = "chapters/family-support/early-help.md"
BREAKS = "chapters/family-support/short-breaks.md"


def flags(repo: Path) -> dict[str, str]:
    """file -> flag, as stored in manual.yaml."""
    data = load_fast((repo / "manual.yaml").read_text())
    out = {}
    for section in data["contents"]:
        for entry in section.get("entries", []):
            for item in entry.get("entries", [entry]):
                if "file" in item and "flag" in item:
                    out[item["file"]] = item["flag"]
    return out


def test_first_edition_flags_nothing(tiny_manual: Path, cli) -> None:  # type: ignore[no-untyped-def]
    git(tiny_manual, "init", "-q")
    commit_all(tiny_manual, "start")
    before = (tiny_manual / "manual.yaml").read_bytes()
    result = cli("stamp", "-m", str(tiny_manual), "--edition", "2026-05")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "May 2026 is the first edition: no earlier edition tag was found, so no chapter is "
        "flagged. (If there was an earlier edition, fetch its tags with 'git fetch --tags'.)\n"
        "The flags in manual.yaml are up to date (0 flagged).\n"
        "Started the May 2026 edition: manual.yaml records it as in preparation "
        '(edition: preparing: "2026-05") until it is released.\n'
    )
    started = before.replace(b"contents:\n", b'edition:\n  preparing: "2026-05"\ncontents:\n', 1)
    assert (tiny_manual / "manual.yaml").read_bytes() == started


def test_new_and_updated_written_byte_for_byte(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(edition_repo / EARLY, "\nMore support for families.\n")
    new = edition_repo / "chapters/family-support/family-time.md"
    new.write_text(
        "---\nid: family-time\ntitle: Family Time\nowner: Head of Service\n---\n\nText.\n"
    )
    replace(
        edition_repo / "manual.yaml",
        "      - file: chapters/family-support/short-breaks.md\n",
        "      - file: chapters/family-support/short-breaks.md\n"
        "      - file: chapters/family-support/family-time.md\n",
    )
    commit_all(edition_repo, "Family time; more early help")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert result.exit_code == 1
    assert result.stdout == (
        "November 2026: compared with the previous edition, tag sample/2026-05.\n"
        "  2.1 Early Help (chapters/family-support/early-help.md): no flag -> Updated\n"
        "  2.3 Family Time (chapters/family-support/family-time.md): no flag -> New\n"
    )
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert result.exit_code == 0, result.stderr
    assert (edition_repo / "manual.yaml").read_text() == (
        "# The sample manual for the edition tests (stamp, amendments, release, history, diff).\n"
        "id: sample\n"
        "title: Sample Procedures Manual\n"
        "organisation: Example Children's Trust\n"
        "language: en-GB\n"
        "edition:\n"
        '  preparing: "2026-11"\n'
        "contents:\n"
        "  - section: All Children\n"
        "    entries:\n"
        "      - subsection: Policy, Values and Principles\n"
        "        entries:\n"
        "          - file: chapters/all-children/our-vision.md\n"
        "          - file: chapters/all-children/confidentiality.md\n"
        "            note: N.B. A local policy can be substituted here   # keep this comment\n"
        "  - section: Family Support\n"
        "    entries:\n"
        "      - file: chapters/family-support/early-help.md\n"
        "        flag: Updated\n"
        "      - file: chapters/family-support/short-breaks.md\n"
        "      - file: chapters/family-support/family-time.md\n"
        "        flag: New\n"
        "      - external: Child Protection Enquiries\n"
        "        url: https://example.org/cp-enquiries\n"
        "        source: Regional Child Protection Procedures\n"
        "  - section: Appendices\n"
        "    entries:\n"
        "      - file: chapters/appendices/amendments.md\n"
    )
    again = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert again.exit_code == 0
    assert again.stdout.endswith("The flags in manual.yaml are up to date (2 flagged).\n")


def test_stale_flags_are_removed(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(
        edition_repo / "manual.yaml",
        "      - file: chapters/family-support/early-help.md\n",
        "      - file: chapters/family-support/early-help.md\n        flag: New  # old\n",
    )
    commit_all(edition_repo, "a stale flag")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert result.exit_code == 0
    assert "early-help.md): New -> no flag" in result.stdout.splitlines()[1]
    shutil.copy(edition_repo / "manual.yaml", edition_repo / "after.yaml")
    git(edition_repo, "checkout", "-q", "sample/2026-05", "--", "manual.yaml")
    started = (
        (edition_repo / "manual.yaml")
        .read_bytes()
        .replace(b"contents:\n", b'edition:\n  preparing: "2026-11"\ncontents:\n', 1)
    )
    assert (edition_repo / "after.yaml").read_bytes() == started


def test_git_mv_is_neither_new_nor_updated(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (edition_repo / "chapters/support").mkdir()
    git(edition_repo, "mv", BREAKS, "chapters/support/short-breaks.md")
    replace(edition_repo / "manual.yaml", BREAKS, "chapters/support/short-breaks.md")
    commit_all(edition_repo, "Move short breaks")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert result.exit_code == 0, result.stdout
    assert flags(edition_repo) == {}


def test_delete_and_add_in_two_commits_is_neither(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = (edition_repo / BREAKS).read_text()
    (edition_repo / BREAKS).unlink()
    replace(edition_repo / "manual.yaml", f"      - file: {BREAKS}\n", "")
    commit_all(edition_repo, "Remove short breaks")
    (edition_repo / "chapters/all-children/breaks.md").write_text(text)
    replace(
        edition_repo / "manual.yaml",
        "      - file: chapters/appendices/amendments.md\n",
        "      - file: chapters/all-children/breaks.md\n"
        "      - file: chapters/appendices/amendments.md\n",
    )
    commit_all(edition_repo, "Add it again elsewhere")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("up to date (0 flagged).\n")


def test_moved_and_edited_is_updated(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    git(edition_repo, "mv", BREAKS, "chapters/all-children/short-breaks.md")
    replace(edition_repo / "manual.yaml", BREAKS, "chapters/all-children/short-breaks.md")
    commit_all(edition_repo, "Move short breaks\n\nManual-Change: editorial")
    append(edition_repo / "chapters/all-children/short-breaks.md", "\nNew eligibility rules.\n")
    commit_all(edition_repo, "New eligibility rules")
    cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert flags(edition_repo) == {"chapters/all-children/short-breaks.md": "Updated"}


def test_bookkeeping_changes_are_not_updated(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(edition_repo / VISION, "last: 2026-01-10", "last: 2026-10-10")
    replace(edition_repo / VISION, "owner: Director", "owner: Deputy Director")
    append(edition_repo / EARLY, "\n")  # whitespace at the end only
    commit_all(edition_repo, "Reviewed")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert result.exit_code == 0, result.stdout


def test_editorial_commits_only_are_not_updated(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(edition_repo / VISION, "healthy and happy", "healthy, and happy")
    commit_all(edition_repo, "Comma\n\nManual-Change: editorial")
    replace(edition_repo / EARLY, "problem emerges", "problem emerges.")
    commit_all(edition_repo, "Full stop\n\nManual-Change: editorial")
    replace(edition_repo / EARLY, "Support as", "Help as")
    commit_all(edition_repo, "Wording\n\nManual-Change: editorial\nAmendment: Reworded.")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11", "--check")
    assert result.exit_code == 0, result.stdout
    replace(edition_repo / EARLY, "Help as", "Help as early")
    commit_all(edition_repo, "A real change")
    cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert flags(edition_repo) == {EARLY: "Updated"}


def test_uncommitted_change_counts(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(edition_repo / VISION, "healthy and happy", "healthy, and happy")
    cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert flags(edition_repo) == {VISION: "Updated"}


def test_merge_commits(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    git(edition_repo, "checkout", "-q", "-b", "typos")
    replace(edition_repo / VISION, "healthy and happy", "healthy, and happy")
    commit_all(edition_repo, "Typo\n\nManual-Change: editorial")
    git(edition_repo, "checkout", "-q", "-b", "policy", "main")
    append(edition_repo / EARLY, "\nA new duty.\n")
    commit_all(edition_repo, "New duty")
    git(edition_repo, "checkout", "-q", "main")
    replace(
        edition_repo / "chapters/all-children/confidentiality.md", "owner: Head", "owner: Chief"
    )
    commit_all(edition_repo, "Owner")
    git(edition_repo, "merge", "-q", "--no-ff", "-m", "Merge typos", "typos")
    git(edition_repo, "merge", "-q", "--no-ff", "-m", "Merge policy", "policy")
    cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert flags(edition_repo) == {EARLY: "Updated"}


def test_other_manual_in_the_same_repository_is_ignored(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import copy_fixture

    repo = tmp_path / "repo"
    copy_fixture("editions", repo / "manuals" / "sample")
    copy_fixture("editions", repo / "manuals" / "other")
    replace(repo / "manuals/other/manual.yaml", "id: sample", "id: other")
    git(repo, "init", "-q")
    commit_all(repo, "Two manuals")
    git(repo, "tag", "-a", "sample/2026-05", "-m", "May 2026")
    git(repo, "tag", "-a", "other/2026-05", "-m", "May 2026")
    replace(repo / "manuals/sample" / VISION, "healthy and happy", "healthy, and happy")
    commit_all(repo, "Typo in sample\n\nManual-Change: editorial")
    replace(repo / "manuals/other" / VISION, "healthy and happy", "healthy; happy")
    append(repo / "manuals/other" / EARLY, "\nOther text.\n")
    commit_all(repo, "Real changes in the other manual")
    result = cli("stamp", "-m", str(repo / "manuals/sample"), "--edition", "2026-11", "--check")
    assert result.exit_code == 0, result.stdout
    cli("stamp", "-m", str(repo / "manuals/other"), "--edition", "2026-11")
    assert flags(repo / "manuals/other") == {VISION: "Updated", EARLY: "Updated"}


def test_detached_head_works(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(edition_repo / EARLY, "\nMore.\n")
    commit_all(edition_repo, "More")
    git(edition_repo, "checkout", "-q", "--detach", "HEAD")
    result = cli("stamp", "-m", str(edition_repo), "--edition", "2026-11")
    assert result.exit_code == 0, result.stderr
    assert flags(edition_repo) == {EARLY: "Updated"}


def test_shallow_clone_is_refused(edition_repo: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(edition_repo / EARLY, "\nMore.\n")
    commit_all(edition_repo, "More")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{edition_repo}", str(clone))
    result = cli("stamp", "-m", str(clone), "--edition", "2026-11", "--check")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: The clone in {clone.resolve()} is shallow: it holds only part of the history, "
        "so manualctl cannot tell what changed since the last edition. Fetch the full history "
        "first: run 'git fetch --unshallow --tags' (in GitHub Actions, give actions/checkout "
        "'fetch-depth: 0'), then run the command again.\n"
    )


def test_not_a_git_repository(tiny_manual: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("stamp", "-m", str(tiny_manual))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tiny_manual.resolve()} is not in a git repository: manualctl works out "
        "editions from the manual's git history. Run the command in a clone of the manual's "
        "repository, or start one with 'git init', 'git add .' and 'git commit'.\n"
    )


def test_set_flags_keeps_other_styles() -> None:
    text = (
        "id: x\r\ncontents:\r\n- section: A\r\n  entries:\r\n  - file: a.md   # a\r\n"
        "  - {file: b.md, flag: New}\r\n  - file: c.md\r\n    flag: 'Updated'\r\n"
    )
    path_a = ("contents", 0, "entries", 0)
    path_c = ("contents", 0, "entries", 2)
    out = set_flags(text, {path_a: "New", path_c: "New"})
    assert out == (
        "id: x\r\ncontents:\r\n- section: A\r\n  entries:\r\n  - file: a.md   # a\r\n"
        "    flag: New\r\n  - {file: b.md, flag: New}\r\n  - file: c.md\r\n    flag: New\r\n"
    )
    flow = set_flags(text, {("contents", 0, "entries", 1): None})
    assert load_fast(flow)["contents"][0]["entries"][1] == {"file": "b.md"}
