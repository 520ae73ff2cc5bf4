"""The command line: parse arguments, call the modules, print what they return.

This is the only module that prints or exits. Work lives in modules named after what
they are about; they return data and raise :class:`~manualctl.errors.ManualctlError`.
Heavy libraries (git, docx, pandoc, jsonschema) are imported inside the commands that
need them, so ``manualctl --help`` stays quick.
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from manualctl import __version__
from manualctl.errors import EXIT_BUG, EXIT_INVALID, ManualctlError, ManualInvalid

app = typer.Typer(
    name="manualctl",
    help=(
        "Write and publish a procedures manual kept in git.\n\n"
        "\b\n"
        "Authors: 'new-chapter' adds a chapter, 'validate' checks your work.\n"
        "Release leads: 'stamp', 'amendments' and 'release' make an edition.\n"
        "CI: 'validate' and 'publish' build the Word, PDF and HTML editions.\n\n"
        "Run 'manualctl COMMAND --help' to see what a command does and its options."
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


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today", help="Today's date as YYYY-MM-DD (default: the real date).", show_default=False
    ),
]


def _today(value: str | None) -> date:
    from manualctl.errors import UsageError

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f'"{value}" is not a date.', hint="Write it as YYYY-MM-DD, e.g. --today 2026-11-30."
        ) from None


IdOption = Annotated[
    str | None,
    typer.Option("--id", help="The manual's id (a slug). Default: the folder's name."),
]
OrganisationOption = Annotated[
    str | None,
    typer.Option("--organisation", help="Who publishes the manual (a council or trust)."),
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
    today: TodayOption = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="List every warning (text output lists the first 10 of each rule).",
        ),
    ] = False,
) -> None:
    """Check manuals: structure, chapter files, links, images, numbers and review dates.

    Every problem is listed with its file, line and column, a rule code and a hint on
    what to do. Warnings (chapters awaiting text, reviews overdue, no owner) are shown
    but pass, unless --strict; the text output lists the first 10 of each rule and
    counts the rest (--all lists them all). Exit code 0 when there are no errors, 1 when there are
    errors (or warnings with --strict), 2 when no manual is found.
    """
    from manualctl.check.findings import render
    from manualctl.check.validate import check
    from manualctl.model.manual import find_manuals

    check_format(fmt, ("text", "json", "github"))
    day = _today(today)
    roots = find_manuals(list(paths or []))
    findings = []
    failed = False
    for root in roots:
        report = check(root, today=day)
        findings.extend(report.findings)
        failed = failed or report.failed(strict=strict)
    output = render(findings, fmt, grouped=True, warnings_shown=None if show_all else 10)
    if output:
        typer.echo(output)
    if fmt == "text":
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = len(findings) - errors
        summary = f"{len(roots)} manual(s) checked: {errors} error(s), {warnings} warning(s)."
        if failed:
            summary += (
                " Fix the errors above, then run 'manualctl validate' again."
                if errors
                else " --strict fails on warnings: deal with them, or run without --strict."
            )
        echo_err(summary)
    if failed:
        raise typer.Exit(EXIT_INVALID)


# --- contents and import (issue 2) ---------------------------------------------------------

import_app = typer.Typer(
    name="import",
    help="Create a manual from what you publish today (a contents page).",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("contents")
def import_contents(
    file: Annotated[Path, typer.Argument(help="The contents page, saved as plain text (UTF-8).")],
    to: Annotated[
        Path,
        typer.Option("--to", help="The folder to create the manual in (new or empty)."),
    ],
    manual_id: IdOption = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The manual's title. Default: the page's heading."),
    ] = None,
    organisation: OrganisationOption = None,
) -> None:
    """Create a manual from a published contents page.

    Copy the contents page of your online manual into a text file, then run, e.g.:
    manualctl import contents contents.txt --to manuals/main-policies

    You get manual.yaml (sections, sub-sections, chapters, see-also lines, notes and
    flags, in the page's order) and one chapter file per chapter under chapters/, with
    its id, title and status filled in and the text left for you to add. Chapters shown
    with a bracketed source line become entries for chapters hosted elsewhere. Lines the
    importer does not understand are listed with their line numbers: check them. The
    folder must be new or empty; nothing is overwritten.
    """
    from datetime import date

    from manualctl.importing.new_manual import read_page, resolve_identity
    from manualctl.importing.writer import check_target, create_manual, plan_import

    check_target(to)
    result = read_page(file)
    ident, name, org = resolve_identity(result, to, manual_id, title, organisation)
    files = plan_import(
        result,
        manual_id=ident,
        title=name,
        organisation=org,
        source_name=file.name,
        today=date.today(),
    )
    for remark in result.remarks:
        echo_err(f"warning: {file}:{remark.line}: {remark.text}")
    for line in result.unrecognised:
        echo_err(
            f"warning: {file}:{line.line}: not understood, left out: {line.text!r}. "
            "Add it to manual.yaml by hand if it belongs in the contents."
        )
    create_manual(to, files)
    chapters = sum(1 for rel in files if rel.startswith("chapters/"))
    typer.echo(
        f"Created the manual '{ident}' in {to}: {len(result.sections)} section(s), "
        f"{chapters} chapter file(s). Next: write the chapters' text, then run "
        f"'manualctl validate {to}'."
    )


@app.command()
def contents(
    manual: ManualOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, markdown or json.")
    ] = "text",
) -> None:
    """Show the manual's contents page: sections, sub-sections, chapters and flags.

    text looks like the published contents page; markdown has headings and links to
    the chapter files; json gives the numbered tree for other tools.
    """
    from manualctl.model.manual import find_manual
    from manualctl.publish.contents_page import FORMATS, load, render

    check_format(fmt, FORMATS)
    typer.echo(render(load(find_manual(manual)), fmt), nl=False)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="The folder to create (new or empty).")],
    manual_id: IdOption = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The manual's title. Default: from the folder's name."),
    ] = None,
    organisation: OrganisationOption = None,
) -> None:
    """Start a new manual: manual.yaml with one section and one example chapter.

    For example: manualctl init manuals/main-policies --title "Main Policies"
    --organisation "Example Children's Trust". The folder must be new or empty.
    """
    from datetime import date

    from manualctl.importing.new_manual import plan_init
    from manualctl.importing.writer import create_manual

    files, ident = plan_init(folder, manual_id, title, organisation, today=date.today())
    create_manual(folder, files)
    where = "the current folder" if folder == Path(".") else str(folder)
    typer.echo(
        f"Created the manual '{ident}' in {where}. Next: edit {folder / 'manual.yaml'}, "
        f"then run 'manualctl validate {folder}'."
    )


# --- authoring: new-chapter, move-chapter, retire-chapter, review (issue 3) ----------------

InOption = Annotated[
    str | None,
    typer.Option(
        "--in",
        help="The section or sub-section to put the chapter in, by number (e.g. 5 or 5.1); "
        "it goes at the end unless --after says where.",
        show_default=False,
    ),
]
AfterOption = Annotated[
    str | None,
    typer.Option(
        "--after",
        help="The number of the chapter it goes right after (e.g. 5.1.7). "
        "Give the sub-section's own number (--in 5.1 --after 5.1) to put it first.",
        show_default=False,
    ),
]


def _ask_section(root: Path) -> str:
    """Ask for the section in a terminal; refuse to wait for input anywhere else."""
    from manualctl.authoring.placement import containers
    from manualctl.check.load import read
    from manualctl.errors import UsageError

    manual = read(root).manual
    listed = containers(manual) if manual is not None else []
    choices = "; ".join(f"{c.number} {c.title}" for c in listed)
    if not sys.stdin.isatty():
        raise UsageError(
            "Say where the chapter goes with --in NUMBER (for example --in 1.1).",
            hint=f"Sections and sub-sections: {choices}." if choices else None,
        )
    typer.echo("Where does the chapter go?")
    for container in listed:
        indent = "  " if container.number.count(".") else ""
        typer.echo(f"  {indent}{container.number}  {container.title}")
    numbers = {c.number for c in listed}
    for _ in range(3):
        answer = str(typer.prompt("Section or sub-section number")).strip()
        if answer in numbers:
            return answer
        typer.echo(f"{answer} is not one of the numbers above.")
    raise UsageError("No section was chosen.", hint="Run the command again with --in NUMBER.")


def _print_result(result: Any, verb: str) -> None:
    typer.echo(f"{verb} {result.number} {result.title}")
    typer.echo(f"  file: {result.file}")
    for note in result.notes:
        typer.echo(f"  {note}")
    if result.shifts:
        typer.echo("Numbers that change:")
        for shift in result.shifts:
            typer.echo(f"  {shift}")
    else:
        typer.echo("No other numbers change.")


@app.command("new-chapter")
def new_chapter(
    title: Annotated[
        str | None, typer.Argument(help='The chapter\'s title, in quotes: "Short Breaks".')
    ] = None,
    manual: ManualOption = None,
    in_number: InOption = None,
    after: AfterOption = None,
    chapter_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The chapter's id (default: made from the title).", show_default=False
        ),
    ] = None,
    template: Annotated[
        str, typer.Option("--template", help="The template to start from.")
    ] = "chapter",
    owner: Annotated[
        str, typer.Option("--owner", help="Who owns the chapter (a role or team).")
    ] = "",
    list_templates: Annotated[
        bool, typer.Option("--list-templates", help="List the templates, then stop.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Add a chapter: create its file from a template and put it in the contents.

    Example: manualctl new-chapter "Short Breaks" --in 1.2 --owner "Head of Service".
    The chapter goes at the end of section or sub-section --in, or right after the
    chapter --after. manualctl prints the new chapter's number and file, and every
    number that changes because of it. Without --in, in a terminal, it asks where.
    """
    from manualctl.authoring import commands as authoring
    from manualctl.authoring import scaffold
    from manualctl.errors import UsageError
    from manualctl.model.manual import find_manual

    root = find_manual(manual)
    if list_templates:
        for found in scaffold.templates(root):
            typer.echo(f"{found.name}  ({found.origin})")
        return
    if title is None:
        raise UsageError(
            "Give the chapter's title.",
            hint='For example: manualctl new-chapter "Short Breaks" --in 1.2',
        )
    if in_number is None and after is None:
        in_number = _ask_section(root)
    result = authoring.new_chapter(
        root,
        title,
        in_number=in_number,
        after=after,
        chapter_id=chapter_id,
        template=template,
        owner=owner,
        today=_today(today),
    )
    _print_result(result, "Created")
    typer.echo(f"Next: write the chapter in {result.file}, then run 'manualctl validate'.")


@app.command("move-chapter")
def move_chapter(
    chapter_id: Annotated[str, typer.Argument(help="The chapter's id (its 'id:' line).")],
    manual: ManualOption = None,
    in_number: InOption = None,
    after: AfterOption = None,
) -> None:
    """Move a chapter to another place in the contents.

    Example: manualctl move-chapter short-breaks --in 2 --after 2.3.
    Its file moves to the new section's folder ('git mv' in a git repository), its id
    stays the same, and every number that changes is listed.
    """
    from manualctl.authoring import commands as authoring
    from manualctl.errors import UsageError
    from manualctl.model.manual import find_manual

    if in_number is None and after is None:
        raise UsageError(
            "Say where the chapter goes with --in NUMBER and/or --after NUMBER.",
            hint="For example: manualctl move-chapter short-breaks --in 2.1",
        )
    result = authoring.move_chapter(
        find_manual(manual), chapter_id, in_number=in_number, after=after
    )
    _print_result(result, "Moved to")


@app.command("retire-chapter")
def retire_chapter(
    chapter_id: Annotated[str, typer.Argument(help="The chapter's id (its 'id:' line).")],
    manual: ManualOption = None,
    today: TodayOption = None,
) -> None:
    """Take a chapter out of the manual.

    It leaves the contents and is recorded under 'retired:' in manual.yaml (id, title,
    number and date), so the next edition's Amendments can list it as removed. Its id
    can never be used again. Links to it must be removed first.
    """
    from manualctl.authoring import commands as authoring
    from manualctl.model.manual import find_manual

    result = authoring.retire_chapter(find_manual(manual), chapter_id, today=_today(today))
    _print_result(result, "Retired")


@app.command("review")
def review(
    manual: ManualOption = None,
    within: Annotated[
        int, typer.Option("--within", min=0, help="Also list reviews due within this many days.")
    ] = 30,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
    today: TodayOption = None,
) -> None:
    """List chapters whose review is overdue or falls due soon, soonest first.

    Each line shows the next review date, the chapter, its owner and when it was last
    reviewed. Exit code 1 when any review is overdue (so CI can insist on it), else 0.
    """
    from manualctl.authoring import review as review_mod
    from manualctl.check.load import read
    from manualctl.model.manual import find_manual

    check_format(fmt, ("text", "json"))
    root = find_manual(manual)
    loaded = read(root)
    if loaded.manual is None:
        raise ManualInvalid(
            f"The manual in {root} cannot be read.",
            loaded.findings,
            hint="Fix the errors above (see 'manualctl validate'), then run the command again.",
        )
    report = review_mod.review(loaded.manual, today=_today(today), within=within)
    typer.echo(review_mod.as_json(report) if fmt == "json" else review_mod.as_text(report))
    if report.overdue:
        raise typer.Exit(EXIT_INVALID)


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
    from manualctl.editions.tags import display

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
    from manualctl.editions.stamp import stamp as run_stamp

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
    from manualctl.editions.amendments import amendments as run_amendments

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
    from manualctl.editions.release import release as run_release
    from manualctl.editions.tags import display

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
    from manualctl.editions.report import history_of

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
    from manualctl.editions.compare import render_text
    from manualctl.editions.report import diff as run_diff

    result = run_diff(manual, source, target)
    typer.echo(render_text(result.changes, result.source, result.target))


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
            help="What to make: docx (Word), pdf or html (a website), comma-separated for "
            "several (docx,pdf,html).",
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
            "Default: the edition tagged on this commit, else the month of the last commit.",
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
    """Publish the Word, PDF and HTML editions of manuals: one per manual and format.

    The PDF is accessible (tagged PDF/UA-1, with bookmarks and the document language).
    The HTML edition is a folder <manual id>-<YYYY-MM>-html/ holding a small website:
    index.html (the contents page) and one page per chapter, to copy to a web server.

    Each manual is checked first; a manual with errors is not published (exit code 1,
    the errors are listed). Files are written into --out (default: editions/) as
    <manual id>-<YYYY-MM>.docx (and .pdf), or <manual id>-<YYYY-MM>-<chapter id>.docx with
    --chapter.
    A failed run leaves the files (and sites) already there as they were. Dates in the
    edition come from the last commit, so publishing the same commit twice gives the
    same file.
    """
    import json

    from manualctl.check.validate import open_manual
    from manualctl.model.manual import find_manual, find_manuals
    from manualctl.publish.build import FORMAT_NAMES, parse_formats
    from manualctl.publish.build import publish as publish_editions
    from manualctl.publish.pdf import check_pdf_standard

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
    from manualctl.check.findings import render

    if error.findings:
        echo_err(render(error.findings, "text"))


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command being run, when the first argument names one.

    typer works out the options of every registered command before it runs any (a
    quarter of the start-up time of a quick command); a command needs only its own.
    Everything else (--help, --version, a sub-group, a misspelt command) gets the
    whole app, so help and "No such command" list every command as before.
    """
    name = args[0] if args else ""
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    if len(chosen) != 1:
        return app
    single = copy.copy(app)
    single.registered_commands = chosen
    single.registered_groups = []
    return single


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the app; turn our errors into one clear line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    try:
        _app_for(args)(args=args, prog_name="manualctl", standalone_mode=True)
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
        import tempfile
        import traceback

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
