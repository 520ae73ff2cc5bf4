"""The two pandoc runs of an import: the .docx to pandoc's JSON tree, and the chapters'
blocks back to Markdown (one run for all chapters, cut apart afterwards).

pandoc's docx reader makes every word a ``Str`` and every space a ``Space``, and its
Markdown writer spends most of its time (and reading JSON much of the rest) on those
nodes: a 300-page document has half a million of them. Most blocks are plain words,
whose Markdown :mod:`.plain` writes without pandoc; of the rest, :func:`joined` gives
the writer the same text in a few long ``Str``s, only where it writes exactly the same
Markdown (``tests/test_import_docx_joined.py`` checks that against pandoc on generated
cases).

The caller passes the pandoc program (the bundled one; the command line finds it), so
this layer needs nothing from publishing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from manualctl import proc
from manualctl.errors import ProcessError, UsageError
from manualctl.importing.docx import plain
from manualctl.pandoc_env import pandoc_env

#: pandoc Markdown as chapters are written: Unicode quotes kept, pipe tables where they
#: fit and grid tables where cells hold lists or paragraphs, one line per paragraph,
#: footnotes at the end of their chapter (each chapter is a level-1 section here)
WRITER = [
    "--to=markdown-smart-simple_tables-multiline_tables-raw_html-raw_attribute",
    "--wrap=none",
    "--reference-location=section",
]
_MARK = "MANUALCTLCHAPTER"
_MARK_LINE = re.compile(rf"^# {_MARK}(\d+)$", re.MULTILINE)

_HINT = "Open the document in Word, save it again as a Word Document (.docx), and retry."


def read_tree(pandoc: str, path: Path) -> dict[str, Any]:
    """pandoc's JSON document tree of a .docx (custom paragraph styles kept as divs).

    Tracked changes are taken as accepted: a document that has them is refused before
    this runs, unless the user asked for them to be accepted.
    """
    command = [
        pandoc,
        "--from=docx+styles",
        "--to=json",
        "--track-changes=accept",
        "--sandbox",
        str(path),
    ]
    done = proc.run(command, env=pandoc_env(), error=ProcessError)
    if done.returncode != 0:
        raise UsageError(
            f"{path.name} could not be read as a Word document: {done.error_text[:300]}; "
            "nothing was written.",
            hint=_HINT,
        )
    tree: dict[str, Any] = json.loads(done.stdout)
    return tree


def write_markdown(pandoc: str, api: Any, chapters: list[list[Any]]) -> list[str]:
    """The Markdown of each chapter's blocks: the plain ones written directly
    (:mod:`.plain`), the others by one pandoc run for all chapters (none when every
    block is plain). A chapter with a footnote goes to pandoc whole, so that its notes
    come at its end."""
    plans = [plain.plan(chapter) for chapter in chapters]
    pieces: list[str] = []  # the JSON of each run of blocks pandoc writes
    for number, chapter in enumerate(chapters):
        runs = [part for part in plans[number] if isinstance(part, list)]
        texts = [json.dumps(joined(run))[1:-1] for run in runs]
        if any(_HAS_NOTE in text for text in texts):
            plans[number] = [chapter]
            texts = [json.dumps(joined(chapter))[1:-1]]
        pieces.extend(texts)
    written = _pandoc_markdown(pandoc, api, pieces) if pieces else []
    taken = iter(written)
    bodies = []
    for parts in plans:
        texts = [part if isinstance(part, str) else next(taken) for part in parts]
        # a run the writer makes nothing of (an empty paragraph) leaves no blank line
        bodies.append(_notes_from_one("\n\n".join(text for text in texts if text)))
    return bodies


#: a footnote in a run's JSON (the quotes of a ``Str`` holding this text are escaped)
_HAS_NOTE = '{"t": "Note"'


def _pandoc_markdown(pandoc: str, api: Any, pieces: list[str]) -> list[str]:
    """The Markdown of each piece (blocks in JSON, without their brackets), from one
    pandoc run: each piece is a level-1 section of its own, cut apart afterwards."""
    source = [f'{{"pandoc-api-version": {json.dumps(api)}, "meta": {{}}, "blocks": [']
    for number, piece in enumerate(pieces):
        name = f"{_MARK}{number}"
        mark = {"t": "Header", "c": [1, [name.lower(), [], []], [{"t": "Str", "c": name}]]}
        source.append(("," if number else "") + json.dumps(mark) + "," + piece)
    source.append("]}")
    source_bytes = "".join(source).encode("utf-8")
    done = proc.run([pandoc, "--from=json", *WRITER], input=source_bytes, env=pandoc_env())
    if done.returncode != 0:
        raise proc.failed(
            done,
            error=ProcessError,
            shown_as="pandoc --from=json --to=markdown",
            hint="This is probably a bug in manualctl: please report it with the document, "
            "if you can share it.",
        )
    parts = _MARK_LINE.split(done.stdout.decode("utf-8"))
    texts = [""] * len(pieces)
    for index in range(1, len(parts) - 1, 2):
        texts[int(parts[index])] = parts[index + 1].strip("\n")
    return texts


_NOTE = re.compile(r"(?<!\\)\[\^(\d+)\]")


def _notes_from_one(body: str) -> str:
    """A chapter's footnotes numbered from 1 (pandoc numbers them through the document)."""
    if "[^" not in body:  # no notes: the pattern tries every character (its look-behind)
        return body
    numbers: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        new = numbers.setdefault(match[1], str(len(numbers) + 1))
        return f"[^{new}]"

    return _NOTE.sub(renumber, body)


def joined(blocks: list[Any]) -> list[Any]:
    """``blocks`` with runs of words (``Str``, ``Space``, ``Str``) made one ``Str`` where
    pandoc's Markdown writer (with :data:`WRITER`) writes them the same either way.

    The writer escapes a ``Str`` character by character, except that a ``#`` or ``@``
    starting one is escaped differently and a ``\\`` ending one is doubled; it treats
    the first ``Str`` of a list on its own (an ordered-list marker starting a paragraph);
    it escapes spaces inside super- and subscripts; a link whose text is one ``Str`` can
    become an autolink; and grid-table cells are wrapped at spaces. So: never the first
    inline of a list, never across those characters, never inside links, images,
    spans, super- or subscripts, citations, tables, figures or line blocks.
    """
    return [_block(block) for block in blocks]


def _block(block: Any) -> Any:
    kind = block["t"]
    if kind in ("Para", "Plain"):
        return {"t": kind, "c": _inlines(block["c"])}
    if kind == "Header":
        level, attr, inlines = block["c"]
        return {"t": kind, "c": [level, attr, _inlines(inlines)]}
    if kind in ("BlockQuote",):
        return {"t": kind, "c": joined(block["c"])}
    if kind == "BulletList":
        return {"t": kind, "c": [joined(item) for item in block["c"]]}
    if kind == "OrderedList":
        attrs, items = block["c"]
        return {"t": kind, "c": [attrs, [joined(item) for item in items]]}
    if kind == "Div":
        attr, content = block["c"]
        return {"t": kind, "c": [attr, joined(content)]}
    if kind == "DefinitionList":
        return {
            "t": kind,
            "c": [[term, [joined(d) for d in definitions]] for term, definitions in block["c"]],
        }
    return block


def _glued_to_space_before(word: str) -> bool:
    """A word the writer glues to the space before it (so that no line starts with it):
    ``-``, ``*``, ``+``, a ``>...``, or an ordered-list marker (``1.``, ``(iv)``)."""
    return word in ("-", "*", "+") or word[0] == ">" or word[-1] in ".)"


_INLINE_CONTAINERS = frozenset(("Emph", "Strong", "Underline", "Strikeout", "SmallCaps"))


def _inlines(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    at, end = 0, len(items)
    while at < end:
        item = items[at]
        at += 1
        kind = item["t"]
        if kind == "Str":
            word = item["c"]
            if out and word and not _glued_to_space_before(word):  # not the first inline
                words = [word]
                while (
                    at + 1 < end
                    and items[at]["t"] == "Space"
                    and items[at + 1]["t"] == "Str"
                    and words[-1][-1] != "\\"
                    and (following := items[at + 1]["c"])
                    and following[0] not in "#@"
                ):
                    words.append(following)
                    at += 2
                if len(words) > 1:
                    item = {"t": "Str", "c": " ".join(words)}
        elif kind in _INLINE_CONTAINERS:
            item = {"t": kind, "c": _inlines(item["c"])}
        elif kind == "Quoted":
            item = {"t": kind, "c": [item["c"][0], _inlines(item["c"][1])]}
        elif kind == "Note":
            item = {"t": kind, "c": joined(item["c"])}
        out.append(item)
    return out
