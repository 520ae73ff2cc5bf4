"""The crash log: what a bug report needs, written when manualctl hits an internal error.

As pre-commit's error handler does: the versions of manualctl, Python, git and pandoc, the
platform, the command line and the traceback, in Markdown so that it can be pasted into
an issue as it is. Asking git and pandoc their versions goes through
:mod:`manualctl.proc` with a short time limit; a program that is missing or does not
answer is written down as such, never a second error.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from manualctl import __version__

TIME_LIMIT = 5.0  # seconds for each version question


def program_version(command: list[str]) -> str:
    """The first line ``command`` prints, or why there is none."""
    from manualctl import proc
    from manualctl.errors import ManualctlError

    try:
        with proc.time_limit(TIME_LIMIT):
            done = proc.run(command)
    except ManualctlError as error:
        return f"unavailable ({error.message})"
    if done.returncode != 0:
        return f"unavailable (exit code {done.returncode}: {done.error_text})"
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "unavailable (no output)"


def pandoc_version() -> str:
    from manualctl.errors import ManualctlError

    try:
        from manualctl.publish.pandoc import pandoc_binary

        binary = pandoc_binary()
    except ManualctlError as error:
        return f"unavailable ({error.message})"
    return program_version([binary, "--version"])


def report(args: list[str], error: BaseException) -> str:
    """The crash log's text for ``error``, raised while running ``manualctl ARGS``."""
    import shlex

    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    python = sys.version.replace("\n", " ")
    return (
        "### version information\n\n"
        "```\n"
        f"manualctl version: {__version__}\n"
        f"python version: {python}\n"
        f"python executable: {sys.executable}\n"
        f"git version: {program_version(['git', '--version'])}\n"
        f"pandoc version: {pandoc_version()}\n"
        f"platform: {platform.platform()} ({sys.platform}, {platform.machine()})\n"
        "```\n\n"
        "### command\n\n"
        "```\n"
        f"{shlex.join(['manualctl', *args])}\n"
        f"(in {os.getcwd()})\n"
        "```\n\n"
        "### error information\n\n"
        "```\n"
        f"{trace.rstrip()}\n"
        "```\n"
    )


def write(args: list[str], error: BaseException) -> Path:
    """Write the crash log to a new file in the temporary folder; return its path."""
    fd, name = tempfile.mkstemp(prefix="manualctl-crash-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(report(args, error))
    return Path(name)
