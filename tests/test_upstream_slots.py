"""Local slots: a template chapter's ``::: {.local id=ID}`` parts filled from a small
file of the council's, in real git repositories with real tags."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import commit_all, git
from editions_helpers import append, replace
from upstream_helpers import template_repo

SLOT = "\n::: {.local id=thresholds}\nUse the national thresholds.\n:::\n"
FILLED = "::: {.local id=thresholds}\nOur threshold document is on the intranet.\n:::\n"


def _slotted(tmp_path: Path) -> tuple[Path, Path]:
    """The template's early-help has a slot at 2026-05; the council fills it."""
    repo = template_repo(tmp_path)
    append(repo / "manuals" / "template" / "chapters" / "family-support" / "early-help.md", SLOT)
    council = repo / "manuals" / "council"
    replace(
        council / "manual.yaml",
        "      - inherit: early-help\n",
        "      - inherit: early-help\n        local: chapters/local/early-help.md\n",
    )
    (council / "chapters" / "local").mkdir()
    (council / "chapters" / "local" / "early-help.md").write_text(FILLED, encoding="utf-8")
    commit_all(repo, "A slot in early help, filled by the council", date="2026-05-02T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-02T12:00:00Z")
    return repo, council


def test_a_filled_slot_publishes_the_councils_text(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, _ = _slotted(tmp_path)
    result = cli("validate", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    result = cli(
        "publish", "-m", "manuals/council", "--format", "html", "--out", str(out), cwd=repo
    )
    assert result.exit_code == 0, result.stderr
    page = (out / "council-draft-html" / "early-help.html").read_text(encoding="utf-8")
    assert (
        '<div id="thresholds" class="local">\n'
        "<p>Our threshold document is on the intranet.</p>\n</div>"
    ) in page
    assert "Use the national thresholds." not in page
    assert "Support as soon as a need appears." in page  # the rest follows the template


def test_a_slot_the_template_does_not_have(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _slotted(tmp_path)
    replace(council / "chapters" / "local" / "early-help.md", "id=thresholds", "id=threshold")
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    assert result.exit_code == 1
    assert [(f["file"], f["line"], f["code"], f["message"]) for f in json.loads(result.stdout)] == [
        (
            "manuals/council/chapters/local/early-help.md",
            1,
            "slot-unknown",
            'the template chapter "early-help" has no local slot "threshold" (its slots: '
            'thresholds). Did you mean "thresholds"?',
        )
    ]


def test_a_missing_slot_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _slotted(tmp_path)
    (council / "chapters" / "local" / "early-help.md").unlink()
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    assert [(f["line"], f["code"]) for f in json.loads(result.stdout)] == [(16, "missing-file")]


def test_changing_a_slot_makes_the_chapter_updated(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _slotted(tmp_path)
    git(repo, "tag", "-a", "council/2026-06", "-m", "June 2026", date="2026-06-01T12:00:00Z")
    result = cli("stamp", "--check", "--edition", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr  # nothing changed yet
    replace(council / "chapters" / "local" / "early-help.md", "intranet", "website")
    commit_all(repo, "Council: the thresholds moved", date="2026-07-01T12:00:00Z")
    result = cli("stamp", "--edition", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "December 2026: compared with the previous edition, tag council/2026-06.",
        "  2.1 Early Help Assessment (upstream:early-help): no flag -> Updated",
    ]


def test_a_slot_files_links_pictures_and_markup_are_checked(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """What a slot file holds goes into the editions: a broken link or a missing picture
    would stop publish, so validate reports them in the slot file, where they are written;
    its #links name the headings of the chapter it fills."""
    repo, council = _slotted(tmp_path)
    (council / "chapters" / "local" / "early-help.md").write_text(
        "::: {.local id=thresholds}\n"
        "See [our offer](../local-offer.md), [the start](#what-early-help-is) and\n"
        "[the form](../forms/referral.md).\n\n"
        "![Our thresholds](../../media/thresholds.png)\n\n"
        "<b>Bold</b>\n"
        ":::\n",
        encoding="utf-8",
    )
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    assert result.exit_code == 1
    found = [(f["line"], f["column"], f["code"]) for f in json.loads(result.stdout)]
    assert found == [
        (3, 12, "link-missing-file"),
        (5, 19, "image-missing"),
        (7, 1, "raw-markup"),  # <b> and </b>
        (7, 8, "raw-markup"),
    ]
    assert {f["file"] for f in json.loads(result.stdout)} == {
        "manuals/council/chapters/local/early-help.md"
    }


def test_a_template_change_outside_the_slot_reaches_the_council(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The template edits a slotted chapter around the slot in its next edition: the
    status says so, and after the update the chapter is Updated with the template's
    summary, the council's slot text kept and the template's new text taken."""
    repo, council = _slotted(tmp_path)
    git(repo, "tag", "-a", "council/2026-06", "-m", "June 2026", date="2026-06-01T12:00:00Z")
    chapter = repo / "manuals" / "template" / "chapters" / "family-support" / "early-help.md"
    replace(
        chapter,
        "Support as soon as a need appears.",
        "Support as soon as a need appears, at home or at school.",
    )
    replace(chapter, "owner:", 'amendments:\n  "2026-11": Early help now reaches schools.\nowner:')
    commit_all(repo, "Template: early help in schools", date="2026-10-01T12:00:00Z")
    git(repo, "tag", "-a", "template/2026-11", "-m", "November 2026", date="2026-11-01T12:00:00Z")

    result = cli("upstream", "status", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == STATUS
    result = cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    result = cli("stamp", "--edition", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "December 2026: compared with the previous edition, tag council/2026-06.",
        "  2.1 Early Help Assessment (upstream:early-help): no flag -> Updated",
    ]
    from manualctl.check.load import read
    from manualctl.upstream.resolve import inherited

    manual = read(council, resolver=inherited).manual
    assert manual is not None  # the template's sentence serves the council's edition
    assert manual.chapters["upstream:early-help"].amendments["2026-12"] == (
        "Early help now reaches schools."
    )
    out = tmp_path / "out"
    result = cli(
        "publish", "-m", "manuals/council", "--format", "html", "--out", str(out), cwd=repo
    )
    assert result.exit_code == 0, result.stderr
    page = (out / "council-2026-12-draft-html" / "early-help.html").read_text(encoding="utf-8")
    assert "<p>Our threshold document is on the intranet.</p>" in page
    assert "Support as soon as a need appears, at home or at school." in page
    assert 'class="flag">Updated' in page and "Early help now reaches schools." in page


STATUS = """\
council follows the template manuals/template at 2026-05; compared with 2026-11.

Changed upstream: inherited, so Updated in your next edition (1):
  2.1 early-help: Early Help Assessment

Unchanged: 1 chapter(s).
Next: place, drop or keep the chapters above, then set upstream.edition to 2026-11 in \
manual.yaml.
"""
