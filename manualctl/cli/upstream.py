"""Commands for manuals built on a template: ``upstream status``."""

from __future__ import annotations

import sys
from typing import Annotated

from manualctl.cli.app import FormatOption, ManualOption, Option, check_format, command, echo
from manualctl.errors import EXIT_INVALID

ToOption = Annotated[
    str | None,
    Option(
        "--to",
        help="The template edition to compare with, as YYYY-MM. Default: its newest.",
        show_default=False,
    ),
]


@command("status", group="upstream")
def upstream_status(
    manual: ManualOption = None,
    to: ToOption = None,
    fmt: FormatOption = "text",
    check: Annotated[
        bool,
        Option("--check", help="Exit 1 when anything needs a decision (for CI)."),
    ] = False,
) -> None:
    """Show what the template changed for the chapters this manual takes from it.

    Compares the template edition the manual follows (manual.yaml 'upstream: edition:')
    with a later one (--to, default the newest), for each inherited chapter (changed
    upstream: it will be Updated in your next edition), each substituted chapter (stale
    when the template changed the chapter it replaces since its 'based_on'), chapters
    removed or retitled upstream, and new template chapters this manual does not place.
    With --check the exit code is 1 when any of these needs a decision.
    """
    from manualctl.check.findings import render
    from manualctl.model.discovery import find_manual
    from manualctl.upstream.status import status_of
    from manualctl.upstream.status_output import as_findings, as_json, render_text

    check_format(fmt, ("text", "json", "github"))
    result = status_of(find_manual(manual), to)
    if fmt == "json":
        echo(as_json(result), nl=False)
    elif fmt == "github":
        output = render(as_findings(result), "github")
        if output:
            echo(output)
    else:
        echo(render_text(result), nl=False)
    if check and result.needs_decision:
        sys.exit(EXIT_INVALID)


@command("update", group="upstream")
def upstream_update(
    to: Annotated[
        str,
        Option("--to", help="The template edition to follow, as YYYY-MM."),
    ],
    manual: ManualOption = None,
    merge: Annotated[
        bool,
        Option(
            "--merge",
            help="Take the template's change into each stale substitution with git's "
            "three-way merge (all of them, or none when any conflicts).",
        ),
    ] = False,
) -> None:
    """Follow a later edition of the template (manual.yaml 'upstream: edition:').

    Inherited chapters take the new edition's text (run 'manualctl stamp' for the flags:
    those the template changed are Updated). Substituted chapters whose template chapter
    changed are listed: they are stale, and validate and release refuse them, until
    their author has read the change and moved 'based_on'. All or nothing: when the new
    edition would leave the manual with any other error (an inherited chapter the
    template removed), nothing is changed and the errors are listed.

    With --merge, each substituted chapter whose template chapter changed since its
    'based_on' gets the template's change by git's three-way merge (base: the template
    chapter at 'based_on'), and its 'based_on' moves; this works too when the manual
    already follows --to. When any chapter's own text and the template's change touch
    the same lines, nothing is changed and those places are listed, to merge by hand.
    """
    from manualctl.upstream.update import render_update, update

    echo(render_update(update(manual, to, merge=merge)), nl=False)
