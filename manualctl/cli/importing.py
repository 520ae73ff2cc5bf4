"""Commands that create a manual: ``import contents`` and ``init``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from manualctl.cli.app import (
    Argument,
    IdOption,
    Option,
    OrganisationOption,
    command,
    echo,
    echo_err,
)


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
    echo(
        f"Created the manual '{ident}' in {to}: {len(result.sections)} section(s), "
        f"{chapters} chapter file(s). Next: write the chapters' text, then run "
        f"'manualctl validate {to}'."
    )


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
