"""``publish``: the Word, PDF and HTML editions, with a progress bar for people."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

from manualctl.check.limits import PUBLISH_SECONDS
from manualctl.cli.app import (
    Argument,
    ManualOption,
    Option,
    command,
    echo,
    parse_today,
    say_cleared,
)
from manualctl.errors import UsageError


@command()
def publish(
    paths: Annotated[
        list[Path] | None,
        Argument(
            help="Manual folders, or folders to search for manuals. Default: the manual "
            "given with --manual, else the nearest one."
        ),
    ] = None,
    manual: ManualOption = None,
    formats: Annotated[
        str,
        Option(
            "--format",
            "-f",
            help="What to make: docx (Word), pdf or html (a website), comma-separated for "
            "several (docx,pdf,html).",
        ),
    ] = "docx",
    out: Annotated[Path, Option("--out", "-o", help="Folder the editions are written to.")] = Path(
        "editions"
    ),
    chapter: Annotated[
        str | None,
        Option("--chapter", help="Publish only this chapter (its id), in a file of its own."),
    ] = None,
    edition: Annotated[
        str | None,
        Option(
            "--edition",
            help="Publish a released edition, YYYY-MM (e.g. 2026-05), rebuilt from its tag "
            "(the working tree is not touched). Default: the working tree, which is the "
            "edition tagged on this commit, else a draft of the next edition.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Publish the edition that was in force on that day (the latest released "
            "on or before it), rebuilt from its tag.",
        ),
    ] = None,
    as_json: Annotated[
        bool, Option("--json", help="List what was written as JSON on stdout (for CI).")
    ] = False,
    pdf_standard: Annotated[
        str,
        Option(
            "--pdf-standard",
            help="PDF only: ua-1 (accessible, the default) or a-2b (accessible and "
            "PDF/A-2b, for archiving).",
        ),
    ] = "ua-1",
    time_limit: Annotated[
        int,
        Option(
            "--time-limit",
            metavar="SECONDS",
            min=0,
            help="Stop with a clear error when publishing takes longer than this "
            "(every pandoc run and Typst compile counts; 0: no limit).",
        ),
    ] = PUBLISH_SECONDS,
    force: Annotated[
        bool,
        Option(
            "--force",
            help="Build every edition, even one already in --out built from the same inputs.",
        ),
    ] = False,
) -> None:
    """Publish the Word, PDF and HTML editions of manuals: one per manual and format.

    The PDF is accessible (tagged PDF/UA-1, with bookmarks and the document language).
    The HTML edition is a folder <manual id>-<YYYY-MM>-html/ holding a small website:
    index.html (the contents page) and one page per chapter, to copy to a web server.

    Each manual is checked first; a manual with errors is not published (exit code 1,
    the errors are listed). Files are written into --out (default: editions/) as
    <manual id>-<YYYY-MM>.docx (and .pdf), or <manual id>-<YYYY-MM>-<chapter id>.docx with
    --chapter. A commit that is not a released edition (its tag) makes a draft, labelled
    as one on the cover and every page and named <manual id>-[<YYYY-MM>-]draft.docx.
    A failed run leaves the files (and sites) already there as they were. Dates in the
    edition come from the last commit, so publishing the same commit twice gives the
    same file. An edition already in --out that was built from the same inputs (its
    record, <name>.inputs.json, says so) is kept as it is, and said so; --force rebuilds.
    """
    import json

    from manualctl.check.validate import open_report
    from manualctl.model.discovery import find_manual, find_manuals
    from manualctl.publish.build import publish as publish_editions
    from manualctl.publish.formats import FORMAT_NAMES, parse_formats
    from manualctl.publish.typst_build import check_pdf_standard
    from manualctl.upstream.resolve import inherited

    wanted = parse_formats(formats)
    check_pdf_standard(pdf_standard)
    if edition is not None and as_of is not None:
        raise UsageError(
            "Give --edition or --as-of, not both.",
            hint="--edition names a released edition; --as-of picks the one in force on a day.",
        )
    day = parse_today(as_of) if as_of is not None else None
    roots = find_manuals(list(paths)) if paths else [find_manual(manual)]
    reports = [open_report(root, resolver=inherited) for root in roots]
    manuals = [report.manual for report in reports if report.manual is not None]
    with _progress(len(manuals) * len(wanted)) as step:
        done = publish_editions(
            manuals,
            formats=wanted,
            out=out,
            chapter=chapter,
            edition=edition,
            as_of=day,
            step=step,
            pdf_standard=pdf_standard,
            time_limit=time_limit or None,
            force=force,
            reads=[report.reads for report in reports if report.manual is not None],
        )
    say_cleared(done.cleared)
    written = done.written
    if as_json:
        echo(json.dumps([w.as_dict() for w in written], indent=2, ensure_ascii=False))
        return
    for item in written:
        kind = FORMAT_NAMES.get(item.format, item.format)
        if item.kept:
            echo(f"Kept {item.path} ({kind}): built from the same inputs (--force rebuilds it)")
        else:
            echo(f"Wrote {item.path} ({kind}, {item.size // 1024 + 1} KB)")


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


@command()
def redline(
    source: Annotated[
        str | None,
        Argument(metavar="[FROM]", help="An edition (YYYY-MM). Default: the latest."),
    ] = None,
    target: Annotated[
        str | None,
        Argument(metavar="[TO]", help="A later edition (YYYY-MM). Default: the working tree."),
    ] = None,
    manual: ManualOption = None,
    formats: Annotated[
        str,
        Option(
            "--format",
            "-f",
            help="What to make: docx (Word, with tracked changes), pdf or html (one "
            "page), comma-separated for several.",
        ),
    ] = "docx",
    chapter: Annotated[str | None, Option("--chapter", help="Only this chapter (its id).")] = None,
    everything: Annotated[
        bool, Option("--all", help="Every chapter, the unchanged ones too.")
    ] = False,
    out: Annotated[Path, Option("--out", "-o", help="Folder the files are written to.")] = Path(
        "editions"
    ),
) -> None:
    """Show what changed between two editions, word by word: a Word document with tracked
    changes, a PDF or a web page.

    The chapters that are New, Updated, Removed, or retitled or moved (--all: every
    chapter), styled as in the Word edition, each difference a tracked change by
    "manualctl" dated from TO's last commit: accept, reject and comment in Word or
    LibreOffice. Changes made in commits marked 'Manual-Change: editorial' are shown
    too, and said to be editorial. Written into --out as
    <manual id>-redline-<FROM>-to-<TO>.docx (-draft for the working tree; .pdf, .html);
    the same two editions always give the same bytes.
    """
    from manualctl.publish.redline.build import parse_formats
    from manualctl.publish.redline.build import redline as run_redline

    wanted = parse_formats(formats)
    done = run_redline(
        manual, source, target, formats=wanted, out=out, chapter=chapter, everything=everything
    )
    echo(f"Changes from {done.source} to {done.target}: {len(done.chapters)} chapter(s).")
    if not done.chapters:
        echo("  No chapter changed: nothing was written.")
    for change in done.chapters:
        echo(f"  {change.status}: {change.id}" + (f" ({change.details})" if change.details else ""))
    for item in done.written:
        echo(f"Wrote {item.path} ({item.size // 1024 + 1} KB)")
