"""``manualctl upstream update --to YYYY-MM [--merge]``: follow a later edition of the template.

All or nothing: the manual's lock is taken before anything is read; the new
``upstream: edition:`` is checked (the whole manual, with the template at the new edition)
before it is kept, and any error other than a stale substitution leaves the manual as it
was. Inherited chapters follow the template at once (``stamp`` then flags those whose
text changed as Updated); substituted chapters whose template chapter changed become
stale substitutions: validate and release refuse them until their author has read the
change and moved ``based_on``. With ``--merge`` git's three-way merge takes the
template's change into each of them instead (:mod:`manualctl.upstream.merge`): all of
them merge cleanly and are written with ``based_on`` moved, or none is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from manualctl.authoring.transaction import ChangeSet
from manualctl.check.findings import Severity
from manualctl.check.load import display, read, refuse_errors
from manualctl.check.validate import check
from manualctl.errors import ManualInvalid
from manualctl.fsutil import manual_lock
from manualctl.model.discovery import find_manual
from manualctl.model.manual import MANUAL_FILE
from manualctl.model.yamltext import editor
from manualctl.model.yamltext.document import Document
from manualctl.model.yamltext.reader import load_fast
from manualctl.upstream import merge as merging
from manualctl.upstream.resolve import inherited
from manualctl.upstream.source import locate
from manualctl.upstream.status import Status, status


@dataclass(frozen=True)
class UpdateResult:
    root: Path
    status: Status  # the followed edition against the new one, as it was before moving
    written: bool
    merged: list[merging.Merge] = field(default_factory=list)


def update(manual_dir: Path | None, to: str, *, merge: bool = False) -> UpdateResult:
    """Move the manual to the template's edition ``to``; see the module docstring."""
    root = find_manual(manual_dir)
    with manual_lock(root):
        loaded = read(root)
        manual = refuse_errors(root, loaded.manual, loaded.findings)
        text = loaded.texts[MANUAL_FILE]
        result = status(manual, text, to)
        target = result.compared_with
        merges: list[merging.Merge] = []
        if merge and manual.upstream is not None:
            upstream = locate(root, manual.upstream)
            merges = merging.plan(manual, text, upstream, target)
            merging.refuse_conflicts([m for m in merges if m.conflicts], upstream, target)
        if target == result.edition and not merges:
            return UpdateResult(root, result, False)
        doc = Document.from_bytes(text.encode("utf-8"))
        if target != result.edition:
            editor.set_key(doc, "edition", {("upstream",): target})
        changes = ChangeSet(root, f"upstream update --to {target}")
        for done in merges:
            doc = _merged(done, doc, target, changes)
        new_text = doc.to_bytes().decode("utf-8")
        if new_text != text:
            changes.replace(root / MANUAL_FILE, new_text.encode("utf-8"))
        try:
            changes.finish()
            report = check(root, config=(load_fast(new_text), new_text, []), resolver=inherited)
            blocking = [
                f
                for f in report.findings
                if f.severity is Severity.ERROR and f.code != "substitution-stale"
            ]
            if blocking:
                raise ManualInvalid(
                    f"Following the template's {target} edition would leave {display(root)} "
                    f"with {len(blocking)} error(s); nothing was changed.",
                    blocking,
                    hint="Deal with them first (chapters the template removed: take out "
                    "their entries or keep the text as chapters of your own), then run the "
                    "update again.",
                )
        except BaseException:
            changes.rollback()
            raise
        changes.done()
        return UpdateResult(root, result, True, merges)


def _merged(done: merging.Merge, doc: Document, target: str, changes: ChangeSet) -> Document:
    """Stage the merged chapter, its based_on moved to ``target`` (in manual.yaml's
    ``doc`` when the contents entry holds it); return ``doc``."""
    sub = done.sub
    on_entry = bool(sub.entry.based_on)
    if on_entry:
        editor.set_key(doc, "based_on", {sub.entry.path: target})
    raw = sub.chapter.path.read_bytes()
    changes.replace(
        sub.chapter.path, merging.merged_file(raw, done.body, None if on_entry else target)
    )
    return doc


def render_update(result: UpdateResult) -> str:
    """What the move did, and what is left for people to do."""
    s = result.status
    if not result.written:
        return f"{s.manual} already follows the template's {s.edition} edition: nothing to do.\n"
    if s.compared_with != s.edition:
        lines = [
            f"{s.manual} now follows the template {s.upstream} at {s.compared_with} "
            f"(was {s.edition})."
        ]
    else:
        lines = [f"{s.manual} follows the template {s.upstream} at {s.compared_with}."]
    merged = {m.sub.replaces for m in result.merged}
    groups = (
        ("changed", "Inherited chapters with the template's new text (Updated at the next stamp):"),
        ("retitled", "Retitled by the template:"),
        ("stale", "Substitutions to review (stale until their based_on moves):"),
        ("unplaced", "New in the template, not placed (add '- inherit: ID' where they belong):"),
    )
    stale = False
    for category, heading in groups:
        items = [i for i in s.items if i.category == category and i.id not in merged]
        if items:
            stale = stale or category == "stale"
            lines += ["", heading]
            lines += [f"  {i.number + ' ' if i.number else ''}{i.id}: {i.title}" for i in items]
        if category == "stale" and result.merged:
            lines += [
                "",
                f"Substitutions merged with the template's change (based_on moved to "
                f"{s.compared_with}; read them before the release):",
            ]
            lines += [
                f"  {m.sub.entry.number} {m.sub.replaces}: {m.sub.entry.file}"
                for m in result.merged
            ]
    steps = ["'manualctl stamp' to flag the changed chapters"]
    if stale:
        steps.insert(
            0,
            "review each substitution above ('manualctl validate' shows the git diff to "
            "read) and set its based_on (or merge it: 'manualctl upstream update --to "
            f"{s.compared_with} --merge')",
        )
    lines += ["", "Next: " + "; then ".join(steps) + "."]
    return "\n".join(lines) + "\n"
