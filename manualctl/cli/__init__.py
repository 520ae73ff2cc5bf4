"""The command line: parse arguments, call the packages, print what they return.

Only this package prints or exits. Each module registers one group of commands on the
typer app (:mod:`manualctl.cli.app`): ``manual`` (validate, contents), ``importing``
(import contents, init), ``authoring``, ``editions`` and ``publish``. The work lives in
the packages named after what it is about; they return data and raise
:class:`~manualctl.errors.ManualctlError`, which :func:`main` turns into one line on
stderr and an exit code. Heavy libraries (git, docx, pandoc, jsonschema) are imported
inside the commands that need them, so ``manualctl --help`` stays quick.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import NoReturn

import typer

from manualctl.cli import authoring, editions, importing, manual, publish
from manualctl.cli.app import app, echo_err
from manualctl.errors import EXIT_BUG, ManualctlError, ManualInvalid

__all__ = ["app", "main"]
_COMMAND_MODULES = (manual, importing, authoring, editions, publish)  # registered on import


def _print_invalid(error: ManualInvalid) -> None:
    from manualctl.check.findings import render

    if error.findings:
        echo_err(render(error.findings, "text"))


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command being run, when the first argument names one.

    typer works out the options of every registered command before it runs any (a
    quarter of the start-up time of a quick command); a command needs only its own.
    Everything else (--help, --version, a sub-group, a misspelt command) gets the
    whole app, so help and "No such command" list every command as before.
    """
    name = args[0] if args else ""
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    if len(chosen) != 1:
        return app
    single = copy.copy(app)
    single.registered_commands = chosen
    single.registered_groups = []
    return single


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the app; turn our errors into one clear line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    try:
        _app_for(args)(args=args, prog_name="manualctl", standalone_mode=True)
    except ManualInvalid as error:
        _print_invalid(error)
        echo_err(f"Error: {error}")
        sys.exit(error.exit_code)
    except ManualctlError as error:
        echo_err(f"Error: {error}")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        echo_err("Interrupted: nothing was left half-written.")
        sys.exit(130)
    except Exception:  # a bug: keep the traceback for the report, show one line
        import tempfile
        import traceback

        fd, log = tempfile.mkstemp(prefix="manualctl-crash-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            traceback.print_exc(file=handle)
        echo_err(
            f"manualctl hit an internal error (a bug). Details were written to {log}; "
            "please send that file to the manualctl developers."
        )
        sys.exit(EXIT_BUG)
    sys.exit(0)  # pragma: no cover - typer always exits in standalone mode
