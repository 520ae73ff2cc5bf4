"""release, history and diff; and the README's "Making an edition" followed word for word."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import REPO_ROOT, commit_all, copy_fixture, git
from editions_helpers import append, replace

APPENDIX = "chapters/appendices/amendments.md"
VISION = "chapters/all-children/our-vision.md"
EARLY = "chapters/family-support/early-help.md"


def test_release_refusals_then_success(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    m = ("-m", str(edition_repo))
    existing = cli("release", "2026-05", *m)
    assert existing.exit_code == 2
    assert existing.stderr.startswith(
        'Error: The edition May 2026 has been released already: the tag "sample/2026-05" exists.'
    )
    assert cli("release", "2026-13", *m).exit_code == 2
    assert cli("release", "2026-01", *m).exit_code == 2  # before the latest edition
    append(edition_repo / EARLY, "\nMore.\n")
    dirty = cli("release", "2026-11", *m)
    assert dirty.exit_code == 2
    assert "has changes that are not committed" in dirty.stderr
    commit_all(edition_repo, "More")
    stale = cli("release", "2026-11", cwd=edition_repo)
    assert stale.exit_code == 1
    assert stale.stderr == (
        "chapters/family-support/early-help.md:2:1: error amendment-missing: 2.1 Early Help "
        "(chapters/family-support/early-help.md) is Updated in November 2026 but has no "
        'amendment summary: add the line  "2026-11": ...  under  amendments:  in its front '
        "matter (indented by two spaces).\n"
        "    hint: Write the sentence readers will see in the Amendments appendix and the "
        "chapter's amendment box (or run 'manualctl amendments --fill' to start from the "
        "commits' Amendment: lines).\n"
        "manual.yaml:16:15: error flag-stale: 2.1 (chapters/family-support/early-help.md) "
        "should be flagged Updated, not no flag.\n"
        "    hint: Run 'manualctl stamp', review and commit manual.yaml.\n"
        "Error: November 2026 cannot be released yet: 2 problem(s). Fix them, commit, and "
        "run the release again.\n"
    )
    assert git(edition_repo, "tag", "--list") == "sample/2026-05\n"
    cli("stamp", *m, "-e", "2026-11")
    replace(edition_repo / EARLY, "---\n\n##", 'amendments:\n  "2026-11": Expanded.\n---\n\n##')
    commit_all(edition_repo, "Stamp and summary")
    head = git(edition_repo, "rev-parse", "HEAD").strip()
    done = cli("release", "2026-11", *m)
    assert done.exit_code == 0, done.stderr
    commit = git(edition_repo, "rev-parse", "HEAD").strip()
    assert git(edition_repo, "rev-parse", "HEAD~1").strip() == head
    assert done.stdout == (
        "Committed the regenerated Amendments appendix.\n"
        f"Released November 2026: tag sample/2026-11 on commit {commit[:12]} "
        "(0 new, 1 updated, 0 removed, 0 retitled or moved).\n"
        "Publish it by pushing the tag: git push --follow-tags\n"
    )
    assert git(edition_repo, "cat-file", "-t", "sample/2026-11").strip() == "tag"
    assert git(edition_repo, "rev-parse", "sample/2026-11^{commit}").strip() == commit
    assert git(edition_repo, "status", "--porcelain") == ""


def test_history_and_diff(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    m = ("-m", str(edition_repo))
    replace(edition_repo / VISION, "title: Our Vision", "title: Our Vision and Purpose")
    replace(edition_repo / VISION, "---\n\n##", 'amendments:\n  "2026-11": Retitled.\n---\n\n##')
    commit_all(edition_repo, "Retitle")
    cli("stamp", *m, "-e", "2026-11")
    commit_all(edition_repo, "Stamp")
    assert cli("release", "2026-11", *m).exit_code == 0
    append(edition_repo / VISION, "\nMore.\n")
    commit_all(edition_repo, "More")
    result = cli("history", "our-vision", *m, "-e", "2027-05")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Our Vision and Purpose [our-vision]\n"
        "  May 2027 (not released yet): updated\n"
        "  November 2026: updated; retitled: 1.1.1 Our Vision -> 1.1.1 Our Vision and Purpose\n"
        "    Retitled.\n"
        "  May 2026: in the first edition\n"
    )
    unknown = cli("history", "our-visoin", *m)
    assert unknown.exit_code == 2
    assert 'Did you mean "our-vision"?' in unknown.stderr
    between = cli("diff", "2026-05", "2026-11", *m)
    assert between.stdout == (
        "Changes from May 2026 (sample/2026-05) to November 2026 (sample/2026-11):\n"
        "Updated (1):\n  1.1.1 Our Vision and Purpose [our-vision]\n"
        "Retitled (1):\n  1.1.1 Our Vision -> 1.1.1 Our Vision and Purpose\n"
    )
    since = cli("diff", *m)
    assert since.stdout == (
        "Changes from November 2026 (sample/2026-11) to the working tree:\n"
        "Updated (1):\n  1.1.1 Our Vision and Purpose [our-vision]\n"
    )


def _walkthrough_blocks() -> list[list[str]]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Making an edition\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [[line for line in block.splitlines() if line.strip()] for block in blocks]


def test_readme_release_walkthrough(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    origin = tmp_path / "origin.git"
    seed = tmp_path / "seed"
    copy_fixture("editions", seed / "manuals" / "sample")
    git(seed, "init", "-q")
    commit_all(seed, "The sample manual")
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    git(tmp_path, "clone", "-q", str(origin), "work")
    clone = tmp_path / "work"
    cwd = [clone]

    def run(line: str) -> int:
        argv = shlex.split(line, comments=True)
        if argv[0] == "cd":
            cwd[0] = cwd[0] / argv[1]
            return 0
        if argv[0] == "manualctl":
            return cli(*argv[1:], cwd=cwd[0]).exit_code
        assert argv[0] == "git", line
        git(cwd[0], *argv[1:], date="2026-05-20T12:00:00Z")
        return 0

    blocks = _walkthrough_blocks()
    assert len(blocks) == 6
    manual = clone / "manuals" / "sample"
    for line in blocks[0] + blocks[1] + blocks[2]:
        assert run(line) == 0, line
    assert "\trefs/tags/sample/2026-05\n" in git(clone, "ls-remote", "--tags", "origin")
    # Between editions: authors commit changes (one with trailers, one without).
    append(manual / EARLY, "\nFamily help is offered too.\n")
    commit_all(clone, "Family help\n\nAmendment: Section 1 now covers family help.")
    replace(manual / VISION, "healthy and happy", "healthy, and happy")
    commit_all(clone, "Comma\n\nManual-Change: editorial")
    replace(manual / "chapters/all-children/confidentiality.md", "keeps a", "keeps any")
    commit_all(clone, "Wider duty")
    git(clone, "push", "-q", "origin", "HEAD")
    codes = [run(line) for line in blocks[3]]
    assert codes == [0, 0, 1]
    assert all(run(line) == 0 for line in blocks[4])
    # The person writes the summary the trailers could not give.
    replace(
        manual / "chapters/all-children/confidentiality.md",
        "---\n\n##",
        'amendments:\n  "2026-11": Information may be shared to keep any child safe.\n---\n\n##',
    )
    for line in blocks[5]:
        assert run(line) == 0, line
    assert (manual / APPENDIX).read_text() == (
        "---\nid: amendments\ntitle: Amendments\nowner: Release Lead\nkind: amendments\n"
        "---\n\nThis appendix lists what changed in each edition of the manual, newest first."
        "\n\n## November 2026\n\n### Updated Chapters\n\n| Chapter Name | Details |\n"
        "|---|---|\n| [Confidentiality Policy](chapter:confidentiality) | Information may be "
        "shared to keep any child safe. |\n| [Early Help](chapter:early-help) | Section 1 "
        "now covers family help. |\n\n## May 2026\n\nFirst edition.\n"
    )
    yaml_text = (manual / "manual.yaml").read_text()
    assert yaml_text.count("flag: Updated") == 2 and "flag: New" not in yaml_text
    tags = git(clone, "ls-remote", "--tags", "origin")
    assert "\trefs/tags/sample/2026-11\n" in tags
    assert git(clone, "status", "--porcelain") == ""
