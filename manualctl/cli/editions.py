"""Commands for editions: ``stamp``, ``amendments``, ``release``, ``history``, ``diff``."""

from __future__ import annotations

import sys
from typing import Annotated

from manualctl.cli.app import (
    Argument,
    CheckOption,
    EditionOption,
    ManualOption,
    Option,
    command,
    echo,
    echo_err,
    say_cleared,
)
from manualctl.cli.manual import inherited_chapters
from manualctl.errors import EXIT_INVALID


def _previous_line(edition: str | None, previous: str | None) -> str:
    from manualctl.editions.tags import display

    if edition is None:
        if previous is None:
            return (
                "No edition has been released and none is in preparation, so no chapter "
                "is flagged. Start the first edition with 'manualctl stamp --edition YYYY-MM'."
            )
        return (
            f"No edition is in preparation: the flags describe the last release, "
            f"{previous}. Start the next edition with 'manualctl stamp --edition YYYY-MM'."
        )
    if previous is None:
        return (
            f"{display(edition)} is the first edition: no earlier edition tag was found, "
            "so no chapter is flagged. (If there was an earlier edition, fetch its tags "
            "with 'git fetch --tags'.)"
        )
    return f"{display(edition)}: compared with the previous edition, {previous}."


@command()
def stamp(
    manual: ManualOption = None, edition: EditionOption = None, check: CheckOption = False
) -> None:
    """Flag chapters New or Updated for the edition in preparation, from the git history.

    New: the chapter was not in the previous edition. Updated: its title or text changed
    since the previous edition (changes to review dates, owner or other front matter do
    not count, nor commits marked 'Manual-Change: editorial'). The flags are written into
    manual.yaml; nothing else in the file changes. --edition YYYY-MM starts that edition
    (manual.yaml 'edition: preparing:'); until then, between editions, the flags describe
    the last release. With --check nothing is written and the exit code is 1 when the
    flags in manual.yaml are out of date.
    """
    from manualctl.editions.stamp import stamp as run_stamp

    result = run_stamp(manual, edition=edition, check=check, resolver=inherited_chapters)
    say_cleared(result.cleared)
    echo(_previous_line(result.edition, result.previous))
    for change in result.changes:
        echo(f"  {change.describe()}")
    if not result.changes:
        echo(f"The flags in manual.yaml are up to date ({result.flagged} flagged).")
    elif check:
        echo_err(
            f"{len(result.changes)} flag(s) in manual.yaml are out of date. "
            "Run 'manualctl stamp' to write them, then commit manual.yaml."
        )
        sys.exit(EXIT_INVALID)
    else:
        echo(
            f"Wrote {len(result.changes)} flag change(s) to manual.yaml "
            f"({result.flagged} chapter(s) flagged). Review with 'git diff', then commit."
        )
    if result.started and result.edition:
        from manualctl.editions.tags import display

        echo(
            f"Started the {display(result.edition)} edition: manual.yaml records it as in "
            f'preparation (edition: preparing: "{result.edition}") until it is released.'
        )


@command()
def amendments(
    manual: ManualOption = None,
    edition: EditionOption = None,
    check: CheckOption = False,
    fill: Annotated[
        bool,
        Option(
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

    result = run_amendments(
        manual, edition=edition, check=check, fill=fill, resolver=inherited_chapters
    )
    say_cleared(result.cleared)
    echo(_previous_line(result.edition, result.previous))
    for filled in result.filled:
        echo(
            f"Filled the summary of {filled.chapter.label} ({filled.chapter.file}) from its "
            f"commits: {filled.text}"
        )
    if result.filled:
        echo("Read the filled summaries in the chapters' front matter before the release.")
    for missing in result.missing:
        assert result.edition is not None  # only an edition in preparation misses summaries
        echo_err(missing.describe(result.edition))
    if check:
        if result.stale:
            echo_err(
                f"The Amendments appendix ({result.appendix}) is out of date: "
                "run 'manualctl amendments' and commit it."
            )
        if result.stale or result.missing:
            sys.exit(EXIT_INVALID)
        echo("The Amendments appendix is up to date and every flagged chapter has a summary.")
        return
    if result.written:
        echo(f"Wrote {result.appendix}. Review with 'git diff', then commit.")
    else:
        echo(f"{result.appendix} is up to date.")
    if result.missing:
        echo_err(
            f"{len(result.missing)} chapter(s) need a summary before the release: "
            "write them, then run 'manualctl amendments' again."
        )


@command()
def release(
    edition: Annotated[str, Argument(help="The edition to make, as YYYY-MM (e.g. 2026-11).")],
    manual: ManualOption = None,
) -> None:
    """Make an edition: check, regenerate the Amendments appendix, validate, commit, tag.

    One transaction: refuses, changing nothing, when the manual's folder has uncommitted
    changes, the manual has errors (also with the regenerated appendix), the flags are
    out of date ('manualctl stamp'), a New or Updated chapter has no amendment summary,
    a chapter holds template text, the edition's tag exists, HEAD is detached or the
    branch is behind its remote; a failing commit hook or tag puts everything back. A
    release that was killed part-way is rolled back by the next one. Push the tag
    afterwards: git push --follow-tags.
    """
    from manualctl.editions.release import release as run_release
    from manualctl.editions.tags import display

    result = run_release(manual, edition, resolver=inherited_chapters)
    say_cleared(result.cleared)
    if result.recovered:
        echo(result.recovered)
    if result.committed:
        echo("Committed the regenerated Amendments appendix.")
    echo(
        f"Released {display(result.edition)}: tag {result.tag} on commit {result.commit[:12]} "
        f"({result.new} new, {result.updated} updated, {result.removed} removed, "
        f"{result.moved} retitled or moved)."
    )
    echo("Publish it by pushing the tag: git push --follow-tags")


@command()
def history(
    chapter_id: Annotated[str, Argument(metavar="ID", help="The chapter's id.")],
    manual: ManualOption = None,
    edition: EditionOption = None,
) -> None:
    """List the editions in which a chapter was new, updated, retitled, moved or removed.

    Each with the summary written for that edition: read it before editing a chapter.
    """
    from manualctl.editions.report import history_of

    title, events = history_of(manual, chapter_id, edition=edition, resolver=inherited_chapters)
    echo(f"{title} [{chapter_id}]")
    if not events:
        echo("  No edition has changed this chapter.")
    for event in events:
        echo(f"  {event.describe()}")


@command()
def diff(
    source: Annotated[
        str | None,
        Argument(metavar="[FROM]", help="An edition (YYYY-MM). Default: the latest."),
    ] = None,
    target: Annotated[
        str | None,
        Argument(metavar="[TO]", help="An edition (YYYY-MM). Default: the working tree."),
    ] = None,
    manual: ManualOption = None,
) -> None:
    """Show what changed between two editions, or since an edition: chapters added,
    removed, updated, retitled or moved."""
    from manualctl.editions.compare import render_text
    from manualctl.editions.report import diff as run_diff

    result = run_diff(manual, source, target, resolver=inherited_chapters)
    echo(render_text(result.changes, result.source, result.target))
