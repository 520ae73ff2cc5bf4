"""``import docx``: a council's Word document into a chapter, new chapters or a new manual."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from manualctl.cli.app import (
    Argument,
    IdOption,
    ManualOption,
    Option,
    OrganisationOption,
    TodayOption,
    command,
    echo,
    echo_err,
    parse_today,
)


@command("docx", group="import")
def import_docx(
    file: Annotated[Path, Argument(help="The Word document (.docx).")],
    manual: ManualOption = None,
    chapter: Annotated[
        str | None,
        Option(
            "--chapter",
            help="Put the whole document into this chapter (by id), which must be "
            "awaiting its text.",
            show_default=False,
        ),
    ] = None,
    in_number: Annotated[
        str | None,
        Option(
            "--in",
            help="Make new chapters at the end of this section or sub-section (e.g. 5.1), "
            "one per heading at --split-level.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        Path | None,
        Option(
            "--to",
            help="Make a new manual in this folder (new or empty) from the whole document: "
            "its Heading 1s are the sections.",
            show_default=False,
        ),
    ] = None,
    split_level: Annotated[
        int | None,
        Option(
            "--split-level",
            help="The heading level that starts a chapter (1 = Heading 1). "
            "Default: 1, or 2 with --to.",
            min=1,
            show_default=False,
        ),
    ] = None,
    manual_id: IdOption = None,
    title: Annotated[
        str | None,
        Option("--title", help="With --to: the manual's title. Default: the document's title."),
    ] = None,
    organisation: OrganisationOption = None,
    accept_changes: Annotated[
        bool,
        Option("--accept-changes", help="Take tracked changes left in the document as accepted."),
    ] = False,
    owner: Annotated[
        str,
        Option("--owner", help="Who owns the imported chapters (a role or team)."),
    ] = "",
    reviewed: Annotated[
        str | None,
        Option(
            "--reviewed",
            help="When the document's text was last reviewed (YYYY-MM-DD): the chapters' "
            "review dates count from it. Default: today, as for a new chapter.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, Option("--dry-run", help="Show what would be created, and change nothing.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Bring a Word document's text into the manual.

    Example: manualctl import docx kinship-care.docx --chapter kinship-care (fill a
    chapter that 'import contents' made), or manualctl import docx booklet.docx --in 5.1
    (one new chapter per Heading 1, at the end of 5.1). Everything left out or changed
    (a cover, a contents table, a typed number, a comment) is listed with its paragraph
    number. Files that are not Word documents, encrypted, too large, with macros or with
    tracked changes left in are refused, and nothing is written.
    """
    from manualctl.errors import UsageError

    if sum(x is not None for x in (chapter, in_number, to)) != 1:
        raise UsageError(
            "Say where the text goes: --chapter ID (one chapter), --in NUMBER (new "
            "chapters) or --to DIR (a new manual), one of them.",
            hint="For example: manualctl import docx booklet.docx --in 5.1",
        )
    when = parse_today(today)
    last = _reviewed(reviewed, when)
    owner = " ".join(owner.split())
    if to is not None:
        _new_manual(
            file,
            to,
            split_level or 2,
            manual_id,
            title,
            organisation,
            accept_changes,
            dry_run,
            when,
            owner,
            last,
        )
        return
    from manualctl.authoring import imports  # with the checks: not needed for --to
    from manualctl.importing.docx import read_docx
    from manualctl.model.discovery import find_manual
    from manualctl.publish.pandoc import pandoc_binary

    root = find_manual(manual)
    where = imports.target(root, in_number=in_number, chapter_id=chapter)
    read = read_docx(
        file,
        pandoc=pandoc_binary(),
        media_link=where.media_link,
        taken=set(where.taken),
        split_level=split_level or 1,
        single=where.chapter,
        accept_changes=accept_changes,
    )
    for remark in read.remarks:
        echo_err(f"note: {file.name}: {remark}")
    texts = [imports.NewText(c.chapter_id, c.title, c.body, c.amendments) for c in read.chapters]
    keeping = imports.Keeping(owner, last, reviewed is not None)
    if where.chapter is not None:
        filed = imports.fill_chapter(
            root, texts[0], read.media, keeping=keeping, today=when, dry_run=dry_run
        )
    else:
        assert in_number is not None
        filed = imports.add_chapters(
            root,
            texts,
            read.media,
            in_number=in_number,
            keeping=keeping,
            today=when,
            dry_run=dry_run,
        )
    verb = "Would write" if dry_run else "Wrote"
    for number, title, rel in filed.chapters:
        echo(f"{verb} {number} {title}  ({rel})")
    for rel in filed.pictures:
        echo(f"{verb} {rel}")
    for note in filed.notes:
        echo(f"  {note}")
    if filed.shifts:
        echo("Numbers that change:")
        for shift in filed.shifts:
            echo(f"  {shift}")
    if dry_run:
        echo("Nothing was changed (--dry-run).")
    else:
        echo(f"Next: read the chapters, then run 'manualctl validate {root}'.")


def _new_manual(
    file: Path,
    to: Path,
    split_level: int,
    manual_id: str | None,
    title: str | None,
    organisation: str | None,
    accept_changes: bool,
    dry_run: bool,
    today: date,
    owner: str,
    reviewed: date,
) -> None:
    from manualctl.errors import UsageError
    from manualctl.importing.docx import read_docx
    from manualctl.importing.docx.new_manual import MEDIA_LINK, identity, plan_manual
    from manualctl.importing.writer import check_target, create_manual
    from manualctl.publish.pandoc import pandoc_binary

    if split_level < 2:
        raise UsageError(
            "With --to the Heading 1s are the sections, so chapters start at level 2 or below.",
            hint="Give --split-level 2 (or leave it out).",
        )
    check_target(to)
    read = read_docx(
        file,
        pandoc=pandoc_binary(),
        media_link=MEDIA_LINK,
        taken=set(),
        split_level=split_level,
        sections=True,
        accept_changes=accept_changes,
    )
    if not read.sections:
        raise UsageError(
            f"{file.name} has no Heading 1, so there are no sections: nothing was written.",
            hint="Give the sections Word's Heading 1 style, or import the document into an "
            "existing manual with --in NUMBER.",
        )
    ident, name = identity(read, to, manual_id, title)
    files = plan_manual(
        read,
        manual_id=ident,
        title=name,
        organisation=organisation,
        source_name=file.name,
        today=today,
        owner=owner,
        reviewed=reviewed,
    )
    for remark in read.remarks:
        echo_err(f"note: {file.name}: {remark}")
    verb = "Would create" if dry_run else "Created"
    chapters = sum(1 for rel in files if rel.startswith("chapters/"))
    if not dry_run:
        create_manual(to, files)
    echo(
        f"{verb} the manual '{ident}' in {to}: {len(read.sections)} section(s), "
        f"{chapters} chapter file(s), {len(read.media)} picture(s)."
    )
    if not owner:
        echo(
            "  The chapters have no owner: validate warns (owner-missing) until each has "
            "a line 'owner: ...' (a role or team), or import with --owner."
        )
    if dry_run:
        echo("Nothing was changed (--dry-run).")
    else:
        echo(f"Next: read the chapters, then run 'manualctl validate {to}'.")


def _reviewed(value: str | None, today: date) -> date:
    """The --reviewed date (default: today)."""
    from manualctl.errors import UsageError

    if value is None:
        return today
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f'--reviewed "{value}" is not a date.',
            hint="Write it as YYYY-MM-DD, e.g. --reviewed 2026-03-31.",
        ) from None
