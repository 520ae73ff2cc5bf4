"""Rules for chapter bodies: heading levels and raw markup; links and images are checked
by :mod:`manualctl.check.rules.links` once every body has been scanned
(:mod:`manualctl.check.markdown.scan`).
"""

from __future__ import annotations

from manualctl.check.findings import Finding
from manualctl.check.markdown.scan import Heading, Raw, Scan, scan
from manualctl.check.rules import finding, leftovers, links, safety
from manualctl.check.rules.context import Context
from manualctl.model.chapter import Chapter

_RAW_HINTS = {
    "HTML": "Write it in Markdown instead (*emphasis*, **bold**, a backslash at the end of a "
    "line for a line break), or remove it.",
    "HTML comment": "Remove the comment once you have done what it says: notes for "
    "editors belong in the commit message.",
    "LaTeX": "Write it in Markdown instead: publish starts each chapter on a new page and "
    "lays out the editions itself. For a backslash in text, write \\\\.",
}
_RAW_HINT = "Remove it: publish lays out the Word and PDF editions itself."


def check(ctx: Context, scans: dict[str, Scan]) -> list[Finding]:
    """The rules of chapter bodies that look beyond one chapter: links (into the chapters
    they name) and the text of the slot files. ``scans``: each chapter's body scan, by
    its file (what one chapter's body holds alone is :func:`own`)."""
    findings: list[Finding] = []
    scans = dict(scans) if ctx.slot_files else scans
    for slot in ctx.slot_files.values():  # headings: the template chapter's to order
        found = scan(slot.body)
        scans[slot.rel] = found
        findings += [_raw(ctx, slot, raw) for raw in found.raw]
        findings += safety.check(ctx, slot, found)
        findings += links.punctuated(ctx, slot, found)
    return findings + links.check(ctx, scans)


def own(
    ctx: Context, chapter: Chapter, found: Scan, placeholders: tuple[str, ...]
) -> list[Finding]:
    """The rules of one chapter's body that look at nothing else: its headings, raw
    markup, what :mod:`.safety` refuses, text left in by mistake (:mod:`.leftovers`,
    ``placeholders`` from :func:`~.leftovers.placeholder_lines`) and web addresses ending
    in punctuation. ``found``: its scan."""
    findings = _headings(ctx, chapter, found.headings)
    if found.raw:
        findings += [_raw(ctx, chapter, raw) for raw in found.raw]
    findings += safety.check(ctx, chapter, found)
    findings += leftovers.own(ctx, chapter, placeholders)
    findings += links.punctuated(ctx, chapter, found)
    return findings


def _headings(ctx: Context, chapter: Chapter, headings: list[Heading]) -> list[Finding]:
    """Publish moves a chapter's headings so the highest sits just below the chapter's
    title; after that, each heading may go down only one level from the one before."""
    findings: list[Finding] = []
    if not headings:
        return findings
    previous = min(h.level for h in headings) - 1
    for heading in headings:
        if heading.level > previous + 1:
            wanted = "#" * (previous + 1)
            findings.append(
                finding(
                    "heading-skip",
                    ctx.body_at(chapter, heading.offset),
                    f'the heading "{heading.text}" is level {heading.level} '
                    f"({'#' * heading.level}) after level {previous}: a level is skipped.",
                    f"Make it {wanted} (one level below the heading before it), or add the "
                    "missing level above it. Screen readers and PDF bookmarks need headings "
                    "that go down one level at a time.",
                )
            )
        previous = heading.level
    return findings


def _raw(ctx: Context, chapter: Chapter, raw: Raw) -> Finding:
    if raw.kind == "HTML comment":
        return finding(
            "raw-comment",
            ctx.body_at(chapter, raw.offset),
            f'the comment "{raw.snippet}" will be printed, as text, in the editions.',
            _RAW_HINTS[raw.kind],
        )
    return finding(
        "raw-markup",
        ctx.body_at(chapter, raw.offset),
        f'raw {raw.kind} "{raw.snippet}" in the chapter text: the editions would show it '
        "as text, not as formatting.",
        _RAW_HINTS.get(raw.kind, _RAW_HINT),
    )
