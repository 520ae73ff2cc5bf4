"""The three output formats, compared whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from manualctl.check.findings import Finding, Severity, render

FIXTURES = Path(__file__).parent / "fixtures"

FINDINGS = [
    Finding(
        "manual.yaml", 11, 13, Severity.ERROR, "schema-unknown-key",
        'unknown key "flagg" in the entry for chapters/a.md. Did you mean "flag"?',
        "Allowed keys here: file, number, flag, note. Fix the spelling or remove it.",
    ),
    Finding(
        "chapters/b, c.md", 5, 1, Severity.WARNING, "chapter-awaiting-text",
        '"B" has no text yet.', "Write the chapter's text below the front matter.",
    ),
    Finding(
        "chapters/a.md", 5, 1, Severity.WARNING, "chapter-awaiting-text",
        '"A" has no text yet.', "Write the chapter's text below the front matter.",
    ),
]  # fmt: skip


def test_text_lists_in_file_order_shows_each_hint_once_and_counts_by_rule() -> None:
    assert render(FINDINGS, "text", grouped=True) == (
        'chapters/a.md:5:1: warning chapter-awaiting-text: "A" has no text yet.\n'
        "    hint: Write the chapter's text below the front matter.\n"
        'chapters/b, c.md:5:1: warning chapter-awaiting-text: "B" has no text yet.\n'
        'manual.yaml:11:13: error schema-unknown-key: unknown key "flagg" in the entry for '
        'chapters/a.md. Did you mean "flag"?\n'
        "    hint: Allowed keys here: file, number, flag, note. Fix the spelling or remove it.\n"
        "\n"
        "Findings by rule:\n"
        "  schema-unknown-key         1 error\n"
        "  chapter-awaiting-text      2 warnings"
    )


def test_text_not_grouped_shows_every_hint_and_no_summary() -> None:
    assert render(FINDINGS[1:], "text") == (
        'chapters/a.md:5:1: warning chapter-awaiting-text: "A" has no text yet.\n'
        "    hint: Write the chapter's text below the front matter.\n"
        'chapters/b, c.md:5:1: warning chapter-awaiting-text: "B" has no text yet.\n'
        "    hint: Write the chapter's text below the front matter."
    )


def test_text_of_one_finding_has_no_summary() -> None:
    assert render(FINDINGS[:1], "text", grouped=True) == (
        'manual.yaml:11:13: error schema-unknown-key: unknown key "flagg" in the entry for '
        'chapters/a.md. Did you mean "flag"?\n'
        "    hint: Allowed keys here: file, number, flag, note. Fix the spelling or remove it."
    )


def test_json_is_every_field_of_every_finding() -> None:
    assert json.loads(render(FINDINGS, "json")) == [
        {
            "file": "chapters/a.md",
            "line": 5,
            "column": 1,
            "severity": "warning",
            "code": "chapter-awaiting-text",
            "message": '"A" has no text yet.',
            "hint": "Write the chapter's text below the front matter.",
        },
        {
            "file": "chapters/b, c.md",
            "line": 5,
            "column": 1,
            "severity": "warning",
            "code": "chapter-awaiting-text",
            "message": '"B" has no text yet.',
            "hint": "Write the chapter's text below the front matter.",
        },
        {
            "file": "manual.yaml",
            "line": 11,
            "column": 13,
            "severity": "error",
            "code": "schema-unknown-key",
            "message": 'unknown key "flagg" in the entry for chapters/a.md. Did you mean "flag"?',
            "hint": "Allowed keys here: file, number, flag, note. Fix the spelling or remove it.",
        },
    ]


def test_github_annotations_escape_properties_and_data() -> None:
    odd = Finding(
        "a:b.md", 2, 3, Severity.ERROR, "raw-markup", "100% raw\nHTML", "Remove it, please."
    )
    assert render([*FINDINGS[1:2], odd], "github") == (
        "::error file=a%3Ab.md,line=2,col=3,title=raw-markup::"
        "100%25 raw%0AHTML Remove it, please.\n"
        "::warning file=chapters/b%2C c.md,line=5,col=1,title=chapter-awaiting-text::"
        '"B" has no text yet. Write the chapter\'s text below the front matter.'
    )


# --- warnings beyond the limit: counted, not listed ---------------------------------


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


def test_summary_lists_errors_and_only_counts_warnings() -> None:
    findings = [_warning(n) for n in range(3)] + [ERROR]
    assert render(findings, "text", grouped=True, warnings_shown=0) == "\n".join(
        [
            "manual.yaml:3:5: error missing-file: the chapter file is missing.",
            "    hint: Fix it.",
            "",
            "Warnings are counted below, not listed (run with --all to list every one).",
            "",
            "Findings by rule:",
            "  missing-file       1 error",
            "  owner-missing      3 warnings",
        ]
    )


def test_validate_summary_on_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = Path(shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny"))
    for name in ("confidentiality", "our-vision"):
        chapter = root / "chapters" / "all-children" / f"{name}.md"
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text("\n".join(x for x in text.split("\n") if not x.startswith("owner:")))
    early = root / "chapters" / "family-support" / "early-help.md"
    early.write_text(early.read_text(encoding="utf-8") + "\nSee [x](chapter:no-such-id).\n")
    result = cli("validate", str(root), "--summary", "--today", "2026-11-01")
    assert result.exit_code == 1
    first, _, rest = result.stdout.partition("\n")
    assert first.endswith(
        'early-help.md:14:9: error link-dangling: the link "chapter:no-such-id" names the '
        'chapter id "no-such-id", which no chapter in this manual has.'
    )
    assert rest.split("\n", 1)[1] == "\n".join(
        [
            "",
            "Warnings are counted below, not listed (run with --all to list every one).",
            "",
            "Findings by rule:",
            "  link-dangling      1 error",
            "  owner-missing      2 warnings",
            "",
        ]
    )


# --- many findings of one rule in one file: the first 100 listed, the rest counted ----


def test_bounded_lists_the_first_of_each_rule_in_each_file_and_counts_the_rest() -> None:
    from manualctl.check.findings import Unlisted, bounded

    def missing(line: int, file: str = "manual.yaml") -> Finding:
        return Finding(file, line, 15, Severity.ERROR, "missing-file", f"m{line}.", "Fix it.")

    many = [missing(n) for n in range(1, 8)] + [missing(1, "b/manual.yaml"), _warning(1)]
    counted = {("b/manual.yaml", "missing-file"): Unlisted(missing(40, "b/manual.yaml"), 6)}
    got = bounded(list(reversed(many)), 3, counted)
    hint = (
        "Many findings of one rule are usually one mistake made many times: fix the ones "
        "listed, then run 'manualctl validate' again to see what is left."
    )
    assert got == [
        missing(1, "b/manual.yaml"),
        Finding(
            "b/manual.yaml", 40, 15, Severity.ERROR, "missing-file",
            "... and 6 more missing-file errors in this file from this line on, not listed "
            "(validate lists the first 3 of a rule in each file).", hint,
        ),
        _warning(1),
        missing(1),
        missing(2),
        missing(3),
        Finding(
            "manual.yaml", 4, 15, Severity.ERROR, "missing-file",
            "... and 4 more missing-file errors in this file from this line on, not listed "
            "(validate lists the first 3 of a rule in each file).", hint,
        ),
    ]  # fmt: skip
    assert bounded(many, 10) == sorted(many)
