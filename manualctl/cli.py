"""The command line: parse arguments, call the modules, print what they return.

This is the only module that prints or exits. Work lives in modules named after what
they are about; they return data and raise :class:`~manualctl.errors.ManualctlError`.
Heavy libraries (git, docx, pandoc, jsonschema) are imported inside the commands that
need them, so ``manualctl --help`` stays quick.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from manualctl import __version__
from manualctl.errors import EXIT_BUG, EXIT_INVALID, ManualctlError, ManualInvalid

app = typer.Typer(
    name="manualctl",
    help=(
        "Write and publish a procedures manual kept in git.\n\n"
        "Authors: 'new-chapter' adds a chapter, 'validate' checks your work.\n"
        "Release leads: 'stamp', 'amendments' and 'release' make an edition.\n"
        "CI: 'validate' and 'publish' build the Word and PDF editions."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ManualOption = Annotated[
    Path | None,
    typer.Option(
        "--manual",
        "-m",
        help="The manual's folder (the one holding manual.yaml). "
        "Default: the nearest manual.yaml at or above the current folder.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="Output format: text, json or github."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"manualctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Write and publish a procedures manual kept in git."""


def echo_err(message: str) -> None:
    typer.echo(message, err=True)


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise typer.BadParameter(f"use one of: {', '.join(allowed)}", param_hint="--format")
    return fmt


# --- validate ------------------------------------------------------------------------------


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Manual folders, or folders to search for manuals. Default: here."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (for CI).")
    ] = False,
    fmt: FormatOption = "text",
) -> None:
    """Check manuals: structure, chapter files, links, images, numbers and review dates.

    Every problem is listed with its file, line and column and a hint on what to do.
    Exit code 0 when there are no errors (warnings are shown but pass, unless --strict),
    1 when there are errors, 2 when no manual is found.
    """
    from manualctl.findings import has_errors, render
    from manualctl.manual import find_manuals
    from manualctl.validate import check

    check_format(fmt, ("text", "json", "github"))
    roots = find_manuals(list(paths or []))
    findings = []
    failed = False
    for root in roots:
        report = check(root)
        findings.extend(report.findings)
        failed = failed or report.failed(strict=strict)
    output = render(findings, fmt)
    if output:
        typer.echo(output)
    if fmt == "text":
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = len(findings) - errors
        summary = f"{len(roots)} manual(s) checked: {errors} error(s), {warnings} warning(s)."
        if failed:
            summary += " Fix the errors above, then run 'manualctl validate' again."
        echo_err(summary)
    if failed or has_errors(findings, strict=strict):
        raise typer.Exit(EXIT_INVALID)


# --- contents and import (issue 2) ---------------------------------------------------------


# --- authoring: new-chapter, move-chapter, retire-chapter, review (issue 3) ----------------


# --- editions: stamp, amendments, release, history, diff (issue 4) -------------------------

EditionOption = Annotated[
    str | None,
    typer.Option(
        "--edition",
        "-e",
        help="The edition being prepared, as YYYY-MM (for example 2026-11). "
        "Default: the current month.",
        show_default=False,
    ),
]
CheckOption = Annotated[
    bool,
    typer.Option("--check", help="Change nothing; exit 1 when something is out of date (for CI)."),
]


def _previous_line(edition: str, previous: str | None) -> str:
    from manualctl.editions import display

    if previous is None:
        return (
            f"{display(edition)} is the first edition: no earlier edition tag was found, "
            "so no chapter is flagged. (If there was an earlier edition, fetch its tags "
            "with 'git fetch --tags'.)"
        )
    return f"{display(edition)}: compared with the previous edition, tag {previous}."


@app.command()
def stamp(
    manual: ManualOption = None, edition: EditionOption = None, check: CheckOption = False
) -> None:
    """Flag chapters New or Updated for the coming edition, from the git history.

    New: the chapter was not in the previous edition. Updated: its title or text changed
    since the previous edition (changes to review dates, owner or other front matter do
    not count, nor commits marked 'Manual-Change: editorial'). The flags are written into
    manual.yaml; nothing else in the file changes. With --check nothing is written and the
    exit code is 1 when the flags in manual.yaml are out of date.
    """
    from manualctl.flags import stamp as run_stamp

    result = run_stamp(manual, edition=edition, check=check)
    typer.echo(_previous_line(result.edition, result.previous))
    for change in result.changes:
        typer.echo(f"  {change.describe()}")
    if not result.changes:
        typer.echo(f"The flags in manual.yaml are up to date ({result.flagged} flagged).")
    elif check:
        echo_err(
            f"{len(result.changes)} flag(s) in manual.yaml are out of date. "
            "Run 'manualctl stamp' to write them, then commit manual.yaml."
        )
        raise typer.Exit(EXIT_INVALID)
    else:
        typer.echo(
            f"Wrote {len(result.changes)} flag change(s) to manual.yaml "
            f"({result.flagged} chapter(s) flagged). Review with 'git diff', then commit."
        )


@app.command()
def amendments(
    manual: ManualOption = None,
    edition: EditionOption = None,
    check: CheckOption = False,
    fill: Annotated[
        bool,
        typer.Option(
            "--fill",
            help="Copy the 'Amendment:' lines of the commits into the front matter of "
            "chapters that have no summary yet (check them before the release).",
        ),
    ] = False,
) -> None:
    """Regenerate the Amendments appendix: what each edition changed, newest first.

    Git chooses the chapters (New, Updated, Removed, Retitled and Moved); the Details
    column is the sentence in each chapter's front matter, under
    'amendments:' and the edition ("2026-11": ...). With --check nothing is written and
    the exit code is 1 when a New or Updated chapter has no sentence for the coming
    edition, or when the appendix is out of date.
    """
    from manualctl.amendments import amendments as run_amendments

    result = run_amendments(manual, edition=edition, check=check, fill=fill)
    typer.echo(_previous_line(result.edition, result.previous))
    for filled in result.filled:
        typer.echo(
            f"Filled the summary of {filled.chapter.label} ({filled.chapter.file}) from its "
            f"commits: {filled.text}"
        )
    if result.filled:
        typer.echo("Read the filled summaries in the chapters' front matter before the release.")
    for missing in result.missing:
        echo_err(missing.describe(result.edition))
    if check:
        if result.stale:
            echo_err(
                f"The Amendments appendix ({result.appendix}) is out of date: "
                "run 'manualctl amendments' and commit it."
            )
        if result.stale or result.missing:
            raise typer.Exit(EXIT_INVALID)
        typer.echo("The Amendments appendix is up to date and every flagged chapter has a summary.")
        return
    if result.written:
        typer.echo(f"Wrote {result.appendix}. Review with 'git diff', then commit.")
    else:
        typer.echo(f"{result.appendix} is up to date.")
    if result.missing:
        echo_err(
            f"{len(result.missing)} chapter(s) need a summary before the release: "
            "write them, then run 'manualctl amendments' again."
        )


@app.command()
def release(
    edition: Annotated[str, typer.Argument(help="The edition to make, as YYYY-MM (e.g. 2026-11).")],
    manual: ManualOption = None,
) -> None:
    """Make an edition: check, regenerate the Amendments appendix, commit and tag.

    Refuses, changing nothing, when the manual's folder has uncommitted changes, the
    manual has errors, the flags are out of date ('manualctl stamp'), a New or Updated
    chapter has no amendment summary, or the edition's tag exists. Push the tag
    afterwards: git push --follow-tags.
    """
    from manualctl.editions import display
    from manualctl.release import release as run_release

    result = run_release(manual, edition)
    if result.committed:
        typer.echo("Committed the regenerated Amendments appendix.")
    typer.echo(
        f"Released {display(result.edition)}: tag {result.tag} on commit {result.commit[:12]} "
        f"({result.new} new, {result.updated} updated, {result.removed} removed, "
        f"{result.moved} retitled or moved)."
    )
    typer.echo("Publish it by pushing the tag: git push --follow-tags")


@app.command()
def history(
    chapter_id: Annotated[str, typer.Argument(metavar="ID", help="The chapter's id.")],
    manual: ManualOption = None,
    edition: EditionOption = None,
) -> None:
    """List the editions in which a chapter was new, updated, retitled, moved or removed.

    Each with the summary written for that edition: read it before editing a chapter.
    """
    from manualctl.timeline import history_of

    title, events = history_of(manual, chapter_id, edition=edition)
    typer.echo(f"{title} [{chapter_id}]")
    if not events:
        typer.echo("  No edition has changed this chapter.")
    for event in events:
        typer.echo(f"  {event.describe()}")


@app.command()
def diff(
    source: Annotated[
        str | None,
        typer.Argument(metavar="[FROM]", help="An edition (YYYY-MM). Default: the latest."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Argument(metavar="[TO]", help="An edition (YYYY-MM). Default: the working tree."),
    ] = None,
    manual: ManualOption = None,
) -> None:
    """Show what changed between two editions, or since an edition: chapters added,
    removed, updated, retitled or moved."""
    from manualctl.changes import render_text
    from manualctl.timeline import diff as run_diff

    result = run_diff(manual, source, target)
    typer.echo(render_text(result.changes, result.source, result.target))


# --- publish: Word, PDF, HTML (issues 5 and 6) ---------------------------------------------


# --- error handling ------------------------------------------------------------------------


def _print_invalid(error: ManualInvalid) -> None:
    from manualctl.findings import render

    if error.findings:
        echo_err(render(error.findings, "text"))


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the app; turn our errors into one clear line and an exit code."""
    try:
        app(args=argv, prog_name="manualctl", standalone_mode=True)
    except ManualInvalid as error:
        _print_invalid(error)
        echo_err(f"Error: {error}")
        sys.exit(error.exit_code)
    except ManualctlError as error:
        echo_err(f"Error: {error}")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        echo_err("Interrupted: nothing was left half-written.")
        sys.exit(130)
    except Exception:  # a bug: keep the traceback for the report, show one line
        fd, log = tempfile.mkstemp(prefix="manualctl-crash-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            traceback.print_exc(file=handle)
        echo_err(
            f"manualctl hit an internal error (a bug). Details were written to {log}; "
            "please send that file to the manualctl developers."
        )
        sys.exit(EXIT_BUG)
    sys.exit(0)  # pragma: no cover - typer always exits in standalone mode


if __name__ == "__main__":  # pragma: no cover
    main()
