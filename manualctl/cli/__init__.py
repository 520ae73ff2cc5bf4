"""The command line: parse arguments, call the packages, print what they return.

Only this package prints or exits. Each module registers one group of commands
(:func:`manualctl.cli.app.command`): ``manual`` (validate, contents),
``links``, ``importing`` (import contents, init), ``import_docx``, ``authoring``,
``editions``, ``publish`` and ``upstream``. The work lives in the packages named after what it is
about; they return data and raise :class:`~manualctl.errors.ManualctlError`, which
:func:`main` turns into one line on stderr and an exit code.

Start-up is most of the time of a quick command, so a command line pays only for what
it uses: ``--version`` imports nothing else; a plain command line is parsed by
:mod:`manualctl.cli.fast` and runs without typer, importing only the module of its
command (:data:`MODULES`); help, usage errors and the rest go to
the typer app (:mod:`manualctl.cli.typer_app`), built with only the command being run
when the first words name one. Each command imports the packages it needs when it runs.
``affected`` has its git processes started before any of that is imported
(:func:`_affected_commands`).
"""

from __future__ import annotations

import errno
import os
import sys

from manualctl import __version__

TYPE_CHECKING = False  # not typing's: --version imports nothing it does not need
if TYPE_CHECKING:
    from typing import NoReturn

    import typer

    from manualctl.cli.app import Command
    from manualctl.errors import ManualctlError

__all__ = ["main"]


def _commands() -> list[Command]:
    """Every command, in the order of the help (importing a module registers its own)."""
    from manualctl.cli import (  # noqa: F401
        authoring,
        editions,
        import_docx,
        importing,
        links,
        manual,
        publish,
        repository,
        upstream,
    )
    from manualctl.cli.app import COMMANDS

    by_words = {cmd.words: cmd for cmd in COMMANDS}  # registered in any order
    return [by_words[words] for words in MODULES]


#: The module registering each command, by what is typed to run it, in the order of the
#: help. A plain command line imports only its own command's module (importing all of
#: them costs more than ``affected`` does); tests/test_cli_startup.py holds this equal to
#: what the modules register.
MODULES = {
    ("validate",): "manual",
    ("contents",): "manual",
    ("new-chapter",): "authoring",
    ("move-chapter",): "authoring",
    ("retire-chapter",): "authoring",
    ("review",): "authoring",
    ("stamp",): "editions",
    ("amendments",): "editions",
    ("release",): "editions",
    ("history",): "editions",
    ("diff",): "editions",
    ("import", "docx"): "import_docx",
    ("import", "contents"): "importing",
    ("init",): "importing",
    ("links",): "links",
    ("publish",): "publish",
    ("redline",): "publish",
    ("affected",): "repository",
    ("upstream", "status"): "upstream",
    ("upstream", "update"): "upstream",
}


def _command_for(args: list[str]) -> list[Command]:
    """The command the first words of ``args`` name (importing only its module), or []."""
    for words, module in MODULES.items():
        if tuple(args[: len(words)]) == words:
            __import__(f"manualctl.cli.{module}")
            from manualctl.cli.app import COMMANDS

            return [cmd for cmd in COMMANDS if cmd.words == words]
    return []


def _app_for(args: list[str]) -> typer.Typer:
    """The typer app with only the command being run, when the first words name one.

    typer works out the options of every command it holds before it runs any; a command
    needs only its own. Everything else (--help, --version, a group, a misspelt command)
    gets every command, so help and "No such command" list them all.
    """
    from manualctl.cli.typer_app import build

    commands = _commands()
    chosen = [cmd for cmd in commands if tuple(args[: len(cmd.words)]) == cmd.words]
    return build(chosen if len(chosen) == 1 else commands)


def _run_plain(args: list[str]) -> bool:
    """Run ``args`` without typer when they are plain; False: typer must run them."""
    from manualctl.cli.app import BadOption
    from manualctl.cli.fast import parse

    call = parse(_command_for(args), args)
    if call is None:
        return False
    func, kwargs = call
    try:
        func(**kwargs)
    except BadOption:  # raised before any work: typer reports it, with the usage line
        return False
    return True


def _affected_commands(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """The git processes ``affected WORDS`` will ask for, to start before anything is
    imported (:mod:`manualctl.early`): git compares the working tree while Python imports
    the command. A guess, for the command lines :mod:`manualctl.cli.fast` runs, in the
    folder :func:`manualctl.editions.affected.affected` runs git in; a wrong one costs
    processes stopped at the end."""
    base = None
    paths = []
    rest = iter(words)
    for word in rest:
        if word in ("--base", "--jobs"):
            value = next(rest, "-")
            if word == "--base":
                base = value
        elif word.startswith("-") and word != "--json":
            return ()
        elif word != "--json":
            paths.append(word)
    if base is None or base.startswith("-") or not all(map(os.path.exists, paths)):
        return ()
    folder = os.path.realpath(paths[0] if paths else os.getcwd())
    from manualctl import gitcommand

    folder = folder if os.path.isdir(folder) else os.path.dirname(folder)
    return gitcommand.diff_names(folder, base, "manual.yaml")


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the command; turn our errors into one clear line and an exit code.

    Run as the program (``argv`` None), the process is a short one: :func:`_collect_less`.
    """
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        sys.stdout.write(f"manualctl {__version__}\n")
        sys.exit(0)
    if argv is None:
        _collect_less()
    if args[:1] != ["affected"]:
        _run(args)
    from manualctl import early

    with early.started(_affected_commands(args[1:])):
        _run(args)


#: Allocations (less deallocations) of container objects between two passes of Python's
#: cyclic garbage collector over the youngest objects (Python's default: 700)
COLLECT_AFTER = 20_000


def _collect_less() -> None:
    """Python's cyclic garbage collector, tuned for a process that lives a moment.

    Importing a command builds thousands of functions, classes and dictionaries, none of
    them garbage, and at Python's default threshold the collector passes over them again
    and again, then once more at exit, over every object alive, before the process frees
    it all anyway: a tenth of validate's instructions (215 M -> 194 M). So the collector
    runs every :data:`COLLECT_AFTER` allocations, which bounds what garbage in reference
    cycles can hold to a few megabytes, and at exit every object is frozen
    (``gc.freeze``: moved where no collection looks), as the last collection would free
    nothing that matters (what some modules make while importing and replace;
    tests/test_cli_startup.py). Finalizers, ``atexit`` functions, threads and files are
    ended as before: the freeze is registered first, so it runs last.
    """
    import atexit
    import gc

    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
    atexit.register(gc.freeze)


def _run(args: list[str]) -> NoReturn:
    from manualctl.errors import ManualctlError

    try:
        if not _run_plain(args):
            _app_for(args)(args=args, prog_name="manualctl", standalone_mode=True)
    except ManualctlError as error:
        from manualctl.cli.app import error_text

        _say_cleared(error)
        _fail(error_text(error), error.exit_code)
    except KeyboardInterrupt:
        _fail("Interrupted: nothing was left half-written.", 130)
    except BrokenPipeError:  # the reader went away (`manualctl validate | head`), as typer does
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more is written
        sys.exit(1)
    except OSError as error:
        if error.errno not in _DISK_FULL:
            _crash(args, error)
        where = f" ({error.filename})" if error.filename else ""
        _fail(
            f"Error: the disk is full{where}: {error.strerror}. Free some space (or publish "
            "to another disk with --out), then run the command again.",
            2,
        )
    except Exception as error:  # a bug: keep what a report needs, show one line
        _crash(args, error)
    sys.exit(0)


#: errno values that mean the disk (or the user's quota) is full: never a bug
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def _crash(args: list[str], error: BaseException) -> NoReturn:
    from manualctl.cli import crash
    from manualctl.errors import EXIT_BUG

    log = crash.write(args, error)
    _fail(
        f"manualctl hit an internal error (a bug). Details were written to {log}; "
        "please send that file to the manualctl developers.",
        EXIT_BUG,
    )


def _say_cleared(error: ManualctlError) -> None:
    if error.cleared:
        from manualctl.cli.app import say_cleared

        say_cleared(error.cleared)


def _fail(message: str, code: int) -> NoReturn:
    from manualctl.cli.app import echo_err

    echo_err(message)
    sys.exit(code)
