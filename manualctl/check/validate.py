"""Validation: the schemas plus the rules a schema cannot express.

Every rule has a stable code (:data:`manualctl.check.rules.RULES`, listed in the README).
Every finding carries file, line, column and a hint; all are collected before anyone
decides to fail.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from manualctl.check import limits
from manualctl.check.findings import Finding, bounded, has_errors
from manualctl.check.load import Config, Read, Resolver, display, read, refuse_errors
from manualctl.check.markdown.scan import scan
from manualctl.check.rules import body, chapters, contents, finding, settings
from manualctl.check.rules.context import Context
from manualctl.check.rules.leftovers import placeholder_lines
from manualctl.fsutil import JOURNAL_NAME
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.yamltext.position import locate
from manualctl.model.yamltext.reader import collector_paused

if TYPE_CHECKING:
    from manualctl.check.markdown.scan import Scan
    from manualctl.model.numbering import Built


class Report:
    """The outcome of checking one manual (a plain class: making a dataclass at import
    costs validate's start-up more than reading a small manual)."""

    __slots__ = ("config_text", "findings", "manual", "own", "own_context", "reads", "root")

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

    def failed(self, *, strict: bool = False) -> bool:
        return self.manual is None or has_errors(self.findings, strict=strict)

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
        if manual is not None:
            ctx = Context(
                manual,
                loaded.texts.get(MANUAL_FILE, ""),
                today or date.today(),
                loaded.unreadable,
                loaded.scans,
                loaded.invalid,
            )
            report.findings += contents.check(ctx)
            report.findings += settings.check(ctx)
            report.findings += chapters.check(ctx)
            scans = {c.rel: loaded.scans.get(c.rel) or scan(c.body) for c in ctx.chapters}
            report.findings += body.check(ctx, scans)
            report.findings += _own(ctx, report, scans, earlier)
        unlisted = ctx.unlisted if manual is not None else None
        report.findings = bounded(report.findings, limits.MAX_FINDINGS_PER_RULE, unlisted)
        return report


def _own(
    ctx: Context, report: Report, scans: dict[str, "Scan"], earlier: Report | None
) -> list[Finding]:
    """Each chapter's own findings: those of the rules that look at nothing but the
    chapter (:func:`chapters.own`, :func:`body.own`), kept in ``report`` with the read
    they are of. A chapter that ``earlier`` found them for, in the same read and the
    same context (today, the working folder the files are shown from, the manual's
    folder, the templates' placeholder lines), is not checked again."""
    placeholders = placeholder_lines(ctx.root)
    try:
        report.own_context = (ctx.today, os.getcwd(), ctx.root, placeholders)
    except OSError:  # the working folder is gone: nothing to compare with
        report.own_context = ()
    same = earlier is not None and bool(report.own_context)
    known = (
        earlier.own
        if earlier is not None and same and earlier.own_context == report.own_context
        else {}
    )
    found: list[Finding] = []
    reads, kept = report.reads, report.own
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
            kept[rel] = (read_, own)
        if own:
            found += own
    return found


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


def duplicate_ids(reports: Sequence[Report]) -> list[Finding]:
    """One finding on each manual.yaml whose id another manual checked with it also has
    (their edition tags and published files would have the same names)."""
    by_id: dict[str, list[Report]] = {}
    for report in reports:
        if report.manual is not None and report.manual.id:
            by_id.setdefault(report.manual.id, []).append(report)
    found: list[Finding] = []
    for manual_id, same in by_id.items():
        if len(same) < 2:
            continue
        for report in same:
            others = ", ".join(display(r.root) for r in same if r is not report)
            line, column = locate(report.config_text, ["id"])
            found.append(
                finding(
                    "duplicate-manual-id",
                    (display(report.root / MANUAL_FILE), line, column),
                    f'the manual id "{manual_id}" is also the id of {others}.',
                    "Give each manual in the repository its own id: editions are tagged "
                    "and named from it.",
                )
            )
    return found


class Checked(NamedTuple):
    """The outcome of checking several manuals together."""

    findings: list[Finding]  # every manual's, with the ids two of them share
    failed: bool  # any error (with ``strict``, any warning too)
    # what was put back first: a killed command's half-made change (its journal)
    cleared: tuple[Path | str, ...] = ()


def check_all(
    roots: Sequence[Path],
    *,
    today: date | None = None,
    strict: bool = False,
    resolver: Resolver | None = None,
) -> Checked:
    """Check several manuals (``validate``): one list of findings, and whether they fail."""
    findings = []
    failed = False
    reports = []
    cleared: list[Path | str] = []
    for root in roots:
        if (root / JOURNAL_NAME).exists():
            cleared.extend(_roll_back(root))
        report = check(root, today=today, resolver=resolver)
        reports.append(report)
        findings.extend(report.findings)
        failed = failed or report.failed(strict=strict)
    same = duplicate_ids(reports)
    findings = sorted(findings + same) if same else findings
    failed = failed or bool(same)
    return Checked(findings, failed, tuple(cleared))


def _roll_back(root: Path) -> list[Path | str]:
    """Put back the half-made change a killed command left (its journal), as the next
    writing command would: validate then reads the manual as it was before that command,
    not an orphan chapter file or half an edit. Waits while a command is still writing."""
    from manualctl.fsutil import manual_lock

    with manual_lock(root) as lock:
        return list(lock.cleared)
