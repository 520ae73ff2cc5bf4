"""``upstream update --to``: all or nothing; then ``stamp`` flags the inherited chapters
the template changed, and a stale substitution blocks ``stamp`` and ``release`` until its
``based_on`` moves."""

from __future__ import annotations

from pathlib import Path

from conftest import commit_all, git
from editions_helpers import replace
from upstream_helpers import two_editions_repo

UPDATED = """\
council now follows the template manuals/template at 2026-11 (was 2026-05).

Inherited chapters with the template's new text (Updated at the next stamp):
  1.1 our-vision: Our Vision and Purpose
  2.3 family-time: Family Time

Retitled by the template:
  2.1 early-help: Early Help

Substitutions to review (stale until their based_on moves):
  1.3 confidentiality: Confidentiality Policy

New in the template, not placed (add '- inherit: ID' where they belong):
  children-missing: Children Missing from Home

Next: review each substitution above ('manualctl validate' shows the git diff to read) and \
set its based_on (or merge it: 'manualctl upstream update --to 2026-11 --merge'); then \
'manualctl stamp' to flag the changed chapters.
"""


def _released_council(tmp_path: Path) -> tuple[Path, Path]:
    """The two-edition repository, the council released as 2026-06 (following 2026-05)
    without the chapter the template removes."""
    repo = two_editions_repo(tmp_path)
    council = repo / "manuals" / "council"
    replace(council / "manual.yaml", "      - inherit: private-fostering\n", "")
    commit_all(repo, "Council: no private fostering chapter", date="2026-06-01T12:00:00Z")
    git(repo, "tag", "-a", "council/2026-06", "-m", "June 2026", date="2026-06-01T12:00:00Z")
    return repo, council


def test_update_changes_nothing_when_the_template_removed_an_inherited_chapter(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    repo = two_editions_repo(tmp_path)
    before = (repo / "manuals" / "council" / "manual.yaml").read_bytes()
    result = cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        "manuals/council/manual.yaml:20:18: error inherit-unknown: the upstream edition 2026-11 "
        '(template/2026-11) has no chapter with id "private-fostering".' in result.stderr
    )
    assert "nothing was changed" in result.stderr
    assert (repo / "manuals" / "council" / "manual.yaml").read_bytes() == before
    assert not (repo / "manuals" / "council" / ".manualctl.lock").exists()


def test_update_moves_the_edition_and_lists_what_to_review(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _released_council(tmp_path)
    before = (council / "manual.yaml").read_text(encoding="utf-8")
    result = cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == UPDATED
    after = (council / "manual.yaml").read_text(encoding="utf-8")
    assert after == before.replace("  edition: 2026-05\n", "  edition: 2026-11\n")
    again = cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    assert (
        again.stdout == "council already follows the template's 2026-11 edition: nothing to do.\n"
    )


def test_stamp_flags_the_inherited_chapters_the_template_changed(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _released_council(tmp_path)
    assert (
        cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo).exit_code
        == 0
    )
    # the substitution is stale: stamp refuses the manual until its author reviews it
    assert cli("stamp", "--edition", "2026-12", "-m", "manuals/council", cwd=repo).exit_code == 1
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    result = cli("stamp", "--edition", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    # exactly the inherited chapters the template changed, the slotted one among them
    assert [line for line in result.stdout.splitlines() if "->" in line] == [
        "  1.1 Our Vision and Purpose (upstream:our-vision): no flag -> Updated",
        "  2.1 Early Help (upstream:early-help): no flag -> Updated",
        "  2.3 Family Time (upstream:family-time): no flag -> Updated",
    ]
    assert result.stdout.splitlines()[0] == (
        "December 2026: compared with the previous edition, tag council/2026-06."
    )
    from manualctl.check.load import read
    from manualctl.upstream.resolve import inherited

    manual = read(council, resolver=inherited).manual
    assert manual is not None
    # the template's sentence serves the council's edition; early-help has none
    assert manual.chapters["upstream:our-vision"].amendments["2026-12"] == (
        "The vision now says that every child is heard."
    )
    assert "2026-12" not in manual.chapters["upstream:early-help"].amendments
    assert manual.chapters["upstream:family-time"].amendments["2026-12"] == (
        "Carers now help plan family time."
    )


def test_a_stale_substitution_blocks_release_until_based_on_moves(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo, council = _released_council(tmp_path)
    cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    commit_all(repo, "Council follows the template's November 2026", date="2026-12-01T12:00:00Z")
    result = cli("release", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 1
    assert "error substitution-stale:" in result.stderr
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    assert cli("stamp", "--edition", "2026-12", "-m", "manuals/council", cwd=repo).exit_code == 0
    commit_all(repo, "Reviewed; December 2026 flags", date="2026-12-02T12:00:00Z")
    result = cli("release", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 1
    # our-vision has the template's sentence; early-help needs the council's, on its entry
    assert [line for line in result.stderr.splitlines() if "amendment-missing" in line] == [
        "manuals/council/manual.yaml:19:18: error amendment-missing: 2.1 Early Help (inherited "
        "from the template) is Updated in December 2026 but has no amendment summary, and the "
        'template gave none: add  amendments: "2026-12": ...  to its inherit entry in '
        "manual.yaml."
    ]
    replace(
        council / "manual.yaml",
        "      - inherit: early-help\n        flag: Updated\n",
        "      - inherit: early-help\n        flag: Updated\n        amendments:\n"
        '          "2026-12": We call it Early Help now.\n',
    )
    commit_all(repo, "The council's sentence for Early Help", date="2026-12-03T12:00:00Z")
    result = cli("release", "2026-12", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Released December 2026: tag council/2026-12 on commit ")
    assert "(0 new, 3 updated, 0 removed, 1 retitled or moved)" in result.stdout
    # the released edition rebuilt from its tag has the template's 2026-11 text
    out = tmp_path / "out"
    result = cli(
        "publish",
        "-m",
        "manuals/council",
        "--edition",
        "2026-12",
        "--format",
        "html",
        "--out",
        str(out),
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    page = (out / "council-2026-12-html" / "our-vision.html").read_text(encoding="utf-8")
    assert "Every child safe, healthy, happy and heard." in page
    assert "In December 2026, the vision now says that every child is heard." in page
    # the slotted chapter: the template's new text around the council's own slot
    page = (out / "council-2026-12-html" / "family-time.html").read_text(encoding="utf-8")
    assert "Plan family time with the child and their carers." in page
    assert "<p>Our contact centre is at the Civic Hall.</p>" in page
    assert "Ask the contact service." not in page
    assert "In December 2026, Carers now help plan family time." in page


def test_diff_and_redline_show_the_inherited_chapters_the_template_changed(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """After the move to 2026-11, the council's working tree differs from its June
    edition in the inherited chapters the template changed, as stamp says: diff lists
    them and the redline shows the template's words, struck and added."""
    repo, council = _released_council(tmp_path)
    assert (
        cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo).exit_code
        == 0
    )
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    commit_all(repo, "Council: follow the November template", date="2026-11-02T12:00:00Z")
    result = cli("diff", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Changes from June 2026 (council/2026-06) to the working tree:\n"
        "Updated (3):\n"
        "  1.1 Our Vision and Purpose [our-vision]\n"
        "  2.1 Early Help [early-help]\n"
        "  2.3 Family Time [family-time]\n"
        "Retitled (1):\n"
        "  2.1 Early Help Assessment -> 2.1 Early Help\n"
    )
    out = tmp_path / "out"
    result = cli(
        "redline", "-m", "manuals/council", "--format", "html", "--out", str(out), cwd=repo
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Changes from June 2026 (council/2026-06) to the working tree: 3 chapter(s).\n"
        "  Updated: our-vision\n"
        "  Updated: early-help (Retitled: Early Help Assessment → Early Help.)\n"
        "  Updated: family-time\n"
        f"Wrote {out}/council-redline-2026-06-to-draft.html (5 KB)\n"
    )
    page = (out / "council-redline-2026-06-to-draft.html").read_text(encoding="utf-8")
    assert "heard" in page
    assert "carers." in page  # the slotted chapter's change around the slot
