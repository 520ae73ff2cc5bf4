"""Commands that bring text in: ``import contents`` and ``init`` (a new manual), and
``import docx`` (a Word document's text as chapters)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from manualctl.importing.page_tree import ImportResult
    from manualctl.upstream.matching import Close


@command("contents", group="import")
def import_contents(
    file: Annotated[Path, Argument(help="The contents page, saved as plain text (UTF-8).")],
    to: Annotated[
        Path,
        Option("--to", help="The folder to create the manual in (new or empty)."),
    ],
    manual_id: IdOption = None,
    title: Annotated[
        str | None,
        Option("--title", help="The manual's title. Default: the page's heading."),
    ] = None,
    organisation: OrganisationOption = None,
    edition: Annotated[
        str | None,
        Option(
            "--edition",
            help="The edition the page shows (YYYY-MM), published before manualctl: its "
            "New and Updated flags then stand as that edition's until your first release.",
        ),
    ] = None,
    upstream: Annotated[
        Path | None,
        Option(
            "--upstream",
            help="A template manual's folder: chapters titled as the template's become "
            "'- inherit: ID' entries (no local copy).",
            show_default=False,
        ),
    ] = None,
    upstream_edition: Annotated[
        str | None,
        Option(
            "--upstream-edition",
            help="The template edition to follow, as YYYY-MM. Default: its newest.",
            show_default=False,
        ),
    ] = None,
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

    With --upstream (a template manual released from git, e.g. manuals/trix-template)
    the new manual follows the template's edition (--upstream-edition, default the
    newest): every chapter whose title is exactly a template chapter's is inherited
    from it instead of getting a file, and titles only close to a template chapter's are
    listed for you to confirm.
    """
    from datetime import date

    from manualctl.editions.tags import parse_edition
    from manualctl.importing.new_manual import read_page, resolve_identity
    from manualctl.importing.writer import check_target, create_manual, plan_import

    imported = parse_edition(edition, what="--edition") if edition is not None else None
    check_target(to)
    result = read_page(file)
    ident, name, org = resolve_identity(result, to, manual_id, title, organisation)
    inherited: dict[int, str] = {}
    followed: tuple[str, str] | None = None
    close: list[Close] = []
    if upstream is not None:
        inherited, followed, close = _match_template(result, to, upstream, upstream_edition)
    files = plan_import(
        result,
        manual_id=ident,
        title=name,
        organisation=org,
        source_name=file.name,
        today=date.today(),
        edition=imported,
        inherited=inherited,
        upstream=followed,
    )
    for remark in result.remarks:
        echo_err(f"warning: {file}:{remark.line}: {remark.text}")
    for line in result.unrecognised:
        echo_err(
            f"warning: {file}:{line.line}: not understood, left out: {line.text!r}. "
            "Add it to manual.yaml by hand if it belongs in the contents."
        )
    flagged = sum(1 for chapter in result.chapters() if chapter.flag)
    if flagged and imported is None:
        echo_err(
            f"warning: {file}: the page flags {flagged} chapter(s) New or Updated. Give "
            "--edition YYYY-MM (the edition the page shows) so the flags stand as that "
            "edition's; without it, 'manualctl stamp --check' fails on them until you "
            'add  edition: imported: "YYYY-MM"  to manual.yaml.'
        )
    for near in close:
        if near.status:
            echo_err(
                f'warning: {file}:{near.line}: "{near.title}" is the template\'s chapter '
                f'{near.template_id}, but the page marks it "{near.status}", so it was kept '
                "as a chapter of its own with that status. To inherit it, replace its "
                f"entry with '- inherit: {near.template_id}' and delete its file."
            )
            continue
        echo_err(
            f'warning: {file}:{near.line}: "{near.title}" is close to the template\'s '
            f'"{near.template_title}" ({near.template_id}), so it was kept as a chapter of '
            "its own. If it is the template's chapter, replace its entry with "
            f"'- inherit: {near.template_id}' and delete its file."
        )
    create_manual(to, files)
    chapters = sum(1 for rel in files if rel.startswith("chapters/"))
    taken = ""
    if followed is not None:
        taken = (
            f", {len(inherited)} chapter(s) inherited from the template {upstream} at {followed[1]}"
        )
    echo(
        f"Created the manual '{ident}' in {to}: {len(result.sections)} section(s), "
        f"{chapters} chapter file(s){taken}. Next: write the chapters' text, then run "
        f"'manualctl validate {to}'."
    )


def _match_template(
    result: ImportResult, to: Path, folder: Path, edition: str | None
) -> tuple[dict[int, str], tuple[str, str], list[Close]]:
    """The page's chapters that are the template's, the template's folder (relative to
    the new manual) and edition, and the close titles to confirm."""
    import os

    from manualctl.editions.tags import parse_edition
    from manualctl.upstream.matching import match
    from manualctl.upstream.resolve import read_edition
    from manualctl.upstream.source import UpstreamError, template

    target = to.resolve()
    relative = os.path.relpath(folder.resolve(), target).replace(os.sep, "/")
    found = template(target, relative)
    if edition is None and not found.editions:
        raise UpstreamError(
            "upstream-edition-missing",
            f"The template {folder} has no released edition yet: nothing was written.",
            hint=f"Release it first ('manualctl release YYYY-MM -m {folder}'), or fetch "
            "its tags ('git fetch --tags').",
        )
    chosen = parse_edition(edition, what="--upstream-edition") if edition else found.editions[-1]
    found = found.at(chosen)
    matches = match(result, read_edition(found).chapters)
    return matches.inherit, (relative, chosen), matches.close


@command()
def init(
    folder: Annotated[Path, Argument(help="The folder to create (new or empty).")],
    manual_id: IdOption = None,
    title: Annotated[
        str | None,
        Option("--title", help="The manual's title. Default: from the folder's name."),
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
    echo(
        f"Created the manual '{ident}' in {where}. Next: edit {folder / 'manual.yaml'}, "
        f"then run 'manualctl validate {folder}'."
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
    from manualctl.authoring import imports
    from manualctl.errors import UsageError
    from manualctl.importing.docx import read_docx
    from manualctl.model.discovery import find_manual
    from manualctl.publish.pandoc import pandoc_binary

    if sum(x is not None for x in (chapter, in_number, to)) != 1:
        raise UsageError(
            "Say where the text goes: --chapter ID (one chapter), --in NUMBER (new "
            "chapters) or --to DIR (a new manual), one of them.",
            hint="For example: manualctl import docx booklet.docx --in 5.1",
        )
    when = parse_today(today)
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
        )
        return
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
    if where.chapter is not None:
        filed = imports.fill_chapter(root, texts[0], read.media, today=when, dry_run=dry_run)
    else:
        assert in_number is not None
        filed = imports.add_chapters(
            root, texts, read.media, in_number=in_number, today=when, dry_run=dry_run
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
    if dry_run:
        echo("Nothing was changed (--dry-run).")
    else:
        echo(f"Next: read the chapters, then run 'manualctl validate {to}'.")
