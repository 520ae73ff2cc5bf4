"""Commands that read a manual: ``validate`` and ``contents``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from manualctl.cli.app import (
    Argument,
    FormatOption,
    ManualOption,
    Option,
    TodayOption,
    check_format,
    command,
    echo,
    echo_err,
    parse_today,
    say_cleared,
)
from manualctl.errors import EXIT_INVALID

TYPE_CHECKING = False
if TYPE_CHECKING:
    from manualctl.check.findings import Finding
    from manualctl.check.load import LocalReader
    from manualctl.model.chapter import Chapter
    from manualctl.model.manual import Manual


@command()
def validate(
    paths: Annotated[
        list[Path] | None,
        Argument(help="Manual folders, or folders to search for manuals. Default: here."),
    ] = None,
    strict: Annotated[bool, Option("--strict", help="Fail on warnings too (for CI).")] = False,
    fmt: FormatOption = "text",
    today: TodayOption = None,
    show_all: Annotated[
        bool,
        Option(
            "--all",
            help="List every warning (text output lists the first 10 of each rule).",
        ),
    ] = False,
    summary: Annotated[
        bool,
        Option(
            "--summary",
            help="List every error but only count the warnings, rule by rule.",
        ),
    ] = False,
) -> None:
    """Check manuals: structure, chapter files, links, images, numbers and review dates.

    Every problem is listed with its file, line and column, a rule code and a hint on
    what to do. Warnings (chapters awaiting text, reviews overdue, no owner) are shown
    but pass, unless --strict; the text output lists the first 10 of each rule and
    counts the rest (--all lists them all; --summary only counts them). Exit code 0
    when there are no errors, 1 when there are errors (or warnings with --strict), 2 when
    no manual is found.
    """
    from manualctl.check.findings import render
    from manualctl.check.several import check_all
    from manualctl.model.discovery import find_manuals

    check_format(fmt, ("text", "json", "github"))
    day = parse_today(today)
    roots = find_manuals(list(paths or []))
    findings, failed, cleared = check_all(
        roots, today=day, strict=strict, resolver=inherited_chapters
    )
    say_cleared(cleared)
    shown = None if show_all else 0 if summary else 10
    output = render(findings, fmt, grouped=True, warnings_shown=shown)
    if output:
        echo(output)
    if fmt == "text":
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = len(findings) - errors
        closing = f"{len(roots)} manual(s) checked: {errors} error(s), {warnings} warning(s)."
        if failed:
            closing += (
                " Fix the errors above, then run 'manualctl validate' again."
                if errors
                else " --strict fails on warnings: deal with them, or run without --strict."
            )
        echo_err(closing)
    if failed:
        sys.exit(EXIT_INVALID)


def inherited_chapters(
    manual: Manual, config_text: str, read: LocalReader | None = None
) -> tuple[dict[str, Chapter], list[Finding]]:
    """:func:`manualctl.upstream.resolve.inherited`, imported only for a manual built on a
    template (it imports git and the edition history, which validate does not otherwise
    need)."""
    from manualctl.upstream.resolve import inherited

    return inherited(manual, config_text, read)


@command()
def contents(
    manual: ManualOption = None,
    fmt: Annotated[
        str, Option("--format", "-f", help="Output format: text, markdown or json.")
    ] = "text",
) -> None:
    """Show the manual's contents page: sections, sub-sections, chapters and flags.

    text looks like the published contents page; markdown has headings and links to
    the chapter files; json gives the numbered tree for other tools.
    """
    from manualctl.model.discovery import find_manual
    from manualctl.publish.contents_page import FORMATS, load, render

    check_format(fmt, FORMATS)
    echo(render(load(find_manual(manual)), fmt), nl=False)
