"""Authoring commands and ``review`` on a manual built on a template: inherited chapters
are chapters like the others (a place after one, an id taken, moved, retired, due)."""

from __future__ import annotations

from pathlib import Path

from editions_helpers import replace
from upstream_helpers import template_repo

M = ("-m", "manuals/council")


def test_new_chapter_after_an_inherited_chapter(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    council = repo / "manuals" / "council"
    result = cli("new-chapter", "Our Thresholds", "--after", "1.1", "--owner", "Us", *M, cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Created 1.2 Our Thresholds\n"
        "  file: chapters/our-thresholds.md\n"
        "Numbers that change:\n"
        "  1.2 -> 1.3  Our Local Offer\n"
        "Next: write the chapter in chapters/our-thresholds.md, then run 'manualctl validate'.\n"
    )
    assert "      - inherit: our-vision\n      - file: chapters/our-thresholds.md\n" in (
        council / "manual.yaml"
    ).read_text(encoding="utf-8")


def test_new_chapter_in_a_section_of_inherited_chapters(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    result = cli("new-chapter", "Our Thresholds", "--in", "2", "--owner", "Us", *M, cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Created 2.2 Our Thresholds",
        "  file: chapters/family-support/our-thresholds.md",
    ]
    assert cli("validate", "manuals/council", cwd=repo).exit_code == 0


def test_an_inherited_id_is_taken(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    before = (repo / "manuals" / "council" / "manual.yaml").read_bytes()
    result = cli("new-chapter", "Early Help", "--in", "1", "--owner", "Us", *M, cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        'Error: The id "early-help" is already used by upstream:early-help ("Early Help '
        'Assessment"). Give the new chapter another id with --id.\n'
    )
    assert (repo / "manuals" / "council" / "manual.yaml").read_bytes() == before


def test_move_an_inherited_chapter(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    council = repo / "manuals" / "council"
    before = (council / "manual.yaml").read_text(encoding="utf-8")
    result = cli("move-chapter", "early-help", "--in", "1", "--after", "1.1", *M, cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Moved to 1.2 Early Help Assessment\n"
        "  inherited from the template: no file of this manual's\n"
        "Numbers that change:\n"
        "  1.2 -> 1.3  Our Local Offer\n"
    )
    assert (council / "manual.yaml").read_text(encoding="utf-8") == before.replace(
        "      - inherit: our-vision\n",
        "      - inherit: our-vision\n      - inherit: early-help\n",
    ).replace("    entries:\n      - inherit: early-help\n", "    entries: []\n")


def test_retire_an_inherited_chapter(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    council = repo / "manuals" / "council"
    replace(
        council / "manual.yaml",
        "      - inherit: early-help\n",
        "      - inherit: early-help\n      - inherit: confidentiality\n",
    )
    refused = cli("retire-chapter", "our-vision", "--reason", "Ours", *M, cwd=repo)
    assert refused.exit_code == 2
    assert (
        '"Our Vision and Purpose" is still linked from: manuals/council/chapters/local-offer.md.'
        in (refused.stderr)
    )
    result = cli(
        "retire-chapter",
        "confidentiality",
        "--reason",
        "Not ours",
        "--today",
        "2026-06-01",
        *M,
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Retired 2.2 Confidentiality Policy\n"
        "  inherited from the template: no file of this manual's\n"
        "No other numbers change.\n"
    )
    text = (council / "manual.yaml").read_text(encoding="utf-8")
    assert "inherit: confidentiality" not in text
    assert text.endswith(
        "retired:\n  - id: confidentiality\n    title: Confidentiality Policy\n"
        '    number: "2.2"\n    retired_on: 2026-06-01\n    reason: Not ours\n'
    )


def test_review_lists_inherited_chapters(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    result = cli("review", "--today", "2027-05-15", *M, cwd=repo)
    assert result.exit_code == 0  # overdue, but the template's to review
    assert result.stdout == REVIEW
    result = cli("review", "--today", "2027-06-02", *M, cwd=repo)
    assert result.exit_code == 1  # the council's own chapter is overdue too
    assert result.stdout.endswith(
        "2 overdue (1 inherited: the template's to review), 0 due within 30 day(s) of 2027-06-02.\n"
    )


REVIEW = """\
2027-05-01  1.1 Our Vision and Purpose  (14 day(s) overdue)
    owner: Director of Children's Services; last reviewed: 2026-05-01; inherited from the \
template (reviewed there)
2027-06-01  1.2 Our Local Offer  (due in 17 day(s))
    owner: Head of Early Help; last reviewed: 2026-06-01; chapters/local-offer.md
1 overdue (1 inherited: the template's to review), 1 due within 30 day(s) of 2027-05-15.
"""
