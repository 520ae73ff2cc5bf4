"""A set of file changes that is undone as a whole when any step (or the final check) fails.

Authoring commands change two or three things (manual.yaml, a chapter file, git's
index). Each step records how to undo itself; :meth:`ChangeSet.rollback` runs those in
reverse, so a failed command leaves every file as it was. An authoring command opens
its ChangeSet with :class:`checked_changes`, which checks the manual after the change
and rolls the change back if the manual no longer validates.

Crash safety: file contents are written to temporary files first (fsync'd), and the
renames that put them (and moved files) in place wait for :meth:`ChangeSet.finish`,
which does them one after the other. Before each change on disk or in git's index the
:class:`~manualctl.journal.Journal` is written (once for renames with no step recorded
between them: it is on disk as it stands), so a run killed at any moment is rolled
back by the next command that takes the manual's lock, which says so; the command
discards the journal once the change is checked (:meth:`ChangeSet.done`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from manualctl import git
from manualctl.check.findings import Severity
from manualctl.check.load import Resolver, read_config
from manualctl.check.validate import Report, check
from manualctl.errors import ManualInvalid, UsageError
from manualctl.fsutil import atomic_write, install, stage
from manualctl.journal import Journal
from manualctl.model.numbering import Built
from manualctl.model.yamltext.document import Document


class ChangeSet:
    """The change one command makes to the manual in ``root`` (``command`` names it)."""

    def __init__(self, root: Path, command: str) -> None:
        self.journal = Journal(root, command)
        self._undo: list[Callable[[], None]] = []
        #: what finish() does (a rename), and how to drop it if it never happens
        self._pending: list[tuple[Callable[[], None], Callable[[], None]]] = []
        self.touched: set[str] = set()  # every file changed, created or moved (and real paths)

    def finish(self) -> None:
        """Put every staged file and move in place, one rename after the other."""
        while self._pending:
            do, _ = self._pending.pop(0)
            self.journal.effect()
            do()

    def done(self) -> None:
        """The change is in place and checked: nothing is left to roll back."""
        self.journal.discard()

    def _touch(self, *paths: Path) -> None:
        for path in paths:
            self.touched.update((str(path), os.path.realpath(path)))

    def rollback(self) -> None:
        for _, drop in self._pending:  # never done: only their temporary files to delete
            with contextlib.suppress(Exception):
                drop()
        self._pending.clear()
        while self._undo:
            with contextlib.suppress(Exception):
                self._undo.pop()()
        self.journal.discard()

    def replace(self, path: Path, data: bytes) -> None:
        """Atomically replace an existing file."""
        self._touch(path)
        old = path.read_bytes()
        self.journal.replaced(path, old)
        self._stage(path, data)
        self._undo.append(lambda: atomic_write(path, old))

    def create(self, path: Path, data: str | bytes) -> None:
        """Create a new file (and its folders); never overwrite one."""
        if path.exists():
            raise UsageError(
                f"{path} already exists; manualctl never overwrites a file.",
                hint="Choose another id with --id, or move the existing file away first.",
            )
        self._touch(path)
        self.make_folder(path.parent)
        self.journal.created(path)
        self._stage(path, data)
        self._undo.append(lambda: path.unlink(missing_ok=True))

    def _stage(self, path: Path, data: str | bytes) -> None:
        staged = stage(path, data)
        self._pending.append((lambda: install(staged, path), lambda: staged.unlink()))

    def make_folder(self, folder: Path) -> None:
        missing = []
        for parent in (folder, *folder.parents):
            if parent.exists():
                break
            missing.append(parent)
        for new in reversed(missing):
            self.journal.made_folder(new)
            self.journal.effect()
            try:
                new.mkdir()
            except OSError as exc:
                raise UsageError(
                    f"Cannot create the folder {new}: {exc.strerror}.",
                    hint="Check that the manual's folder is writable, then run the command again.",
                ) from exc
            self._undo.append(lambda new=new: new.rmdir())  # type: ignore[misc]

    def move(self, src: Path, dst: Path, *, git_top: Path | None) -> None:
        """Move a file, with ``git mv`` when ``git_top`` is the top folder of the
        repository that tracks it (:func:`git_state`); never overwrite one."""
        if dst.exists():
            raise UsageError(
                f"{dst} already exists; manualctl never overwrites a file.",
                hint="Move or rename that file first, then run the command again.",
            )
        self._touch(src, dst)
        self.make_folder(dst.parent)
        if git_top is not None:
            self.journal.index(git_top, [src, dst])
            self._pending.append(
                (lambda: _git(["mv", "--", str(src), str(dst)], src.parent), lambda: None)
            )
            self._undo.append(lambda: _git(["mv", "--", str(dst), str(src)], dst.parent))
            self.journal.moved(src, dst)
            return

        def rename() -> None:
            try:
                os.rename(src, dst)
            except OSError as exc:
                raise UsageError(
                    f"Cannot move {src} to {dst}: {exc.strerror}.",
                    hint="Check that both folders are writable, then run the command again.",
                ) from exc

        self._pending.append((rename, lambda: None))
        self._undo.append(lambda: os.rename(dst, src))
        self.journal.moved(src, dst)

    def git_remove(self, path: Path, top: Path) -> None:
        """``git rm`` a tracked, unmodified file (undone from HEAD); ``top``: the top
        folder of its repository."""
        rel = path.name
        self._touch(path)
        self.journal.index(top, [path], removes=True)
        self.journal.effect()
        git.run(["rm", "-q", "--", rel], path.parent)
        self._undo.append(lambda: _git(["checkout", "HEAD", "--", rel], path.parent))


def _written(shown: str, root: Path, touched: set[str]) -> bool:
    """Whether the file a finding names (as shown to the user) is one the change wrote."""
    return any(os.path.realpath(p) in touched for p in (shown, root / shown))


def _git(args: list[str], cwd: Path) -> None:
    git.run(args, cwd)


def git_state(path: Path, top: Path | None) -> str:
    """``clean`` (tracked, unchanged), ``changed``, or ``none`` (not in git / untracked).
    ``top``: the top folder of the repository ``path`` is in (:class:`git.Toplevel`),
    None when it is in none."""
    if top is None:
        return "none"
    folder, name = path.parent, path.name
    tracked = git.run(["ls-files", "-z", "--", name], folder, check=False)
    if not tracked.strip("\0"):
        return "none"
    status = git.run(["status", "--porcelain", "-z", "--", name], folder, check=False)
    return "changed" if status.strip("\0") else "clean"


class checked_changes:
    """Context manager: a ChangeSet that is rolled back unless the manual still validates.

    The check after the change reads again only the files the change touched (and
    manual.yaml): the other chapters are as the check before it read them, under the
    manual's lock, and their own findings (the rules that look at one chapter alone)
    are the check before's; the rules across chapters run over them all.
    ``written``: manual.yaml as the change writes it, parsed (read back by
    :func:`~manualctl.model.yamltext.document.edit_once`), and ``tree`` its contents
    numbered (the edit's :class:`~manualctl.authoring.edits.Outcome`): the check after
    takes them when the file reads as that text, and those contents.
    """

    def __init__(
        self,
        before: Report,
        today: date | None,
        command: str,
        resolver: Resolver | None = None,
        *,
        tolerate: frozenset[str] = frozenset(),
        written: Document | None = None,
        tree: Built | None = None,
    ) -> None:
        self.root = before.root
        self.before = before.settle()  # (the rules may have run aside: before any write)
        self.today = today
        self.tolerate = tolerate  # finding codes let through in the files the change wrote
        self.resolver = resolver  # the inherited chapters of a manual built on a template
        self.written = written
        self.tree = tree
        self.changes = ChangeSet(before.root, command)

    def __enter__(self) -> ChangeSet:
        return self.changes

    def __exit__(self, kind: object, error: object, tb: object) -> None:
        if error is not None:
            self.changes.rollback()
            return
        try:
            self.changes.finish()
        except BaseException:
            self.changes.rollback()
            raise
        touched = self.changes.touched
        unchanged = {
            rel: read_
            for rel, read_ in self.before.reads.items()
            if read_[1] is not None and read_[1][0] not in touched
        }
        try:
            doc = self.written
            report = check(
                self.root,
                today=self.today,
                config=read_config(self.root, (doc.text, doc.data())) if doc is not None else None,
                reuse=unchanged,
                resolver=self.resolver,
                tree=self.tree,
                earlier=self.before,
            )
        except BaseException:
            self.changes.rollback()  # even a bug in the check leaves the manual as it was
            raise
        errors = [
            f
            for f in report.findings
            if f.severity is Severity.ERROR
            and not (f.code in self.tolerate and _written(f.file, self.root, touched))
        ]
        if report.manual is None or errors:
            self.changes.rollback()
            raise ManualInvalid(
                f"The change would leave the manual with {len(errors)} error(s), "
                "so nothing was changed.",
                errors,
                hint="Fix what is listed above, then run the command again.",
            )
        self.changes.done()
