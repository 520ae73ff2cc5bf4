"""Commands that bring text in: ``import contents`` and ``init`` (a new manual), and
``import docx`` (a Word document's text as chapters)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from manualctl.cli.app import (
    Argument,
    IdOption,
    Option,
    OrganisationOption,
    command,
    echo,
    echo_err,
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

    from manualctl.importing.new_manual import plan_init
    from manualctl.importing.writer import create_manual

    files, ident = plan_init(folder, manual_id, title, organisation, today=date.today())
    create_manual(folder, files)
    where = "the current folder" if folder == Path(".") else str(folder)
    echo(
        f"Created the manual '{ident}' in {where}. Next: edit {folder / 'manual.yaml'}, "
        f"then run 'manualctl validate {folder}'."
    )
