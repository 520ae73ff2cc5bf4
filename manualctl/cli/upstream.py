"""Commands for manuals built on a template: ``upstream status``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from manualctl.cli.app import (
    Argument,
    FormatOption,
    ManualOption,
    Option,
    check_format,
    command,
    echo,
    echo_err,
    error_text,
)
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
    paths: Annotated[
        list[Path] | None,
        Argument(
            help="Manual folders, or folders to search for manuals built on a template "
            "(a publisher's folder of councils). Default: the manual given with --manual, "
            "else the nearest one."
        ),
    ] = None,
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
    Given folders, it does this for every manual built on a template in them, in one run
    (manuals found there that follow no template are named and left out); the JSON is
    then a list, one object per manual. With --check the exit code is 1 when any of these
    needs a decision.
    """
    from manualctl.check.findings import display, render
    from manualctl.model.discovery import find_manual, find_manuals
    from manualctl.model.manual import MANUAL_FILE
    from manualctl.upstream.several import status_of_all
    from manualctl.upstream.status_output import (
        as_findings,
        as_json,
        failure_findings,
        render_text,
    )

    check_format(fmt, ("text", "json", "github"))
    if paths:
        roots = find_manuals(list(paths))
        named = frozenset(p.resolve() for p in paths if (p / MANUAL_FILE).is_file())
    else:
        roots = [find_manual(manual)]
        named = frozenset(roots)
    results, left_out, failed = status_of_all(roots, to, named=named, keep_going=len(roots) > 1)
    if fmt == "json":
        echo(as_json(results if paths else results[0]), nl=False)
    elif fmt == "github":  # (a manual that failed too: CI annotates its manual.yaml)
        found = [f for result in results for f in as_findings(result)]
        found += [f for x in failed for f in failure_findings(x.root, x.error)]
        output = render(found, "github")
        if output:
            echo(output)
    else:
        echo("\n".join(render_text(result) for result in results), nl=False)
    for failure in failed:  # after the others' statuses, each as the command alone says it
        echo_err(error_text(failure.error, display(failure.root)))
    deciding = sum(1 for result in results if result.needs_decision)
    if paths and fmt == "text":
        closing = f"{len(results)} manual(s) compared: {deciding} with something to decide."
        if failed:
            names = ", ".join(display(f.root) for f in failed)
            closing += f" Not compared, for the errors above: {names}."
        if left_out:
            names = ", ".join(p.name for p in left_out)
            closing += f" Left out, as built on no template: {names}."
        echo_err(closing)
    if failed:
        sys.exit(max(f.error.exit_code for f in failed))
    if check and deciding:
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
