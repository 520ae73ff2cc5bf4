"""``manualctl upstream status``: what the template changed that this manual must decide.

The manual follows the template at ``upstream.edition`` (E) and is compared with a
later edition T (``--to``, default the template's newest). Each template chapter the
manual places is in exactly one category:

* ``removed``: the template no longer has it at T;
* ``retitled``: its title changed (for a substitution: since ``based_on``);
* ``changed``: an inherited chapter whose text changed between E and T (it will be
  Updated in the manual's next edition once it moves to T);
* ``stale``: a substituted chapter whose template chapter changed since ``based_on``;
* ``unchanged``.

``unplaced`` lists chapters new in the template at T that the manual neither inherits
nor replaces. Every category but ``unchanged`` needs a decision (``--check`` fails).
The template's editions are read from the repository's own files
(:mod:`manualctl.gitobjects`), and so are its top, tags and shallow flag
(:mod:`manualctl.gitrefs`): no git process, unless those files leave a question to git
(then one cat-file process for every edition involved).
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from manualctl.check.load import display
from manualctl.editions.tags import parse_edition
from manualctl.gitbatch import CatFile
from manualctl.model.chapter import Chapter
from manualctl.model.manual import Manual
from manualctl.model.yamltext.reader import collector_paused
from manualctl.upstream.placed import Placed, from_manual
from manualctl.upstream.resolve import Edition, read_editions
from manualctl.upstream.source import Upstream, UpstreamError
from manualctl.upstream.source import locate as locate_upstream
from manualctl.upstream.substitution import Substitution

#: Category -> (heading in the text report, rule code for --format github).
CATEGORIES = {
    "changed": ("Changed upstream: inherited, so Updated in your next edition", "upstream-changed"),
    "stale": (
        "Stale substitutions: the template changed the chapter they replace",
        "substitution-stale",
    ),
    "retitled": ("Retitled upstream", "upstream-retitled"),
    "removed": ("Removed upstream", "upstream-removed"),
    "unplaced": ("New upstream chapters not placed", "upstream-unplaced"),
}

_RANK = {category: rank for rank, category in enumerate(CATEGORIES)}


class Item(NamedTuple):
    """One template chapter that needs a decision. (A NamedTuple: a frozen dataclass
    took 1 µs more to make, and 100 manuals have thousands.)"""

    category: str
    id: str  # the template chapter's id
    title: str
    number: str = ""  # the local number ("" for an unplaced chapter)
    detail: str = ""
    file: str = ""  # where it is written: manual.yaml or the substituted chapter file
    line: int = 0
    column: int = 0
    #: where in manual.yaml, when line is 0 (found only for output that shows it)
    key: tuple[str | int, ...] = ()
    #: for a substitution: file, line and column are where it says what it replaces,
    #: found only for output that shows them (reading the text for positions)
    sub: Substitution | None = None


@dataclass
class Status:
    manual: str
    upstream: str  # the template's folder, as shown
    edition: str  # followed
    compared_with: str
    items: list[Item] = field(default_factory=list)
    unchanged: int = 0
    config_text: str = field(default="", repr=False, compare=False)  # manual.yaml

    @property
    def needs_decision(self) -> bool:
        return bool(self.items)


def same(a: Chapter | None, b: Chapter | None) -> bool:
    """Substance (title and text) alike, as stamp compares chapters."""
    if a is None or b is None:
        return False
    return a is b or a.substance() == b.substance()


def status(manual: Manual, config_text: str, to: str | None = None) -> Status:
    """Compare the manual's template references with the template at ``to``."""
    with Comparison(to) as compare:
        return compare.status(from_manual(manual, config_text))


class Comparison:
    """Manuals compared with their templates at ``to`` (default: each one's newest edition)
    sharing what they read: each template found once, each file read once by object id
    (``CatFile(top, files=True)``), each template chapter compared once between two
    editions (most manuals inherit most of the same chapters). A process forked from the
    one that made it (:func:`manualctl.check.parallel.run_chunks`) keeps what was read
    before the fork, and reads more through git processes of its own (see :meth:`close`)."""

    def __init__(self, to: str | None = None) -> None:
        self.to = to
        self.found: dict[tuple[str, str], Upstream] = {}
        self.read: dict[tuple[Path, str], Edition] = {}
        #: (template, followed, target) -> template id -> (category, title, detail) of each
        #: chapter of the followed edition that needs a decision, None if unchanged
        self.decide: dict[tuple[Path, str, str], dict[str, tuple[str, str, str] | None]] = {}
        #: (template, followed, target) -> the chapters new in the target, in contents order
        self.new: dict[tuple[Path, str, str], list[Chapter]] = {}
        self.shown: dict[Path, str] = {}  # the template's folder -> as messages show it
        self._batches: dict[Path, CatFile] = {}  # of the process self._owner
        self._stack, self._made_in = ExitStack(), os.getpid()
        self._owner = self._made_in

    def __enter__(self) -> "Comparison":
        return self

    def __exit__(self, *exc: object) -> None:  # (the git processes ended)
        self.close()

    @property
    def forked(self) -> bool:
        """Whether this is a process forked from the one that made the comparison."""
        return os.getpid() != self._made_in

    def status(self, placed: Placed) -> Status:
        """The status of one manual (:mod:`manualctl.upstream.placed`)."""
        with collector_paused():  # (what is made here has no cycles)
            upstream = _upstream(placed, self.found)
            return _status(placed, upstream, self)

    def close(self) -> None:
        """End the git processes this process started for the comparison."""
        if self._owner == os.getpid():  # (never the parent's, from a forked process)
            self._stack.close()
            self._batches.clear()

    def batch(self, top: Path) -> CatFile:
        """This process's cat-file process for the repository ``top``."""
        if self._owner != os.getpid():  # (those the parent started are not this one's)
            self._batches, self._stack, self._owner = {}, ExitStack(), os.getpid()
        batch = self._batches.get(top)
        if batch is None:
            batch = self._stack.enter_context(CatFile(top, files=True))
            self._batches[top] = batch
        return batch


def _upstream(manual: Placed, found: dict[tuple[str, str], Upstream]) -> Upstream:
    """The manual's template at the edition it follows (found before: no git process).
    Keyed by the template's folder as text: the manuals of one call name it alike."""
    settings = manual.upstream
    if settings is None:
        raise UpstreamError(
            "upstream-unreadable",
            f"{display(manual.config_path)} names no upstream manual.",
            hint="Add 'upstream:' with the template's folder and edition (see the README, "
            "'Manuals built on a template').",
        )
    here = str(manual.root)
    root = os.path.normpath(os.path.join(here, str(settings.get("manual") or "")))
    edition = str(settings.get("edition") or "")
    known = found.get((root, edition))
    if known is not None:
        return known
    template = found.get((root, ""))
    if template is None or root == os.path.normpath(here):
        template = found[(root, "")] = locate_upstream(manual.root, settings)
    return found.setdefault((root, edition), template.at(edition))


def _status(manual: Placed, upstream: Upstream, shared: Comparison) -> Status:
    to, batch = shared.to, shared.batch(upstream.repo.top)
    target = parse_edition(to, what="--to") if to else upstream.editions[-1]
    if target not in upstream.editions:
        upstream.at(target)  # raises: the template has no such edition
    if target < upstream.edition:
        raise UpstreamError(
            "upstream-edition-missing",
            f"--to {target} is before the edition this manual follows ({upstream.edition}).",
            hint="Give a later edition of the template.",
        )
    subs = manual.substitutions
    wanted = [upstream.edition, target, *(s.based_on for s in subs if s.based_on)]
    editions = _read(upstream, wanted, batch, shared.read)
    followed, later = editions[upstream.edition], editions[target]
    pair = (upstream.root, upstream.edition, target)
    decide = shared.decide.get(pair)
    if decide is None:
        decide = shared.decide[pair] = {}
        for cid, before in followed.chapters.items():
            verdict = _compare(before, later.chapters.get(cid), target, "")
            decide[cid] = None if verdict[0] == "unchanged" else verdict
        shared.new[pair] = [c for i, c in later.chapters.items() if i not in followed.chapters]
    shown = manual.shown
    template = shared.shown.get(upstream.root)
    if template is None:
        template = shared.shown[upstream.root] = display(upstream.root)
    result = Status(manual.id, template, upstream.edition, target)
    result.config_text = manual.config_text
    # (an id the followed edition does not have is in neither: validate reports it)
    inherited = manual.inherited
    ids = inherited.ids
    # each inherited id's verdict in one pass: None unchanged, 0 not in the followed edition
    verdicts = list(map(decide.get, ids, repeat(0)))
    result.unchanged = verdicts.count(None)
    make, append, at = Item._make, result.items.append, inherited.at
    for i in compress(count(), verdicts):  # (_make: no keywords to sort out)
        category, title, detail = verdicts[i]  # type: ignore[misc]  # (compress: a verdict)
        number, path = at(i)  # worked out only for what is reported
        row = (category, ids[i], title, number, detail, shown, 0, 0, (*path, "inherit"), None)
        append(make(row))
    for sub in subs:
        base_edition = sub.based_on or upstream.edition
        base = editions.get(base_edition, followed).chapters.get(sub.replaces)
        if base is None:
            continue
        after = later.chapters.get(sub.replaces)
        if after is base:  # the same file at both editions: unchanged, as _compare says
            result.unchanged += 1
            continue
        category, title, detail = _compare(
            base, after, target, f"replaced by {sub.entry.file}, based on {base_edition}"
        )
        if category == "unchanged":
            result.unchanged += 1
            continue
        item = Item(category, sub.replaces, title, sub.entry.number, detail, sub=sub)
        result.items.append(item)
    new = shared.new[pair]
    if new:
        placed = {*ids, *(sub.replaces for sub in subs)}
        for chapter in new:
            cid = chapter.id
            if cid not in placed:
                detail = f"new in {target}"
                key = ("upstream", "edition")
                result.items.append(
                    Item("unplaced", cid, chapter.title, "", detail, shown, key=key)
                )
    # by category, each in contents order (a stable sort), with no Python call per item
    items = result.items
    ranks = list(map(_RANK.__getitem__, map(itemgetter(0), items)))
    result.items = list(map(items.__getitem__, sorted(range(len(items)), key=ranks.__getitem__)))
    return result


def _read(
    upstream: Upstream,
    wanted: list[str],
    batch: CatFile,
    read: dict[tuple[Path, str], Edition],
) -> dict[str, Edition]:
    missing = sorted({e for e in wanted if e not in upstream.editions})
    if missing:
        raise UpstreamError(
            "upstream-edition-missing",
            f"the template {display(upstream.root)} has no edition {', '.join(missing)} "
            f"(its editions: {', '.join(upstream.editions)}).",
            hint="Correct based_on (the template edition the chapter was written against), "
            "or fetch the template's tags ('git fetch --tags').",
        )
    unique = list(dict.fromkeys(wanted))
    new = [e for e in unique if (upstream.root, e) not in read]
    for edition in read_editions(upstream, new, batch):
        read[(upstream.root, edition.edition)] = edition
    return {e: read[(upstream.root, e)] for e in unique}


def _compare(
    before: Chapter, after: Chapter | None, target: str, substituted: str
) -> tuple[str, str, str]:
    """(category, title, detail) of a template chapter placed by the manual."""
    if after is before:  # the same file at both editions (most chapters): said at once
        return "unchanged", after.title, substituted
    if after is None:
        detail = f"the template has no such chapter at {target}"
        return "removed", before.title, _join(substituted, detail)
    if after.title.strip() != before.title.strip():
        return "retitled", after.title, _join(substituted, f'was "{before.title}"')
    if same(before, after):
        return "unchanged", after.title, substituted
    return ("stale" if substituted else "changed"), after.title, substituted


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
