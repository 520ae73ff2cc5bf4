"""Validation: the schemas plus the rules a schema cannot express.

Rules (codes in brackets) are listed in the README. Every finding carries file, line,
column and a hint; all are collected before anyone decides to fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from manualctl.errors import ManualInvalid
from manualctl.findings import Finding, Severity, did_you_mean, has_errors
from manualctl.load import display, read
from manualctl.manual import MANUAL_FILE, Manual
from manualctl.yamlio import locate


@dataclass
class Report:
    """The outcome of checking one manual."""

    root: Path
    manual: Manual | None
    findings: list[Finding] = field(default_factory=list)

    def failed(self, *, strict: bool = False) -> bool:
        return self.manual is None or has_errors(self.findings, strict=strict)


def check(root: Path, *, today: date | None = None) -> Report:
    """Check one manual: every finding, in file and line order."""
    loaded = read(root)
    report = Report(root.resolve(), loaded.manual, list(loaded.findings))
    manual = loaded.manual
    if manual is not None:
        text = loaded.texts.get(MANUAL_FILE, "")
        report.findings.extend(_structure_rules(manual, text))
    report.findings.sort()
    return report


def _at(
    manual: Manual, text: str, path: tuple[str | int, ...], *, key: bool = False
) -> tuple[str, int, int]:
    line, col = locate(text, list(path), key=key)
    return display(manual.config_path), line, col


def _structure_rules(manual: Manual, text: str) -> list[Finding]:
    findings: list[Finding] = []
    root = manual.root
    seen_files: dict[str, tuple[str | int, ...]] = {}
    seen_ids: dict[str, str] = {}
    for entry in manual.chapter_entries():
        file, line, col = _at(manual, text, (*entry.path, "file"))
        path = root / entry.file
        resolved = path.resolve()
        if ".." in Path(entry.file).parts or not resolved.is_relative_to(root):
            findings.append(
                Finding(
                    file,
                    line,
                    col,
                    Severity.ERROR,
                    "path-outside",
                    f'"{entry.file}" is outside the manual\'s folder.',
                    "Keep chapter files inside the manual's folder "
                    "(under chapters/) and name them relative to manual.yaml.",
                )
            )
            continue
        if entry.file in seen_files:
            findings.append(
                Finding(
                    file,
                    line,
                    col,
                    Severity.ERROR,
                    "duplicate-file",
                    f'"{entry.file}" is listed twice in the contents.',
                    "Remove one of the two entries.",
                )
            )
        seen_files[entry.file] = entry.path
        if not path.is_file():
            findings.append(
                Finding(
                    file,
                    line,
                    col,
                    Severity.ERROR,
                    "missing-file",
                    f'the chapter file "{entry.file}" does not exist.'
                    + did_you_mean(entry.file, _chapter_files(root)),
                    "Create the file (manualctl new-chapter does it for you), or correct the path.",
                )
            )
            continue
        chapter = manual.chapters.get(entry.file)
        if chapter is None or not chapter.id:
            continue
        if chapter.id in seen_ids:
            findings.append(
                Finding(
                    display(chapter.path),
                    2,
                    1,
                    Severity.ERROR,
                    "duplicate-id",
                    f'the id "{chapter.id}" is also used by {seen_ids[chapter.id]}.',
                    "Give this chapter an id of its own (ids never change "
                    "once published, so change the newer chapter's).",
                )
            )
        else:
            seen_ids[chapter.id] = entry.file
    for problem in manual.number_problems:
        file, line, col = _at(manual, text, (*problem.path, "number"))
        findings.append(
            Finding(
                file,
                line,
                col,
                Severity.ERROR,
                "number-pinned",
                f'the pinned number "{problem.pinned}" does not fit its place '
                f"in the contents: it should be {problem.expected}.",
                "Correct the number, or remove the 'number:' line to let "
                "manualctl number the entry from its position.",
            )
        )
    listed = set(seen_files)
    for rel in _chapter_files(root):
        if rel not in listed:
            findings.append(
                Finding(
                    display(root / rel),
                    1,
                    1,
                    Severity.ERROR,
                    "orphan-file",
                    "this chapter file is not in the contents of manual.yaml.",
                    "Add it to the contents (manualctl new-chapter files new "
                    "chapters for you), or delete the file.",
                )
            )
    return findings


def _chapter_files(root: Path) -> list[str]:
    folder = root / "chapters"
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in folder.rglob("*.md"))


def open_manual(root: Path, *, today: date | None = None) -> Manual:
    """The manual at ``root``, refusing one that has errors (warnings are allowed)."""
    report = check(root, today=today)
    if report.manual is None or has_errors(report.findings):
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        raise ManualInvalid(
            f"The manual in {display(root)} has {len(errors)} error(s).",
            report.findings,
            hint="Fix them (run 'manualctl validate' to see them again), then retry.",
        )
    assert report.manual is not None
    return report.manual
