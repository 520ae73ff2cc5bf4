"""Three-way merge of stale substitutions: ``upstream update --to YYYY-MM --merge``.

A substituted chapter was written against the template chapter at its ``based_on``
edition (the base); the template has changed that chapter since (theirs, at the edition
moved to); the council has its own text (ours). git's own merge (``git merge-file``,
through :func:`manualctl.git.merge_file`) takes the template's change into the council's
text wherever the two did not change the same lines. Only the chapter's body is merged:
its front matter (id, title, owner, replaces) is the council's and stays as it is, but
for ``based_on``, which moves to the new edition (the template's change has been taken).

All or nothing: when any chapter has conflicting changes, :class:`MergeConflicts` lists
each one, with where and what to do, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from manualctl import git
from manualctl.check.findings import Finding
from manualctl.check.load import display
from manualctl.check.rules import finding
from manualctl.errors import ManualInvalid
from manualctl.model import chapter as chapter_mod
from manualctl.model.manual import Manual
from manualctl.model.yamltext import editor
from manualctl.model.yamltext.document import Document
from manualctl.upstream.resolve import read_editions
from manualctl.upstream.source import Upstream
from manualctl.upstream.substitution import Substitution, substitutions


@dataclass(frozen=True)
class Merge:
    """One substitution's merge: the chapter file's new body, or where it conflicts."""

    sub: Substitution
    base: str  # the template edition it was based on
    body: str  # merged (with conflict markers when ``conflicts``)
    conflicts: list[int]  # lines of the chapter file where a conflict starts


class MergeConflicts(ManualInvalid):
    """Some substitutions cannot be merged without their author: nothing was changed."""


def plan(manual: Manual, config_text: str, upstream: Upstream, target: str) -> list[Merge]:
    """A merge for every substitution whose template chapter changed between its
    ``based_on`` and ``target`` (``upstream`` is the template; any edition)."""
    subs = [
        s
        for s in substitutions(manual, config_text)
        if s.based_on and s.based_on != target and s.based_on in upstream.editions
    ]
    if not subs:
        return []
    wanted = list(dict.fromkeys([target, *(s.based_on or "" for s in subs)]))
    editions = dict(zip(wanted, read_editions(upstream, wanted), strict=True))
    out = []
    for sub in subs:
        base = editions[sub.based_on or ""].chapters.get(sub.replaces)
        theirs = editions[target].chapters.get(sub.replaces)
        if base is None or theirs is None or base.body == theirs.body:
            continue  # not there (validate says so) or nothing to take in
        body, conflicts = git.merge_file(
            sub.chapter.body,
            base.body,
            theirs.body,
            labels=(
                f"{sub.entry.file} (yours)",
                f"{sub.replaces} at {sub.based_on}",
                f"{sub.replaces} at {target}",
            ),
            cwd=manual.root,
        )
        lines = [
            sub.chapter.body_line + index
            for index, line in enumerate(body.split("\n"))
            if line.startswith("<<<<<<<")
        ][:conflicts]
        out.append(Merge(sub, sub.based_on or "", body, lines))
    return out


def refuse_conflicts(merges: list[Merge], upstream: Upstream, target: str) -> None:
    """Raise :class:`MergeConflicts` naming every conflicting part of every chapter."""
    findings: list[Finding] = []
    for merge in merges:
        sub = merge.sub
        shown = display(sub.chapter.path)
        diff = (
            f"git diff {upstream.tag_for(merge.base)} {upstream.tag_for(target)} -- "
            f"{upstream.repo.repo_path(_template_file(upstream, sub, target))}"
        )
        for line in merge.conflicts:
            findings.append(
                finding(
                    "substitution-conflict",
                    (shown, line, 1),
                    f'the template changed "{sub.replaces}" between {merge.base} and '
                    f"{target} where {sub.entry.file} has its own text: the two cannot be "
                    "merged by git.",
                    f"Read the template's change ({diff}), make it in {sub.entry.file} by "
                    f"hand and set its based_on to {target}; the other chapters merge "
                    "cleanly and are merged when you run the command again.",
                )
            )
    if findings:
        files = len({f.file for f in findings})
        raise MergeConflicts(
            f"{len(findings)} conflicting change(s) in {files} substituted chapter(s): "
            "nothing was changed.",
            findings,
            hint=f"Merge those by hand (or run 'manualctl upstream update --to {target}' "
            "without --merge: they are then stale substitutions until you do).",
        )


def _template_file(upstream: Upstream, sub: Substitution, target: str) -> str:
    chapter = read_editions(upstream, [target])[0].chapters.get(sub.replaces)
    return chapter.rel if chapter is not None else ""


def merged_file(raw: bytes, body: str, based_on: str | None) -> bytes:
    """The chapter file ``raw`` with its body replaced by ``body`` and, when given, its
    front matter's ``based_on`` set (its line ends and byte-order mark kept)."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = b"\r\n" in raw
    text = chapter_mod.decode(raw)
    parts = chapter_mod.split(text)
    front = parts.front_matter
    if based_on is not None:
        doc = Document(front)
        editor.set_key(doc, "based_on", {(): based_on}, after="replaces")
        front = doc.text
    head = text[: len(text) - len(parts.body)]
    text = "---\n" + front + head[4 + len(parts.front_matter) :] + body
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")
