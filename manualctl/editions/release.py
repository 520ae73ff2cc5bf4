"""``release``: make an edition: check everything, regenerate, commit, tag.

Refuses (and changes nothing) when: the edition is not YYYY-MM, its tag exists or a later
edition exists, the manual's folder has uncommitted changes, the manual does not
validate, the stored flags are stale, a New or Updated chapter has no summary. Otherwise
it regenerates the Amendments appendix, commits it when it changed, and creates the
annotated tag ``<id>/<YYYY-MM>`` (manual.yaml ``edition.tag_format``) on that commit.
If committing or tagging fails (a commit hook refuses, git is missing), the appendix file,
git's index and the branch are put back as they were, and the error says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from manualctl import git
from manualctl.check.findings import Finding
from manualctl.check.load import Resolver
from manualctl.check.load import display as show
from manualctl.check.rules import finding
from manualctl.check.rules.leftovers import template_text
from manualctl.editions.amendments import blocks_for, missing_summaries, render, with_body
from manualctl.editions.tags import display, parse_edition
from manualctl.editions.workspace import Workspace
from manualctl.errors import GitError, ManualInvalid, UsageError
from manualctl.fsutil import atomic_write, manual_lock
from manualctl.git import CatFile
from manualctl.model.yamltext.position import locate


@dataclass
class ReleaseResult:
    edition: str
    tag: str
    commit: str
    committed: bool  # whether the regenerated appendix needed a commit
    new: int
    updated: int
    removed: int
    moved: int


def _summary_place(ws: Workspace, file: str) -> tuple[str, int, int]:
    """Where a chapter's amendment sentence is written: its front matter, or for an
    inherited chapter its entry in manual.yaml (``amendments:`` under ``- inherit:``)."""
    entry = next((e for e in ws.manual.inherited_entries() if e.file == file), None)
    if entry is None:
        return show(ws.manual.root / file), 2, 1
    text = ws.manual.config_path.read_text(encoding="utf-8")
    line, column = locate(text, (*entry.path, "inherit"))
    return show(ws.manual.config_path), line, column


def release(
    manual_dir: Path | None, edition: str, *, resolver: Resolver | None = None
) -> ReleaseResult:
    """Make the edition ``edition`` (YYYY-MM). See the module docstring for the checks.

    ``resolver`` reads inherited chapters: a manual built on a template is released
    only when its references to the template hold (no stale substitution)."""
    edition = parse_edition(edition)
    ws = Workspace.open(manual_dir, edition=edition, resolver=resolver)
    root = ws.manual.root
    tag = ws.tag_for(edition)  # Workspace.open refused a released or older edition
    top = ws.repo.top
    parent = git.head(top)
    if parent is None:
        raise GitError(
            "The repository has no commits yet.",
            hint="Commit the manual first (git add . and git commit), then release.",
        )
    if git.changed_paths(top, ws.repo.pathspec):
        raise UsageError(
            f"{show(root)} has changes that are not committed: an edition must be a commit.",
            hint="Commit them (git add and git commit) or set them aside (git stash), "
            "then run the release again.",
        )
    with CatFile(ws.repo.top) as batch:
        coming = ws.coming(batch)
        blocks = blocks_for(ws, coming, batch)
    problems = _stale_flags(ws, coming.changes.flags())
    problems += [
        finding(
            "amendment-missing",
            _summary_place(ws, m.chapter.file),
            m.describe(edition),
            "Write the sentence readers will see in the Amendments appendix and the "
            "chapter's amendment box (or run 'manualctl amendments --fill' to start from "
            "the commits' Amendment: lines).",
        )
        for m in missing_summaries(coming.changes)
    ]
    problems += template_text(ws.manual)  # a warning for validate; no edition prints it
    if problems:
        raise ManualInvalid(
            f"{display(edition)} cannot be released yet: {len(problems)} problem(s).",
            problems,
            hint="Fix them, commit, and run the release again.",
        )
    committed = False
    appendix = ws.snapshot.appendix
    with manual_lock(root):
        commit = parent
        restore: tuple[Path, bytes, str] | None = None
        try:
            if appendix is not None:
                path = root / appendix.file
                raw = path.read_bytes()
                text = with_body(raw.decode("utf-8"), render(blocks, ws.snapshot.chapters))
                if text.encode("utf-8") != raw:
                    rel = ws.repo.repo_path(appendix.file)
                    restore = (path, raw, rel)
                    atomic_write(path, text)
                    commit = git.commit_paths(
                        top, [rel], f"Amendments appendix for the {display(edition)} edition"
                    )
                    committed = True
            git.create_tag(top, tag, f"{ws.manual.title}: {display(edition)} edition")
        except BaseException:
            _undo(top, parent, commit, restore)
            raise
    return ReleaseResult(
        edition,
        tag,
        commit,
        committed,
        len(coming.changes.new),
        len(coming.changes.updated),
        len(coming.changes.removed),
        len(coming.changes.moved),
    )


def _undo(top: Path, parent: str, commit: str, restore: tuple[Path, bytes, str] | None) -> None:
    """Put the branch, git's index and the appendix file back as they were before release."""
    if commit != parent:
        git.undo_commit(top, commit, parent)
    if restore is not None:
        path, raw, rel = restore
        git.unstage(top, [rel])
        atomic_write(path, raw)


def _stale_flags(ws: Workspace, wanted: dict[str, str]) -> list[Finding]:
    from manualctl.model.yamltext.position import locate

    findings = []
    config = show(ws.manual.config_path)
    text = ws.manual.config_path.read_text(encoding="utf-8")
    for entry in ws.manual.chapter_entries():
        chap = ws.manual.chapters.get(entry.file)
        flag = wanted.get(chap.id) if chap is not None else None
        if flag != entry.flag:
            line, col = locate(text, [*entry.path, "file"])
            findings.append(
                finding(
                    "flag-stale",
                    (config, line, col),
                    f"{entry.number} ({entry.file}) should be flagged "
                    f"{flag or 'with no flag'}, not {entry.flag or 'no flag'}.",
                    "Run 'manualctl stamp', review and commit manual.yaml.",
                )
            )
    return findings
