"""The history window: which commits since an edition touched which files, and how.

One streamed ``git log -z --name-status`` over the window decides the editorial rule
(a commit marked ``Manual-Change: editorial`` changes no flag), collects the
``Amendment:`` trailers, and follows renames. Memory holds per-file sets, never a list
of commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from manualctl.git import RepoInfo
from manualctl.gitbatch import stream_tokens

EDITORIAL_KEY = "Manual-Change"
AMENDMENT_KEY = "Amendment"

#: Statuses that carry content for the file named last (D and exact renames carry none).
_CONTENT = frozenset((b"A", b"M", b"T", b"C"))


class Window:
    """What the commits in a range did, per file (paths relative to the repository top)
    (a plain class: making a dataclass at import costs a quick command's start-up more
    than its work)."""

    __slots__ = ("members", "parent", "substantive", "touched", "trailers")

    def __init__(self) -> None:
        self.touched: set[str] = set()  # changed by any commit
        self.substantive: set[str] = set()  # changed by a non-editorial commit
        self.trailers: dict[str, list[str]] = {}  # Amendment: texts per file
        self.parent: dict[str, str] = {}  # union-find over renames
        self.members: dict[str, set[str]] = {}

    def _root(self, path: str) -> str:
        while self.parent.get(path, path) != path:
            path = self.parent[path]
        return path

    def link(self, old: str, new: str) -> None:
        a, b = self._root(old), self._root(new)
        if a == b:
            return
        self.parent[a] = b
        self.members.setdefault(b, {b}).update(self.members.pop(a, {a}))

    def names(self, paths: Iterable[str]) -> set[str]:
        """Every name the files went by in the window (renames followed)."""
        out: set[str] = set()
        for path in paths:
            root = self._root(path)
            out |= self.members.get(root, {root})
        return out


def scan(repo: RepoInfo, since: str | None, until: str) -> Window:
    """Stream ``git log`` over ``since..until``, restricted to the manual's folder.

    Merge commits bring no changes of their own here: their branches' commits decide.
    """
    return read(start(repo, since, until))


def start(repo: RepoInfo, since: str | None, until: str) -> Iterator[bytes]:
    """:func:`scan`'s ``git log``, started now: its fields, for :func:`read`."""
    fmt = (
        f"%x1e%(trailers:key={EDITORIAL_KEY},valueonly,separator=%x1f)"
        f"%x1d%(trailers:key={AMENDMENT_KEY},valueonly,separator=%x1f)"
    )
    rng = f"{since}..{until}" if since else until
    args = ["log", "-z", "-M", "--name-status", f"--format={fmt}", rng, "--", repo.pathspec]
    return stream_tokens(args, repo.top)


def read(tokens: Iterator[bytes]) -> Window:
    """The window of the ``git log`` :func:`start` started."""
    touched: set[bytes] = set()
    substantive: set[bytes] = set()
    trailers: dict[bytes, list[str]] = {}
    window = Window()
    editorial = False
    amendments: list[str] = []
    for token in tokens:
        if token[:1] == b"\x1e":
            if token == b"\x1e\x1d":  # most commits: no trailers at all
                editorial, amendments = False, []
                continue
            marks, _, notes = token[1:].decode("utf-8", "replace").partition("\x1d")
            values = [v.strip().lower() for v in marks.split("\x1f") if v.strip()]
            editorial = bool(values) and all(v == "editorial" for v in values)
            amendments = [" ".join(v.split()) for v in notes.split("\x1f") if v.strip()]
            continue
        status = token.lstrip(b"\n")
        if not status:
            continue
        path = next(tokens)
        kind = status[:1]
        if kind in (b"R", b"C"):
            new = next(tokens)
            if kind == b"R":
                window.link(_text(path), _text(new))
            if status == b"R100":
                continue
            path = new
        elif kind not in _CONTENT:
            continue  # D: a deleted file carries no content
        touched.add(path)
        if not editorial:
            substantive.add(path)
        if amendments:
            trailers.setdefault(path, []).extend(amendments)
    window.touched = {_text(p) for p in touched}
    window.substantive = {_text(p) for p in substantive}
    window.trailers = {_text(p): texts for p, texts in trailers.items()}
    return window


def _text(path: bytes) -> str:
    return path.decode("utf-8", "surrogateescape")
