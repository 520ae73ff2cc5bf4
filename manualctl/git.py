"""The one way manualctl runs git: :func:`run`, with errors a person can act on.

Every git process starts here, through :mod:`manualctl.proc`; every failure (git missing,
a refused command, a failing commit hook, git's ``safe.directory`` refusal of a folder
owned by someone else, a time-out) is a :class:`~manualctl.errors.GitError` carrying the
command, its exit code and git's own words, with a hint saying what to do next.
Machine-readable output is asked for with ``-z`` (NUL separators) where git offers it.
History is read with one or two git processes per command, never one per chapter.

GitPython is not used. ``benchmarks/bench_git.py`` measured it against this runner (the
figures are in its docstring): its import costs more than this module's, and for what an
edition needs (``status``, ``commit`` with its hooks, ``tag``) it starts the same git
processes underneath, so it saves no work; its persistent ``cat-file`` is what
:class:`~manualctl.gitbatch.CatFile` already is. One runner also means one way failures
look (the batched reads, :mod:`manualctl.gitbatch`, start their processes with it too).

Over 300 lines because every git command manualctl runs, with the words of its failure,
is here: one place to read what manualctl asks of git.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from manualctl import gitcommand, gitrefs, proc
from manualctl.errors import GitError
from manualctl.gitcommand import GIT

MISSING_HINT = (
    "Install git (https://git-scm.com), make sure it is on PATH, then run the command again."
)
RETRY_HINT = "Check the repository is in a normal state ('git status'), then retry."


def run(args: Sequence[str], cwd: Path, *, input: bytes | None = None, check: bool = True) -> str:
    """Run ``git ARGS`` in ``cwd`` and return its standard output as text."""
    return run_bytes(args, cwd, input=input, check=check).decode("utf-8", "surrogateescape")


def run_bytes(
    args: Sequence[str], cwd: Path, *, input: bytes | None = None, check: bool = True
) -> bytes:
    """``git ARGS`` in ``cwd``: its output; with ``check`` a non-zero exit is a GitError.

    A missing git is always an error, whatever ``check`` says.
    """
    done = _git(args, cwd, input=input)
    if check and done.returncode != 0:
        raise failure(done, args, cwd)
    return done.stdout


def _git(args: Sequence[str], cwd: Path, *, input: bytes | None = None) -> proc.Completed:
    return proc.run([*GIT, *args], cwd=cwd, input=input, error=GitError, missing_hint=MISSING_HINT)


def failure(
    done: proc.Completed, args: Sequence[str], cwd: Path, hint: str = RETRY_HINT
) -> GitError:
    """The error for a git command that failed, in words that say what to do."""
    stderr = done.error_text
    name = f"git {' '.join(args[:3])}" + (" ..." if len(args) > 3 else "")
    if "dubious ownership" in stderr:
        return _refused(done, cwd)
    if "not a git repository" in stderr:
        return proc.failed(
            done,
            error=GitError,
            message=f"{cwd} is not in a git repository.",
            hint="Run the command inside a clone of the manual's repository "
            "(or 'git init' to start one).",
        )
    return proc.failed(done, error=GitError, shown_as=name, hint=hint)


def _refused(done: proc.Completed, cwd: Path) -> GitError:
    """git's ``safe.directory`` check: the repository belongs to another user."""
    folder = _quoted_folder(done.error_text) or str(cwd)
    return proc.failed(
        done,
        error=GitError,
        message=f"git refuses to work in {folder}: the repository belongs to another user "
        f"(git's safe.directory check: 'git {proc.shown(_asked(done.command))}' ended with "
        f"exit code {done.returncode}).",
        hint="If you trust this repository, run 'git config --global --add safe.directory "
        f"{folder}' (or run manualctl as the repository's owner), then run the command again.",
    )


def _asked(command: Sequence[str]) -> Sequence[str]:
    """A git command's own words: without :data:`GIT` and the folder (``-C DIR``)."""
    words = command[len(GIT) :]
    return words[2:] if words[:1] == ("-C",) else words


def _quoted_folder(stderr: str) -> str | None:
    """The folder in git's "detected dubious ownership in repository at '...'"."""
    marker = "repository at '"
    at = stderr.find(marker)
    if at < 0:
        return None
    end = stderr.find("'", at + len(marker))
    return stderr[at + len(marker) : end] if end > 0 else None


def tag_name_ok(name: str, cwd: Path) -> bool | None:
    """Whether git accepts ``name`` as a tag name (``git check-ref-format``): None when
    git cannot be run (validate works without git)."""
    try:
        done = _git(["check-ref-format", f"refs/tags/{name}"], cwd)
    except GitError:
        return None
    return done.returncode == 0


def toplevel(path: Path) -> Path | None:
    """The repository's top folder, or None when ``path`` is not in a git repository.

    None too when git is not installed: authoring works without git.
    """
    folder = path if path.is_dir() else path.parent
    try:
        done = _git(["rev-parse", "--show-toplevel"], folder)
    except GitError:
        return None
    return _top(done, done.stdout, folder)


class Toplevel:
    """:func:`toplevel` of ``path`` (None: not asked, no process), its git process
    started at once so that a command works on while git looks for the repository;
    :meth:`get` waits for the answer. A context manager: the process is waited for
    however the block ends."""

    def __init__(self, path: Path | None) -> None:
        self.folder = Path() if path is None else path if path.is_dir() else path.parent
        self._running: proc.Process | None = None
        self._answer: Path | None = None
        if path is None:
            return
        with contextlib.suppress(GitError):  # git cannot be started: None, as toplevel says
            self._running = proc.start(
                [*GIT, "rev-parse", "--show-toplevel"],
                cwd=self.folder,
                error=GitError,
                missing_hint=MISSING_HINT,
            )

    def get(self) -> Path | None:
        running, self._running = self._running, None
        if running is not None:
            out = running.stdout.read()
            self._answer = _top(running.finish(), out, self.folder)
        return self._answer

    def __enter__(self) -> "Toplevel":
        return self

    def __exit__(self, *exc: object) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.finish()


def _top(done: proc.Completed, out: bytes, folder: Path) -> Path | None:
    """The top folder ``git rev-parse --show-toplevel`` printed (``out``), as
    :func:`toplevel` gives it."""
    if done.returncode != 0:
        if "dubious ownership" in done.error_text:
            raise _refused(done, folder)
        return None
    return Path(out.decode("utf-8", "surrogateescape").strip())


def commit_time(path: Path) -> int | None:
    """Unix time of the last commit touching ``path`` (None outside git or uncommitted).

    One git process: outside a repository ``git log`` fails and prints nothing.
    """
    out = run(["log", "-1", "--format=%ct", "--", "."], path, check=False).strip()
    return int(out) if out.isdigit() else None


def merge_file(
    ours: str, base: str, theirs: str, *, labels: tuple[str, str, str], cwd: Path
) -> tuple[str, int]:
    """git's three-way merge of three texts (``git merge-file -p``): the merged text,
    with conflict markers where both sides changed the same lines, and the number of
    conflicts (0: merged cleanly). The texts go to a temporary folder of their own."""
    import tempfile  # here: it imports shutil, random, bz2 and lzma, which reads do not need

    with tempfile.TemporaryDirectory(prefix="manualctl-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
            paths.append(str(path))
        args = ["merge-file", "-p", "-L", labels[0], "-L", labels[1], "-L", labels[2], *paths]
        done = _git(args, cwd)
    if not 0 <= done.returncode < 128:
        raise failure(done, args[:2], cwd)
    return done.stdout.decode("utf-8", "surrogateescape"), done.returncode


# --- writes: the commit and tag of an edition ------------------------------------------------

COMMIT_HINT = (
    "A commit hook (such as pre-commit) may have refused the commit: fix what it reports "
    "above, commit that, and run the command again. Nothing was committed or tagged."
)


def head(top: Path) -> str | None:
    """The commit checked out (its full id), or None before the first commit."""
    done = _git(["rev-parse", "--verify", "-q", "HEAD^{commit}"], top)
    if done.returncode != 0:
        if "dubious ownership" in done.error_text:
            raise _refused(done, top)
        return None
    return done.stdout.decode().strip()


def commit_paths(top: Path, paths: Sequence[str], message: str) -> str:
    """Stage and commit exactly ``paths`` (commit hooks run); return the new commit's id."""
    run(["add", "--", *paths], top)
    done = _git(["commit", "-q", "-m", message, "--", *paths], top)
    if done.returncode != 0:
        raise failure(done, ["commit", "-m", message], top, hint=COMMIT_HINT)
    found = head(top)
    assert found is not None
    return found


def create_tag(top: Path, tag: str, message: str) -> None:
    """An annotated tag ``tag`` on the checked-out commit."""
    run(["tag", "-a", "-m", message, "--", tag], top)


def undo_commit(top: Path, commit: str, parent: str) -> None:
    """Move the branch back from ``commit`` to ``parent`` (only if it still is ``commit``)."""
    run(["update-ref", "-m", "manualctl: undo a failed release", "HEAD", parent, commit], top)


def unstage(top: Path, paths: Sequence[str]) -> None:
    """Make the index hold ``paths`` as they are in the checked-out commit."""
    run(["reset", "-q", "HEAD", "--", *paths], top)


# --- repositories and history ---------------------------------------------------------------

SHALLOW_HINT = (
    "Fetch the full history first: run 'git fetch --unshallow --tags' (in GitHub Actions, "
    "give actions/checkout 'fetch-depth: 0'), then run the command again."
)


class RepoInfo(NamedTuple):
    """Where a manual sits in its git repository."""

    top: Path  # the repository's top folder
    prefix: str  # the manual's folder relative to ``top`` ("" when at the top), POSIX style

    def repo_path(self, rel: str) -> str:
        """A path relative to the manual as git names it (relative to the repository top)."""
        return f"{self.prefix}/{rel}" if self.prefix else rel

    @property
    def pathspec(self) -> str:
        return self.prefix or "."


def require_history(manual_root: Path) -> tuple[RepoInfo, list[str]]:
    """The repository holding ``manual_root`` and every tag in it (as :func:`tag_names`
    lists them), refusing a missing repository or a shallow clone.

    Read from the repository's files (:mod:`manualctl.gitrefs`), else by one git process
    for both (``rev-parse`` lists the tags too). A shallow clone would give silently
    wrong editions, so it is an error.
    """
    found = gitrefs.read(manual_root)
    if found is None:
        found = _history_by_git(manual_root)
    top, shallow, tags = found
    if shallow:
        raise GitError(
            f"The clone in {top} is shallow: it holds only part of the history, so "
            "manualctl cannot tell what changed since the last edition.",
            hint=SHALLOW_HINT,
        )
    prefix = manual_root.resolve().relative_to(top).as_posix()
    return RepoInfo(top, "" if prefix == "." else prefix), tags


def _history_by_git(manual_root: Path) -> tuple[Path, bool, list[str]]:
    """What :func:`manualctl.gitrefs.read` reads, from ``git rev-parse``."""
    args = ["rev-parse", "--show-toplevel", "--is-shallow-repository", "--symbolic-full-name"]
    done = _git([*args, "--tags"], manual_root)
    if done.returncode != 0:
        if "dubious ownership" in done.error_text:
            raise _refused(done, manual_root)
        raise proc.failed(
            done,
            error=GitError,
            message=f"{manual_root} is not in a git repository: manualctl works out editions "
            "from the manual's git history.",
            hint="Run the command in a clone of the manual's repository, or start one with "
            "'git init', 'git add .' and 'git commit'.",
        )
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    shallow = len(lines) > 1 and lines[1].strip() == "true"
    tags = [line.removeprefix("refs/tags/") for line in lines[2:] if line]
    return Path(lines[0]).resolve(), shallow, tags


def tag_names(top: Path) -> list[str]:
    """Every tag in the repository (one git process)."""
    out = run(["for-each-ref", "--format=%(refname:strip=2)", "refs/tags/"], top)
    return [line for line in out.splitlines() if line]


def changed_paths(top: Path, pathspec: str) -> set[str]:
    """Paths (relative to the top) with changes not committed yet: staged, unstaged, new.

    What manualctl itself makes while it works (its lock file, temporary files and
    folders, :func:`manualctl.fsutil.is_own_file`) is not a change: a killed run's
    leftovers must not make ``release`` refuse.
    """
    return _not_own(_status_paths(run_bytes([*_STATUS, "--", pathspec], top)))


class ChangedPaths:
    """:func:`changed_paths`, with ``git status`` started at once and read by :meth:`result`:
    the caller runs other git processes (an edition's ``git log``) while it works."""

    def __init__(self, top: Path, pathspec: str) -> None:
        self.top = top
        self._args = [*_STATUS, "--", pathspec]
        self._running = proc.start(
            [*GIT, "-C", str(top), *self._args], error=GitError, missing_hint=MISSING_HINT
        )

    def result(self) -> set[str]:
        out = self._running.stdout.read()
        done = self._running.finish()
        if done.returncode != 0:
            raise failure(done, self._args, self.top)
        return _not_own(_status_paths(out))

    def close(self) -> None:
        """Wait for git without reading it (when the caller's other work failed)."""
        self._running.finish()


_STATUS = ("--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all")


def _not_own(paths: set[str]) -> set[str]:
    from manualctl.fsutil import is_own_file  # here: affected never needs the lock's module

    return {p for p in paths if not any(is_own_file(part) for part in p.split("/"))}


def _status_paths(out: bytes) -> set[str]:
    """The paths in ``git status --porcelain -z`` output."""
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


class DiffNames:
    """The paths that differ between ``base`` and the working tree, and every tracked file
    called ``tracked``, asked of git in ``folder`` (any folder of the repository); paths
    relative to the top. Use as a context manager.

    Three git processes (:func:`manualctl.gitcommand.diff_names`), run side by side, so
    the caller works while git compares the working tree; those :mod:`manualctl.early`
    started for the same words are taken. ``git diff --name-only --merge-base BASE``
    (:meth:`changed`; on a pull request's branch the base is where the branch left
    ``BASE``: changes made on ``BASE`` since are not the branch's; a rename counts as the
    old path and the new one; files git does not track are not seen), ``git ls-files``
    (:meth:`tracked`; git's index only) and ``git rev-parse --show-toplevel``
    (:attr:`top`: None, as :func:`toplevel` says, when ``folder`` is not in a git
    repository). A ``base`` this clone does not have is a GitError saying to fetch it.
    """

    def __init__(self, folder: Path, base: str, *, tracked: str) -> None:
        self.folder = folder
        self.base = base
        self.name = tracked
        self._running: list[proc.Process] = []
        self._missing: GitError | None = None  # git could not be started
        diff, listing, top = gitcommand.diff_names(str(folder), base, tracked)
        self._diff = self._start(diff)
        self._listing = self._start(listing)
        self.top = self._toplevel(self._start(top))  # while git diff runs

    def _start(self, command: tuple[str, ...]) -> proc.Process | None:
        if self._missing is not None:
            return None
        try:
            started = proc.start(command, error=GitError, missing_hint=MISSING_HINT)
        except GitError as error:  # said when asked for the output (top is None then)
            self._missing = error
            return None
        self._running.append(started)
        return started

    def _toplevel(self, running: proc.Process | None) -> Path | None:
        if running is None:
            return None  # git is not installed
        out, done = self._output(running)
        return _top(done, out, self.folder)

    def __enter__(self) -> "DiffNames":
        return self

    def __exit__(self, *exc: object) -> None:
        for running in self._running:
            running.finish()
        self._running = []

    def tracked(self) -> list[str]:
        """Every tracked file called ``tracked`` (``git ls-files``)."""
        names, listed = self._output(self._listing)
        if listed.returncode != 0:
            raise failure(listed, ["ls-files"], self.folder)
        name, end = self.name, "/" + self.name  # the pathspec is a suffix
        return [path for path in _fields(names) if path == name or path.endswith(end)]

    def changed(self) -> list[str]:
        """The paths that differ between the base and the working tree (``git diff``)."""
        out, done = self._output(self._diff)
        if done.returncode != 0:
            text = done.error_text
            if "dubious ownership" in text:
                raise _refused(done, self.folder)
            unknown = (
                "bad revision" in text or "unknown revision" in text or "no merge base" in text
            )
            raise failure(
                done,
                ["diff", "--merge-base", self.base],
                self.folder,
                hint=f"Check that {self.base!r} names a commit this clone has (in GitHub "
                "Actions, give actions/checkout 'fetch-depth: 0'), then run the command again."
                if unknown
                else RETRY_HINT,
            )
        return _fields(out)

    def _output(self, running: proc.Process | None) -> tuple[bytes, proc.Completed]:
        if running is None:
            assert self._missing is not None
            raise self._missing
        out = running.stdout.read()
        self._running.remove(running)
        return out, running.finish()


def _fields(out: bytes) -> list[str]:
    return [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]
