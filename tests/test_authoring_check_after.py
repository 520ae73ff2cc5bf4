"""The check after new-chapter, move-chapter and retire-chapter takes manual.yaml's data
and numbered contents from the edit (which read them back), and the untouched chapters
as the check before made them: it must find exactly what a full check of the changed
manual finds, and number the contents as a full check does."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from manualctl.authoring import transaction
from manualctl.authoring.commands import move_chapter, new_chapter, retire_chapter
from manualctl.check import load
from manualctl.check.rules import chapters
from manualctl.check.validate import Report, check

TODAY = date(2026, 6, 1)
WARNED = """\
---
id: warned
title: A Chapter With Warnings
review:
  last: 2020-01-01
  every_months: 12
---

## 1. Text

<!-- to do: check this -->

See <https://example.org/guide.> and [the first heading](chapter:early-help#no-such-heading).
"""


@pytest.fixture
def warned(tiny_manual: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny manual with a chapter holding warnings of a chapter's own (owner,
    review, raw comment, web address) and across chapters (another chapter's anchor)."""
    monkeypatch.chdir(tiny_manual)
    (tiny_manual / "chapters/family-support/warned.md").write_text(WARNED)
    config = tiny_manual / "manual.yaml"
    config.write_text(config.read_text() + "      - file: chapters/family-support/warned.md\n")
    return tiny_manual


class Spy:
    """Each check after a change (its report), and what its reading built afresh."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.after: list[Report] = []
        self.before: list[Report] = []  # the check before each (what the check after reuses)
        self.trees = 0  # contents numbered by the check's reading (not taken from the edit)
        self.parses = 0  # manual.yaml texts parsed by the check's reading
        self.own = 0  # chapters whose own rules ran (chapters.own), in both checks
        real_check, real_build, real_load = transaction.check, load.build_tree, load.load_fast
        real_own = chapters.own

        def check_after(*args: Any, **kwargs: Any) -> Report:
            report = real_check(*args, **kwargs)
            self.after.append(report)
            self.before.append(kwargs["earlier"])
            return report

        def build_tree(*args: Any, **kwargs: Any) -> Any:
            self.trees += 1
            return real_build(*args, **kwargs)

        def load_fast(*args: Any, **kwargs: Any) -> Any:
            self.parses += 1
            return real_load(*args, **kwargs)

        def own(*args: Any, **kwargs: Any) -> Any:
            self.own += 1
            return real_own(*args, **kwargs)

        monkeypatch.setattr(transaction, "check", check_after)
        monkeypatch.setattr(chapters, "own", own)
        monkeypatch.setattr(load, "build_tree", build_tree)
        monkeypatch.setattr(load, "load_fast", load_fast)


def _same_as_a_full_check(report: Report, root: Path, today: date | None) -> None:
    full = check(root, today=today)
    assert report.findings == full.findings
    assert report.manual is not None and full.manual is not None
    assert report.manual.sections == full.manual.sections
    assert report.manual.data == full.manual.data
    assert report.manual.chapters == full.manual.chapters


def test_the_check_after_each_change_finds_what_a_full_check_finds(
    warned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = check(warned, today=TODAY)
    assert not before.failed()
    assert {f.code for f in before.findings} >= {
        "owner-missing",
        "review-overdue",
        "raw-comment",
        "link-url-punctuation",
        "link-unknown-anchor",
    }
    spy = Spy(monkeypatch)
    five = len(before.own)  # the tiny manual's four chapters and the warned one

    new_chapter(warned, "Fresh Start", in_number="2", after=None, today=TODAY)
    assert (spy.trees, spy.parses) == (1, 1)  # the check before's only
    assert spy.own == five + 1  # the check before, then the new chapter's alone
    _same_as_a_full_check(spy.after[-1], warned, TODAY)
    assert "template-text" in {f.code for f in spy.after[-1].findings}  # the new chapter's

    for place in ("1.1", "2"):  # to another section's folder and back
        spy.trees = spy.parses = spy.own = 0
        move_chapter(warned, "warned", in_number=place, after=None)
        assert (spy.trees, spy.parses) == (1, 1)
        assert spy.own == (five + 1) + 1  # the check before, then the moved chapter's
        _same_as_a_full_check(spy.after[-1], warned, None)
    assert any("all-children/warned.md" in f.file for f in spy.after[1].findings)

    spy.trees = spy.parses = spy.own = 0
    retire_chapter(warned, "fresh-start", today=TODAY)
    assert (spy.trees, spy.parses, spy.own) == (1, 1, five + 1)  # none run after
    _same_as_a_full_check(spy.after[-1], warned, TODAY)
    assert "template-text" not in {f.code for f in spy.after[-1].findings}
    # an untouched chapter is the check before's, as it made it
    after, earlier = spy.after[-1].manual, spy.before[-1].manual
    assert after is not None and earlier is not None
    vision = "chapters/all-children/our-vision.md"
    assert after.chapters[vision] is earlier.chapters[vision]


def test_manual_yaml_changed_on_disk_is_parsed_and_numbered_again(
    warned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edit's data and tree are taken only for the text and contents they are of."""
    before = check(warned, today=TODAY)
    text = (warned / "manual.yaml").read_text()
    data = load.read_config(warned)[0]
    assert data is not None
    tree = (data["contents"], *load.build_tree(data))
    other = text.replace("section: Family Support", "section: Family Help")
    (warned / "manual.yaml").write_text(other)
    again = check(
        warned,
        today=TODAY,
        config=load.read_config(warned, (text, data)),
        reuse=before.reads,
        tree=tree,
        earlier=before,
    )
    assert again.manual is not None
    assert again.manual.sections[1].title == "Family Help"
    assert again.findings == check(warned, today=TODAY).findings


def test_a_chapters_own_findings_are_taken_only_for_the_same_reading_and_day(
    warned: Path,
) -> None:
    before = check(warned, today=TODAY)
    later = date(2027, 6, 1)  # the tiny manual's reviews are overdue by then
    again = check(warned, today=later, reuse=before.reads, earlier=before)
    assert again.findings == check(warned, today=later).findings != before.findings
    same = check(warned, today=TODAY, reuse=before.reads, earlier=before)
    assert same.findings == before.findings
    assert all(same.own[rel][1] is before.own[rel][1] for rel in before.own)
    fresh = {rel: read for rel, read in before.reads.items() if "warned" not in rel}
    again = check(warned, today=TODAY, reuse=fresh, earlier=before)  # warned.md read again
    assert again.findings == before.findings
    assert [rel for rel in again.own if again.own[rel][1] is not before.own[rel][1]] == [
        "chapters/family-support/warned.md"
    ]
