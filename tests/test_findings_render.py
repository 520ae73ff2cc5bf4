"""validate's text output: every error, the first warnings of each rule, then counts."""

from __future__ import annotations

from manualctl.findings import Finding, Severity, render


def _warning(n: int) -> Finding:
    return Finding(
        f"chapters/c{n:02d}.md", 2, 1, Severity.WARNING, "owner-missing",
        "the chapter has no owner.", "Add a line 'owner: ...'.",
    )  # fmt: skip


ERROR = Finding(
    "manual.yaml", 3, 5, Severity.ERROR, "missing-file", "the chapter file is missing.", "Fix it."
)


def test_warnings_beyond_the_limit_are_counted_not_listed() -> None:
    findings = [_warning(n) for n in range(4)] + [ERROR]
    assert render(findings, "text", grouped=True, warnings_shown=2) == "\n".join(
        [
            "chapters/c00.md:2:1: warning owner-missing: the chapter has no owner.",
            "    hint: Add a line 'owner: ...'.",
            "chapters/c01.md:2:1: warning owner-missing: the chapter has no owner.",
            "manual.yaml:3:5: error missing-file: the chapter file is missing.",
            "    hint: Fix it.",
            "",
            "... and 2 more owner-missing warnings not listed (run with --all to list every one).",
            "",
            "Findings by rule:",
            "  missing-file       1 error",
            "  owner-missing      4 warnings",
        ]
    )


def test_all_lists_every_warning() -> None:
    findings = [_warning(n) for n in range(3)]
    assert render(findings, "text", grouped=True, warnings_shown=None) == "\n".join(
        [
            "chapters/c00.md:2:1: warning owner-missing: the chapter has no owner.",
            "    hint: Add a line 'owner: ...'.",
            "chapters/c01.md:2:1: warning owner-missing: the chapter has no owner.",
            "chapters/c02.md:2:1: warning owner-missing: the chapter has no owner.",
            "",
            "Findings by rule:",
            "  owner-missing      3 warnings",
        ]
    )
