"""What ``upstream status`` reads of a local manual: the template chapters it places.

The status compares the template chapters a manual inherits or replaces between two
template editions; of the manual itself it needs only manual.yaml's ``id`` and
``upstream:``, each inherit entry's id (and the number of those it reports), each file
entry with its number, and the front matter of its own chapter files (a substitution
says there what it replaces). :func:`read_placed` reads just that, as fast as it can be
read: manual.yaml once, by the fast YAML path; the entries without building the contents
tree, an inherit entry's number worked out only when asked
(:func:`~manualctl.model.inherits.chapter_entries`);
each own chapter file once. It does not check the manual against the schemas (that is
``validate``'s work, and costs twice reading manual.yaml), only that what it reads is
there and of the type the status reads. Anything else (manual.yaml unreadable, not
YAML, not 'key: value' lines; an id, upstream setting, entry or ``replaces``/``based_on``
that is not text; a chapter file that cannot be read or whose front matter does not
parse) and the manual is read as every command reads it
(:func:`manualctl.check.load.read`): the same answer, or the one clear message with
every problem, file and line (exit 1). :func:`from_manual` gives the same value from a
manual read that way (``upstream update``); ``tests/test_upstream_placed.py`` holds the
two equal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manualctl.check import limits
from manualctl.check.file_problems import read_text
from manualctl.check.inside import Inside
from manualctl.check.load import display, read, refuse_errors
from manualctl.fsutil import resolved
from manualctl.model import chapter as chapter_mod
from manualctl.model.inherits import Inherits, chapter_entries
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.numbering import chapter_entry
from manualctl.model.yamltext.reader import YamlSyntaxError, collector_paused, load_fast
from manualctl.upstream.substitution import Substitution, substitution, substitutions


@dataclass(frozen=True)
class Placed:
    """A local manual's place in its template: what ``upstream status`` compares."""

    root: Path  # the manual's folder, resolved
    id: str
    upstream: dict[str, Any] | None  # manual.yaml's ``upstream:``
    config_text: str  # manual.yaml, for the positions shown
    shown: str  # manual.yaml, as messages name it
    inherited: Inherits  # the inherit entries' ids (each text), in contents order
    substitutions: list[Substitution]  # in contents order

    @property
    def config_path(self) -> Path:
        return self.root / MANUAL_FILE


def from_manual(manual: Manual, config_text: str) -> Placed:
    """The place of a manual read in full (:func:`manualctl.check.load.read`)."""
    inherited = Inherits.of(
        [(e.inherit or "", e.number, e.path) for e in manual.inherited_entries()]
    )
    upstream = manual.upstream
    subs = substitutions(manual, config_text)
    shown = display(manual.config_path)
    return Placed(manual.root, manual.id, upstream, config_text, shown, inherited, subs)


def read_placed(root: Path) -> Placed:
    """The place of the manual in ``root``; raises
    :class:`~manualctl.errors.ManualInvalid` for a manual that cannot be read for it."""
    root = resolved(root)
    try:
        with collector_paused():  # the data read refers only downwards: nothing to collect
            return _fast(root)
    except _Unusual:
        loaded = read(root)
        manual = refuse_errors(root, loaded.manual, loaded.findings)
        return from_manual(manual, loaded.texts.get(MANUAL_FILE, ""))


class _Unusual(Exception):
    """The fast read met something it leaves to the full one."""


def _fast(root: Path) -> Placed:
    path = root / MANUAL_FILE
    # (root is resolved: manual.yaml is inside it unless it is a symlink leading out)
    if os.path.islink(path) and not os.path.realpath(path).startswith(f"{root}{os.sep}"):
        raise _Unusual
    text, problem = read_text(path, limit=limits.MAX_MANUAL_BYTES)
    if problem is not None or text is None or not text.strip():
        raise _Unusual
    try:
        data = load_fast(text)
    except YamlSyntaxError:
        raise _Unusual from None
    if not isinstance(data, dict):
        raise _Unusual
    manual_id, upstream = data.get("id"), data.get("upstream")
    if type(manual_id) is not str or (upstream is not None and not _settings(upstream)):
        raise _Unusual
    inherited, files = chapter_entries(data)
    if not {*map(type, inherited.ids)} <= {str}:
        raise _Unusual
    shown = display(path)
    if upstream is None:  # built on no template (a template itself): nothing replaced
        return Placed(root, manual_id, upstream, text, shown, inherited, [])
    subs: list[Substitution] = []
    own: dict[str, chapter_mod.Chapter | None] = {}
    inside: Inside | None = None
    for raw, where, number, pinned in files:
        if not all(type(raw.get(k, "")) is str for k in ("file", "replaces", "based_on")):
            raise _Unusual
        rel = raw["file"]
        if rel not in own:
            inside = inside or Inside(root, real=True)
            own[rel] = _chapter(root, inside, rel)
        chapter = own[rel]
        if chapter is None:
            continue  # outside the manual or not there: validate reports it
        found = substitution(chapter_entry(raw, where, number, pinned), chapter, text, shown)
        if found is not None:
            subs.append(found)
    return Placed(root, manual_id, upstream, text, shown, inherited, subs)


def _settings(upstream: object) -> bool:
    return isinstance(upstream, dict) and all(
        type(upstream.get(k)) is str for k in ("manual", "edition")
    )


def _chapter(root: Path, inside: Inside, rel: str) -> chapter_mod.Chapter | None:
    """The chapter file ``rel`` as :func:`manualctl.check.load.read` reads it (None where
    it leaves it out: outside the manual, or not there)."""
    real = inside.where(rel)
    if real is None or inside.absent(rel):
        return None
    text, problem = read_text(f"{root}/{rel}", real=real, missing_ok=True)
    if problem is not None:
        raise _Unusual
    if text is None:
        return None
    try:
        meta, parts = chapter_mod.parse(text)
    except chapter_mod.FrontMatterError:
        raise _Unusual from None
    if not all(type(meta.get(k, "")) is str for k in ("replaces", "based_on")):
        raise _Unusual
    # (root / rel when that is where it is: pathlib then parses only rel's parts)
    path = root / rel if real == f"{root}/{rel}" else Path(real)
    return chapter_mod.Chapter(path, rel, meta, parts.body, parts.body_line, parts.front_matter)
