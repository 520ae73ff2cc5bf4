"""The two pandoc runs of an import: the .docx to pandoc's JSON tree, and the chapters'
blocks back to Markdown (one run for all chapters, cut apart afterwards).

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

#: pandoc Markdown as chapters are written: Unicode quotes kept, pipe tables where they
#: fit and grid tables where cells hold lists or paragraphs, one line per paragraph,
#: footnotes at the end of their chapter (each chapter is a level-1 section here)
WRITER = [
    "--to=markdown-smart-simple_tables-multiline_tables-raw_html-raw_attribute",
    "--wrap=none",
    "--reference-location=section",
]
_MARK = "MANUALCTLCHAPTER"
_MARK_LINE = re.compile(rf"^# {_MARK}(\d+)\s*$", re.MULTILINE)

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
    done = proc.run(command, error=ProcessError)
    if done.returncode != 0:
        raise UsageError(
            f"{path.name} could not be read as a Word document: {done.error_text[:300]}; "
            "nothing was written.",
            hint=_HINT,
        )
    tree: dict[str, Any] = json.loads(done.stdout)
    return tree


def write_markdown(pandoc: str, api: Any, chapters: list[list[Any]]) -> list[str]:
    """The Markdown of each chapter's blocks, from one pandoc run."""
    blocks: list[Any] = []
    for number, chapter in enumerate(chapters):
        name = f"{_MARK}{number}"
        blocks.append({"t": "Header", "c": [1, [name.lower(), [], []], [{"t": "Str", "c": name}]]})
        blocks.extend(chapter)
    source = json.dumps({"pandoc-api-version": api, "meta": {}, "blocks": blocks})
    done = proc.run([pandoc, "--from=json", *WRITER], input=source.encode("utf-8"))
    if done.returncode != 0:
        raise proc.failed(
            done,
            error=ProcessError,
            shown_as="pandoc --from=json --to=markdown",
            hint="This is probably a bug in manualctl: please report it with the document, "
            "if you can share it.",
        )
    text = done.stdout.decode("utf-8")
    parts = _MARK_LINE.split(text)
    bodies = [""] * len(chapters)
    for index in range(1, len(parts) - 1, 2):
        bodies[int(parts[index])] = _notes_from_one(parts[index + 1].strip("\n"))
    return bodies


_NOTE = re.compile(r"(?<!\\)\[\^(\d+)\]")


def _notes_from_one(body: str) -> str:
    """A chapter's footnotes numbered from 1 (pandoc numbers them through the document)."""
    numbers: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        new = numbers.setdefault(match[1], str(len(numbers) + 1))
        return f"[^{new}]"

    return _NOTE.sub(renumber, body)
