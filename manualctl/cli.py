"""The command line: parse arguments, call the modules, print what they return.

This is the only module that prints or exits. Work lives in modules named after what
they are about; they return data and raise :class:`~manualctl.errors.ManualctlError`.
Heavy libraries (git, docx, pandoc, jsonschema) are imported inside the commands that
need them, so ``manualctl --help`` stays quick.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
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


# --- publish: Word, PDF, HTML (issues 5 and 6) ---------------------------------------------


@app.command()
def publish(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Manual folders, or folders to search for manuals. Default: the manual "
            "given with --manual, else the nearest one."
        ),
    ] = None,
    manual: ManualOption = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="What to make: docx (Word) or pdf, comma-separated for several (docx,pdf).",
        ),
    ] = "docx",
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder the editions are written to.")
    ] = Path("editions"),
    chapter: Annotated[
        str | None,
        typer.Option("--chapter", help="Publish only this chapter (its id), in a file of its own."),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            help="The edition, YYYY-MM (e.g. 2026-11 for November 2026). "
            "Default: the month of the last commit.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="List what was written as JSON on stdout (for CI).")
    ] = False,
    pdf_standard: Annotated[
        str,
        typer.Option(
            "--pdf-standard",
            help="PDF only: ua-1 (accessible, the default) or a-2b (accessible and "
            "PDF/A-2b, for archiving).",
        ),
    ] = "ua-1",
) -> None:
    """Publish the Word and PDF editions of manuals: one file per manual and format.

    The PDF is accessible (tagged PDF/UA-1, with bookmarks and the document language).

    Each manual is checked first; a manual with errors is not published (exit code 1,
    the errors are listed). Files are written into --out (default: editions/) as
    <manual id>-<YYYY-MM>.docx (and .pdf), or <manual id>-<YYYY-MM>-<chapter id>.docx with
    --chapter.
    A failed run leaves the files already there as they were. Dates printed in the
    edition come from the last commit, so publishing the same commit twice gives the
    same file.
    """
    import json

    from manualctl.manual import find_manual, find_manuals
    from manualctl.publish.build import FORMAT_NAMES, parse_formats
    from manualctl.publish.build import publish as publish_editions
    from manualctl.publish.pdf import check_pdf_standard
    from manualctl.validate import open_manual

    wanted = parse_formats(formats)
    check_pdf_standard(pdf_standard)
    roots = find_manuals(list(paths)) if paths else [find_manual(manual)]
    manuals = [open_manual(root) for root in roots]
    with _progress(len(manuals) * len(wanted)) as step:
        written = publish_editions(
            manuals,
            formats=wanted,
            out=out,
            chapter=chapter,
            edition=edition,
            step=step,
            pdf_standard=pdf_standard,
        )
    if as_json:
        typer.echo(json.dumps([w.as_dict() for w in written], indent=2, ensure_ascii=False))
        return
    for item in written:
        kind = FORMAT_NAMES.get(item.format, item.format)
        typer.echo(f"Wrote {item.path} ({kind}, {item.size // 1024 + 1} KB)")


def _interactive() -> bool:
    """Show progress only to a person at a terminal, never in CI."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr in a terminal; nothing in CI or when piped."""
    if not _interactive():
        yield lambda _description: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Publishing", total=total)
        started = False

        def step(description: str) -> None:
            nonlocal started
            if started:
                bar.advance(task)
            started = True
            bar.update(task, description=f"Publishing {description}")

        yield step


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
