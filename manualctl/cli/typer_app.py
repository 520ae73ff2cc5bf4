"""The typer app, built from the registered commands (:data:`manualctl.cli.app.COMMANDS`).

It runs ``--help``, usage errors and every command line :mod:`manualctl.cli.fast` leaves
to it. Each command's ``Option``/``Argument`` declarations become typer's own; the
command function itself is called, through a wrapper that turns
:class:`~manualctl.cli.app.BadOption` into typer's ``BadParameter``.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import typer

from manualctl import __version__
from manualctl.cli.app import GROUPS, HELP, Argument, BadOption, Command, Option


def build(commands: Iterable[Command]) -> typer.Typer:
    """The typer app holding ``commands`` (and every group they belong to)."""
    app = typer.Typer(
        name="manualctl",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    groups: dict[str, typer.Typer] = {}
    for cmd in commands:
        target = app
        if cmd.group is not None:
            if cmd.group not in groups:
                groups[cmd.group] = typer.Typer(
                    name=cmd.group, help=GROUPS[cmd.group], no_args_is_help=True
                )
                app.add_typer(groups[cmd.group], name=cmd.group)
            target = groups[cmd.group]
        target.command(cmd.name)(_typer_callback(cmd.func))
    return app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"manualctl {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Write and publish a procedures manual kept in git."""


def _typer_callback(func: Callable[..., None]) -> Callable[..., None]:
    """``func`` with typer's declarations in its signature."""
    hints = typing.get_type_hints(func, include_extras=True)
    signature = inspect.signature(func)
    annotations = {name: _to_typer(hints[name]) for name in signature.parameters}

    def callback(**kwargs: Any) -> None:
        try:
            func(**kwargs)
        except BadOption as bad:
            raise typer.BadParameter(bad.message, param_hint=bad.param_hint) from None

    callback.__name__ = callback.__qualname__ = func.__name__
    callback.__doc__ = func.__doc__
    callback.__module__ = func.__module__
    callback.__annotations__ = annotations
    callback.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(annotation=annotations[p.name]) for p in signature.parameters.values()
        ]
    )
    return callback


def _to_typer(hint: Any) -> Any:
    if typing.get_origin(hint) is not Annotated:
        return hint
    base, *extras = typing.get_args(hint)
    converted = [
        typer.Option(*extra.decls, **extra.settings)
        if isinstance(extra, Option)
        else typer.Argument(**extra.settings)
        if isinstance(extra, Argument)
        else extra
        for extra in extras
    ]
    return Annotated[(base, *converted)]
