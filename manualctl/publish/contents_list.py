"""The contents list of an edition, as the JSON lines the pinned filter turns into a Div.

One JSON object per line (kind, number, title, target, flag, status, ...), in a
``manualctl-contents`` code block: pandoc's Markdown reader is slow on ``[...]``, and
manual.lua builds from these lines the very Div pandoc would read from the Markdown list."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from manualctl.model.chapter import Chapter
from manualctl.model.manual import (
    ChapterEntry,
    ExternalEntry,
    Manual,
    NoteEntry,
    SeeAlsoEntry,
    Subsection,
)

ContentsLine = dict[str, str]

if TYPE_CHECKING:
    from manualctl.publish.chapter_text import DocChapter

#: The class of the code block that holds the contents list (JSON): manual.lua makes it the
#: contents Div. pandoc reads a code block far faster than the same list as Markdown.
CONTENTS_CLASS = "manualctl-contents"


def contents_block(manual: Manual, in_doc: Mapping[str, DocChapter]) -> str:
    """The contents list as a ``manualctl-contents`` code block (see the module docstring)."""
    by_id = manual.chapters_by_id()
    lines: list[ContentsLine] = []

    def line(cls: str, **parts: str | None) -> None:
        found = {
            key: value if key == "target" else " ".join(value.split())
            for key, value in parts.items()
            if value
        }
        if any(key != "target" for key in found):  # e.g. no note line without a note
            lines.append({"class": cls, **found})

    for section in manual.sections:
        start = len(lines)
        line("contents-section", number=section.number + ".", text=section.title)
        for entry in section.entries:
            if isinstance(entry, Subsection):
                sub = len(lines)
                line("contents-subsection", number=entry.number, text=entry.title)
                for inner in entry.entries:
                    _contents_entry(inner, line, by_id, in_doc)
                _drop_emptied(lines, sub, entry.entries)
            else:
                _contents_entry(entry, line, by_id, in_doc)
        _drop_emptied(lines, start, section.entries)
    # one line of JSON per contents line; no backquote can close the fence early
    # ("\u0060" is the same JSON string)
    data = ",\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
    data = data.replace("`", "\\u0060")
    return f"``` {{.{CONTENTS_CLASS}}}\n[\n{data}\n]\n```"


def _drop_emptied(lines: list[ContentsLine], start: int, entries: Sequence[object]) -> None:
    """A section or sub-section whose chapters are all left out of the edition (chapters
    awaiting text, ``edition: awaiting_text: leave out``) leaves the contents with them:
    its lines from ``start`` go when it had chapters and none of them is listed."""
    placed = (ChapterEntry, ExternalEntry, Subsection)
    listed = {"contents-chapter", "contents-external"}
    if any(isinstance(e, placed) for e in entries) and not any(
        line["class"] in listed for line in lines[start:]
    ):
        del lines[start:]


def _contents_entry(
    entry: object,
    line: Callable[..., None],
    by_id: Mapping[str, Chapter],
    in_doc: Mapping[str, DocChapter],
) -> None:
    if isinstance(entry, ChapterEntry):
        found = next((c for c in in_doc.values() if c.file == entry.file and c.file), None)
        if found is None:
            return
        line(
            "contents-chapter",
            number=entry.number,
            link=found.title,
            target=f"#{found.id}",
            status=found.status,
            flag=entry.flag,
        )
        line("contents-note", text=entry.note)
    elif isinstance(entry, ExternalEntry):
        stub = "external--" + entry.number.replace(".", "-")  # chapter_text.external_id
        if stub in in_doc:  # its stub in the document, which links out
            named = {"link": entry.title, "target": f"#{stub}"}
        elif entry.url:
            named = {"link": entry.title, "target": link_target(entry.url)}
        else:
            named = {"text": entry.title}
        line(
            "contents-external",
            number=entry.number,
            **named,
            status=entry.status,
            flag=entry.flag,
            source=entry.source,
        )
        line("contents-note", text=entry.note)
    elif isinstance(entry, SeeAlsoEntry):
        for position, item in enumerate(entry.items):
            label = entry.label if position == 0 else "and"
            cls = "contents-see-also" if position == 0 else "contents-see-also-and"
            if item.chapter:
                target = by_id.get(item.chapter)
                name = target.title if target else item.chapter
                if item.chapter in in_doc:
                    line(cls, label=label, link=name, target=f"#{item.chapter}", flag=item.flag)
                else:
                    line(cls, label=label, text=name, flag=item.flag)
            elif item.url:
                title = item.title or item.url
                line(cls, label=label, link=title, target=link_target(item.url), flag=item.flag)
            else:
                line(cls, label=label, text=item.title or "", flag=item.flag)
    elif isinstance(entry, NoteEntry):
        line("contents-note", text=entry.text)


def link_target(url: str) -> str:
    """``url`` as pandoc keeps a link's address: spaces and ``<>|"{}[]^` `` %-escaped."""
    out: list[str] = []
    for char in url:
        if char in _URI_ESCAPED or char.isspace():
            out.extend(f"%{byte:02X}" for byte in char.encode())
        else:
            out.append(char)
    return "".join(out)


_URI_ESCAPED = frozenset('<>|"{}[]^`')
