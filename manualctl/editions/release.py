"""``release``: make an edition, as one transaction: regenerate, validate, commit, tag.

Refuses, changing nothing, when: the edition is not YYYY-MM, its tag exists or a later
edition exists, the clone has no edition tags but the appendix shows earlier editions,
HEAD is detached (the tag would be on no branch), the branch is behind its remote
(someone else has pushed: pull first), the manual's folder has uncommitted changes, the
manual does not validate, the stored flags are stale, a New or Updated chapter has no
summary, or a chapter still holds the template's placeholder text.

Then it regenerates the Amendments appendix, validates the manual with it, commits it
(commit hooks run) and creates the annotated tag ``<id>/<YYYY-MM>`` on that commit. If
any step fails, the appendix file, git's index, the branch and the tags are put back as
they were, and the error says why. Before the first change it writes a journal in the
git folder; a release that was killed part-way is rolled back by the next ``release``,
which says so (both in :mod:`manualctl.editions.rollback`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from manualctl import git
from manualctl.check.findings import Finding, Severity, has_errors
from manualctl.check.load import Resolver, read_config
from manualctl.check.load import display as show
from manualctl.check.rules import finding
from manualctl.check.rules.leftovers import template_text
from manualctl.editions.amendments import blocks_for, missing_summaries, render, with_body
from manualctl.editions.rollback import Steps, journal_path, recover, write_journal
from manualctl.editions.tags import display, parse_edition
from manualctl.editions.workspace import Workspace
from manualctl.errors import GitError, ManualctlError, ManualInvalid, UsageError
from manualctl.fsutil import LOCK_NAME, Leftover, atomic_write, manual_lock
from manualctl.gitbatch import CatFile
from manualctl.model.discovery import find_manual
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
    recovered: str = ""  # what was done about an interrupted release, if there was one
    cleared: tuple[Leftover, ...] = ()  # what killed runs had left, deleted (fsutil.Lock)


def _summary_place(ws: Workspace, file: str) -> tuple[str, int, int]:
    """Where a chapter's amendment sentence is written: its front matter, or for an
    inherited chapter its entry in manual.yaml (``amendments:`` under ``- inherit:``)."""
    entry = next((e for e in ws.manual.inherited_entries() if e.file == file), None)
    if entry is None:
        return show(ws.manual.root / file), 2, 1
    text = ws.manual.config_path.read_text(encoding="utf-8")
    line, column = locate(text, (*entry.path, "inherit"))
    return show(ws.manual.config_path), line, column


def _same_id(ws: Workspace, top: Path) -> list[Finding]:
    """The duplicate-manual-id finding when another manual committed in the repository
    has this manual's id: its edition tags would be this one's (one ``git ls-files``)."""
    listed = git.run(["ls-files", "-z", "--", ":(glob)**/manual.yaml"], top).split("\0")
    own = ws.manual.root.resolve()
    others = []
    for folder in sorted({(top / rel).parent for rel in listed if rel}):
        if folder.resolve() == own:
            continue
        data = read_config(folder)[0]
        if isinstance(data, dict) and data.get("id") == ws.manual.id:
            others.append(show(folder))
    if not others:
        return []
    line, column = locate(ws.manual.config_path.read_text(encoding="utf-8"), ["id"])
    return [
        finding(
            "duplicate-manual-id",
            (show(ws.manual.config_path), line, column),
            f'the manual id "{ws.manual.id}" is also the id of {", ".join(others)}.',
            "Give each manual in the repository its own id: editions are tagged and named from it.",
        )
    ]


def release(
    manual_dir: Path | None, edition: str, *, resolver: Resolver | None = None
) -> ReleaseResult:
    """Make the edition ``edition`` (YYYY-MM). See the module docstring for the checks.

    ``resolver`` reads inherited chapters: a manual built on a template is released
    with them, as validate and publish see it.
    """
    edition = parse_edition(edition)
    root = find_manual(manual_dir)
    with manual_lock(root) as lock:
        recovered = recover(root)
        try:
            result = _release(root, edition, resolver)
        except ManualctlError as error:
            if recovered:  # say it, whatever stops this run
                error.message = f"{recovered} {error.message}"
            raise
    result.recovered = recovered
    result.cleared = (*lock.cleared,)
    return result


def _release(root: Path, edition: str, resolver: Resolver | None) -> ReleaseResult:
    # refuses a released, an older or a tagless edition
    ws = Workspace.open(root, edition=edition, resolver=resolver)
    tag = ws.tag_for(edition)
    top = ws.repo.top
    parent = _head(top)
    branch = _branch(top)
    _refuse_behind(top, branch)
    changed = git.changed_paths(top, ws.repo.pathspec)
    if {p for p in changed if Path(p).name != LOCK_NAME}:  # the lock is this run's own
        raise UsageError(
            f"{show(root)} has changes that are not committed: an edition must be a commit.",
            hint="Commit them (git add and git commit) or set them aside (git stash), "
            "then run the release again.",
        )
    with CatFile(top) as batch:
        coming = ws.coming(batch)
        blocks = blocks_for(ws, coming, batch)
        imported = ws.imported_history(batch)
    problems = _same_id(ws, top)
    problems += _stale_flags(ws, coming.changes.flags())
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
    appendix = ws.snapshot.appendix
    message = f"Amendments appendix for the {display(edition)} edition"
    journal = journal_path(top)
    step = Steps(top, parent, branch, tag)
    committed = False
    try:
        if appendix is not None:
            path = root / appendix.file
            raw = path.read_bytes()
            text = with_body(raw.decode("utf-8"), render(blocks, ws.snapshot.chapters, imported))
            if text.encode("utf-8") != raw:
                rel = ws.repo.repo_path(appendix.file)
                step.restore = (path, raw, rel)
                write_journal(journal, edition, tag, parent, branch, rel, message)
                atomic_write(path, text)
                _validate_result(root, edition, resolver)
                step.commit = git.commit_paths(top, [rel], message)  # commit hooks run
                committed = True
        if not journal.exists():
            write_journal(journal, edition, tag, parent, branch, None, message)
        git.create_tag(top, tag, f"{ws.manual.title}: {display(edition)} edition")
    except BaseException:
        step.undo()
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)
    return ReleaseResult(
        edition,
        tag,
        step.commit,
        committed,
        len(coming.changes.new),
        len(coming.changes.updated),
        len(coming.changes.removed),
        len(coming.changes.moved),
    )


# --- checks -----------------------------------------------------------------------------


def _head(top: Path) -> str:
    head = git.head(top)
    if head is None:
        raise GitError(
            "The repository has no commits yet.",
            hint="Commit the manual first (git add . and git commit), then release.",
        )
    return head


def _branch(top: Path) -> str:
    name = git.run(["symbolic-ref", "-q", "--short", "HEAD"], top, check=False).strip()
    if not name:
        raise GitError(
            "HEAD is detached: the edition's tag would be on a commit that is on no branch.",
            hint="Check out the branch the edition is made from (git switch main), then "
            "run the release again.",
        )
    return name


def _refuse_behind(top: Path, branch: str) -> None:
    """Refuse when the branch's upstream (as last fetched) has commits the branch lacks."""
    upstream = git.run(
        ["rev-parse", "-q", "--verify", "--abbrev-ref", f"{branch}@{{upstream}}"],
        top,
        check=False,
    ).strip()
    if not upstream:
        return
    behind = git.run(["rev-list", "--count", f"{branch}..{upstream}"], top, check=False).strip()
    if behind.isdigit() and int(behind) > 0:
        raise GitError(
            f"The branch {branch} is {behind} commit(s) behind {upstream}: someone has "
            "pushed changes that this edition would leave out.",
            hint="Get them first (git pull), check the flags and summaries again "
            "(manualctl stamp, manualctl amendments --check), then run the release again.",
        )


def _validate_result(root: Path, edition: str, resolver: Resolver | None) -> None:
    """The manual with the regenerated appendix must validate (it is what is tagged)."""
    from manualctl.check.validate import check

    report = check(root, resolver=resolver)
    if report.manual is None or has_errors(report.findings):
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        raise ManualInvalid(
            f"{display(edition)} was not released: with the regenerated Amendments appendix "
            f"the manual has {len(errors)} error(s), so nothing was changed.",
            errors,
            hint="Fix what is listed above, commit, and run the release again.",
        )


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
