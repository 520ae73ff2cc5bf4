"""The one family of errors manualctl raises on purpose.

The CLI catches :class:`ManualctlError` (and only it), prints ``str(error)`` as one
line on stderr and exits with ``error.exit_code``. Anything else is a bug (exit 3).
Every message says what went wrong *and what to do next*: the people who read them
are policy officers, not programmers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from manualctl.check.findings import Finding

EXIT_OK = 0
EXIT_INVALID = 1  # the manual has errors (validation, stale flags, missing amendment text)
EXIT_USAGE = 2  # bad usage or unreadable input (no manual, not a git repository, shallow clone)
EXIT_BUG = 3  # a bug in manualctl


class ManualctlError(Exception):
    """Base of every error manualctl raises on purpose."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: what the command's lock cleared (or rolled back) before this went wrong, for
        #: the CLI to say too (:data:`manualctl.fsutil.Leftover`)
        self.cleared: list[Path | str] = []

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UsageError(ManualctlError):
    """Bad arguments or unreadable input: exit code 2."""

    exit_code = EXIT_USAGE


class ManualNotFound(UsageError):
    """No manual.yaml where the user pointed, nor above the working directory."""


class ProcessError(UsageError):
    """A program manualctl runs (git, pandoc) is missing, failed, or ran out of time.

    Raised only by :mod:`manualctl.proc` and the modules that run programs through it.
    ``command`` is what was run, ``returncode`` its exit code (None when it did not
    start or was stopped), ``stderr`` what it said. The message names all three where
    they help, and the hint says what to do next.
    """

    def __init__(
        self,
        message: str,
        *,
        command: Sequence[str] = (),
        returncode: int | None = None,
        stderr: str = "",
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.command = tuple(command)
        self.returncode = returncode
        self.stderr = stderr


class GitError(ProcessError):
    """git is missing or refused, the folder is not a repository, a clone is shallow, ..."""


class ManualInvalid(ManualctlError):
    """The manual has errors; ``findings`` lists every one (exit code 1)."""

    exit_code = EXIT_INVALID

    def __init__(
        self, message: str, findings: Sequence[Finding] = (), *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.findings = list(findings)
