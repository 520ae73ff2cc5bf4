"""``stamp``: write the coming edition's New/Updated flags into manual.yaml.

Git decides the flags (:mod:`manualctl.editions.workspace`); this module compares them with the
flags stored on the ``file:`` entries and writes the difference. The edit is made line by
line in the text, so every other byte of manual.yaml stays as it was (comments, quoting,
indentation in any style); the result is parsed again to prove nothing else changed.
External entries and see-also items keep the flags people gave them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from manualctl.editions.workspace import Workspace
from manualctl.errors import ManualctlError
from manualctl.fsutil import atomic_write, manual_lock
from manualctl.git import CatFile
from manualctl.model.yamltext.reader import _Loader, load_fast, roundtrip_dump, roundtrip_load

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class FlagChange:
    """One entry whose stored flag differs from what git says it should be."""

    file: str
    label: str  # "1.1.2 Our Vision"
    old: str | None
    new: str | None

    def describe(self) -> str:
        was = self.old or "no flag"
        now = self.new or "no flag"
        return f"{self.label} ({self.file}): {was} -> {now}"


@dataclass
class StampResult:
    edition: str
    previous: str | None  # the previous edition's tag; None for the first edition
    changes: list[FlagChange]
    flagged: int  # how many chapters carry a flag after stamping
    written: bool = False


def stamp(
    manual_dir: Path | None,
    *,
    edition: str | None = None,
    check: bool = False,
    today: date | None = None,
) -> StampResult:
    """Work out the flags for the coming edition; write them unless ``check``."""
    ws = Workspace.open(manual_dir, edition=edition, today=today, full_check=not check)
    coming_id = ws.coming_id
    with CatFile(ws.repo.top) as batch:
        coming = ws.coming(batch)
    wanted = coming.changes.flags()
    desired: dict[Path_, str | None] = {}
    changes: list[FlagChange] = []
    for entry in ws.manual.chapter_entries():
        chap = ws.manual.chapters.get(entry.file)
        flag = wanted.get(chap.id) if chap is not None else None
        if flag != entry.flag:
            title = chap.title if chap is not None else entry.file
            changes.append(FlagChange(entry.file, f"{entry.number} {title}", entry.flag, flag))
            desired[entry.path] = flag
    result = StampResult(
        coming_id,
        coming.previous.tag if coming.previous else None,
        changes,
        len(wanted),
    )
    if check or not changes:
        return result
    with manual_lock(ws.manual.root):
        path = ws.manual.config_path
        text = path.read_bytes().decode("utf-8")
        atomic_write(path, set_flags(text, desired))
    result.written = True
    return result


def set_flags(text: str, desired: dict[Path_, str | None]) -> str:
    """manual.yaml text with the ``flag:`` of each entry (by key path) set or removed."""
    expected = copy.deepcopy(load_fast(text))
    for path, flag in desired.items():
        entry = _follow(expected, path)
        if flag is None:
            entry.pop("flag", None)
        else:
            entry["flag"] = flag
    edited = _edit_lines(text, desired)
    if edited is not None and load_fast(edited) == expected:
        return edited
    edited = _edit_roundtrip(text, desired)  # flow-style entries and other unusual layouts
    if load_fast(edited) == expected:
        return edited
    raise ManualctlError(  # pragma: no cover - a bug: refuse rather than damage the file
        "manualctl could not write the flags into manual.yaml without changing other lines.",
        hint="Set the flags by hand (manualctl stamp --check lists them) and report this.",
    )


def _follow(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _node(root: yaml.Node, path: Path_) -> yaml.Node:
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next(v for k, v in node.value if k.value == step)
        else:
            assert isinstance(node, yaml.SequenceNode) and isinstance(step, int)
            node = node.value[step]
    return node


def _edit_lines(text: str, desired: dict[Path_, str | None]) -> str | None:
    """Line edits for block-style entries; None when the layout calls for ruamel."""
    root = yaml.compose(text, Loader=_Loader)
    if root is None:
        return None
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, list[str]]] = []  # (first line, lines to drop, new lines)
    for path, flag in desired.items():
        node = _node(root, path)
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            return None
        keys = {k.value: (k, v) for k, v in node.value}
        file_key, file_value = keys["file"]
        indent = file_key.start_mark.column
        newline = "\r\n" if lines[file_key.start_mark.line].endswith("\r\n") else "\n"
        if "flag" in keys:
            key, value = keys["flag"]
            line = key.start_mark.line
            if value.end_mark.line != line or lines[line][: key.start_mark.column].strip():
                return None  # "- flag: ..." leads the entry, or a value over several lines
            if flag is None:
                edits.append((line, 1, []))
            else:
                lead = lines[line][: key.start_mark.column]
                tail = lines[line][value.end_mark.column :]
                edits.append((line, 1, [f"{lead}flag: {flag}{tail}"]))
        elif flag is not None:
            end = file_value.end_mark.line
            if file_value.end_mark.column == 0:  # a block scalar ends at the next line start
                end -= 1
            edits.append((end + 1, 0, [f"{' ' * indent}flag: {flag}{newline}"]))
    for first, drop, new in sorted(edits, key=lambda e: e[0], reverse=True):
        if first > len(lines) or (first == len(lines) and lines and not lines[-1].endswith("\n")):
            lines[-1] += "\n"
        lines[first : first + drop] = new
    return "".join(lines)


def _edit_roundtrip(text: str, desired: dict[Path_, str | None]) -> str:
    data = roundtrip_load(text)
    for path, flag in desired.items():
        entry = _follow(data, path)
        if flag is None:
            entry.pop("flag", None)
        else:
            entry["flag"] = flag
    return str(roundtrip_dump(data))
