"""Running pandoc: the binary bundled with pypandoc-binary, one run per format.

No system pandoc is needed or used. pandoc runs through :mod:`manualctl.proc`
(so the publish time limit applies). Problems reported by our Lua filter (lines
``manualctl-problem<TAB>FILE<TAB>MESSAGE``) become findings of a
:class:`~manualctl.errors.ManualInvalid`; any other failure is a
:class:`PandocError` that quotes the command, pandoc's exit code and its own message.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from manualctl import proc
from manualctl.check.findings import Finding
from manualctl.check.load import display
from manualctl.check.rules import finding
from manualctl.errors import ManualInvalid, ProcessError
from manualctl.pandoc_env import pandoc_env

PROBLEM = "manualctl-problem\t"


REINSTALL_HINT = "Reinstall manualctl (pip install --force-reinstall manualctl), then retry."
FAILED_HINT = (
    "This is probably a bug in manualctl: please report it with this message "
    "(and the manual, if you can share it)."
)


class PandocError(ProcessError):
    """pandoc is missing or failed for a reason that is not the manual's content."""


@cache
def pandoc_binary() -> str:
    """Path of the pandoc shipped inside the pypandoc-binary wheel.

    Always that pinned pandoc, never one found on PATH (pypandoc's own lookup takes the
    newest pandoc it can find, running each to ask its version), and found without
    importing pypandoc, whose downloader's imports alone take 60 ms.
    """
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin is not None:
        name = "pandoc.exe" if os.name == "nt" else "pandoc"
        path = Path(spec.origin).parent / "files" / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    raise PandocError(
        "pandoc is not available: the pypandoc-binary package is missing or broken.",
        hint=REINSTALL_HINT,
    )


def run_pandoc(
    source: str,
    to: str,
    args: Sequence[str],
    *,
    root: Path,
    output: Path | None = None,
    epoch: int | None = None,
) -> bytes:
    """Convert ``source`` (the document's Markdown) to format ``to``.

    With ``output`` pandoc writes that file (needed for binary formats such as docx)
    and nothing is returned; otherwise the converted text is returned as bytes.
    ``root`` is the manual's folder, used to name files in problem reports;
    ``epoch`` (seconds) is passed to pandoc as SOURCE_DATE_EPOCH (its environment:
    :func:`manualctl.pandoc_env.pandoc_env`).
    """
    cmd = [pandoc_binary(), f"--to={to}", *args]
    if output is not None:
        cmd.append(f"--output={output}")
    done = run(cmd, source, env=pandoc_env(epoch))
    if done.returncode != 0:
        raise failure(done, root, f"pandoc --to={to}", subject=f"The manual in {display(root)}")
    return done.stdout


def run(cmd: Sequence[str], source: str, *, env: dict[str, str]) -> proc.Completed:
    """Run a pandoc command with ``source`` as its input (the exit code is the caller's)."""
    return proc.run(
        cmd, input=source.encode("utf-8"), env=env, error=PandocError, missing_hint=REINSTALL_HINT
    )


def failure(done: proc.Completed, root: Path | None, name: str, *, subject: str) -> Exception:
    """The error for a failed pandoc run: the chapters' problems our filter reported, or
    pandoc's own failure with its command, exit code and message."""
    findings = problems(done.error_text, root) if root is not None else []
    if findings:
        return ManualInvalid(
            f"{subject} cannot be published: {len(findings)} problem(s) in its chapters.",
            findings,
            hint="Fix them, then publish again.",
        )
    return proc.failed(done, error=PandocError, shown_as=name, hint=FAILED_HINT)


def problems(stderr: str, root: Path) -> list[Finding]:
    """Findings from the problem lines our Lua filter printed."""
    found = []
    for line in stderr.splitlines():
        if not line.startswith(PROBLEM):
            continue
        _, file, message = line.split("\t", 2)
        found.append(
            finding(
                "publish-content",
                (display(root / file), 1, 1),
                message,
                "Change or remove that part of the chapter, then publish again.",
            )
        )
    return sorted(set(found))
