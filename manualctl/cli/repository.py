"""Commands about a repository of many manuals, for CI: ``affected``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from manualctl.cli.app import Argument, Option, command, echo, echo_err


@command()
def affected(
    paths: Annotated[
        list[Path] | None,
        Argument(help="Folders to search for manuals. Default: the current folder."),
    ] = None,
    base: Annotated[
        str,
        Option(
            "--base",
            help="The commit to compare with: a branch, tag or commit id (on a pull "
            "request, its base branch: the comparison starts where the branch left it).",
            show_default=False,
        ),
    ] = "",
    as_json: Annotated[
        bool,
        Option(
            "--json",
            help='Print a GitHub Actions matrix on one line: {"include": [{"name", '
            '"paths"}, ...]}, one job per manual (shards of several beyond --jobs).',
        ),
    ] = False,
    jobs: Annotated[
        int,
        Option("--jobs", min=1, help="At most this many jobs in the --json matrix."),
    ] = 256,
) -> None:
    """List the manuals whose editions a change touches since --base, for CI to build.

    A manual is affected when a file in its folder changed, or in the folder of the
    template manual it follows, or manualctl's own templates (when they are in the same
    repository). Files git does not track are not seen. Exit code 0 (also when none is
    affected), 2 when --base names no commit this clone has.
    """
    from manualctl.editions.affected import affected as find_affected
    from manualctl.editions.affected import matrix
    from manualctl.errors import UsageError

    if not base:
        raise UsageError(
            "Give the commit to compare with: --base REF.",
            hint="For example --base origin/main on a pull request, or --base HEAD~1.",
        )
    report = find_affected(list(paths or []), base)
    if as_json:
        import json

        echo(json.dumps(matrix(report, Path.cwd(), jobs), ensure_ascii=False))
        return
    cwd = Path.cwd().resolve()
    for item in report.manuals:
        try:
            shown = item.root.relative_to(cwd).as_posix() or "."
        except ValueError:
            shown = str(item.root)
        echo(f"{shown} ({item.id}): {'; '.join(item.reasons)}")
    echo_err(f"{len(report.manuals)} of {report.checked} manual(s) affected since {report.base}.")
