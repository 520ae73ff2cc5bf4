"""The one way manualctl runs git: :func:`run`, with errors a person can act on.

Machine-readable output is asked for with ``-z`` (NUL separators) where git offers it.
History is read with one or two git processes per command, never one per chapter.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
    """Unix time of the last commit touching ``path`` (None outside git or uncommitted).

    One git process: outside a repository ``git log`` fails and prints nothing.
    """
    out = run(["log", "-1", "--format=%ct", "--", "."], path, check=False).strip()
    return int(out) if out.isdigit() else None


# --- repositories, history and batched reads ------------------------------------------------

SHALLOW_HINT = (
    "Fetch the full history first: run 'git fetch --unshallow --tags' (in GitHub Actions, "
    "give actions/checkout 'fetch-depth: 0'), then run the command again."
)


@dataclass(frozen=True)
class RepoInfo:
    """Where a manual sits in its git repository."""

    top: Path  # the repository's top folder
    prefix: str  # the manual's folder relative to ``top`` ("" when at the top), POSIX style

    def repo_path(self, rel: str) -> str:
        """A path relative to the manual as git names it (relative to the repository top)."""
        return f"{self.prefix}/{rel}" if self.prefix else rel

    @property
    def pathspec(self) -> str:
        return self.prefix or "."


def require_history(manual_root: Path) -> RepoInfo:
    """The repository holding ``manual_root``, refusing a missing repository or a shallow clone.

    One git process. A shallow clone would give silently wrong editions, so it is an error.
    """
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--is-shallow-repository"],
            cwd=manual_root,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError(
            "git is not installed (or not on PATH).",
            hint="Install git, then run the command again.",
        ) from exc
    if proc.returncode != 0:
        raise GitError(
            f"{manual_root} is not in a git repository: manualctl works out editions "
            "from the manual's git history.",
            hint="Run the command in a clone of the manual's repository, or start one with "
            "'git init', 'git add .' and 'git commit'.",
        )
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    top = Path(lines[0]).resolve()
    if len(lines) > 1 and lines[1].strip() == "true":
        raise GitError(
            f"The clone in {top} is shallow: it holds only part of the history, so "
            "manualctl cannot tell what changed since the last edition.",
            hint=SHALLOW_HINT,
        )
    prefix = manual_root.resolve().relative_to(top).as_posix()
    return RepoInfo(top, "" if prefix == "." else prefix)


def tag_names(top: Path) -> list[str]:
    """Every tag in the repository (one git process)."""
    out = run(["for-each-ref", "--format=%(refname:strip=2)", "refs/tags/"], top)
    return [line for line in out.splitlines() if line]


def changed_paths(top: Path, pathspec: str) -> set[str]:
    """Paths (relative to the top) with changes not committed yet: staged, unstaged, new."""
    out = run_bytes(
        [
            "--no-optional-locks",
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=all",
            "--",
            pathspec,
        ],
        top,
    )
    paths: set[str] = set()
    fields = out.split(b"\0")
    index = 0
    while index < len(fields):
        item = fields[index]
        index += 1
        if len(item) < 4:
            continue
        paths.add(item[3:].decode("utf-8", "surrogateescape"))
        if item[:1] in (b"R", b"C"):  # a rename or copy is followed by its source path
            if index < len(fields):
                paths.add(fields[index].decode("utf-8", "surrogateescape"))
            index += 1
    return paths


def stream_tokens(args: Sequence[str], cwd: Path, *, chunk: int = 1 << 16) -> Iterator[bytes]:
    """Run ``git ARGS`` (which must use ``-z``) and yield its NUL-separated fields as they come.

    Output is never held whole in memory: only the field being read. ``GIT_FLUSH=0``:
    writing to a pipe, git would otherwise flush after every commit (one system call
    each; 20,000 commits made ``git log`` a fifth slower than writing to a file).
    """
    cmd = ["git", "-c", "core.quotepath=off", *args]
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "GIT_FLUSH": "0"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    rest = b""
    try:
        while True:
            data = proc.stdout.read(chunk)
            if not data:
                break
            parts = (rest + data).split(b"\0")
            rest = parts.pop()
            yield from parts
        if rest:
            yield rest
    finally:
        proc.stdout.close()
        stderr = proc.stderr.read().decode("utf-8", "replace").strip()
        proc.stderr.close()
        code = proc.wait()
    if code != 0:
        raise GitError(
            f"git {' '.join(args[:3])} ... failed (exit code {code}): {stderr}",
            hint="Check the repository is in a normal state ('git status'), then retry.",
        )


class CatFile:
    """One ``git cat-file --batch`` process answering many "REV:PATH" questions.

    Use as a context manager. Every file read at every tag goes through this one process.
    """

    def __init__(self, top: Path) -> None:
        self.top = top
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> CatFile:
        self.proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=self.top,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.close()
            self.proc.stdout.close()
            self.proc.wait()
            self.proc = None

    def read(self, spec: str) -> bytes | None:
        """The content of ``spec`` (for example ``my-manual/2026-05:manual.yaml``), or None."""
        return self.read_many([spec])[0]

    def read_many(self, specs: Sequence[str]) -> list[bytes | None]:
        """Contents for many specs; questions are written in blocks, so pipes never fill up."""
        assert self.proc is not None and self.proc.stdin is not None
        out: list[bytes | None] = []
        for start in range(0, len(specs), 128):
            block = specs[start : start + 128]
            self.proc.stdin.write(b"".join(s.encode("utf-8") + b"\n" for s in block))
            self.proc.stdin.flush()
            out.extend(self._answer() for _ in block)
        return out

    def _answer(self) -> bytes | None:
        assert self.proc is not None and self.proc.stdout is not None
        header = self.proc.stdout.readline()
        if not header:
            raise GitError("git cat-file stopped unexpectedly.", hint="Run 'git fsck', then retry.")
        parts = header.split()
        if len(parts) != 3 or parts[1] != b"blob":
            if len(parts) == 3:  # a tree or other object: skip its content
                self.proc.stdout.read(int(parts[2]) + 1)
            return None
        data = self.proc.stdout.read(int(parts[2]))
        self.proc.stdout.read(1)  # the newline after the content
        return data
