"""Validation: the schemas plus the rules a schema cannot express.

Every rule has a stable code (:data:`manualctl.check.rules.RULES`, listed in the README).
Every finding carries file, line, column and a hint; all are collected before anyone
decides to fail.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import os
from collections.abc import Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from manualctl.check import limits
from manualctl.check.findings import Finding, bounded, has_errors
from manualctl.check.load import Config, Read, Resolver, read, refuse_errors
from manualctl.check.markdown.scan import scan
from manualctl.check.parallel import MIN_ITEMS, Aside
from manualctl.check.rules import body, chapters, contents, settings
from manualctl.check.rules.context import Context
from manualctl.check.rules.leftovers import placeholder_lines
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.yamltext.reader import collector_paused

if TYPE_CHECKING:
    from manualctl.check.markdown.scan import Scan
    from manualctl.model.numbering import Built


class Report:
    """The outcome of checking one manual (a plain class: making a dataclass at import
    costs validate's start-up more than reading a small manual)."""

    __slots__ = (
        "config_text",
        "findings",
        "manual",
        "own",
        "own_context",
        "pending",
        "reads",
        "root",
    )

    def __init__(
        self,
        root: Path,
        manual: Manual | None,
        findings: list[Finding] | None = None,
        reads: dict[str, Read] | None = None,  # chapters as read
        config_text: str = "",  # manual.yaml as read (decoded)
    ) -> None:
        self.root = root
        self.manual = manual
        self.findings: list[Finding] = [] if findings is None else findings
        self.reads: dict[str, Read] = {} if reads is None else reads
        self.config_text = config_text
        #: each chapter's own findings (:func:`_own`) and the read they are of, by its file
        self.own: dict[str, tuple[Read, list[Finding]]] = {}
        self.own_context: tuple[object, ...] = ()  # what else they depend on (_own)
        #: the rules still running aside (check(aside=True)), and the root to refuse as
        self.pending: tuple[Aside[_Ruled], Path] | None = None

    def failed(self, *, strict: bool = False) -> bool:
        return self.manual is None or has_errors(self.findings, strict=strict)

    def settle(self) -> "Report":
        """This report once the rules that ran aside are done
        (:class:`manualctl.authoring.opening.opened`): with their findings, refusing the
        manual when they hold an error; else as it is."""
        if self.pending is not None:
            (aside, root), self.pending = self.pending, None
            self.findings, own, self.own_context = aside.result()
            reads = self.reads
            self.own = {rel: (reads[rel], found) for rel, found in own.items()}
            refuse_errors(root, self.manual, self.findings)
        return self

    def scans(self) -> dict[str, "Scan"]:
        """Each chapter's body scan as this check read it, by its file (chapters read
        from the manual's files; an inherited chapter has none here)."""
        return {rel: done[3] for rel, done in self.reads.items() if done[3] is not None}


def check(
    root: Path,
    *,
    today: date | None = None,
    config: Config | None = None,
    reuse: Mapping[str, Read] | None = None,
    resolver: Resolver | None = None,
    tree: "Built | None" = None,
    earlier: "Report | None" = None,
    aside: Path | None = None,
) -> Report:
    """Check one manual: every finding, in file and line order (at most
    :data:`~manualctl.check.limits.MAX_FINDINGS_PER_RULE` of one rule in one file, and
    one more that counts the rest).

    ``today`` decides which reviews are overdue (default: the real today). ``config``:
    manual.yaml as :func:`manualctl.check.load.read_config` read it, if the caller has.
    ``reuse``: chapters from an earlier report's ``reads`` that have not changed since
    (``earlier``, that report: the chapters it made of them, and their own findings
    (:func:`_own`), are taken from it, so of those chapters only the rules that look
    across chapters run again).
    ``resolver``: reads inherited chapters from the upstream manual (see
    :data:`manualctl.check.load.Resolver`); commands that publish or compare pass one.
    ``tree``: the contents an edit left and their tree (:data:`~manualctl.model.numbering.Built`).
    ``aside``: the root to refuse the manual as (``opened``), when the rules may run
    in a worker; the report is then :meth:`Report.settle`'d before it is complete.
    """
    # what a check makes (a manual's data, scans, findings) is many containers, none in
    # a cycle: the collector's passes over them all found nothing (a fifth of the time
    # of a 2,000-chapter manual with the amendments and links of busy chapters)
    with collector_paused():
        made = earlier.manual.chapters if earlier is not None and earlier.manual else None
        loaded = read(
            root,
            scan=True,
            config=config,
            reuse=reuse,
            resolver=resolver,
            tree=tree,
            chapters=made,
        )
        report = Report(
            root.resolve(),
            loaded.manual,
            list(loaded.findings),
            loaded.reads,
            loaded.texts.get(MANUAL_FILE, ""),
        )
        manual = loaded.manual
        if manual is None:
            report.findings = bounded(report.findings, limits.MAX_FINDINGS_PER_RULE, None)
            return report
        ctx = Context(
            manual,
            loaded.texts.get(MANUAL_FILE, ""),
            today or date.today(),
            loaded.unreadable,
            loaded.scans,
            loaded.invalid,
        )
        rules = partial(_rules, ctx, report, loaded.scans, earlier)
        if aside is not None and len(loaded.reads) >= MIN_ITEMS and not report.failed():
            pending = Aside(rules)
            if pending.forked:
                report.pending = (pending, aside)
                return report
        report.findings, own, report.own_context = rules()
        report.own = {rel: (report.reads[rel], found) for rel, found in own.items()}
        return report


#: what the rules found (every finding of the check, bounded), each chapter's own
#: findings by its file (of the chapters read from it), and what those depend on (_own)
_Ruled = tuple[list[Finding], dict[str, list[Finding]], tuple[object, ...]]


def _rules(ctx: Context, report: Report, made: dict[str, "Scan"], earlier: Report | None) -> _Ruled:
    """The rules over what :func:`check` read (``made``: the body scans made while
    reading); plain data, as a worker sends it back (:class:`Aside`)."""
    findings = list(report.findings)
    findings += contents.check(ctx)
    findings += settings.check(ctx)
    findings += chapters.check(ctx)
    scans = {c.rel: made.get(c.rel) or scan(c.body) for c in ctx.chapters}
    findings += body.check(ctx, scans)
    own, own_found, own_context = _own(ctx, report.reads, scans, earlier)
    findings += own_found
    return bounded(findings, limits.MAX_FINDINGS_PER_RULE, ctx.unlisted), own, own_context


def _own(
    ctx: Context, reads: dict[str, Read], scans: dict[str, "Scan"], earlier: Report | None
) -> tuple[dict[str, list[Finding]], list[Finding], tuple[object, ...]]:
    """Each chapter's own findings: those of the rules that look at nothing but the
    chapter (:func:`chapters.own`, :func:`body.own`), by the file of each chapter read
    (for the report to keep with its read), all of them, and what else they depend on.
    A chapter that ``earlier`` found them for, in the same read and the same context
    (today, the working folder the files are shown from, the manual's folder, the
    templates' placeholder lines), is not checked again."""
    placeholders = placeholder_lines(ctx.root)
    own_context: tuple[object, ...]
    try:
        own_context = (ctx.today, os.getcwd(), ctx.root, placeholders)
    except OSError:  # the working folder is gone: nothing to compare with
        own_context = ()
    same = earlier is not None and bool(own_context)
    known = (
        earlier.own if earlier is not None and same and earlier.own_context == own_context else {}
    )
    found: list[Finding] = []
    kept: dict[str, list[Finding]] = {}
    front, text = chapters.own, body.own
    for chapter in ctx.chapters:
        rel = chapter.rel
        read_ = reads.get(rel)
        done = known.get(rel)
        if done is not None and done[0] is read_:
            own = done[1]
        else:
            own = front(ctx, chapter) + text(ctx, chapter, scans[rel], placeholders)
        if read_ is not None:
            kept[rel] = own
        if own:
            found += own
    return kept, found, own_context


def open_manual(
    root: Path,
    *,
    today: date | None = None,
    config: Config | None = None,
    resolver: Resolver | None = None,
) -> Manual:
    """The manual at ``root``, refusing one that has errors (warnings are allowed)."""
    manual = open_report(root, today=today, config=config, resolver=resolver).manual
    assert manual is not None
    return manual


def open_report(
    root: Path,
    *,
    today: date | None = None,
    config: Config | None = None,
    resolver: Resolver | None = None,
) -> Report:
    """:func:`open_manual`, giving the whole report (for commands that check again)."""
    report = check(root, today=today, config=config, resolver=resolver)
    refuse_errors(root, report.manual, report.findings)
    return report
