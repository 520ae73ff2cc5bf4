"""Reading much from git in few processes: a streamed ``git log`` and one ``cat-file``.

The history window (:func:`stream_tokens`) and every file read at a tag
(:class:`CatFile`) go through here, so a command starts one or two git processes however
many chapters and commits there are. The processes are started like every other git
process (:mod:`manualctl.git`: the same command prefix, the same errors). A
``CatFile(top, files=True)`` (the template's editions, ``stamp``'s previous edition)
reads what it can from the repository's files (:mod:`manualctl.gitobjects`) and starts
git only for the rest.

Files at a tag are best found by object id (:func:`folder_at`, :func:`blob_ids`): git
names every folder and file by its content, so a folder's tree read once never needs
reading again, and the same file at two tags is one blob (asking for "TAG:PATH" makes
git find the tag and walk its folders again for every file: four times the work).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from manualctl import gitobjects, proc
from manualctl.errors import GitError
from manualctl.fsutil import read_open
from manualctl.git import MISSING_HINT, failure
from manualctl.gitcommand import GIT


def stream_tokens(args: Sequence[str], cwd: Path, *, chunk: int = 1 << 16) -> Iterator[bytes]:
    """Start ``git ARGS`` (which must use ``-z``) now; its NUL-separated fields, as they come.

    Output is never held whole in memory: only the field being read. ``GIT_FLUSH=0``:
    writing to a pipe, git would otherwise flush after every commit (one system call
    each; 20,000 commits made ``git log`` a fifth slower than writing to a file). git
    runs from this call, not from the first field asked for: a caller can start it on
    one thread and read it on another (:class:`manualctl.editions.pending.Pending`).
    """
    running = proc.start(
        [*GIT, "-C", str(cwd), *args],
        env=proc.environ(GIT_FLUSH="0"),
        error=GitError,
        missing_hint=MISSING_HINT,
    )
    return _fields(running, args, cwd, chunk)


def _fields(running: proc.Process, args: Sequence[str], cwd: Path, chunk: int) -> Iterator[bytes]:
    rest = b""
    try:
        while True:
            data = running.stdout.read(chunk)
            if not data:
                break
            parts = (rest + data).split(b"\0")
            rest = parts.pop()
            yield from parts
        if rest:
            yield rest
    finally:
        done = running.finish()
    if done.returncode != 0:
        raise failure(done, args, cwd)


class CatFile:
    """One ``git cat-file --batch`` process answering many "REV:PATH" questions.

    Use as a context manager. Every file read at every tag goes through this one process.
    With ``files``, what the repository's own files answer (:mod:`manualctl.gitobjects`)
    is read from them, and git is started only for a question they do not answer.
    """

    def __init__(self, top: Path, *, files: bool = False) -> None:
        self.top = top
        self.proc: proc.Process | None = None
        self.files = files
        self.store: gitobjects.Store | None = None

    def __enter__(self) -> CatFile:
        self.store = gitobjects.open_store(self.top) if self.files else None
        if self.store is None:
            self._start()
        return self

    def _start(self) -> proc.Process:
        self.proc = proc.start(
            ["git", "cat-file", "--batch"],
            cwd=self.top,
            stdin=True,
            stderr=False,
            error=GitError,
            missing_hint=MISSING_HINT,
        )
        return self.proc

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.finish()
            self.proc = None

    def read(self, spec: str) -> bytes | None:
        """The content of ``spec`` (for example ``my-manual/2026-05:manual.yaml``), or None."""
        return self.read_many([spec])[0]

    def read_many(self, specs: Sequence[str]) -> list[bytes | None]:
        """Contents for many specs; questions are written in blocks, so pipes never fill up."""
        return [o.data if o is not None and o.kind == "blob" else None for o in self.objects(specs)]

    def objects(self, specs: Sequence[str]) -> list[GitObject | None]:
        """The objects ``specs`` name (a "REV:PATH" or an object id), with their ids and
        kinds: a folder is a ``tree`` (read it with :func:`tree_entries`); None: no such
        object."""
        if self.store is None:
            return self._ask(specs)
        out: list[GitObject | None] = []
        left: list[int] = []  # the questions for git
        for spec in specs:
            try:
                found = self.store.answer(spec)
            except (gitobjects.AskGit, RecursionError):
                left.append(len(out))
                out.append(None)
                continue
            out.append(None if found is None else GitObject(*found))
        if left:
            for at, answer in zip(left, self._ask([specs[at] for at in left]), strict=True):
                out[at] = answer
        return out

    def _ask(self, specs: Sequence[str]) -> list[GitObject | None]:
        running = self.proc or self._start()
        out: list[GitObject | None] = []
        for start in range(0, len(specs), 128):
            block = specs[start : start + 128]
            running.stdin.write(b"".join(s.encode("utf-8") + b"\n" for s in block))
            running.stdin.flush()
            out.extend(self._answer(running) for _ in block)
        return out

    def _answer(self, running: proc.Process) -> GitObject | None:
        header = running.stdout.readline()
        if not header:
            raise GitError("git cat-file stopped unexpectedly.", hint="Run 'git fsck', then retry.")
        parts = header.split()
        if len(parts) != 3:  # "<spec> missing" (or ambiguous): no such object
            return None
        data = running.stdout.read(int(parts[2]))
        running.stdout.read(1)  # the newline after the content
        return GitObject(parts[0].decode("ascii"), parts[1].decode("ascii"), data)


class GitObject:
    """One object as ``git cat-file --batch`` gives it. (A plain class: making a
    NamedTuple compiles its ``__new__``, which every edition command's start-up pays for.)"""

    __slots__ = ("data", "kind", "oid")

    def __init__(self, oid: str, kind: str, data: bytes) -> None:
        self.oid = oid
        self.kind = kind  # blob, tree, commit or tag
        self.data = data


def tree_entries(tree: GitObject) -> dict[str, tuple[str, str]]:
    """A tree's entries: name -> (mode, object id); ``40000`` marks a folder."""
    return gitobjects.entries(tree.data, len(tree.oid) // 2)  # SHA-1 or SHA-256 ids


_trees: dict[str, dict[str, tuple[str, str]]] = {}  # tree id -> its entries, for the process


def folder_at(batch: CatFile, rev: str, folder: str) -> str | None:
    """The tree id of ``folder`` (relative to the repository's top; "" the top itself)
    at ``rev``, its entries kept; None when ``rev`` has no such folder."""
    found = batch.objects([f"{rev}:{folder}"])[0]
    if found is None or found.kind != "tree":
        return None
    _trees.setdefault(found.oid, tree_entries(found))
    return found.oid


def tree(batch: CatFile, oid: str) -> dict[str, tuple[str, str]]:
    """The entries of the tree ``oid`` (read once per process; empty when not a tree)."""
    entries = _trees.get(oid)
    if entries is None:
        found = batch.objects([oid])[0]
        entries = tree_entries(found) if found is not None and found.kind == "tree" else {}
        _trees[oid] = entries
    return entries


def forget() -> None:
    """Forget the trees read (a benchmark's runs then each start as a new process)."""
    _trees.clear()


#: git's modes of a plain file (a symbolic link is 120000, a submodule 160000)
PLAIN_FILE_MODES = ("100644", "100755")


def blob_ids(
    batch: CatFile, root: str, files: Sequence[str], *, plain: bool = False
) -> dict[str, str]:
    """Each of ``files`` (paths under the tree ``root``) that is a file there: its blob id;
    with ``plain``, only plain files (no symbolic links)."""
    out: dict[str, str] = {}
    for rel in files:
        at = root
        parts = [part for part in rel.split("/") if part not in ("", ".")]  # "./a.md"
        if not parts:
            continue
        *folders, name = parts
        for folder in folders:
            entry = tree(batch, at).get(folder)
            if entry is None or entry[0] != "40000":
                at = ""
                break
            at = entry[1]
        entry = tree(batch, at).get(name) if at else None
        if (
            entry is not None
            and entry[0] != "40000"
            and (not plain or entry[0] in PLAIN_FILE_MODES)
        ):
            out[rel] = entry[1]
    return out


try:  # CPython's own SHA-1: importing hashlib loads OpenSSL (12 M instructions)
    from _sha1 import sha1 as _sha1  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # a Python built without it
    from hashlib import sha1 as _sha1


def blob_id(data: bytes, size: int = 40) -> str:
    """The id git gives a file holding ``data`` (``size``: the length of the repository's
    ids, 40 for SHA-1, 64 for SHA-256)."""
    if size == 40:
        hasher = _sha1(b"blob %d\0" % len(data))
    else:
        from hashlib import sha256

        hasher = sha256(b"blob %d\0" % len(data))
    hasher.update(data)
    digest: str = hasher.hexdigest()
    return digest


def from_work_tree(top: Path, wanted: Mapping[str, str]) -> dict[str, bytes]:
    """Blobs read from the work tree rather than asked of git: of ``wanted`` (blob id ->
    the path, relative to the repository's top ``top``, of a file that held it at a tag),
    each whose file in the work tree now holds those bytes, by their id: the id names
    the bytes, so they are the blob's, and git would inflate them from its object store,
    opening a loose object three times (a template released and left as released, most
    often). A file that differs, is missing or is no plain file is left to git."""
    out: dict[str, bytes] = {}
    at = str(top)
    for oid, rel in wanted.items():
        try:
            # O_NONBLOCK: a FIFO put there is not waited on (it is no plain file anyway)
            fd = os.open(f"{at}/{rel}", os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except (OSError, ValueError):
            continue
        try:
            found = os.fstat(fd)
            if not stat.S_ISREG(found.st_mode):
                continue
            # a file that grew since fstat reads one byte more: its id differs
            data = read_open(fd, found.st_size + 1, found.st_size + 1)
        except OSError:
            continue
        finally:
            os.close(fd)
        if blob_id(data, len(oid)) == oid:
            out[oid] = data
    return out
