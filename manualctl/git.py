"""The one way manualctl runs git: :func:`run`, with errors a person can act on.

Machine-readable output is asked for with ``-z`` (NUL separators) where git offers it.
History is read with one or two git processes per command, never one per chapter.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from manualctl.errors import GitError


def run(args: Sequence[str], cwd: Path, *, input: bytes | None = None, check: bool = True) -> str:
    """Run ``git ARGS`` in ``cwd`` and return its standard output as text."""
    return run_bytes(args, cwd, input=input, check=check).decode("utf-8", "surrogateescape")


def run_bytes(
    args: Sequence[str], cwd: Path, *, input: bytes | None = None, check: bool = True
) -> bytes:
    cmd = ["git", "-c", "core.quotepath=off", *args]
    try:
        proc = subprocess.run(cmd, cwd=cwd, input=input, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError(
            "git is not installed (or not on PATH).",
            hint="Install git, then run the command again.",
        ) from exc
    if check and proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in stderr:
            raise GitError(
                f"{cwd} is not in a git repository.",
                hint="Run the command inside a clone of the manual's repository "
                "(or 'git init' to start one).",
            )
        raise GitError(
            f"git {' '.join(args)} failed (exit code {proc.returncode}): {stderr}",
            hint="Check the repository is in a normal state ('git status'), then retry.",
        )
    return proc.stdout


def toplevel(path: Path) -> Path | None:
    """The repository's top folder, or None when ``path`` is not in a git repository."""
    folder = path if path.is_dir() else path.parent
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, check=False
        )
    except FileNotFoundError:
        return None
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.decode().strip())


def commit_time(path: Path) -> int | None:
    """Unix time of the last commit touching ``path`` (None outside git or uncommitted)."""
    if toplevel(path) is None:
        return None
    out = run(["log", "-1", "--format=%ct", "--", "."], path, check=False).strip()
    return int(out) if out.isdigit() else None
