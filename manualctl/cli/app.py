"""The typer app and what every command group shares: options, dates, formats, stderr.

The command modules register their commands on :data:`app`; this module holds no logic
beyond parsing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from manualctl import __version__

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


def parse_today(value: str | None) -> date:
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


EditionOption = Annotated[
    str | None,
    typer.Option(
        "--edition",
        "-e",
        help="The edition being prepared, as YYYY-MM (for example 2026-11). "
        "Default: the edition started with 'stamp --edition', else none (between "
        "editions the flags describe the last release).",
        show_default=False,
    ),
]
CheckOption = Annotated[
    bool,
    typer.Option("--check", help="Change nothing; exit 1 when something is out of date (for CI)."),
]
