"""review: overdue and due chapters, soonest first; exit code 1 when any is overdue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import copy_fixture

from manualctl.authoring.review import add_months, next_review


@pytest.fixture
def styled(tmp_path: Path) -> Path:
    return copy_fixture("authoring/styled", tmp_path / "styled")


def test_review_text(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("review", "-m", str(styled), "--today", "2026-12-01")
    assert result.exit_code == 1
    assert result.stdout == (
        "2026-01-10  1.1.3a Legal Planning Meeting Panel Terms of Reference  "
        "(325 day(s) overdue)\n"
        "    owner: Head of Safeguarding; last reviewed: 2024-01-10; "
        "chapters/all-children/legal-planning-panel.md\n"
        "2026-09-01  1.1.3 Legal Planning Meetings  (91 day(s) overdue)\n"
        "    owner: Head of Safeguarding; last reviewed: 2026-03-01; "
        "chapters/all-children/legal-planning.md\n"
        "2026-12-15  1.1.1 Care and Supervision Proceedings  (due in 14 day(s))\n"
        "    owner: Legal Services Manager; last reviewed: 2025-12-15; "
        "chapters/all-children/care-proceedings.md\n"
        "2 overdue, 1 due within 30 day(s) of 2026-12-01.\n"
    )


def test_review_nothing_due_passes(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("review", "-m", str(styled), "--today", "2023-06-01", "--within", "0")
    assert (result.exit_code, result.stdout) == (
        0,
        "0 overdue, 0 due within 0 day(s) of 2023-06-01.\n",
    )


def test_review_json(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "review", "-m", str(styled), "--today", "2026-01-01", "--within", "20", "--format", "json"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "today": "2026-01-01",
        "within_days": 20,
        "chapters": [
            {
                "number": "1.1.3a",
                "id": "legal-planning-panel",
                "title": "Legal Planning Meeting Panel Terms of Reference",
                "file": "chapters/all-children/legal-planning-panel.md",
                "owner": "Head of Safeguarding",
                "last": "2024-01-10",
                "next": "2026-01-10",
                "days": 9,
                "overdue": False,
            }
        ],
        "no_review_date": [],
    }


def test_review_lists_chapters_without_dates(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    chapter = tiny_manual / "chapters/family-support/early-help.md"
    chapter.write_text(chapter.read_text().replace("  every_months: 24\n", ""))
    result = cli("review", "-m", str(tiny_manual), "--today", "2026-06-01")
    assert (result.exit_code, result.stdout) == (
        0,
        "0 overdue, 0 due within 30 day(s) of 2026-06-01.\n"
        "1 chapter(s) have no review date (2.1): give them 'review: last:' and "
        "'every_months:' (or 'next:') in their front matter.\n",
    )


def test_review_bad_format(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("review", "-m", str(tiny_manual), "--format", "xml")
    assert result.exit_code == 2


def test_dates() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)
    assert next_review({"review": {"last": "2026-01-31", "every_months": 13}}) == (
        date(2026, 1, 31),
        date(2027, 2, 28),
    )
    assert next_review({"review": {"last": "2026-01-31", "next": "2026-03-01"}}) == (
        date(2026, 1, 31),
        date(2026, 3, 1),
    )
    assert next_review({}) == (None, None)
