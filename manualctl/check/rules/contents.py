"""Rules for the contents tree in manual.yaml: chapter files, numbers, see-also lines."""

from __future__ import annotations

import os
import posixpath
import re
from functools import partial

from manualctl.check import limits
from manualctl.check.findings import Finding, did_you_mean
from manualctl.check.load import display
from manualctl.check.rules import finding
from manualctl.check.rules.context import Context
from manualctl.model.manual import MANUAL_FILE, ExternalEntry, SeeAlsoEntry

_ABSOLUTE = re.compile(r"^(/|[A-Za-z]:)|\\")


def check(ctx: Context) -> list[Finding]:
    findings = _files(ctx)
    findings += _numbers(ctx)
    findings += _inherited(ctx)
    if MANUAL_FILE not in ctx.invalid:  # else the contents may not say what was meant
        findings += _orphans(ctx)
    findings += _see_also_and_externals(ctx)
    return findings


# missing files after this many get no "did you mean" (each one compares every file name)
_SUGGEST = 200


def _files(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    missing = 0
    root = str(ctx.root)
    seen: set[str] = set()
    for entry in ctx.manual.chapter_entries():
        file = entry.file
        if entry.inherit is not None:
            continue  # no file (see _inherited)
        if _ABSOLUTE.search(file):
            continue  # the schema reported it (path-absolute)
        where = None
        if file in seen:
            where = ctx.config_at((*entry.path, "file"))
            findings.append(
                finding(
                    "duplicate-file",
                    where,
                    f'"{file}" is listed twice in the contents.',
                    "A chapter appears once in the contents: remove one of the entries "
                    "(to point to it from elsewhere, use a see_also line).",
                )
            )
            continue
        seen.add(file)
        if file in ctx.manual.chapters or file in ctx.unreadable:
            if not file.endswith(".md"):
                findings.append(
                    finding(
                        "file-not-markdown",
                        ctx.config_at((*entry.path, "file")),
                        f'"{file}" is not a Markdown (.md) file.',
                        "Chapters are Markdown files: rename it to end in .md "
                        "(and change this line to match).",
                    )
                )
            continue  # read: it exists and is inside the manual
        normal = posixpath.normpath(file)
        outside = normal.startswith("../") or normal == ".."
        if not outside and ctx.inside.absent(file):  # not there: no lexists below
            missing = _missing_or_count(ctx, findings, entry.path, file, missing)
            continue
        path = os.path.join(root, normal)
        if outside:
            findings.append(
                finding(
                    "path-outside",
                    ctx.config_at((*entry.path, "file")),
                    f'"{file}" is outside the manual\'s folder.',
                    "Keep chapter files inside the manual's folder (under chapters/) and "
                    "name them relative to manual.yaml, without '../'.",
                )
            )
        elif os.path.lexists(path) and not _inside(root, os.path.realpath(path)):
            findings.append(
                finding(
                    "path-outside",
                    ctx.config_at((*entry.path, "file")),
                    f'"{file}" is a link (symlink) to {os.path.realpath(path)}, '
                    "outside the manual's folder.",
                    "Replace the link with the file itself (copy it into chapters/): "
                    "manualctl only reads files inside the manual's folder.",
                )
            )
        else:
            missing = _missing_or_count(ctx, findings, entry.path, file, missing)
    return findings


def _missing_or_count(
    ctx: Context, findings: list[Finding], path: tuple[str | int, ...], file: str, listed: int
) -> int:
    """A missing-file finding (the ``listed + 1``-th), or past the number validate lists,
    one more counted (a listed one costs finding its place in manual.yaml)."""
    if listed < limits.MAX_FINDINGS_PER_RULE:
        findings.append(_missing(ctx, path, file, listed + 1))
        return listed + 1
    ctx.count_unlisted(partial(_missing, ctx, path, file, 0), "missing-file", ctx.config_shown)
    return listed


def _missing(ctx: Context, path: tuple[str | int, ...], file: str, count: int) -> Finding:
    """The ``count``-th chapter file found missing (a did-you-mean for the first ones)."""
    return finding(
        "missing-file",
        ctx.config_at((*path, "file")),
        f'the chapter file "{file}" does not exist.'
        + (did_you_mean(file, ctx.chapter_files) if 0 < count < _SUGGEST else ""),
        "Correct the path, or create the file "
        "('manualctl new-chapter' creates it and its contents line for you).",
    )


def _inherited(ctx: Context) -> list[Finding]:
    """Inherited chapters need an ``upstream:`` to come from, and each is placed once.
    (Whether the upstream edition has them is checked by :mod:`manualctl.upstream`.)"""
    findings: list[Finding] = []
    own = {c.id: c for c in ctx.chapters if c.id}
    seen: set[str] = set()
    for entry in ctx.manual.inherited_entries():
        cid = entry.inherit or ""
        # where the entry is: found only for a finding (positions read manual.yaml again)
        where = partial(ctx.config_at, (*entry.path, "inherit"))
        if ctx.manual.upstream is None:
            findings.append(
                finding(
                    "inherit-no-upstream",
                    where(),
                    f'the chapter "{cid}" is inherited, but manual.yaml names no upstream '
                    "manual to inherit it from.",
                    "Add 'upstream:' with the template's folder and edition, e.g.\n"
                    "    upstream:\n      manual: ../trix-template\n      edition: 2026-05",
                )
            )
        if cid in seen:
            findings.append(
                finding(
                    "duplicate-file",
                    where(),
                    f'the inherited chapter "{cid}" is listed twice in the contents.',
                    "A chapter appears once in the contents: remove one of the entries "
                    "(to point to it from elsewhere, use a see_also line).",
                )
            )
        elif cid in own:
            findings.append(
                finding(
                    "duplicate-id",
                    where(),
                    f'the inherited chapter "{cid}" has the id of {ctx.shown(own[cid])}.',
                    "A local chapter that replaces an upstream one needs an id of its own "
                    "and 'replaces: ID' in its front matter; or drop one of the two.",
                )
            )
        seen.add(cid)
        if entry.local is not None and ctx.inside.where(entry.local) is None:
            findings.append(
                finding(
                    "path-outside",
                    ctx.config_at((*entry.path, "local")),
                    f'"{entry.local}" is outside the manual\'s folder.',
                    "Keep the file of local slots inside the manual's folder (under "
                    "chapters/) and name it relative to manual.yaml.",
                )
            )
        elif entry.local is not None and not os.path.isfile(ctx.root / entry.local):
            findings.append(
                finding(
                    "missing-file",
                    ctx.config_at((*entry.path, "local")),
                    f'the file of local slots "{entry.local}" does not exist.',
                    "Create it with the slots you fill, each as in the template "
                    "('::: {.local id=ID}', your text, ':::'), or correct the path.",
                )
            )
    return findings


def _inside(root: str, real: str) -> bool:
    return real == root or real.startswith(root + os.sep)


def _numbers(ctx: Context) -> list[Finding]:
    return [
        finding(
            "number-pinned",
            ctx.config_at((*problem.path, "number")),
            f'the pinned number "{problem.pinned}" does not fit its place in the contents: '
            f"here it would be {problem.expected}.",
            "Correct the number, or remove the 'number:' line to let manualctl number the "
            "entry from its position. A letter (1.4.3a) may only follow the number before it.",
        )
        for problem in ctx.manual.number_problems
    ]


def _orphans(ctx: Context) -> list[Finding]:
    listed = {e.file for e in ctx.manual.chapter_entries()}
    listed |= {e.local for e in ctx.manual.inherited_entries() if e.local}
    listed |= {posixpath.normpath(f) for f in listed}
    return [
        finding(
            "orphan-file",
            (display(ctx.root / rel), 1, 1),
            "this chapter file is not in the contents of manual.yaml.",
            "Add a '- file: " + rel + "' line where it belongs in manual.yaml, or delete "
            "the file if it is no longer needed.",
        )
        for rel in ctx.chapter_files
        if rel not in listed
    ]


def _see_also_and_externals(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for _, _, entry in ctx.manual.walk():
        if isinstance(entry, ExternalEntry) and not entry.url:
            findings.append(
                finding(
                    "external-no-url",
                    ctx.config_at((*entry.path, "external")),
                    f'the external chapter "{entry.title}" has no url.',
                    "Add a line 'url: https://...' with its address, so readers can open it.",
                )
            )
        if not isinstance(entry, SeeAlsoEntry):
            continue
        for index, item in enumerate(entry.items):
            if item.chapter is None or ctx.known(item.chapter):
                continue
            if ctx.incomplete and item.chapter not in ctx.retired:
                continue  # it may be the id of a chapter file that could not be read
            where = ctx.config_at((*entry.path, "see_also", index, "chapter"))
            if item.chapter in ctx.retired:
                message = (
                    f'the see-also names "{item.chapter}", a chapter that was retired '
                    f"({ctx.retired[item.chapter]})."
                )
            else:
                message = (
                    f'the see-also names the chapter id "{item.chapter}", which no chapter '
                    "in this manual has." + ctx.suggest_chapter(item.chapter)
                )
            findings.append(
                finding(
                    "see-also-unknown",
                    where,
                    message,
                    "Use the id from the chapter's front matter (its 'id:' line), or remove "
                    "the item. For a page elsewhere, write 'title:' and 'url:' instead.",
                )
            )
    return findings
