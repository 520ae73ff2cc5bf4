"""Checking several manuals together (``validate`` of a repository's manuals): one
list of findings, with the ids two manuals share, and a killed command's half-made
change put back first."""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import (see manualctl.check.validate).
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from manualctl.check.findings import Finding
from manualctl.check.load import Resolver, display
from manualctl.check.rules import finding
from manualctl.check.validate import Report, check
from manualctl.fsutil import JOURNAL_NAME
from manualctl.model.manual import MANUAL_FILE
from manualctl.model.yamltext.position import locate


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
