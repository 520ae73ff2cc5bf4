"""Six editions over three years, in a real git repository with fixed dates.

Chapters are added (numbers shifting by insertion), edited, edited editorially,
retitled, moved between sections, retired with a reason (one that older appendix blocks
name), and a retired id is refused. After each release CI's checks pass on the next ten
commits, and the appendix is compared whole at each edition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import commit_all, copy_fixture, git
from editions_helpers import append, replace

VISION = "chapters/all-children/our-vision.md"
CONFIDENTIALITY = "chapters/all-children/confidentiality.md"
EARLY = "chapters/family-support/early-help.md"
APPENDIX = "chapters/appendices/amendments.md"
TODAY = "2026-06-01"  # review dates are judged on one day: the history is what varies
INTRO = "This appendix lists what changed in each edition of the manual, newest first."
TABLE = "| Chapter Name | Details |\n|---|---|\n"


def summary(path: Path, edition: str, text: str) -> None:
    """Add a summary for ``edition`` in the block style the chapter files use."""
    body = path.read_text(encoding="utf-8")
    line = f'amendments:\n  "{edition}": {text}\n'
    body, found = re.subn(r"^amendments:(?: \{\})?\n", line, body, count=1, flags=re.M)
    if not found:
        body = body.replace("\n---\n", f"\n{line}---\n", 1)
    path.write_text(body, encoding="utf-8")


def write_body(path: Path, text: str) -> None:
    """Replace a new chapter's template body with real text."""
    raw = path.read_text(encoding="utf-8")
    head = raw.split("\n---\n", 1)[0]
    path.write_text(f"{head}\n---\n\n## 1. Introduction\n\n{text}\n", encoding="utf-8")


class Council:
    """The manual's repository, used as a council would over three years."""

    def __init__(self, repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
        self.repo = repo
        self.cli = cli
        self.month = [2024, 1]
        self.day = 0
        self.commits = 0

    def when(self) -> str:
        self.day += 1
        year, month = self.month
        return f"{year:04d}-{month:02d}-{self.day:02d}T12:00:00Z"

    def run(self, *args: str, code: int = 0) -> str:
        result = self.cli(*args, "-m", str(self.repo))
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result.stdout

    def commit(self, message: str) -> None:
        commit_all(self.repo, message, date=self.when())
        self.commits += 1

    def ci(self) -> None:
        """The README's CI checks."""
        checks = [
            self.cli("validate", "--strict", "--today", TODAY, str(self.repo)),
            self.cli("stamp", "--check", "-m", str(self.repo)),
            self.cli("amendments", "--check", "-m", str(self.repo)),
        ]
        codes = [c.exit_code for c in checks]
        assert codes == [0, 0, 0], [c.stdout + c.stderr for c in checks]

    def after_release(self, work: list[Callable[[], str]]) -> None:
        """Ten commits after a release (the work, then editorial ones), CI on each."""
        self.month = [self.month[0] + (self.month[1] + 1) // 13, self.month[1] % 12 + 1]
        self.day = 0
        for index in range(10):
            if index < len(work):
                message = work[index]()
            else:
                old, new = ("healthy and happy", "healthy, and happy")
                if new in (self.repo / VISION).read_text(encoding="utf-8"):
                    old, new = new, old
                replace(self.repo / VISION, old, new)
                message = "Punctuation\n\nManual-Change: editorial"
            self.commit(message)
            self.ci()

    def release(self, edition: str) -> str:
        year, month = edition.split("-")
        self.month, self.day = [int(year), int(month)], 10
        self.run("stamp", "--edition", edition)
        self.run("amendments")
        self.run("amendments", "--check")  # and every flagged chapter has its summary
        if git(self.repo, "status", "--porcelain"):
            self.commit(f"Prepare the {edition} edition")
        self.run("release", edition)
        assert git(self.repo, "status", "--porcelain") == ""
        body = (self.repo / APPENDIX).read_text(encoding="utf-8").split("\n---\n\n", 1)[1]
        return body


def test_six_editions_over_three_years(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = copy_fixture("editions", tmp_path / "council")
    git(repo, "init", "-q")
    council = Council(repo, cli)
    council.commit("The manual")

    # --- May 2024: the first edition ---------------------------------------------------
    first = "## May 2024\n\nFirst edition.\n"
    assert council.release("2024-05") == f"{INTRO}\n\n{first}"

    # --- November 2024: a chapter added (numbers after it shift), one updated -----------
    def family_time() -> str:
        out = council.run(
            "new-chapter", "Family Time", "--in", "2", "--after", "2.1",
            "--owner", "Head of Service", "--today", TODAY,
        )  # fmt: skip
        assert "2.2 -> 2.3  Short Breaks" in out
        path = repo / "chapters/family-support/family-time.md"
        write_body(path, "Children see their families.")
        summary(path, "2024-11", "This chapter was added.")
        return "Family time"

    def early_help() -> str:
        append(repo / EARLY, "\nFamily help is offered too.\n")
        summary(repo / EARLY, "2024-11", "Section 1 now covers family help.")
        return "Family help"

    council.after_release([family_time, early_help])
    november_2024 = (
        "## November 2024\n\n"
        f"### New Chapters and Features\n\n{TABLE}"
        "| [Family Time](chapter:family-time) | This chapter was added. |\n\n"
        f"### Updated Chapters\n\n{TABLE}"
        "| [Early Help](chapter:early-help) | Section 1 now covers family help. |\n"
    )
    assert council.release("2024-11") == f"{INTRO}\n\n{november_2024}\n{first}"

    # --- May 2025: retitled, moved between sections, retired with a reason -------------
    def retitle() -> str:
        replace(repo / VISION, "title: Our Vision", "title: Our Vision and Values")
        append(repo / VISION, "\nOur values guide every decision.\n")
        summary(repo / VISION, "2025-05", "The chapter now sets out our values.")
        return "Values"

    def move() -> str:
        out = council.run("move-chapter", "confidentiality", "--in", "2")
        assert out.startswith("Moved to 2.5 Confidentiality Policy\n")
        return "Confidentiality is for every service"

    def retire() -> str:
        council.run(
            "retire-chapter", "short-breaks", "--reason",
            "Replaced by the regional short breaks offer.", "--today", TODAY,
        )  # fmt: skip
        # a retired id is never used again
        refused = council.cli(
            "new-chapter", "Short Breaks", "--in", "2", "--today", TODAY, "-m", str(repo)
        )
        assert refused.exit_code == 2
        assert "which was retired; ids are never used twice" in refused.stderr
        return "Retire short breaks"

    council.after_release([retitle, move, retire])
    may_2025 = (
        "## May 2025\n\n"
        f"### Updated Chapters\n\n{TABLE}"
        "| [Our Vision and Values](chapter:our-vision) | The chapter now sets out our "
        "values. |\n\n"
        f"### Removed Chapters\n\n{TABLE}"
        "| 2.3 Short Breaks | Replaced by the regional short breaks offer. |\n\n"
        f"### Retitled and Moved Chapters\n\n{TABLE}"
        "| [Our Vision and Values](chapter:our-vision) | Retitled: Our Vision → Our Vision "
        "and Values. |\n"
        "| [Confidentiality Policy](chapter:confidentiality) | Moved: All Children: Policy, "
        "Values and Principles → Family Support. |\n"
    )
    assert council.release("2025-05") == f"{INTRO}\n\n{may_2025}\n{november_2024}\n{first}"

    # --- November 2025: a chapter older blocks name is retired; one added first --------
    def retire_family_time() -> str:
        council.run(
            "retire-chapter", "family-time", "--reason", "Now part of Early Help.",
            "--today", TODAY,
        )  # fmt: skip
        return "Family time joins early help"

    def young_carers() -> str:
        out = council.run(
            "new-chapter", "Young Carers", "--in", "1.1", "--after", "1.1",
            "--owner", "Head of Service", "--today", TODAY,
        )  # fmt: skip
        assert out.startswith("Created 1.1.1 Young Carers\n")
        path = repo / "chapters/all-children/young-carers.md"
        write_body(path, "Support for children who care for someone.")
        summary(path, "2025-11", "This chapter was added.")
        return "Young carers"

    council.after_release([retire_family_time, young_carers])
    november_2025 = (
        "## November 2025\n\n"
        f"### New Chapters and Features\n\n{TABLE}"
        "| [Young Carers](chapter:young-carers) | This chapter was added. |\n\n"
        f"### Removed Chapters\n\n{TABLE}"
        "| 2.2 Family Time | Now part of Early Help. |\n"
    )
    # Family Time is gone: the November 2024 block names it in plain text.
    november_2024_now = november_2024.replace("[Family Time](chapter:family-time)", "Family Time")
    assert council.release("2025-11") == (
        f"{INTRO}\n\n{november_2025}\n{may_2025}\n{november_2024_now}\n{first}"
    )

    # --- May 2026: a summary from a commit's Amendment: line; editorial-only edits -----
    def confidentiality() -> str:
        path = repo / "chapters/family-support/confidentiality.md"
        replace(path, "keeps a child", "keeps any child")
        return "Wider duty\n\nAmendment: Information may be shared to keep any child safe."

    def editorial_early_help() -> str:
        append(repo / EARLY, "\n(See also the local offer.)\n")
        return "Cross-reference\n\nManual-Change: editorial"

    council.after_release([confidentiality, editorial_early_help])
    council.month, council.day = [2026, 5], 5
    council.run("stamp", "--edition", "2026-05")
    council.run("amendments", "--check", code=1)  # Confidentiality has no summary yet
    council.run("amendments", "--fill")
    council.commit("Summaries from the commits")
    may_2026 = (
        "## May 2026\n\n"
        f"### Updated Chapters\n\n{TABLE}"
        "| [Confidentiality Policy](chapter:confidentiality) | Information may be shared to "
        "keep any child safe. |\n"
    )
    assert council.release("2026-05") == (
        f"{INTRO}\n\n{may_2026}\n{november_2025}\n{may_2025}\n{november_2024_now}\n{first}"
    )

    # --- November 2026: a moved chapter, nothing else ----------------------------------
    def move_young_carers() -> str:
        council.run("move-chapter", "young-carers", "--in", "2")
        return "Young carers are supported by family services"

    council.after_release([move_young_carers])
    november_2026 = (
        "## November 2026\n\n"
        f"### Retitled and Moved Chapters\n\n{TABLE}"
        "| [Young Carers](chapter:young-carers) | Moved: All Children: Policy, Values and "
        "Principles → Family Support. |\n"
    )
    assert council.release("2026-11") == (
        f"{INTRO}\n\n{november_2026}\n{may_2026}\n{november_2025}\n{may_2025}\n"
        f"{november_2024_now}\n{first}"
    )
    council.after_release([])
    tags = git(repo, "tag", "--list").split()
    assert tags == [f"sample/{e}" for e in ("2024-05", "2024-11", "2025-05", "2025-11",
                                            "2026-05", "2026-11")]  # fmt: skip
    # the month after each release CI passed on ten commits: 6 x 10, plus the releases'
    assert council.commits >= 60
