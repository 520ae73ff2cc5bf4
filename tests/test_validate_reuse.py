"""A check after an edit reads again only what the edit touched: chapters from the check
before are reused, and the findings are those of a full check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from editions_helpers import append

from manualctl.authoring.transaction import ChangeSet
from manualctl.check.validate import check

TODAY = date(2026, 6, 1)
EARLY = "chapters/family-support/early-help.md"
VISION = "chapters/all-children/our-vision.md"


def _codes(report) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.file, f.code) for f in report.findings]


def test_findings_are_those_of_a_full_check(tiny_manual: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tiny_manual)
    before = check(tiny_manual, today=TODAY)
    assert before.findings == [] and set(before.reads) >= {EARLY, VISION}
    append(tiny_manual / EARLY, "\nSee [nowhere](chapter:no-such-chapter).\n")
    unchanged = {rel: read for rel, read in before.reads.items() if rel != EARLY}
    again = check(tiny_manual, today=TODAY, reuse=unchanged)
    full = check(tiny_manual, today=TODAY)
    assert again.findings == full.findings
    assert _codes(full) == [(EARLY, "link-dangling")]
    assert again.reads[VISION] is before.reads[VISION]  # not read again
    assert again.reads[EARLY] is not before.reads[EARLY]
    assert again.manual is not None and full.manual is not None
    assert list(again.manual.chapters) == list(full.manual.chapters)


def test_reused_chapters_are_not_read_again(tiny_manual: Path) -> None:
    before = check(tiny_manual, today=TODAY)
    append(tiny_manual / EARLY, "\nSee [nowhere](chapter:no-such-chapter).\n")
    # the caller vouches that nothing changed: the earlier reading is used as it is
    assert check(tiny_manual, today=TODAY, reuse=before.reads).findings == []


def test_a_change_set_names_every_file_it_touches(tmp_path: Path) -> None:
    old, new, made = tmp_path / "old.md", tmp_path / "sub" / "moved.md", tmp_path / "new.md"
    kept = tmp_path / "kept.md"
    old.write_text("old")
    kept.write_text("kept")
    link = tmp_path / "link.md"
    link.symlink_to(kept)
    changes = ChangeSet(tmp_path, "test")
    changes.create(made, "new")
    changes.move(old, new, git_top=None)
    changes.replace(link, b"changed")
    assert changes.touched == {str(p) for p in (made, old, new, link, kept)}
    changes.rollback()
    assert (old.read_text(), kept.read_text(), made.exists(), new.exists()) == (
        "old",
        "kept",
        False,
        False,
    )
