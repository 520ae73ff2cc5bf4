"""Rules for links and images in chapter bodies.

Links are checked after every chapter is scanned, so a link's #anchor is looked up in the
chapter it names. A link or image found good is not checked again from the same folder.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from manualctl.check import pictures, policy
from manualctl.check.findings import Finding, did_you_mean
from manualctl.check.markdown.scan import Link, Scan, scan
from manualctl.check.rules import finding
from manualctl.check.rules.context import Context, Where
from manualctl.model.chapter import Chapter
from manualctl.model.manual import INHERITED_PREFIX

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_REMOTE = ("http://", "https://", "ftp://", "data:", "//")
_TRAILING = ".,;:!?"


def check(ctx: Context, scans: dict[str, Scan]) -> list[Finding]:
    findings: list[Finding] = []
    anchors = _Anchors(ctx, scans)
    fine: set[tuple[str, str, bool]] = set()  # (folder, target, image) found good already
    for chapter in [*ctx.chapters, *ctx.slot_files.values()]:
        folder = chapter.rel.rpartition("/")[0]
        for link in scans[chapter.rel].links:
            seen = (folder, link.target, link.image)
            if seen in fine and (not link.image or link.text.strip()):
                continue
            problem = (
                _image(ctx, chapter, link) if link.image else _link(ctx, chapter, link, anchors)
            )
            if problem is not None:
                findings.append(problem)
            elif "#" not in link.target or link.target.startswith("chapter:"):
                fine.add(seen)  # (#anchor links depend on the chapter they are in)
    return findings


def punctuated(ctx: Context, chapter: Chapter, scan: Scan) -> list[Finding]:
    """Web addresses whose last character is punctuation: almost always the end of the
    sentence caught inside the address, which then leads nowhere."""
    found = [(link.target, link.offset) for link in scan.links if not link.image]
    return [
        finding(
            "link-url-punctuation",
            ctx.body_at(chapter, offset),
            f'the web address "{url}" ends in "{url[-1]}", which is then part of the link.',
            f'Move the "{url[-1]}" out of the address: <{url[:-1]}>{url[-1]} (or '
            f"[text]({url[:-1]})).",
        )
        for url, offset in found
        if url.startswith(_REMOTE[:3]) and url[-1] in _TRAILING
    ]


class _Where:
    """A place in a chapter body, turned into (file, line, column) only when reported."""

    def __init__(self, ctx: Context, chapter: Chapter, offset: int) -> None:
        self.ctx, self.chapter, self.offset = ctx, chapter, offset

    def __call__(self) -> Where:
        return self.ctx.body_at(self.chapter, self.offset)


class _Anchors:
    """Heading identifiers of each chapter, by file and by chapter id, worked out when a
    link names an #anchor."""

    def __init__(self, ctx: Context, scans: dict[str, Scan]) -> None:
        self.ctx = ctx
        self.scans = scans
        self.cache: dict[str, set[str]] = {}

    def of_file(self, rel: str) -> set[str]:
        if rel not in self.cache:
            found = self.scans.get(rel)
            chapter = self.ctx.manual.chapters.get(rel)
            if found is None and chapter is not None:  # an inherited chapter: not scanned yet
                found = self.scans[rel] = scan(chapter.body)
            self.cache[rel] = {h.id for h in found.headings} if found else set()
        return self.cache[rel]

    def of_id(self, chapter_id: str) -> set[str]:
        chapter = self.ctx.by_id.get(chapter_id)
        return self.of_file(chapter.rel) if chapter else set()


def _link(ctx: Context, chapter: Chapter, link: Link, anchors: _Anchors) -> Finding | None:
    target = link.target.strip()
    where = _Where(ctx, chapter, link.offset)
    if not policy.target_allowed(target):
        return None  # a refused scheme: rules.safety reports it
    if not target:
        return finding(
            "link-dangling",
            where(),
            f'the link "{link.text}" has no target.',
            "Write where it goes between the brackets: (chapter:ID), (https://...) or (#heading).",
        )
    if target.startswith("chapter:"):
        wanted, _, anchor = target[len("chapter:") :].partition("#")
        if not ctx.known(wanted):
            if ctx.incomplete and wanted not in ctx.retired:
                return None  # it may be the id of a chapter file that could not be read
            if chapter.kind == "amendments":
                return None  # generated text: publish prints a gone chapter's name as text
            return _unknown_chapter(ctx, where, target, wanted)
        if anchor and wanted in ctx.by_id and anchor not in anchors.of_id(wanted):
            return _unknown_anchor(where, target, anchor, anchors.of_id(wanted))
        return None
    if target.startswith("#"):
        anchor = target[1:]
        # a slot file's text is in the inherited chapter it fills: its headings are that
        # chapter's
        filled = [f for f, slot in ctx.slot_files.items() if slot is chapter]
        own = anchors.of_file(filled[0] if filled else chapter.rel)
        if ctx.known(anchor) or anchor in own or ctx.incomplete:
            return None
        return finding(
            "link-dangling",
            where(),
            f'the link "{target}" names no heading of this chapter and no chapter id.'
            + (did_you_mean(anchor, own) or ctx.suggest_chapter(anchor)),
            "For another chapter write (chapter:ID) with the id from its front matter; for "
            "a heading here write (#heading-text-in-lower-case-with-hyphens).",
        )
    if _SCHEME.match(target) or target.startswith("//"):
        return None  # a web address, mailto: or similar: not checked here
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    resolved = _resolve(ctx, chapter, path, where, "link-outside", "link")
    if isinstance(resolved, Finding):
        return resolved
    inherited = resolved.startswith(INHERITED_PREFIX)  # "upstream:ID" names no file
    if resolved in ctx.manual.chapters and not inherited:
        ids = anchors.of_file(resolved)
        if anchor and anchor not in ids:
            return _unknown_anchor(where, target, anchor, ids)
        return None
    if os.path.exists(os.path.join(ctx.root, resolved)) or (
        resolved in ctx.listed and not inherited
    ):
        return None  # (a listed chapter file that is missing is reported in manual.yaml)
    here = posixpath.dirname(chapter.rel)
    files = [f for f in ctx.manual.chapters if not f.startswith(INHERITED_PREFIX)]
    suggestion = did_you_mean(path, [posixpath.relpath(f, here) for f in files])
    stem = posixpath.splitext(posixpath.basename(path))[0]
    if not suggestion and stem in ctx.inherited:  # inherited: no file, an id
        suggestion = f' Did you mean "chapter:{stem}" (inherited from the template)?'

    return finding(
        "link-missing-file",
        where(),
        f'the link "{target}" points to {resolved}, which does not exist.{suggestion}',
        "Link to chapters as (chapter:ID), with the id from the chapter's front matter: "
        "such links keep working when files move.",
    )


def _unknown_chapter(ctx: Context, where: _Where, target: str, wanted: str) -> Finding:
    if wanted in ctx.retired:
        message = f'the link "{target}" names a retired chapter ({ctx.retired[wanted]}).'
    else:
        message = (
            f'the link "{target}" names the chapter id "{wanted}", which no chapter in this '
            "manual has." + ctx.suggest_chapter(wanted)
        )
    return finding(
        "link-dangling",
        where(),
        message,
        "Use the id from the chapter's front matter (its 'id:' line), or remove the link.",
    )


def _unknown_anchor(where: _Where, target: str, anchor: str, ids: set[str]) -> Finding:
    return finding(
        "link-unknown-anchor",
        where(),
        f'the link "{target}" names "#{anchor}", which is not a heading of that chapter.'
        + did_you_mean(anchor, ids),
        "Use a heading's text in lower case with hyphens for spaces, or link to the "
        "chapter without '#...'.",
    )


def _resolve(
    ctx: Context, chapter: Chapter, path: str, where: _Where, code: str, what: str
) -> str | Finding:
    """``path`` (relative to the chapter file) relative to the manual's folder, or why not."""
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path):
        return finding(
            code,
            where(),
            f'the {what} "{path}" is an absolute path.',
            f"Give the {what}'s path relative to this chapter file, inside the manual's "
            "folder (for example ../../media/diagram.png).",
        )
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(chapter.rel), path))
    if joined == ".." or joined.startswith("../"):
        return finding(
            code,
            where(),
            f'the {what} "{path}" is outside the manual\'s folder.',
            f"Keep the {what}'s file inside the manual's folder (images go in media/).",
        )
    if ctx.inside.where(joined) is None:
        real = os.path.realpath(os.path.join(ctx.root, joined))
        return finding(
            code,
            where(),
            f'the {what} "{path}" is a link (symlink) to {real}, outside the manual\'s folder.',
            "Copy the file into the manual's folder instead of linking to it.",
        )
    return joined


def alt_finding(where: Where, target: str) -> Finding:
    """The finding for an image without alt text (also the PDF edition's own check)."""
    return finding(
        "image-alt",
        where,
        f'the image "{target}" has no alt text.',
        "Describe the image between the brackets, e.g. ![Flow chart of the referral "
        "process](...): people using screen readers hear this text.",
    )


def picture_finding(where: Where, name: str, path: Path) -> Finding | None:
    """A finding when the picture file at ``path`` is not the picture it says it is, or
    is an SVG that could run script (:mod:`manualctl.check.pictures`)."""
    trouble = pictures.problem(path)
    if trouble is None:
        return None
    code, reason = trouble
    if code == "image-unsafe":
        hint = (
            "Save the drawing again without scripts, event handlers, links to other files "
            "or a DOCTYPE (most drawing programs have a 'plain SVG' export), or use a PNG."
        )
    elif " pixels; " in reason:
        hint = "Scale the picture down (a page is about 2,500 pixels wide at 300 dpi)."
    else:
        hint = (
            "Save the picture again as a real PNG, JPEG, GIF or SVG file (export it from "
            "the program that made it), give it the extension of its kind, and validate "
            "again."
        )
    return finding(code, where, f'the image "{name}" cannot be used: {reason}.', hint)


def _image(ctx: Context, chapter: Chapter, link: Link) -> Finding | None:
    target = link.target.strip()
    where = _Where(ctx, chapter, link.offset)
    if not policy.target_allowed(target):
        return None  # a refused scheme: rules.safety reports it
    if not link.text.strip():
        return alt_finding(ctx.body_at(chapter, link.start), target)
    if target.lower().startswith(_REMOTE):
        return finding(
            "image-outside",
            where(),
            f'the image "{target[:60]}" is not in the manual\'s folder.',
            "Download the image into media/ and link to it from there: editions are built "
            "only from files inside the manual.",
        )
    resolved = _resolve(ctx, chapter, unquote(target), where, "image-outside", "image")
    if isinstance(resolved, Finding):
        return resolved
    if posixpath.splitext(resolved)[1].lower() not in pictures.IMAGE_SUFFIXES:
        return finding(
            "image-format",
            where(),
            f'"{target}" is not an image file the editions can show.',
            pictures.USE_A_PICTURE,
        )
    path = os.path.join(ctx.root, resolved)
    if os.path.lexists(path):
        return picture_finding(where(), target, Path(path))
    media = ctx.root / "media"
    names = [p.name for p in media.iterdir()] if media.is_dir() else []
    guess = did_you_mean(posixpath.basename(resolved), names)
    return finding(
        "image-missing",
        where(),
        f'the image "{target}" is missing: there is no file {resolved}.{guess}',
        "Put the image in the manual's media/ folder and give its path relative to this "
        "chapter file (from chapters/<section>/ that is ../../media/<name>).",
    )
