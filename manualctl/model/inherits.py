"""The chapter entries of manual.yaml's data as ``upstream status`` reads them, in one pass.

The status of a manual built on a template needs every ``inherit:`` id (to count the
unchanged chapters and find those that need a decision) but the number and key path of
only the few it reports, and every ``file:`` entry with its number (a substitution says
there what it replaces). :func:`chapter_entries` walks the raw data once, keeping only
the ids of the inherit entries; a number and a key path are worked out when asked
(:meth:`Inherits.at`). A list of plain entries (chapter entries and sub-sections with no
pinned number, every one a mapping) is walked here: an entry's number is its place in
the list. Any other list (a pin, a note, a see-also line, an external link, anything
odd) is walked by :func:`~manualctl.model.numbering.numbered_chapters`'s own walk, with
every number kept. ``tests/test_numbering.py`` holds the two equal on generated trees.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import compress, count, repeat
from operator import ne
from typing import Any

from manualctl.model.numbering import Numbered, _Counter, _numbered

Path = tuple[str | int, ...]

#: A run of inherit entries: (first id's place, the list's key path, its number prefix,
#: inherit entries of the list before the run, for each of the list's other numbered
#: entries the inherit entries before it) for a plain list; (first id's place, None, "",
#: 0, [(number, key path), ...]) for a list walked by numbered_chapters' walk.
_Run = tuple[int, Path | None, str, int, list[Any]]


class Inherits:
    """The ids of a manual's inherit entries in contents order (:attr:`ids`: each the
    raw value written), and each one's number and key path on request."""

    __slots__ = ("_runs", "_starts", "ids")

    def __init__(self) -> None:
        self.ids: list[Any] = []
        self._runs: list[_Run] = []
        self._starts: list[int] = []

    @classmethod
    def of(cls, entries: list[tuple[str, str, Path]]) -> Inherits:
        """From (id, number, key path) of each inherit entry, in contents order."""
        made = cls()
        made.ids = [cid for cid, _, _ in entries]
        made._add((0, None, "", 0, [(number, path) for _, number, path in entries]))
        return made

    def _add(self, run: _Run) -> None:
        if run[0] < len(self.ids):  # a run with no ids is never asked for
            self._runs.append(run)
            self._starts.append(run[0])

    def at(self, i: int) -> tuple[str, Path]:
        """(number, key path) of the ``i``-th inherit entry."""
        start, path, prefix, before, others = self._runs[bisect_right(self._starts, i) - 1]
        if path is None:
            number, where = others[i - start]
            return number, where
        nth = i - start + before  # its place among the list's inherit entries
        index = nth + bisect_right(others, nth)  # each other entry before it: one on
        return prefix + str(index + 1), (*path, index)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[tuple[Any, str, Path]]:
        for i, cid in enumerate(self.ids):
            yield (cid, *self.at(i))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Inherits) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by content

    def __repr__(self) -> str:
        return f"Inherits({list(self)!r})"


def chapter_entries(data: dict[str, Any]) -> tuple[Inherits, list[Numbered]]:
    """The inherit entries of ``data`` and its ``file`` entries (raw entry, key path,
    number, pinned number or None), each in contents order, numbered as
    :func:`~manualctl.model.numbering.build_tree` numbers them (an entry with both
    ``file`` and ``inherit`` is a file entry, as there)."""
    inherits, files = Inherits(), list[Numbered]()
    sections = data.get("contents")
    if not isinstance(sections, list):
        return inherits, files
    top = _Counter("", [])
    for index, raw in enumerate(sections):
        if not isinstance(raw, dict) or "section" not in raw:
            continue
        here: Path = ("contents", index)
        number, _ = top.next(raw.get("number"), here)
        _list(raw.get("entries"), (*here, "entries"), f"{number}.", False, inherits, files)
    return inherits, files


def _list(
    entries: Any, path: Path, prefix: str, inner: bool, out: Inherits, files: list[Numbered]
) -> None:
    """The entries of one section (or sub-section, ``inner``) into ``out`` and ``files``."""
    if not isinstance(entries, list) or _plain(entries, path, prefix, out, files):
        return
    ids = out.ids
    append = ids.append
    first, runs, file_count = len(ids), len(out._runs), len(files)
    start = first  # the open run's first id
    nested = 0  # ids kept of its sub-sections
    others: list[int] = []  # for each numbered entry not an inherit: inherits before it
    for index, raw in enumerate(entries):
        if type(raw) is not dict or "number" in raw:
            break
        if "file" in raw:
            others.append(index - len(others))
            files.append((raw, (*path, index), prefix + str(index + 1), None))
        elif "inherit" in raw:
            append(raw["inherit"])
        elif inner or "subsection" not in raw or "external" in raw:
            break  # a note, a see-also line or an external link: numbered_chapters' walk
        else:
            others.append(index - len(others))
            out._add((start, path, prefix, start - first - nested, others))
            number, start = prefix + str(index + 1), len(ids)
            _list(raw.get("entries"), (*path, index, "entries"), f"{number}.", True, out, files)
            nested += len(ids) - start
            start = len(ids)
    else:
        out._add((start, path, prefix, start - first - nested, others))
        return
    # not a plain list: forget what was kept of it, and walk it as numbered_chapters does
    del ids[first:], out._runs[runs:], out._starts[runs:], files[file_count:]
    numbers = []
    for raw, where, number, pinned in _numbered(entries, _Counter(prefix, []), path, inner):
        if "file" in raw:
            files.append((raw, where, number, pinned))
        else:
            append(raw["inherit"])
            numbers.append((number, where))
    out._add((first, None, "", 0, numbers))


def _plain(
    entries: list[Any], path: Path, prefix: str, out: Inherits, files: list[Numbered]
) -> bool:
    """:func:`_list` of a list of chapter entries only (no sub-section, note or pinned
    number: the most common list by far), with C's loops doing the work for each
    ``inherit:`` entry with no other key (a turn of :func:`_list`'s loop for each entry
    cost the status of 100 manuals of 300 chapters 47 M instructions; these passes,
    34 M). False, having kept nothing, for any other list."""
    try:
        got = list(map(dict.get, entries, repeat("inherit")))
    except TypeError:  # an entry that is not a mapping
        return False
    # the entries to look at one by one: all but those that are {"inherit": <an id>}
    odd: set[int] = set()
    if entries and max(map(len, entries)) != 1:  # (mostly not: then one cheap pass)
        odd.update(compress(count(), map(ne, map(len, entries), repeat(1))))
    at = -1
    try:
        while True:
            at = got.index(None, at + 1)
            odd.add(at)
    except ValueError:
        pass
    places = sorted(odd)
    file_places = []
    for index in places:
        raw = entries[index]
        if "number" in raw:
            return False
        if "file" in raw:
            file_places.append(index)
        elif "inherit" not in raw:
            return False  # a sub-section, a note, an external link: _list's walk
    ids, others, kept = out.ids, list[int](), 0
    first = len(ids)
    for n, index in enumerate(file_places):
        ids.extend(got[kept:index])
        kept = index + 1
        others.append(index - n)  # the inherit entries before it
        files.append((entries[index], (*path, index), prefix + str(index + 1), None))
    ids.extend(got[kept:])
    out._add((first, path, prefix, 0, others))
    return True
