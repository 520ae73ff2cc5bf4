"""The edition cycle between editions: released or in preparation, CI's checks, drafts."""

from __future__ import annotations

from pathlib import Path

import docx
from conftest import commit_all, git
from editions_helpers import append, replace
from htmlcheck import read_page
from pdfcheck import page_texts

VISION = "chapters/all-children/our-vision.md"
EARLY = "chapters/family-support/early-help.md"


def _ci(cli, repo: Path) -> list[int]:  # type: ignore[no-untyped-def]
    """CI's checks, as the README's workflow runs them: validate, stamp, amendments."""
    return [
        cli("validate", "--strict", "--today", "2027-01-01", str(repo)).exit_code,
        cli("stamp", "--check", "-m", str(repo)).exit_code,
        cli("amendments", "--check", "-m", str(repo)).exit_code,
    ]


def _release_november(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    m = ("-m", str(repo))
    append(repo / EARLY, "\nFamily help is offered too.\n")
    replace(repo / EARLY, "---\n\n##", 'amendments:\n  "2026-11": Family help.\n---\n\n##')
    commit_all(repo, "Family help", date="2026-10-01T12:00:00Z")
    assert cli("stamp", "--edition", "2026-11", *m).exit_code == 0
    assert cli("amendments", *m).exit_code == 0
    commit_all(repo, "Prepare the November 2026 edition", date="2026-11-20T12:00:00Z")
    done = cli("release", "2026-11", *m)
    assert done.exit_code == 0, done.stderr


def test_ci_passes_between_editions_until_the_next_is_started(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _release_november(cli, edition_repo)
    assert _ci(cli, edition_repo) == [0, 0, 0]
    # December: an editorial change, then a real one, and a chapter retitled: still the
    # November 2026 edition's flags, and CI passes on each commit.
    replace(edition_repo / VISION, "healthy and happy", "healthy, and happy")
    commit_all(edition_repo, "Comma\n\nManual-Change: editorial", date="2026-12-01T12:00:00Z")
    assert _ci(cli, edition_repo) == [0, 0, 0]
    append(edition_repo / VISION, "\nA new paragraph.\n")
    commit_all(edition_repo, "More vision", date="2026-12-02T12:00:00Z")
    assert _ci(cli, edition_repo) == [0, 0, 0]
    between = cli("stamp", "--check", "-m", str(edition_repo))
    assert between.stdout == (
        "No edition is in preparation: the flags describe the last release, tag "
        "sample/2026-11. Start the next edition with 'manualctl stamp --edition YYYY-MM'.\n"
        "The flags in manual.yaml are up to date (1 flagged).\n"
    )
    # The release lead starts May 2027: the flags now describe it.
    started = cli("stamp", "--edition", "2027-05", "-m", str(edition_repo))
    assert started.exit_code == 0, started.stderr
    assert started.stdout.splitlines()[-1] == (
        "Started the May 2027 edition: manual.yaml records it as in preparation "
        '(edition: preparing: "2027-05") until it is released.'
    )
    assert 'preparing: "2027-05"' in (edition_repo / "manual.yaml").read_text()
    commit_all(edition_repo, "Start May 2027", date="2027-01-05T12:00:00Z")
    assert cli("stamp", "--check", "-m", str(edition_repo)).exit_code == 0
    # ... and a change after that makes a started edition's flags stale: CI says so.
    append(edition_repo / EARLY, "\nAnd more.\n")
    commit_all(edition_repo, "More help", date="2027-01-06T12:00:00Z")
    stale = cli("stamp", "--check", "-m", str(edition_repo))
    assert stale.exit_code == 1
    assert stale.stdout.splitlines()[0] == (
        "May 2027: compared with the previous edition, tag sample/2026-11."
    )


def test_a_released_edition_cannot_be_prepared_again(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _release_november(cli, edition_repo)
    again = cli("stamp", "--edition", "2026-11", "-m", str(edition_repo))
    assert again.exit_code == 2
    assert again.stderr == (
        'Error: The edition November 2026 has been released already: the tag "sample/2026-11" '
        "exists. Pick the next edition, or if the tag is a mistake delete it "
        "(git tag -d sample/2026-11) before releasing again.\n"
    )


def test_a_clone_without_tags_is_refused(edition_repo: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _release_november(cli, edition_repo)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--no-tags", str(edition_repo), str(clone))
    result = cli("amendments", "--edition", "2027-05", "-m", str(clone))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: This clone has no edition tags for sample, but its Amendments appendix "
        "(chapters/appendices/amendments.md) lists earlier editions: the tags were not "
        "fetched. Fetch the tags: git fetch --tags (in GitHub Actions, give "
        "actions/checkout 'fetch-depth: 0'), then run the command again.\n"
    )
    assert git(clone, "status", "--porcelain") == ""


def test_publish_between_editions_is_a_draft(edition_repo: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _release_november(cli, edition_repo)
    out = tmp_path / "out"
    m = ("-m", str(edition_repo))
    released = cli("publish", *m, "--format", "docx,pdf,html", "--out", str(out / "released"))
    assert released.exit_code == 0, released.stderr
    assert sorted(p.name for p in (out / "released").iterdir()) == [
        "sample-2026-11-html",
        "sample-2026-11-html.inputs.json",
        "sample-2026-11.docx",
        "sample-2026-11.docx.inputs.json",
        "sample-2026-11.pdf",
        "sample-2026-11.pdf.inputs.json",
    ]
    append(edition_repo / VISION, "\nA new paragraph.\n")
    commit_all(edition_repo, "More vision", date="2026-12-02T12:00:00Z")
    assert cli("stamp", "--edition", "2027-05", *m).exit_code == 0
    commit_all(edition_repo, "Start May 2027", date="2027-01-05T12:00:00Z")
    result = cli("publish", *m, "--format", "docx,pdf,html", "--out", str(out / "draft"))
    assert result.exit_code == 0, result.stderr
    draft = out / "draft"
    assert sorted(p.name for p in draft.iterdir()) == [
        "sample-2027-05-draft-html",
        "sample-2027-05-draft-html.inputs.json",
        "sample-2027-05-draft.docx",
        "sample-2027-05-draft.docx.inputs.json",
        "sample-2027-05-draft.pdf",
        "sample-2027-05-draft.pdf.inputs.json",
    ]
    line = "Draft of the May 2027 edition, not released; based on November 2026"
    word = docx.Document(str(draft / "sample-2027-05-draft.docx"))
    assert [p.text for p in word.paragraphs if p.style.name == "Cover Edition"] == [line]
    assert word.sections[0].header.paragraphs[0].text == f"Sample Procedures Manual · {line}"
    pages = page_texts(draft / "sample-2027-05-draft.pdf")
    assert line in " ".join(pages[0].split())  # the cover
    assert all(line in " ".join(page.split()) for page in pages[1:])  # every page's header
    site = draft / "sample-2027-05-draft-html"
    for page in ("index.html", "our-vision.html"):
        assert f'<p class="edition">{line}</p>' in (site / page).read_text(encoding="utf-8")
    assert read_page(site / "index.html").title == "Sample Procedures Manual (May 2027 draft)"


def test_a_retired_chapter_named_in_the_appendix_breaks_nothing(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _release_november(cli, edition_repo)
    m = ("-m", str(edition_repo))
    appendix = edition_repo / "chapters/appendices/amendments.md"
    assert "| [Early Help](chapter:early-help) | Family help. |" in appendix.read_text()
    retired = cli(
        "retire-chapter", "early-help", "--reason", "Replaced by the family help chapter.",
        "--today", "2026-12-10", *m,
    )  # fmt: skip
    assert retired.exit_code == 0, retired.stderr
    assert (
        "    reason: Replaced by the family help chapter.\n"
        in (edition_repo / "manual.yaml").read_text()
    )
    commit_all(edition_repo, "Retire early help", date="2026-12-10T12:00:00Z")
    assert _ci(cli, edition_repo) == [0, 0, 0]  # the appendix as released is still fine
    assert cli("amendments", *m).exit_code == 0
    assert "| Early Help | Family help. |" in appendix.read_text()  # plain text now
    commit_all(edition_repo, "Appendix", date="2026-12-11T12:00:00Z")
    assert _ci(cli, edition_repo) == [0, 0, 0]
    assert cli("stamp", "--edition", "2027-05", *m).exit_code == 0
    assert cli("amendments", *m).exit_code == 0
    text = appendix.read_text()
    assert text.split("## November 2026")[0].endswith(
        "## May 2027\n\n### Removed Chapters\n\n| Chapter Name | Details |\n|---|---|\n"
        "| 2.1 Early Help | Replaced by the family help chapter. |\n\n"
    )
    assert cli("validate", "--strict", "--today", "2027-01-01", str(edition_repo)).exit_code == 0


def test_publish_an_older_edition_from_its_tag(edition_repo: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--edition gives the same bytes as the files published at the time; --as-of picks
    the edition in force that day; the working tree is not touched."""
    git(edition_repo, "tag", "-d", "sample/2026-05")
    git(edition_repo, "tag", "-a", "sample/2026-05", "-m", "May 2026", date="2026-05-01T12:00:00Z")
    m = ("-m", str(edition_repo))
    at_the_time = tmp_path / "then"
    made = cli("publish", *m, "--format", "docx,pdf,html", "--out", str(at_the_time), "--json")
    assert made.exit_code == 0, made.stderr
    _release_november(cli, edition_repo)  # tagged today, by the real clock
    append(edition_repo / VISION, "\nLater work.\n")  # uncommitted, and must stay so
    status = git(edition_repo, "status", "--porcelain")
    later = tmp_path / "later"
    formats = ("--format", "docx,pdf,html", "--json")
    again = cli("publish", *m, *formats, "--edition", "2026-05", "--out", str(later))
    assert again.exit_code == 0, again.stderr
    import json

    then, now = json.loads(made.stdout), json.loads(again.stdout)
    assert [(w["format"], w["sha256"], w["bytes"]) for w in then] == [
        (w["format"], w["sha256"], w["bytes"]) for w in now
    ]
    assert [Path(w["path"]).name for w in now] == [
        "sample-2026-05.docx",
        "sample-2026-05.pdf",
        "sample-2026-05-html",
    ]
    assert git(edition_repo, "status", "--porcelain") == status
    in_force = tmp_path / "in-force"
    day = cli("publish", *m, "--as-of", "2026-06-30", "--out", str(in_force))
    assert day.exit_code == 0, day.stderr
    assert sorted(p.name for p in in_force.iterdir()) == [
        "sample-2026-05.docx",
        "sample-2026-05.docx.inputs.json",
    ]
    before = cli("publish", *m, "--as-of", "2026-04-30", "--out", str(in_force))
    assert before.exit_code == 2
    assert before.stderr == (
        "Error: No edition was in force on 2026-04-30: none had been released (the first, "
        "May 2026, was released on 2026-05-01). Give a later date with --as-of, or an "
        "edition with --edition YYYY-MM.\n"
    )
    unknown = cli("publish", *m, "--edition", "2025-11", "--out", str(in_force))
    assert unknown.exit_code == 2
    assert "November 2025 has not been released" in unknown.stderr
