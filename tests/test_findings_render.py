"""The three output formats, compared whole."""

from __future__ import annotations

import json

from manualctl.findings import Finding, Severity, render

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
