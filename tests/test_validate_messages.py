"""Findings compared whole: code, place (line and column), message and hint."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from manualctl.check.findings import Finding, Severity
from manualctl.check.validate import check, open_manual
from manualctl.errors import ManualInvalid

BROKEN = Path(__file__).parent / "broken"
TODAY = date(2026, 6, 1)


def _case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / name
    shutil.copytree(BROKEN / name, folder)
    monkeypatch.chdir(folder)
    return folder


def test_unknown_key_in_an_entry_names_that_key_not_a_missing_subsection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = check(_case("unknown-key-flagg", tmp_path, monkeypatch), today=TODAY)
    assert report.findings == [
        Finding(
            "manual.yaml",
            11,
            13,
            Severity.ERROR,
            "schema-unknown-key",
            'unknown key "flagg" in the entry for chapters/children/beta.md. Did you mean "flag"?',
            "Allowed keys here: file, number, flag, note, replaces, based_on. Fix the spelling "
            "or remove it.",
        )
    ]


def test_entry_with_no_kind_suggests_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = check(_case("entry-without-kind", tmp_path, monkeypatch), today=TODAY)
    assert report.findings == [
        Finding(
            "manual.yaml",
            10,
            13,
            Severity.ERROR,
            "schema-entry-kind",
            "entry 2 in sub-section \"Policies\" has none of the keys 'file', 'inherit', "
            "'external', 'see_also', 'note'. Did you mean \"file\"?",
            "Start the item with one of: file:, inherit:, external:, see_also:, note:.",
        )
    ]


def test_link_to_unknown_chapter_points_at_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = check(_case("link-unknown-chapter", tmp_path, monkeypatch), today=TODAY)
    assert report.findings == [
        Finding(
            "chapters/children/alpha.md",
            12,
            28,
            Severity.ERROR,
            "link-dangling",
            'the link "chapter:gama" names the chapter id "gama", which no chapter in this '
            'manual has. Did you mean "gamma" (Gamma Procedure)?',
            "Use the id from the chapter's front matter (its 'id:' line), or remove the link.",
        )
    ]


def test_see_also_did_you_mean_by_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = check(_case("see-also-by-title", tmp_path, monkeypatch), today=TODAY)
    assert [(f.line, f.column, f.message) for f in report.findings] == [
        (
            13,
            22,
            'the see-also names the chapter id "beta-procedures", which no chapter in this '
            'manual has. Did you mean "beta" (Beta Procedure)?',
        )
    ]


def test_image_without_alt_points_at_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = check(_case("image-without-alt", tmp_path, monkeypatch), today=TODAY)
    assert [(f.file, f.line, f.column, f.code) for f in report.findings] == [
        ("chapters/children/alpha.md", 14, 3, "image-alt")
    ]


def test_review_due_from_last_and_interval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _case("review-overdue-strict", tmp_path, monkeypatch)
    assert check(folder, today=date(2026, 1, 1)).findings == []
    assert check(folder, today=date(2026, 1, 2)).findings == [
        Finding(
            "chapters/children/gamma.md",
            6,
            9,
            Severity.WARNING,
            "review-overdue",
            "the review was due on 1 January 2026 (1 day ago).",
            "Review the chapter with its owner, then set 'review: last:' to the date of the "
            "review (and 'next:' if you use it); 'manualctl review' does this for you.",
        )
    ]


def test_review_interval_with_no_date_to_count_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """every_months with no 'last' date asks for the date, not for every_months again."""
    folder = _case("review-overdue-strict", tmp_path, monkeypatch)
    gamma = folder / "chapters" / "children" / "gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("  last: 2025-01-01\n", ""))
    assert check(folder, today=TODAY).findings == [
        Finding(
            "chapters/children/gamma.md",
            6,
            3,
            Severity.WARNING,
            "review-incomplete",
            "the review is every 12 months, but from no date: there is no 'last' review date.",
            "Add 'last: YYYY-MM-DD' (the day of the last review) or 'next: YYYY-MM-DD' "
            "under 'review:'.",
        )
    ]


def test_text_output_of_an_imported_manual(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "imported"
    shutil.copytree(BROKEN / "warnings-only-imported", folder)
    result = cli("validate", "--today", "2026-06-01", cwd=folder)
    assert result.exit_code == 0
    assert result.stdout == (
        "chapters/children/beta.md:2:1: warning owner-missing: the chapter has no owner.\n"
        "    hint: Add a line 'owner: ...' to the front matter naming the role or team "
        "responsible for it, e.g. 'owner: Head of Service, Children in Care'.\n"
        "chapters/children/beta.md:2:1: warning review-missing: the chapter has no review "
        "information.\n"
        "    hint: Add to the front matter 'review:' with 'last: YYYY-MM-DD' (when it was last "
        "reviewed) and 'every_months: 12' or 'next: YYYY-MM-DD'.\n"
        'chapters/children/beta.md:5:1: warning chapter-awaiting-text: "Beta Procedure" has '
        "no text yet.\n"
        "    hint: Write the chapter's text below the front matter (after the second '---').\n"
        'manual.yaml:12:19: warning external-no-url: the external chapter "Child Protection '
        'Enquiries" has no url.\n'
        "    hint: Add a line 'url: https://...' with its address, so readers can open it.\n"
        "\n"
        "Findings by rule:\n"
        "  chapter-awaiting-text      1 warning\n"
        "  external-no-url            1 warning\n"
        "  owner-missing              1 warning\n"
        "  review-missing             1 warning\n"
    )
    assert result.stderr == "1 manual(s) checked: 0 error(s), 4 warning(s).\n"
    strict = cli("validate", "--today", "2026-06-01", "--strict", cwd=folder)
    assert strict.exit_code == 1
    assert strict.stderr.endswith(
        "--strict fails on warnings: deal with them, or run without --strict.\n"
    )


def test_open_manual_refuses_errors_but_allows_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert open_manual(_case("warnings-only-imported", tmp_path, monkeypatch)).id == "base"
    with pytest.raises(ManualInvalid) as caught:
        open_manual(_case("duplicate-id", tmp_path, monkeypatch))
    assert [f.code for f in caught.value.findings] == ["duplicate-id"]


def test_bad_today_is_a_usage_error(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(tiny_manual), "--today", "2026-02-30")
    assert result.exit_code == 2
    assert '"2026-02-30" is not a date' in result.stderr


def test_all_manuals_are_checked_before_the_exit_code(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("duplicate-id", "raw-html", "review-overdue"):
        copy = shutil.copytree(BROKEN / name, tmp_path / "manuals" / name)
        config = copy / "manual.yaml"  # each its own id (same-id manuals are an error)
        config.write_text(re.sub(r"(?m)^id: .*$", f"id: {name}", config.read_text()))
    result = cli("validate", "manuals", "--today", "2026-06-01", "--format", "github", cwd=tmp_path)
    assert result.exit_code == 1
    assert [line.split("::")[1].split(",")[0] for line in result.stdout.splitlines()] == [
        "error file=manuals/duplicate-id/chapters/children/beta.md",
        "error file=manuals/raw-html/chapters/children/gamma.md",
        "warning file=manuals/review-overdue/chapters/children/gamma.md",
    ]


def test_worker_processes_find_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("link-unknown-chapter", "warnings-only-imported", "duplicate-id"):
        folder = _case(name, tmp_path, monkeypatch)
        monkeypatch.setenv("MANUALCTL_WORKERS", "1")
        alone = check(folder, today=TODAY)
        monkeypatch.setenv("MANUALCTL_WORKERS", "2")
        shared = check(folder, today=TODAY)
        assert shared.findings == alone.findings and shared.findings
        assert shared.manual is not None and alone.manual is not None
        assert shared.manual.chapters == alone.manual.chapters
