"""Amendment summaries in chapter front matter, filled from ``Amendment:`` commit trailers.

A summary is one sentence per edition in the chapter's front matter::

    amendments:
      "2026-11": This chapter was updated to reflect the new guidance.

``amendments --fill`` copies the ``Amendment:`` trailers of the commits that changed a
chapter in the window into its front matter, for a person to read and confirm before the
release. The edit adds lines to the front matter and changes no other byte (the YAML
text editor, :func:`manualctl.model.yamltext.editor.set_key`).
"""

from __future__ import annotations

from dataclasses import dataclass

from manualctl.editions.snapshot import ChapterState
from manualctl.editions.workspace import Coming, Workspace
from manualctl.fsutil import atomic_write
from manualctl.model.chapter import decode, split
from manualctl.model.yamltext import editor
from manualctl.model.yamltext.editor import Document


@dataclass(frozen=True)
class Filled:
    chapter: ChapterState
    text: str


def fill_from_trailers(ws: Workspace, coming: Coming, chapters: list[ChapterState]) -> list[Filled]:
    """Write the trailer text into each chapter that has trailers; return what was filled."""
    edition = coming.changes.edition
    assert edition is not None
    out: list[Filled] = []
    repo = ws.repo
    for state in chapters:
        files = {repo.repo_path(state.file)}
        before = coming.old.chapters.get(state.id) if coming.old else None
        if before is not None:
            files.add(repo.repo_path(before.file))
        names = coming.window.names(files)
        texts: list[str] = []
        for name in sorted(names):
            texts.extend(coming.window.trailers.get(name, []))
        if not texts:
            continue
        unique = list(dict.fromkeys(reversed(texts)))  # oldest first, each once
        sentence = " ".join(unique)
        path = ws.manual.root / state.file
        raw = path.read_bytes().decode("utf-8")
        atomic_write(path, add_summary(raw, edition, sentence))
        state.amendments[edition] = sentence
        out.append(Filled(state, sentence))
    return out


def add_summary(raw: str, edition: str, sentence: str) -> str:
    """Chapter text with ``amendments[edition] = sentence`` added to the front matter.

    Edition and sentence are written double-quoted: other YAML readers take a bare
    ``2026-11`` for a date.
    """
    parts = split(decode(raw.encode("utf-8")))
    doc = Document(parts.front_matter)
    editor.set_key(doc, edition, {("amendments",): sentence}, quote_key=True, quote_value=True)
    newline = "\r\n" if "\r\n" in raw else "\n"
    head_len = raw.index("\n") + 1  # the opening '---' line
    old_front_len = len(parts.front_matter.replace("\n", newline))
    new_front = doc.text.replace("\n", newline) if newline != "\n" else doc.text
    return raw[:head_len] + new_front + raw[head_len + old_front_len :]
