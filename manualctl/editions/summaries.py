"""Amendment summaries in chapter front matter, filled from ``Amendment:`` commit trailers.

A summary is one sentence per edition in the chapter's front matter::

    amendments:
      "2026-11": This chapter was updated to reflect the new guidance.

``amendments --fill`` copies the ``Amendment:`` trailers of the commits that changed a
chapter in the window into its front matter, for a person to read and confirm before the
release. The edit adds lines to the front matter and changes no other byte.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from manualctl.editions.snapshot import ChapterState
from manualctl.editions.workspace import Coming, Workspace
from manualctl.errors import ManualctlError
from manualctl.fsutil import atomic_write
from manualctl.model.chapter import decode, split
from manualctl.model.yamltext.reader import _Loader, load_fast, roundtrip_dump, roundtrip_load


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
    """Chapter text with ``amendments[edition] = sentence`` added to the front matter."""
    text = decode(raw.encode("utf-8"))
    parts = split(text)
    meta = load_fast(parts.front_matter) or {}
    expected: dict[str, Any] = dict(meta)
    expected["amendments"] = {**(meta.get("amendments") or {}), edition: sentence}
    newline = "\r\n" if "\r\n" in raw else "\n"
    head_len = raw.index("\n") + 1  # the opening '---' line
    front = _edit(parts.front_matter, edition, sentence)
    if front is None or load_fast(front) != expected:
        front = _roundtrip(parts.front_matter, edition, sentence)
    if load_fast(front) != expected:  # pragma: no cover - refuse rather than damage
        raise ManualctlError(
            "manualctl could not add the summary without changing other lines.",
            hint="Add it by hand to the chapter's front matter.",
        )
    old_front_len = len(parts.front_matter.replace("\n", newline))
    new_front = front.replace("\n", newline) if newline != "\n" else front
    return raw[:head_len] + new_front + raw[head_len + old_front_len :]


def _edit(front: str, edition: str, sentence: str) -> str | None:
    line = f'"{edition}": {json.dumps(sentence, ensure_ascii=False)}\n'
    root = yaml.compose(front, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    lines = front.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for key, value in root.value:
        if key.value != "amendments":
            continue
        if _empty_flow_on_key_line(key, value):  # "amendments: {}", as new chapters have
            row = key.start_mark.line
            text = lines[row]
            rest = text[value.end_mark.column :].strip()
            lines[row] = text[: value.start_mark.column].rstrip() + (f" {rest}" if rest else "")
            lines[row] += "\n"
            lines.insert(row + 1, " " * (key.start_mark.column + 2) + line)
            return "".join(lines)
        if not isinstance(value, yaml.MappingNode) or value.flow_style or not value.value:
            return None
        indent = value.value[0][0].start_mark.column
        end = value.end_mark.line if value.end_mark.column == 0 else value.end_mark.line + 1
        lines.insert(end, " " * indent + line)
        return "".join(lines)
    return "".join(lines) + "amendments:\n  " + line


def _empty_flow_on_key_line(key: yaml.Node, value: yaml.Node) -> bool:
    return (
        isinstance(value, yaml.MappingNode)
        and bool(value.flow_style)
        and not value.value
        and key.start_mark.line == value.start_mark.line == value.end_mark.line
    )


def _roundtrip(front: str, edition: str, sentence: str) -> str:
    data = roundtrip_load(front)
    if data.get("amendments") is None:
        data["amendments"] = {}
    data["amendments"][edition] = sentence
    return str(roundtrip_dump(data))
