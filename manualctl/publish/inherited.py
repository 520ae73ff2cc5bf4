"""Inherited chapters' relative links and pictures, resolved against the template's folder.

An inherited chapter was written in the template manual: ``../all-children/vision.md``
and ``../../media/pathway.png`` are relative to its file there, at the edition the
manual follows. In the manual's editions it has no file (it is ``upstream:ID``), so
before the one pandoc run each of its relative targets is written again:

* a link to a template chapter becomes ``chapter:ID`` (its ``#part`` kept), ID being the
  chapter that stands for it here: the inherited one, or the local chapter that
  replaces it; a template chapter the manual does not place keeps only its text, as
  any link to a chapter that is not in the edition (validate warns of such links:
  :mod:`manualctl.upstream.links`);
* a picture is read from git at the edition and shown as ``upstream/<its path in the
  template>`` (written into the publish run's work folder; the pinned filter reads it
  from there, and it is checked as the manual's own pictures are);
* a ``chapter:ID`` link to a template chapter the manual replaces names the local one.

The local file that fills a chapter's slots is the manual's own: its relative links and
pictures are made relative to the manual's folder, where they point. Any other relative
link (to a template file that is no chapter or picture) is left as written.
Nothing is read from git unless an inherited chapter has a relative link or picture, or
a ``chapter:ID`` link.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from manualctl.check import pictures
from manualctl.check.findings import Finding
from manualctl.check.load import LocalReader, Resolver, display
from manualctl.check.markdown.scan import Link, scan
from manualctl.check.rules import finding
from manualctl.errors import ManualInvalid, UsageError
from manualctl.model.chapter import Chapter
from manualctl.model.manual import ChapterEntry, Manual
from manualctl.upstream import slots
from manualctl.upstream.followed import Followed, followed
from manualctl.upstream.links import FILE, PICTURE, goes, is_relative, joined
from manualctl.upstream.resolve import inherited, on_disk
from manualctl.upstream.substitution import substitutions

#: the folder the template's pictures are shown from in the editions
PICTURES = "upstream/"

#: a relative target's new text, or None to leave it as written
Rewrite = Callable[[Link], str | None]


@dataclass(frozen=True)
class Inherited:
    """What the editions show of the inherited chapters in place of the manual's model."""

    bodies: dict[str, str] = field(default_factory=dict)  # entry file -> its text
    images: dict[str, Path] = field(default_factory=dict)  # name shown -> the picture


def resolve(manual: Manual, media: Path, home: Path | None = None) -> Inherited:
    """The inherited chapters of ``manual`` with their relative targets resolved; their
    pictures are written into the empty folder ``media``. ``home``: see
    :func:`manualctl.upstream.followed.followed`. Raises ManualInvalid for a picture
    that cannot be shown."""
    entries = [e for e in manual.inherited_entries() if _relative(manual, e)]
    if not entries:
        return Inherited()
    with followed(manual, home) as template:
        return _resolve(manual, entries, template, media)


def from_folder(home: Path) -> Resolver:
    """Reads the inherited chapters of a released edition taken out into a temporary
    folder: the template's folder is named relative to the manual's real folder, and
    the template edition is the one the release's manual.yaml followed."""

    def resolve(
        manual: Manual, config_text: str, read: LocalReader | None = None
    ) -> tuple[dict[str, Chapter], list[Finding]]:
        moved = manual.moved(home)
        return inherited(moved, config_text, read or on_disk(manual.root))

    return resolve


def _relative(manual: Manual, entry: ChapterEntry) -> bool:
    """The inherited chapter has a link or picture to resolve: a relative target, or a
    ``chapter:ID`` that may name a template chapter the manual replaces."""
    chapter = manual.chapters.get(entry.file)
    return chapter is not None and any(
        is_relative(link.target) or link.target.strip().startswith("chapter:")
        for link in scan(chapter.body).links
    )


def _resolve(
    manual: Manual, entries: list[ChapterEntry], template: Followed, media: Path
) -> Inherited:
    chapters = template.edition.chapters
    by_file = {c.rel: cid for cid, c in chapters.items()}
    standing = {e.inherit: e.inherit for e in manual.inherited_entries() if e.inherit}
    standing.update({s.replaces: s.chapter.id for s in substitutions(manual, "")})
    read = on_disk(manual.root)
    wanted: dict[str, str] = {}  # picture in the template -> the chapter showing it
    work: list[tuple[ChapterEntry, str, str, str | None]] = []
    for entry in entries:
        source = chapters.get(entry.inherit or "")
        if source is None:
            continue
        local = read(entry.local) if entry.local is not None else None
        expected = slots.fill(source.body, local) if local is not None else source.body
        if expected != manual.chapters[entry.file].body:
            continue  # not the text validate read: publish that as it is
        for link in scan(source.body).links:
            if link.image and is_relative(link.target):
                wanted.setdefault(joined(source.rel, link.target) or "", entry.file)
        work.append((entry, source.rel, source.body, local))
    wanted.pop("", None)
    shown = _pictures(manual, template.files(wanted), wanted, media)
    bodies: dict[str, str] = {}
    for entry, rel, body, local in work:
        text = _rewrite(body, _template_target(rel, by_file, standing, shown))
        if local is not None and entry.local is not None:
            text = slots.fill(text, _rewrite(local, _local_target(manual, entry.local)))
        bodies[entry.file] = text
    return Inherited(bodies, {PICTURES + rel: path for rel, path in shown.items()})


def _pictures(
    manual: Manual, found: dict[str, bytes], wanted: dict[str, str], media: Path
) -> dict[str, Path]:
    """Write each picture into ``media``; refuse one that is not the picture it says."""
    out: dict[str, Path] = {}
    problems: list[Finding] = []
    for rel, data in sorted(found.items()):
        if os.path.lexists(manual.root / PICTURES / rel):
            raise UsageError(
                f"{display(manual.root / PICTURES / rel)} is in the way of the template's "
                f"picture {rel}, which publish shows as {PICTURES}{rel}.",
                hint=f"Move the manual's own files out of its {PICTURES} folder.",
            )
        path = media / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        trouble = pictures.problem(path)
        if trouble is not None:
            where = (display(manual.root / wanted[rel]), 1, 1)
            message = f'the template\'s picture "{rel}" cannot be used: {trouble[1]}.'
            problems.append(finding(trouble[0], where, message, _PICTURE_HINT))
            continue
        out[rel] = path
    if problems:
        raise ManualInvalid(
            f"{display(manual.root)} cannot be published: {len(problems)} picture(s) of "
            "the template cannot be shown.",
            problems,
            hint=_PICTURE_HINT,
        )
    return out


_PICTURE_HINT = (
    "Fix the picture in the template manual and release a new template edition, or stop "
    "inheriting the chapter."
)


def _template_target(
    rel: str, by_file: dict[str, str], standing: dict[str, str], shown: dict[str, Path]
) -> Rewrite:
    """Targets in the template chapter ``rel``, as the manual's editions reach them (a
    template chapter not placed here is named by its id: the editions show its text)."""

    def rewrite(link: Link) -> str | None:
        where = goes(link, rel, by_file, standing)
        if where is None or where.kind == FILE:
            return None
        if where.kind == PICTURE:
            return quote(PICTURES + where.to) if where.to in shown else None
        new = f"chapter:{where.to}" + (f"#{where.part}" if where.part else "")
        return None if new == link.target.strip() else new

    return rewrite


def _local_target(manual: Manual, rel: str) -> Rewrite:
    """Targets in the manual's own slot file ``rel``, from the manual's folder."""

    def rewrite(link: Link) -> str | None:
        if not is_relative(link.target):
            return None
        path = joined(rel, link.target.strip())
        if path is None:
            return None
        chapter = None if link.image else manual.chapters.get(path)
        if chapter is not None and chapter.id:
            part = link.target.partition("#")[2]
            return f"chapter:{chapter.id}" + (f"#{part}" if part else "")
        return quote(path) + ("#" + link.target.partition("#")[2] if "#" in link.target else "")

    return rewrite


def _rewrite(body: str, rewrite: Rewrite) -> str:
    """``body`` with each link target ``rewrite`` gives a new text for written again."""
    out: list[str] = []
    done = 0
    for link in scan(body).links:
        new = rewrite(link)
        span = None if new is None else _target_span(body, link)
        if span is None or span[0] < done:
            continue
        out += [body[done : span[0]], new or ""]
        done = span[1]
    out.append(body[done:])
    return "".join(out)


def _target_span(body: str, link: Link) -> tuple[int, int] | None:
    """Where the link's target is written (inside ``<...>`` too), or None when it is
    written in a way it cannot be found as it is (spaces, escapes)."""
    at, target = link.offset, link.target
    if body.startswith(target, at):
        return at, at + len(target)
    if body.startswith(f"<{target}>", at):
        return at + 1, at + 1 + len(target)
    return None
