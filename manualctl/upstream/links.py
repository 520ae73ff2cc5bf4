"""Where an inherited chapter's links lead in the manual that inherits it.

An inherited chapter was written in the template: ``[our vision](../all-children/
vision.md)`` and ``[vision](chapter:vision)`` name template chapters, by file or by id.
In a council's manual such a link goes to the chapter that stands for the template
chapter there: the inherited one, or the council's chapter that replaces it. A template
chapter the council does not place is not in its editions, so the link shows as plain
text; a relative link to a template file that is no chapter (a PDF beside the chapters)
leads nowhere in the council's editions. publish rewrites the links by :func:`goes`
(:mod:`manualctl.publish.inherited`); validate warns about the links the editions lose
(:func:`lost`), on the ``inherit:`` entry, since the council cannot edit the text.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import posixpath
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import unquote

from manualctl.check.findings import Finding
from manualctl.check.markdown.scan import Link, scan
from manualctl.check.rules import finding
from manualctl.model.chapter import Chapter
from manualctl.model.manual import ChapterEntry
from manualctl.upstream.substitution import Substitution

#: what a link of an inherited chapter is, in the manual inheriting it
CHAPTER = "chapter"  # a template chapter placed here: ``to`` is the id standing for it
UNPLACED = "unplaced"  # a template chapter the manual does not place: ``to`` is its id
PICTURE = "picture"  # a picture beside the template chapter: ``to`` its path in the template
FILE = "file"  # a template file that is no chapter: ``to`` its path in the template


class Goes(NamedTuple):
    """Where one link of an inherited chapter leads."""

    kind: str
    to: str
    part: str  # the ``#part`` after the target, without '#' ("" when none)


def is_relative(target: str) -> bool:
    """A target relative to the file it is written in (no scheme, not ``#part``)."""
    target = target.strip()
    return bool(target) and not target.startswith(("#", "/", "\\")) and ":" not in target


def joined(rel: str, target: str) -> str | None:
    """``target`` (relative to the file ``rel``) relative to the manual's folder, or None
    when it leads outside it."""
    path = unquote(target.partition("#")[0].split("?", 1)[0])
    out = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    return None if out == ".." or out.startswith(("../", "/")) else out


def goes(link: Link, rel: str, by_file: dict[str, str], standing: dict[str, str]) -> Goes | None:
    """Where ``link``, written in the template chapter file ``rel``, leads in the manual:
    ``by_file`` gives the template's chapter ids by file, ``standing`` the id standing for
    each template chapter the manual places. None: a web address, an anchor of the same
    chapter, or a path out of the template's folder (the template's own check reports it)."""
    target = link.target.strip()
    if target.startswith("chapter:"):
        cid, _, part = target[len("chapter:") :].partition("#")
        here = standing.get(cid)
        return Goes(UNPLACED, cid, part) if here is None else Goes(CHAPTER, here, part)
    if not is_relative(target):
        return None
    path = joined(rel, target)
    if path is None:
        return None
    if link.image:
        return Goes(PICTURE, path, "")
    part = target.partition("#")[2]
    linked = by_file.get(path)
    if linked is None:
        return Goes(FILE, path, part)
    here = standing.get(linked)
    return Goes(UNPLACED, linked, part) if here is None else Goes(CHAPTER, here, part)


def may_lead_here(body: str) -> bool:
    """False only when ``body`` has no link that :func:`goes` places: a relative target
    is written only in an inline link or picture, ``](``, or a definition, ``]:``, and a
    chapter by id also as ``<chapter:ID>`` (tests/test_upstream_links.py holds this to
    the scanner). Most template chapters link only to the web, if at all: their scan is
    not needed."""
    return "](" in body or "]:" in body or "chapter:" in body


class Lost(NamedTuple):
    """A link of an inherited chapter that the manual's editions cannot follow."""

    text: str  # the link's text, as written
    target: str  # as written
    goes: Goes


def lost(body: str, rel: str, by_file: dict[str, str], standing: dict[str, str]) -> list[Lost]:
    """The links of the template chapter ``body`` (file ``rel``) that lead to a template
    chapter the manual does not place, or to a template file that is no chapter."""
    if not may_lead_here(body):
        return []
    out = []
    for link in scan(body).links:
        where = goes(link, rel, by_file, standing)
        if where is not None and where.kind in (UNPLACED, FILE):
            out.append(Lost(link.text, link.target.strip(), where))
    return out


class Reach:
    """Links of inherited chapters that the manual's editions cannot follow."""

    def __init__(
        self, chapters: dict[str, Chapter], entries: list[ChapterEntry], subs: list[Substitution]
    ) -> None:
        self.chapters = chapters  # the template's, by id, at the edition followed
        self.standing = {e.inherit: e.inherit for e in entries if e.inherit}
        self.standing.update({s.replaces: s.chapter.id or "" for s in subs})
        self.by_file: dict[str, str] | None = None  # made when a chapter has a link

    def lost(
        self,
        source: Chapter,
        body: str,
        at: Callable[[tuple[str | int, ...]], tuple[str, int, int]],
        entry: tuple[str | int, ...],
    ) -> list[Finding]:
        """Warnings, placed by ``at`` on the ``inherit:`` key at ``entry``, for the links
        of ``body`` (the template chapter ``source``'s text outside the slots the manual
        fills)."""
        if self.by_file is None:
            self.by_file = {c.rel: cid for cid, c in self.chapters.items()}
        out = []
        for gone in lost(body, source.rel, self.by_file, self.standing):
            out.append(_warning(source, gone, self.chapters, at(entry)))
        return out


def _warning(
    source: Chapter, gone: Lost, chapters: dict[str, Chapter], at: tuple[str, int, int]
) -> Finding:
    text = f'the link "{gone.text}" ({gone.target})' if gone.text else f"the link {gone.target}"
    if gone.goes.kind == FILE:
        return finding(
            "inherit-link-file",
            at,
            f'the inherited chapter "{source.id}" has {text}, to the template file '
            f"{gone.goes.to}, which is no chapter: it leads nowhere in this manual's editions.",
            "Ask the template's editors to link to a chapter or a web address instead; "
            "or replace the chapter with a local one ('replaces: "
            f"{source.id}') whose link you can write.",
        )
    target = chapters.get(gone.goes.to)
    named = f'"{gone.goes.to}" ({target.title})' if target is not None else f'"{gone.goes.to}"'
    return finding(
        "inherit-link-unplaced",
        at,
        f'the inherited chapter "{source.id}" has {text}, to the template chapter {named}, '
        "which this manual does not place: its editions show the link as plain text.",
        f"Place that chapter ('- inherit: {gone.goes.to}' where it belongs) or a local "
        f"chapter that replaces it ('replaces: {gone.goes.to}'); or leave it, if this "
        "manual has no such chapter.",
    )
