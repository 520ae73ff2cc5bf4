"""What every command group shares: how commands are declared, options, dates, output.

A command is a function registered with :func:`command`, its parameters declared as
``Annotated[type, Option(...)]`` or ``Argument(...)``, with typer's arguments. typer is
not imported to run a command: :mod:`manualctl.cli.fast` reads the declarations and
calls the function when the command line is plain, and :mod:`manualctl.cli.typer_app`
builds the typer app from the same declarations for help, usage errors and anything
unusual. So a command prints with :func:`echo` and exits with ``sys.exit``, never
through typer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from datetime import date

    from manualctl.fsutil import Leftover

HELP = (
    "Write and publish a procedures manual kept in git.\n\n"
    "\b\n"
    "Authors: 'new-chapter' adds a chapter, 'validate' checks your work.\n"
    "Release leads: 'stamp', 'amendments' and 'release' make an edition.\n"
    "CI: 'validate' and 'publish' build the Word, PDF and HTML editions; 'affected'\n"
    "says which manuals a change touches.\n\n"
    "Run 'manualctl COMMAND --help' to see what a command does and its options."
)
#: Sub-groups of commands (``manualctl import contents``) and their help.
GROUPS = {
    "import": "Create a manual from what you publish today (a contents page).",
    "upstream": "Manuals built on a template: what the template changed, and moving on.",
}


class Option:
    """``typer.Option(*decls, **settings)``, kept until a typer app is built."""

    def __init__(self, *decls: str, **settings: Any) -> None:
        self.decls = decls
        self.settings = settings


class Argument:
    """``typer.Argument(**settings)``, kept until a typer app is built."""

    def __init__(self, **settings: Any) -> None:
        self.settings = settings


class Command:
    """A registered command: its name, its function and its group. (A plain class: making
    a NamedTuple compiles its ``__new__``, which every command's start-up pays for.)"""

    __slots__ = ("func", "group", "name")

    def __init__(
        self,
        name: str,
        func: Callable[..., None],
        group: str | None = None,  # a key of GROUPS, or None for a top-level command
    ) -> None:
        self.name = name
        self.func = func
        self.group = group

    @property
    def words(self) -> tuple[str, ...]:
        """What is typed to run it: ``("validate",)``, ``("import", "contents")``."""
        return (self.name,) if self.group is None else (self.group, self.name)


COMMANDS: list[Command] = []  # in the order the modules register them


def command(
    name: str | None = None, *, group: str | None = None
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command; its name is the function's, with dashes (as typer makes it)."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        COMMANDS.append(Command(name or func.__name__.lower().replace("_", "-"), func, group))
        return func

    return register


class BadOption(Exception):
    """An option's value is not one of those allowed; typer reports it with the usage line."""

    def __init__(self, message: str, param_hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.param_hint = param_hint


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Write a line to stdout (or stderr), as ``typer.echo`` does."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{message}\n" if nl else message)
    stream.flush()


def echo_err(message: str) -> None:
    echo(message, err=True)


def error_text(error: Exception, about: str = "") -> str:
    """One of manualctl's errors as the command line shows it on stderr: a manual's
    problems, each with its file and line (if any), then "Error: " and what to do.
    ``about``: the manual it is about, named after "Error: " where no problem names its
    files (one manual's error among several)."""
    from manualctl.errors import ManualInvalid

    if isinstance(error, ManualInvalid) and error.findings:
        from manualctl.check.findings import render

        return f"{render(error.findings, 'text')}\nError: {error}"
    return f"Error: {about}: {error}" if about else f"Error: {error}"


def say_cleared(paths: Sequence[Leftover]) -> None:
    """Say what this run deleted, or put back, because a killed run had left it (stderr)."""
    for path in paths:
        if isinstance(path, str):  # a half-made change, rolled back
            echo_err(path)
        else:
            echo_err(f"Removed {path}: a manualctl run that was interrupted left it behind.")


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """``fmt``, if allowed. Commands call this first, before any work."""
    if fmt not in allowed:
        raise BadOption(f"use one of: {', '.join(allowed)}", "--format")
    return fmt


ManualOption = Annotated[
    Path | None,
    Option(
        "--manual",
        "-m",
        help="The manual's folder (the one holding manual.yaml). "
        "Default: the nearest manual.yaml at or above the current folder.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str,
    Option("--format", "-f", help="Output format: text, json or github."),
]


TodayOption = Annotated[
    str | None,
    Option(
        "--today", help="Today's date as YYYY-MM-DD (default: the real date).", show_default=False
    ),
]


def parse_today(value: str | None) -> date:
    from datetime import date  # here: commands that take no date (affected) never need it

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
    Option("--id", help="The manual's id (a slug). Default: the folder's name."),
]
OrganisationOption = Annotated[
    str | None,
    Option("--organisation", help="Who publishes the manual (a council or trust)."),
]


EditionOption = Annotated[
    str | None,
    Option(
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
    Option("--check", help="Change nothing; exit 1 when something is out of date (for CI)."),
]
