"""The template at the edition a manual follows, opened for reading its files.

Publish needs more of the template than the inherited chapters' text: which template
file each chapter is (so that a relative link between two template chapters can find
the chapter it names) and the pictures those chapters show. Both are read at the
edition's tag through one ``git cat-file --batch`` process, never from the template's
working tree (what a council inherits is what the template released)::

    with followed(manual) as template:
        template.edition.chapters["early-help"].rel   # chapters/family-support/early-help.md
        template.files(["media/pathway.png"])          # {"media/pathway.png": b"..."}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from manualctl.gitbatch import CatFile
from manualctl.model.manual import Manual
from manualctl.upstream.objects import files_at
from manualctl.upstream.resolve import Edition, read_editions
from manualctl.upstream.source import Upstream, UpstreamError, locate


@dataclass(frozen=True)
class Followed:
    """The template edition a manual follows, with the cat-file process reading it."""

    upstream: Upstream
    edition: Edition
    batch: CatFile

    def files(self, rels: Iterable[str]) -> dict[str, bytes]:
        """The template's files ``rels`` (relative to its folder) at the edition; a path
        that is no plain file there is left out."""
        return files_at(self.batch, self.upstream.repo, self.upstream.tag, rels)


@contextmanager
def followed(manual: Manual, home: Path | None = None) -> Iterator[Followed]:
    """The template edition ``manual`` follows. ``home``: the manual's own folder, when
    ``manual`` was taken out of git into a temporary one (a released edition rebuilt:
    manual.yaml names the template relative to its real folder). Raises
    :class:`~manualctl.upstream.source.UpstreamError`."""
    settings = manual.upstream
    if settings is None:
        raise UpstreamError(
            "upstream-unreadable",
            "the manual inherits chapters but names no upstream manual.",
            hint="Add 'upstream:' with the template's folder and edition to manual.yaml.",
        )
    upstream = locate(home or manual.root, settings)
    with CatFile(upstream.repo.top, files=True) as batch:
        edition = read_editions(upstream, [upstream.edition], batch)[0]
        yield Followed(upstream, edition, batch)
