"""Commands that change the contents: ``new-chapter``, ``move-chapter``,
``retire-chapter``, and ``review`` (which chapters are due for review)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

from manualctl.cli.app import (
    Argument,
    ManualOption,
    Option,
    TodayOption,
    check_format,
    command,
    echo,
    parse_today,
    say_cleared,
)
from manualctl.cli.manual import inherited_chapters
from manualctl.errors import EXIT_INVALID
from manualctl.model.manual import INHERITED_PREFIX

InOption = Annotated[
    str | None,
    Option(
        "--in",
        help="The section or sub-section to put the chapter in, by number (e.g. 5 or 5.1); "
        "it goes at the end unless --after says where.",
        show_default=False,
    ),
]
AfterOption = Annotated[
    str | None,
    Option(
        "--after",
        help="The number of the chapter it goes right after (e.g. 5.1.7). "
        "Give the sub-section's own number (--in 5.1 --after 5.1) to put it first.",
        show_default=False,
    ),
]


def _ask_section(root: Path) -> str:
    """Ask for the section in a terminal; refuse to wait for input anywhere else."""
    from manualctl.authoring.placement import containers_at
    from manualctl.errors import UsageError

    listed = containers_at(root)
    choices = "; ".join(f"{c.number} {c.title}" for c in listed)
    if not sys.stdin.isatty():
        raise UsageError(
            "Say where the chapter goes with --in NUMBER (for example --in 1.1).",
            hint=f"Sections and sub-sections: {choices}." if choices else None,
        )
    echo("Where does the chapter go?")
    for container in listed:
        indent = "  " if container.number.count(".") else ""
        echo(f"  {indent}{container.number}  {container.title}")
    numbers = {c.number for c in listed}
    import typer  # only for a person at a terminal

    for _ in range(3):
        answer = str(typer.prompt("Section or sub-section number")).strip()
        if answer in numbers:
            return answer
        echo(f"{answer} is not one of the numbers above.")
    raise UsageError("No section was chosen.", hint="Run the command again with --in NUMBER.")


def _print_result(result: Any, verb: str) -> None:
    say_cleared(result.cleared)
    echo(f"{verb} {result.number} {result.title}")
    if result.file.startswith(INHERITED_PREFIX):
        echo("  inherited from the template: no file of this manual's")
    else:
        echo(f"  file: {result.file}")
    for note in result.notes:
        echo(f"  {note}")
    if result.shifts:
        echo("Numbers that change:")
        for shift in result.shifts:
            echo(f"  {shift}")
    else:
        echo("No other numbers change.")


@command("new-chapter")
def new_chapter(
    title: Annotated[
        str | None, Argument(help='The chapter\'s title, in quotes: "Short Breaks".')
    ] = None,
    manual: ManualOption = None,
    in_number: InOption = None,
    after: AfterOption = None,
    chapter_id: Annotated[
        str | None,
        Option("--id", help="The chapter's id (default: made from the title).", show_default=False),
    ] = None,
    template: Annotated[str, Option("--template", help="The template to start from.")] = "chapter",
    owner: Annotated[str, Option("--owner", help="Who owns the chapter (a role or team).")] = "",
    list_templates: Annotated[
        bool, Option("--list-templates", help="List the templates, then stop.")
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
    from manualctl.model.discovery import find_manual

    root = find_manual(manual)
    if list_templates:
        for found in scaffold.templates(root):
            echo(f"{found.name}  ({found.origin})")
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
        today=parse_today(today),
        resolver=inherited_chapters,
    )
    _print_result(result, "Created")
    echo(f"Next: write the chapter in {result.file}, then run 'manualctl validate'.")


@command("move-chapter")
def move_chapter(
    chapter_id: Annotated[str, Argument(help="The chapter's id (its 'id:' line).")],
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
    from manualctl.model.discovery import find_manual

    if in_number is None and after is None:
        raise UsageError(
            "Say where the chapter goes with --in NUMBER and/or --after NUMBER.",
            hint="For example: manualctl move-chapter short-breaks --in 2.1",
        )
    result = authoring.move_chapter(
        find_manual(manual),
        chapter_id,
        in_number=in_number,
        after=after,
        resolver=inherited_chapters,
    )
    _print_result(result, "Moved to")


@command("retire-chapter")
def retire_chapter(
    chapter_id: Annotated[str, Argument(help="The chapter's id (its 'id:' line).")],
    manual: ManualOption = None,
    reason: Annotated[
        str | None,
        Option(
            "--reason",
            help="Why it goes, for the Removed Chapters table of the next edition's "
            'Amendments (e.g. "Replaced by the regional procedure."). Asked for in a '
            "terminal when not given.",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Take a chapter out of the manual.

    It leaves the contents and is recorded under 'retired:' in manual.yaml (id, title,
    number, date and reason), so the next edition's Amendments can list it as removed,
    with the reason. Its id can never be used again. Links to it must be removed first
    (the generated Amendments appendix is no reason to refuse: it names the chapter in
    plain text once it is gone).
    """
    from manualctl.authoring import commands as authoring
    from manualctl.model.discovery import find_manual

    if reason is None and sys.stdin.isatty():
        import typer  # only for a person at a terminal

        reason = str(
            typer.prompt(
                "Why is it retired? (shown in the Amendments; Enter for none)",
                default="",
                show_default=False,
            )
        )
    result = authoring.retire_chapter(
        find_manual(manual),
        chapter_id,
        today=parse_today(today),
        reason=reason or "",
        resolver=inherited_chapters,
    )
    _print_result(result, "Retired")


@command("review")
def review(
    manual: ManualOption = None,
    within: Annotated[
        int, Option("--within", min=0, help="Also list reviews due within this many days.")
    ] = 30,
    fmt: Annotated[str, Option("--format", "-f", help="Output format: text or json.")] = "text",
    today: TodayOption = None,
) -> None:
    """List chapters whose review is overdue or falls due soon, soonest first.

    Each line shows the next review date, the chapter, its owner and when it was last
    reviewed. Exit code 1 when any review is overdue (so CI can insist on it), else 0;
    an overdue chapter inherited from a template is listed but is the template's to
    review, so it alone does not fail.
    """
    from manualctl.authoring import review as review_mod
    from manualctl.model.discovery import find_manual

    check_format(fmt, ("text", "json"))
    report = review_mod.review_folder(
        find_manual(manual), today=parse_today(today), within=within, resolver=inherited_chapters
    )
    echo(review_mod.as_json(report) if fmt == "json" else review_mod.as_text(report))
    if report.overdue_here:
        sys.exit(EXIT_INVALID)
