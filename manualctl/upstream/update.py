"""``manualctl upstream update --to YYYY-MM``: follow a later edition of the template.

All or nothing: the manual's lock is taken before anything is read; the new
``upstream: edition:`` is checked (the whole manual, with the template at the new edition)
before manual.yaml is written, and any error other than a stale substitution leaves the
manual as it was. Inherited chapters follow the template at once (``stamp`` then flags
those whose text changed as Updated); substituted chapters whose template chapter
changed become stale substitutions: validate and release refuse them until their
author has read the change and moved ``based_on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from manualctl.check.findings import Severity
from manualctl.check.load import display, read, refuse_errors
from manualctl.check.validate import check
from manualctl.errors import ManualInvalid
from manualctl.fsutil import atomic_write, manual_lock
from manualctl.model.discovery import find_manual
from manualctl.model.manual import MANUAL_FILE
from manualctl.model.yamltext import editor
from manualctl.model.yamltext.document import Document
from manualctl.model.yamltext.reader import load_fast
from manualctl.upstream.resolve import inherited
from manualctl.upstream.status import Status, status


@dataclass(frozen=True)
class UpdateResult:
    root: Path
    status: Status  # the followed edition against the new one, as it was before moving
    written: bool


def update(manual_dir: Path | None, to: str) -> UpdateResult:
    """Move the manual to the template's edition ``to``; see the module docstring."""
    root = find_manual(manual_dir)
    with manual_lock(root):
        loaded = read(root)
        manual = refuse_errors(root, loaded.manual, loaded.findings)
        text = loaded.texts[MANUAL_FILE]
        result = status(manual, text, to)
        if result.compared_with == result.edition:
            return UpdateResult(root, result, False)
        doc = Document.from_bytes(text.encode("utf-8"))
        editor.set_key(doc, "edition", {("upstream",): result.compared_with})
        new_text = doc.to_bytes().decode("utf-8")
        data = load_fast(new_text)
        report = check(root, config=(data, new_text, []), resolver=inherited)
        blocking = [
            f
            for f in report.findings
            if f.severity is Severity.ERROR and f.code != "substitution-stale"
        ]
        if blocking:
            raise ManualInvalid(
                f"Following the template's {result.compared_with} edition would leave "
                f"{display(root)} with {len(blocking)} error(s); nothing was changed.",
                blocking,
                hint="Deal with them first (chapters the template removed: take out their "
                "entries or keep the text as chapters of your own), then run the update again.",
            )
        atomic_write(root / MANUAL_FILE, new_text)
        return UpdateResult(root, result, True)


def render_update(result: UpdateResult) -> str:
    """What the move did, and what is left for people to do."""
    s = result.status
    if not result.written:
        return f"{s.manual} already follows the template's {s.edition} edition: nothing to do.\n"
    lines = [
        f"{s.manual} now follows the template {s.upstream} at {s.compared_with} (was {s.edition})."
    ]
    groups = (
        ("changed", "Inherited chapters with the template's new text (Updated at the next stamp):"),
        ("retitled", "Retitled by the template:"),
        ("stale", "Substitutions to review (stale until their based_on moves):"),
        ("unplaced", "New in the template, not placed (add '- inherit: ID' where they belong):"),
    )
    for category, heading in groups:
        items = [i for i in s.items if i.category == category]
        if items:
            lines += ["", heading]
            lines += [f"  {i.number + ' ' if i.number else ''}{i.id}: {i.title}" for i in items]
    steps = ["'manualctl stamp' to flag the changed chapters"]
    if any(i.category == "stale" for i in s.items):
        steps.insert(
            0,
            "review each substitution above ('manualctl validate' shows the git diff to "
            "read) and set its based_on",
        )
    lines += ["", "Next: " + "; then ".join(steps) + "."]
    return "\n".join(lines) + "\n"
