"""``manualctl links``: do the manuals' links still work?"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from manualctl.cli.app import Argument, FormatOption, Option, check_format, command, echo, echo_err
from manualctl.errors import EXIT_INVALID

TYPE_CHECKING = False
if TYPE_CHECKING:
    from manualctl.check.web.run import LinkReport


@command()
def links(
    paths: Annotated[
        list[Path] | None,
        Argument(help="Manual folders, or folders to search for manuals. Default: here."),
    ] = None,
    offline: Annotated[
        bool,
        Option(
            "--offline",
            help="Check only links inside the manuals (chapter: links, files, #anchors) "
            "and send no request: for pull requests.",
        ),
    ] = False,
    max_age: Annotated[
        str,
        Option(
            "--max-age",
            help="Ask again only addresses not answered for this long: 30m, 12h, 1d, 2w "
            "(0: ask every one).",
        ),
    ] = "1d",
    cache: Annotated[
        Path | None,
        Option(
            "--cache",
            help="The file keeping each address's last answer and since when it fails. "
            "Default: .manualctl/links.json at the top of the repository.",
            show_default=False,
        ),
    ] = None,
    accept: Annotated[
        str,
        Option(
            "--accept",
            help="Status codes that count as working besides 2xx, separated by commas "
            "(403 for sites that turn link checkers away).",
            show_default=False,
        ),
    ] = "",
    fmt: FormatOption = "text",
    strict: Annotated[
        bool, Option("--strict", help="Fail on warnings too (moved or rate-limited addresses).")
    ] = False,
    timeout: Annotated[int, Option("--timeout", min=1, help="Seconds one request may take.")] = 20,
    retries: Annotated[
        int, Option("--retries", min=0, help="Tries after the first, each after a longer wait.")
    ] = 2,
    host_concurrency: Annotated[
        int, Option("--host-concurrency", min=1, help="Requests at once to one site.")
    ] = 4,
    host_interval: Annotated[
        int,
        Option(
            "--host-interval", min=0, help="Milliseconds at least between requests to one site."
        ),
    ] = 200,
) -> None:
    """Check that the manuals' links still work: web addresses, chapter links, anchors.

    Every web address (links in chapters, external chapters, see-also items) is asked
    once however many manuals use it, unless it was answered within --max-age; a
    broken one is listed at its first use with its answer, every place that uses it and
    since when it fails. Links inside the manuals are checked as validate checks them.
    Exit code 0 when every link works, 1 when one is broken or cannot be reached (or,
    with --strict, has moved), 2 when no manual is found or lychee cannot run.
    """
    from datetime import UTC, datetime

    from manualctl.check.findings import has_errors, render
    from manualctl.check.web.lychee import Settings, parse_codes
    from manualctl.check.web.run import check_links
    from manualctl.check.web.state import parse_age
    from manualctl.cli.manual import inherited_chapters
    from manualctl.model.discovery import find_manuals

    check_format(fmt, ("text", "json", "github"))
    age = parse_age(max_age)
    codes = parse_codes(accept)
    roots = find_manuals(list(paths or []))
    checked = check_links(
        roots,
        now=datetime.now(UTC),
        offline=offline,
        max_age=age,
        cache=cache,
        settings=Settings(timeout, retries, host_concurrency, host_interval, codes),
        resolver=inherited_chapters,
    )
    findings = checked.findings
    output = render(findings, fmt, grouped=True, warnings_shown=None)
    if output:
        echo(output)
    failed = has_errors(findings, strict=strict)
    if fmt == "text":
        echo_err(_closing(checked, offline, failed))
    if failed:
        sys.exit(EXIT_INVALID)


def _closing(checked: LinkReport, offline: bool, failed: bool) -> str:
    """The last line of the text output (on stderr): what was asked, what was found."""
    from manualctl.check.findings import display

    errors = sum(1 for f in checked.findings if f.severity.value == "error")
    counts = f"{errors} error(s), {len(checked.findings) - errors} warning(s)."
    if offline:
        line = (
            f"{checked.manuals} manual(s): links inside them checked, "
            f"{checked.addresses} web address(es) not (--offline); {counts}"
        )
    else:
        line = (
            f"{checked.manuals} manual(s), {checked.addresses} web address(es): "
            f"{checked.asked} asked, {checked.cached} answered from the cache"
        )
        if checked.cache is not None:
            line += f" ({display(checked.cache)})"
        if checked.skipped:
            line += f", {checked.skipped} not checked (example and reserved domains)"
        line += f"; {counts}"
    if failed:
        line += " Fix what is listed above, then run 'manualctl links' again."
    return line
