"""The contents page of a manual, as text, Markdown or JSON.

The text form is laid out like the published contents pages: the title and
organisation, the Quick Links list of sections, then every section, sub-section and
entry. A chapter line reads ``1.1.1 Title - status N.B. note Flag``; a chapter hosted
elsewhere is followed by its source in brackets (a full stop that ends the source is
written after the closing bracket, as the pages do); see-also lines read
``  See also: X`` with ``  and Y`` for each further item. Chapter titles and statuses
come from the chapters' front matter.

Over 300 lines because it is one view of the manual written three ways (text, Markdown,
JSON) with the same helpers for titles, statuses and see-also items, which keep the
three forms in agreement; apart, each would need those helpers from the others.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manualctl.check.findings import Severity
from manualctl.check.load import display, read
from manualctl.errors import ManualInvalid
from manualctl.model.chapter import Chapter
from manualctl.model.manual import (
    ChapterEntry,
    Entry,
    ExternalEntry,
    Manual,
    NoteEntry,
    Section,
    SeeAlsoEntry,
    SeeAlsoItem,
    Subsection,
)
from manualctl.model.text import markdown_text

FORMATS = ("text", "markdown", "json")
QUICK_LINKS_SENTENCE = (
    "This contents list is sub divided into the following sections, each Section contains "
    "relevant Chapters/Procedures: (Click on the title to jump to the Section you require):"
)


def load(root: Path) -> Manual:
    """The manual with its chapters (inherited ones too), refusing one whose files
    cannot be read."""
    from manualctl.upstream.resolve import inherited

    loaded = read(root, resolver=inherited)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    manual = loaded.manual
    if manual is not None:
        for entry in manual.chapter_entries():
            if entry.file not in manual.chapters:
                raise ManualInvalid(
                    f'The chapter file "{entry.file}" named in {display(manual.config_path)} '
                    "cannot be read, so its title is unknown.",
                    errors,
                    hint="Run 'manualctl validate' to see what is wrong, fix it, then retry.",
                )
    if manual is None or errors:
        raise ManualInvalid(
            f"The manual in {display(root)} has {len(errors)} error(s).",
            errors,
            hint="Fix them (run 'manualctl validate' to see them again), then retry.",
        )
    return manual


def render(manual: Manual, fmt: str = "text") -> str:
    """The contents page in ``fmt`` (text, markdown or json)."""
    if fmt == "markdown":
        return render_markdown(manual)
    if fmt == "json":
        return json.dumps(tree(manual), indent=2, ensure_ascii=False) + "\n"
    return render_text(manual)


# --- shared pieces --------------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """The manual with its chapters indexed by id (built once per rendering)."""

    manual: Manual
    by_id: dict[str, Chapter]
    file_by_id: dict[str, str]

    @classmethod
    def of(cls, manual: Manual) -> _View:
        files = {c.id: rel for rel, c in manual.chapters.items() if c.id}
        return cls(manual, manual.chapters_by_id(), files)


def _title(view: _View, entry: ChapterEntry) -> str:
    chapter = view.manual.chapter_for(entry)
    return chapter.title if chapter else entry.file


def _status(view: _View, entry: ChapterEntry | ExternalEntry) -> str | None:
    if isinstance(entry, ExternalEntry):
        return entry.status
    chapter = view.manual.chapter_for(entry)
    return chapter.status if chapter else None


def _tail(status: str | None, note: str | None, flag: str | None) -> str:
    return "".join(
        (f" - {status}" if status else "", f" {note}" if note else "", f" {flag}" if flag else "")
    )


def _item_title(view: _View, item: SeeAlsoItem) -> str:
    if item.chapter:
        chapter = view.by_id.get(item.chapter)
        return chapter.title if chapter else item.chapter
    return item.title or ""


def bracketed(source: str) -> str:
    """``(source)``; a full stop ending the source goes after the bracket."""
    if source.endswith(".") and not source.endswith(".."):
        return f"({source[:-1]})."
    return f"({source})"


# --- text -----------------------------------------------------------------------------


def render_text(manual: Manual) -> str:
    view = _View.of(manual)
    lines = [manual.title]
    if manual.organisation:
        lines.append(manual.organisation)
    if manual.data.get("description"):
        lines.append(str(manual.data["description"]))
    lines += ["", "Quick Links:", QUICK_LINKS_SENTENCE, ""]
    lines += [f"  {s.number}. {s.title}" for s in manual.sections]
    for section in manual.sections:
        lines += ["", "", f"{section.number}. {section.title}", ""]
        for entry in section.entries:
            if isinstance(entry, Subsection):
                lines += ([] if lines[-1] == "" else [""]) + [entry.number, "", entry.title, ""]
                for inner in entry.entries:
                    lines += _text_entry(view, inner)
            else:
                lines += _text_entry(view, entry)
    return "\n".join(lines) + "\n"


def _text_entry(view: _View, entry: Entry) -> list[str]:
    if isinstance(entry, ChapterEntry):
        tail = _tail(_status(view, entry), entry.note, entry.flag)
        return [f"{entry.number} {_title(view, entry)}{tail}"]
    if isinstance(entry, ExternalEntry):
        line = f"{entry.number} {entry.title}{_tail(entry.status, entry.note, entry.flag)}"
        return [line, bracketed(entry.source)] if entry.source else [line]
    if isinstance(entry, SeeAlsoEntry):
        out = []
        for index, item in enumerate(entry.items):
            lead = entry.label if index == 0 else "and"
            flag = f" {item.flag}" if item.flag else ""
            out.append(f"  {lead} {_item_title(view, item)}{flag}")
        return out
    if isinstance(entry, NoteEntry):
        return [f"  {entry.text}"]
    return []  # pragma: no cover - sub-sections are handled by the caller


# --- markdown -------------------------------------------------------------------------


def anchor(text: str) -> str:
    """The anchor GitHub and pandoc give a heading ("1. All Children" -> "1-all-children")."""
    words = re.sub(r"[^\w\- ]", "", text.lower()).strip()
    return re.sub(r"\s+", "-", words)


def render_markdown(manual: Manual) -> str:
    view = _View.of(manual)
    lines = [f"# {_md(manual.title)}", ""]
    if manual.organisation:
        lines += [_md(manual.organisation), ""]
    lines += ["## Quick Links", ""]
    for s in manual.sections:
        heading = f"{s.number}. {s.title}"
        lines.append(f"- [{_md(heading)}](#{anchor(heading)})")
    for section in manual.sections:
        lines += ([] if lines[-1] == "" else [""]) + [
            f"## {section.number}. {_md(section.title)}",
            "",
        ]
        _md_entries(view, section.entries, lines)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return markdown_text(text)


def _md_tail(status: str | None, note: str | None, flag: str | None) -> str:
    """The status, note and flag after an entry (people's text escaped, the flag bold)."""
    return _tail(status and _md(status), note and _md(note), flag and f"**{flag}**")


def _md_entries(view: _View, entries: tuple[Entry, ...], lines: list[str]) -> None:
    """Entries as a list; see-also lines and notes nest under the chapter before them."""
    nested = False
    for entry in entries:
        if isinstance(entry, Subsection):
            lines += ([] if lines[-1] == "" else [""]) + [
                f"### {entry.number} {_md(entry.title)}",
                "",
            ]
            _md_entries(view, entry.entries, lines)
            lines.append("")
            nested = False
            continue
        items = _md_entry(view, entry)
        if isinstance(entry, SeeAlsoEntry | NoteEntry):
            items = [("  " if nested else "") + item for item in items]
        else:
            nested = True
        lines += items


def _md_entry(view: _View, entry: Entry) -> list[str]:
    if isinstance(entry, ChapterEntry):
        tail = _md_tail(_status(view, entry), entry.note, entry.flag)
        return [f"- {entry.number} [{_md(_title(view, entry))}]({entry.file}){tail}"]
    if isinstance(entry, ExternalEntry):
        title = f"[{_md(entry.title)}]({entry.url})" if entry.url else _md(entry.title)
        tail = _md_tail(entry.status, entry.note, entry.flag)
        source = f" {_md(bracketed(entry.source))}" if entry.source else ""
        return [f"- {entry.number} {title}{tail}{source}"]
    if isinstance(entry, SeeAlsoEntry):
        out = []
        for index, item in enumerate(entry.items):
            lead = entry.label if index == 0 else "and"
            out.append(f"- *{lead}* {_md_item(view, item)}")
        return out
    if isinstance(entry, NoteEntry):
        return [f"- {_md(entry.text)}"]
    return []  # pragma: no cover


def _md_item(view: _View, item: SeeAlsoItem) -> str:
    title = _md(_item_title(view, item))
    flag = f" **{item.flag}**" if item.flag else ""
    if item.chapter:
        file = view.file_by_id.get(item.chapter)
        return (f"[{title}]({file})" if file else title) + flag
    return (f"[{title}]({item.url})" if item.url else title) + flag


# --- json -----------------------------------------------------------------------------


def tree(manual: Manual) -> dict[str, Any]:
    """The numbered contents tree as plain data."""
    view = _View.of(manual)
    return {
        "id": manual.id,
        "title": manual.title,
        "organisation": manual.organisation or None,
        "sections": [_json_numbered(view, s) for s in manual.sections],
    }


def _json_numbered(view: _View, node: Section | Subsection) -> dict[str, Any]:
    kind = "section" if isinstance(node, Section) else "subsection"
    return {
        "type": kind,
        "number": node.number,
        "title": node.title,
        "entries": [_json_entry(view, e) for e in node.entries],
    }


def _json_entry(view: _View, entry: Entry) -> dict[str, Any]:
    if isinstance(entry, Subsection):
        return _json_numbered(view, entry)
    if isinstance(entry, ChapterEntry):
        chapter = view.manual.chapter_for(entry)
        return _drop_none(
            type="chapter",
            number=entry.number,
            id=chapter.id if chapter else None,
            title=_title(view, entry),
            file=entry.file,
            status=_status(view, entry),
            note=entry.note,
            flag=entry.flag,
            kind=chapter.kind if chapter else None,
        )
    if isinstance(entry, ExternalEntry):
        return _drop_none(
            type="external",
            number=entry.number,
            title=entry.title,
            url=entry.url,
            source=entry.source,
            status=entry.status,
            note=entry.note,
            flag=entry.flag,
        )
    if isinstance(entry, SeeAlsoEntry):
        items = [
            _drop_none(chapter=i.chapter, title=_item_title(view, i), url=i.url, flag=i.flag)
            for i in entry.items
        ]
        return {"type": "see_also", "label": entry.label, "items": items}
    return {"type": "note", "text": entry.text}


def _drop_none(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
