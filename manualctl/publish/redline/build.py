"""``manualctl redline``: what changed between two editions, word by word, in Word and HTML.

The two states come from :func:`manualctl.editions.between.between` (FROM an edition,
TO a later one or the working tree). Each is one document model of just the chapters
shown, read by pandoc with manual.lua into its tree, both at once on two cores
(:mod:`manualctl.publish.redline.states`). The trees are compared chapter by chapter
(:mod:`manualctl.publish.redline.astdiff`) into one tree, which one more pandoc run
writes:

* **Word**: made as the Word edition is (:func:`manualctl.publish.docx.render_docx`:
  reference.docx, styles by docx.lua, cover, headers, page breaks, the font), the
  differences as real tracked changes (``w:ins``/``w:del``, author "manualctl", dated
  from TO's last commit), paragraphs and table rows wholly added or removed marked as
  such (:mod:`manualctl.publish.redline.wordrev`); pandoc is given each run of words as
  one piece of text (:mod:`manualctl.publish.redline.joined`).
* **PDF**: made as the PDF edition is (:func:`manualctl.publish.pdf.render_pdf`:
  Typst, PDF/UA-1), each change underlined or struck through and named in words
  ("[Deleted: ...]"), after a legend.
* **HTML**: one accessible page: ``<ins>``/``<del>`` (underlined, struck through),
  each also announced in words, and a legend.

In the PDF and the page each chapter says under its heading what happened to it (New,
Updated, Editorial changes only, Removed, Retitled or moved). The Word file keeps to the
two editions' text under its headings, so that "accept all" and "reject all" give one
edition's text; it says the same in its contents list
(:mod:`manualctl.publish.redline.contents`), each chapter's line with its page.

Dates come from the commits (SOURCE_DATE_EPOCH wins), so the same two editions give
byte-identical files; each is written as publish writes an edition
(:func:`manualctl.publish.written.write_file`: to a temporary file, renamed into place).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from manualctl.editions import between as changes
from manualctl.editions.published import EditionLabel
from manualctl.editions.tags import parse_edition
from manualctl.errors import UsageError
from manualctl.fsutil import manual_lock
from manualctl.model.yamltext.reader import collector_paused
from manualctl.publish.dates import env_epoch, printed_date, source_epoch
from manualctl.publish.document import Document, filter_path
from manualctl.publish.metadata import long_date
from manualctl.publish.redline import reuse
from manualctl.publish.redline.astdiff import Marks, Node, diff_by_key
from manualctl.publish.redline.states import read_states
from manualctl.publish.written import Written, make_out_folder, write_file

AUTHOR = "manualctl"
FORMATS = ("docx", "pdf", "html")
STATUS_TEXT = {
    changes.NEW: "New chapter: all its text is inserted.",
    changes.UPDATED: "Updated.",
    changes.EDITORIAL: "Editorial changes only: every commit that changed this chapter is "
    "marked 'Manual-Change: editorial'.",
    changes.REMOVED: "Removed chapter: all its text is deleted.",
    changes.MOVED: "Retitled or moved; its text is unchanged.",
    changes.SAME: "Unchanged.",
}


@dataclass(frozen=True)
class Redline:
    """What ``redline`` wrote, and what it compared."""

    written: list[Written]
    source: str  # "May 2026 (sample/2026-05)"
    target: str
    chapters: tuple[changes.ChapterChange, ...]


def parse_formats(value: str) -> list[str]:
    """``docx,html`` -> ``["docx", "html"]``, refusing formats redline cannot make."""
    wanted = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if not wanted or unknown:
        raise UsageError(
            f"redline cannot make the format(s) {', '.join(unknown) or '(none given)'}.",
            hint=f"Use --format with one or more of: {', '.join(FORMATS)} (comma-separated).",
        )
    return list(dict.fromkeys(wanted))


def redline(
    manual_dir: Path | None,
    source: str | None,
    target: str | None,
    *,
    formats: Sequence[str],
    out: Path,
    chapter: str | None = None,
    everything: bool = False,
) -> Redline:
    """Compare FROM with TO and write the redline in each format into ``out``."""
    from manualctl.upstream.resolve import inherited

    plan = changes.between(
        manual_dir, source, target, chapter=chapter, everything=everything, resolver=inherited
    )
    ws = plan.workspace
    source_label = f"{plan.source_name} ({plan.source.tag})"
    target_label = f"{plan.target_name} ({plan.target.tag})" if plan.target else plan.target_name
    if not plan.chapters:
        return Redline([], source_label, target_label, ())
    make_out_folder(out)
    with collector_paused(), tempfile.TemporaryDirectory(prefix="manualctl-redline-") as folder:
        work = Path(folder)
        if plan.target is not None:
            epoch = env_epoch() or changes.committed(ws.repo, plan.target.tag)
            new_edition = plan.target.edition
        else:
            epoch = source_epoch(ws.manual.root)
            day = printed_date(epoch)
            new_edition = ws.coming_id or f"{day.year}-{day.month:02d}"
        marks = Marks(AUTHOR, datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        ids = [c.id for c in plan.chapters]
        old_doc, new_doc, old_tree, new_tree, at_top = read_states(
            plan, parse_edition(new_edition), printed_date(epoch), work
        )
        merged = compare_trees(old_tree, new_tree, plan.chapters, marks)
        label = EditionLabel(new_doc.edition, plan.description, plan.description, False, plan.stem)
        chapters = {c.id: c for c in (*old_doc.chapters, *new_doc.chapters)}
        doc = replace(
            new_doc,
            metadata={
                **new_doc.metadata,
                "subtitle": plan.description,
                "date": plan.description,
                "edition-name": plan.description,
                "edition-line": label.line,
                "notice": f"{plan.description}, made from the commits of "
                f"{long_date(printed_date(epoch))}: a comparison for reviewers, not an "
                "edition.",
            },
            chapters=tuple(chapters[i] for i in ids if i in chapters),
            stem=label.stem,
        )
        written = []
        with manual_lock(out, whole_tree=False):
            for fmt in formats:
                data = _render(fmt, merged, doc, plan, epoch, marks, work, at_top)
                name = f"{ws.settings.id}-redline-{plan.stem}" + (f"-{chapter}" if chapter else "")
                path = out / f"{name}.{fmt}"
                made = write_file(
                    path, data, manual=ws.settings.id, fmt=fmt, edition=plan.stem, chapter=chapter
                )
                written.append(made)
    return Redline(written, source_label, target_label, plan.chapters)


def _key(block: Node) -> str:
    """Chapters are matched by id; section headings by their class and words."""
    if block.get("t") == "Div":
        attr = block["c"][0]
        values = dict(attr[2])
        if "chapter" in attr[1]:
            return "chapter:" + str(values.get("data-id", ""))
        return json.dumps([attr[1], block["c"][1]], sort_keys=True)
    return json.dumps(block, sort_keys=True)


def compare_trees(
    old: dict[str, Any],
    new: dict[str, Any],
    shown: Sequence[changes.ChapterChange],
    marks: Marks,
) -> dict[str, Any]:
    """One tree of both, each chapter's Div saying what happened to it (``data-change``:
    the HTML page and the PDF show it under the heading)."""
    blocks = diff_by_key(old["blocks"], new["blocks"], _key, marks)
    status = {c.id: c for c in shown}
    for block in blocks:
        key = _key(block)
        found = status.get(key[len("chapter:") :]) if key.startswith("chapter:") else None
        if found is not None:
            text = " ".join(x for x in (STATUS_TEXT[found.status], found.details) if x)
            block["c"][0][2] = [*block["c"][0][2], ["data-change", text]]
    return {**new, "blocks": blocks}


def _render(
    fmt: str,
    tree: dict[str, Any],
    doc: Document,
    plan: changes.Between,
    epoch: int,
    marks: Marks,
    work: Path,
    at_top: set[str],
) -> bytes:
    meta = dict(tree["meta"])
    for key, value in doc.metadata.items():
        meta[key] = {"t": "MetaString", "c": value}
    blocks = tree["blocks"]
    if fmt == "docx":  # what happened to each chapter: in the contents list
        from manualctl.publish.redline import contents, joined

        shown = {c.id: c for c in doc.chapters}
        ready = map(reuse.marked_ready(at_top), blocks)  # after the contents list is made
        blocks = joined.joined([*contents.contents(blocks, plan.chapters, shown, marks), *ready])
    # compact (pandoc's reader costs by the byte), without a check for cycles (none)
    writer = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    source = writer.encode({**tree, "meta": meta, "blocks": blocks})
    args = ["--from=json", "--sandbox", f"--lua-filter={filter_path('redline.lua')}"]
    if fmt == "docx":  # as the Word edition is made, then the tracked changes finished
        from manualctl.publish.docx import render_docx

        def revise(word: Any) -> dict[str, bytes]:
            # imported after pandoc's run: lxml is loaded by then (render_docx loads
            # python-docx while pandoc runs)
            from manualctl.publish.redline.wordrev import track_changes

            return track_changes(word, marks)

        return render_docx(doc, epoch=epoch, work=work, source=(source, args), revise=revise)
    if fmt == "pdf":  # as the PDF edition is made (typst.lua after redline.lua, PDF/UA-1)
        from manualctl.publish.pdf import render_pdf

        return render_pdf(doc, created=datetime.fromtimestamp(epoch, UTC), source=(source, args))
    from manualctl.publish.redline.page import render_page

    return render_page(source, args, doc, plan, epoch)
