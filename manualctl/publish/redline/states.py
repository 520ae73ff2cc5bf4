"""FROM's and TO's chapters as pandoc's trees, for the redline to compare.

Each edition's chapters shown become one document model
(:func:`~manualctl.publish.document.build_document` with ``only``), which pandoc reads
with manual.lua into its tree. TO's document is built and its pandoc run started
first (it is the longer: FROM's is read only where it differs from TO's,
:mod:`manualctl.publish.redline.reuse`), so that FROM's document is built and read on
the other core meanwhile.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from manualctl import proc
from manualctl.editions import between as changes
from manualctl.errors import ManualInvalid
from manualctl.publish.document import Document, build_document, image_files
from manualctl.publish.pandoc import run_pandoc
from manualctl.publish.redline import reuse
from manualctl.publish.redline.reuse import Cutter, Picker, assemble, to_parts


def read_states(
    plan: changes.Between, edition: str, printed_on: date, work: Path, *, in_pieces: bool = True
) -> tuple[Document, Document, dict[str, Any], dict[str, Any], set[str]]:
    """The chapters shown, as FROM's and TO's documents and pandoc's trees of them (TO's
    document is of ``edition``). ``in_pieces``: FROM's read only where it differs from
    TO's (:mod:`manualctl.publish.redline.reuse`; the trees are the same either way).
    Last, :func:`reuse.headings_at_top`'s chapters (none when read whole)."""
    from manualctl.publish.inherited import resolve

    ids = [c.id for c in plan.chapters]
    # an inherited chapter's pictures, read at the template edition each followed
    (work / "old").mkdir()
    (work / "new").mkdir()
    cutter = Cutter() if in_pieces else None
    pictures = image_files(plan.new.root)  # both editions' folder: the working tree's
    new_doc = build_document(
        plan.new,
        edition=edition,
        printed_on=printed_on,
        only=ids,
        inherited=resolve(plan.new, work / "new"),
        pieces=cutter,
        place=cutter.place if cutter is not None else None,
        pictures=pictures,
    )
    to_tag = f"{plan.target_name} ({plan.target.tag})" if plan.target else None
    reading = proc.in_background(lambda: _tree(new_doc, to_tag))  # while FROM's is built
    try:
        inherited = resolve(plan.old, work / "old")
        shown = frozenset(ids)
        texts = (
            inherited.bodies.get(f, c.body) for f, c in plan.old.chapters.items() if c.id in shown
        )
        parts = any(to_parts(text) for text in texts)  # links to a part of a chapter
        picker = Picker(cutter, headings=not parts) if cutter is not None else None
        old_doc = build_document(
            plan.old,
            edition=plan.source.edition,
            printed_on=printed_on,
            only=ids,
            inherited=inherited,
            pieces=picker,
            place=picker.place if picker is not None else None,
            pictures=pictures if plan.old.root == plan.new.root else None,
        )
        old_tree = _tree(old_doc, f"{plan.source_name} ({plan.source.tag})")
    except BaseException:
        with contextlib.suppress(Exception):  # FROM's error is the one told; no pandoc
            reading()  # is left running
        raise
    new_tree = reading()
    if cutter is None or picker is None:
        return old_doc, new_doc, old_tree, new_tree, set()
    assemble(old_tree, new_tree, cutter, picker)
    at_top = reuse.headings_at_top(ids, (cutter, new_doc), (picker, old_doc))
    return old_doc, new_doc, old_tree, new_tree, at_top


def _tree(doc: Document, released: str | None) -> dict[str, Any]:
    """The document as pandoc's tree, after manual.lua. ``released``: the edition it
    was read from, when from a tag ("May 2026 (sample/2026-05)"), which no one can
    change (None: the working tree). A problem in its chapters is said to be there."""
    markdown, args = doc.prelinked_input()
    try:
        tree: dict[str, Any] = json.loads(run_pandoc(markdown, "json", args, root=doc.root))
    except ManualInvalid as error:
        count = len(error.findings)
        if released is None:
            raise ManualInvalid(
                f"The working tree cannot be compared: {count} problem(s) in its chapters.",
                error.findings,
                hint="Run 'manualctl validate' to see where, fix them, then run the redline again.",
            ) from None
        raise ManualInvalid(
            f"{released} cannot be compared: {count} problem(s) in its chapters as they "
            "were released.",
            error.findings,
            hint="A released edition's files cannot be changed: compare from a later "
            "edition, or one chapter at a time (--chapter ID).",
        ) from None
    return tree
