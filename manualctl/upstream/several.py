"""``upstream status`` of several manuals in one run (a publisher's folder of councils).

Each manual is read for its place in its template (:func:`~manualctl.upstream.placed.read_placed`)
and compared by one :class:`~manualctl.upstream.status.Comparison` for them all: each
template found once, read from git once (one ``cat-file`` process per repository), each
template chapter compared once between two editions. Manuals found by searching a folder
that are not built on a template (the template itself, a manual of the council's own) are
left out and named, as they have nothing to compare; a manual given by name that is not
built on one is refused as for a single manual. With ``keep_going`` a manual that cannot be
read or compared (its manual.yaml broken, its template's edition missing) does not stop the
others: its error is kept in :attr:`Several.failed`, in the order given, for the command to
show after the statuses of the rest.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import (tests/test_cli_startup.py).
from functools import partial
from pathlib import Path
from typing import NamedTuple

from manualctl.check.load import display
from manualctl.check.parallel import run_chunks
from manualctl.errors import ManualctlError
from manualctl.fsutil import resolved
from manualctl.upstream.placed import read_placed
from manualctl.upstream.source import UpstreamError
from manualctl.upstream.status import Comparison, Status

#: manuals below which reading them in another process costs more than it saves (a manual
#: of 300 chapters is read in about a millisecond), and those read here before deciding
#: when a first look finds no CPU free
MIN_MANUALS = 24
SAMPLE_MANUALS = 8


class Failed(NamedTuple):
    """A manual that could not be read or compared, and why."""

    root: Path
    error: ManualctlError


class Several(NamedTuple):
    """The statuses of the manuals built on a template, in the order given, the folders
    of those found that are not built on one, and (``keep_going``) those that failed."""

    statuses: list[Status]
    left_out: list[Path]
    failed: list[Failed]


class _Again(NamedTuple):
    """A manual whose reading or comparing raised an error (in a worker: done again here
    for it, as a worker's error would not pickle whole)."""

    root: Path


class _LeftOut(NamedTuple):
    """A manual found that is not built on a template."""

    root: Path  # resolved


def status_of_all(
    roots: list[Path],
    to: str | None = None,
    *,
    named: frozenset[Path] = frozenset(),
    keep_going: bool = False,
) -> Several:
    """The status of each manual in ``roots`` built on a template. ``named`` are the
    manual folders given by name (not found by a search): one of those that is not built
    on a template is refused, as ``upstream status -m DIR`` refuses it. ``keep_going``:
    a manual that fails is kept in :attr:`Several.failed` and the others go on (else the
    first error, in the order given, is raised).

    Each worker process reads its share of the manuals and compares them itself, with
    what this process read of the template before forking (the first manuals' template:
    :func:`run_chunks` works through a few here first), so only the statuses come back.
    """
    errors: dict[Path, ManualctlError] = {}  # by the folder as read_placed resolves it
    done: list[Status] = []
    left_out: list[Path] = []
    with Comparison(to) as compare:
        work = partial(_work, compare, named)
        found = run_chunks(
            work, roots, min_items=MIN_MANUALS, sample=SAMPLE_MANUALS, look_first=True
        )
        for one in found:
            if isinstance(one, _Again):
                again = one.root
                try:  # the error again, here
                    one = _one(compare, named, again)
                except ManualctlError as error:
                    if not keep_going:
                        raise
                    errors[resolved(again)] = error
                    continue
            if isinstance(one, _LeftOut):
                left_out.append(one.root)
            else:
                done.append(one)
    if not done and not errors:
        where = ", ".join(display(root) for root in left_out)
        raise UpstreamError(
            "upstream-unreadable",
            f"None of the manuals found is built on a template ({where}): none names "
            "'upstream:' in its manual.yaml.",
            hint="Give the folders of manuals built on a template, or add 'upstream:' with "
            "the template's folder and edition (see the README, 'Manuals built on a "
            "template').",
        )
    return Several(done, left_out, _in_order(roots, errors))


def _in_order(roots: list[Path], errors: dict[Path, ManualctlError]) -> list[Failed]:
    """The manuals that failed, in the order given."""
    if not errors:
        return []
    return [Failed(root, errors[root]) for root in map(resolved, roots) if root in errors]


def _work(
    compare: Comparison, named: frozenset[Path], roots: list[Path]
) -> list[Status | _LeftOut | _Again]:
    out: list[Status | _LeftOut | _Again] = []
    for root in roots:
        try:
            out.append(_one(compare, named, root))
        except ManualctlError:
            out.append(_Again(root))
    if compare.forked:  # a worker, done: its git processes end before it does
        compare.close()
    return out


def _one(compare: Comparison, named: frozenset[Path], root: Path) -> Status | _LeftOut:
    placed = read_placed(root)
    if placed.upstream is None and placed.root not in named:
        return _LeftOut(placed.root)
    return compare.status(placed)
