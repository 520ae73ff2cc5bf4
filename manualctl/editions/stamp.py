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
from manualctl.model.manual import find_manual
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
    edition: str | None  # the edition in preparation; None between editions
    previous: str | None  # the tag the flags are relative to (between editions: the last)
    changes: list[FlagChange]
    flagged: int  # how many chapters carry a flag after stamping
    written: bool = False
    started: bool = False  # manual.yaml now names the edition as in preparation


def stamp(
    manual_dir: Path | None,
    *,
    edition: str | None = None,
    check: bool = False,
    today: date | None = None,
) -> StampResult:
    """Work out the flags for the edition in preparation (between editions: the last
    release's); write them unless ``check``. With ``edition`` (not ``check``), that edition
    is recorded as in preparation (manual.yaml ``edition: preparing:``).

    A run that writes holds the manual's lock from before it reads anything, so a
    command changing the manual at the same time cannot slip in between.
    """
    root = find_manual(manual_dir)
    if check:
        return _stamp(root, edition, check=True, today=today)
    with manual_lock(root):
        return _stamp(root, edition, check=False, today=today)


def _stamp(root: Path, edition: str | None, *, check: bool, today: date | None) -> StampResult:
    ws = Workspace.open(root, edition=edition, today=today, full_check=not check)
    with CatFile(ws.repo.top) as batch:
        wanted, coming = ws.wanted_flags(batch)
    desired: dict[Path_, str | None] = {}
    changes: list[FlagChange] = []
    for entry in ws.manual.chapter_entries():
        chap = ws.manual.chapters.get(entry.file)
        flag = wanted.get(chap.id) if chap is not None else None
        if flag != entry.flag:
            title = chap.title if chap is not None else entry.file
            changes.append(FlagChange(entry.file, f"{entry.number} {title}", entry.flag, flag))
            desired[entry.path] = flag
    if coming is not None:
        previous = coming.previous.tag if coming.previous else None
    else:
        previous = ws.last.tag if ws.last else None
    result = StampResult(ws.coming_id, previous, changes, len(wanted))
    start = edition is not None and ws.manual.edition_settings.get("preparing") != edition
    if check or not (changes or start):
        return result
    path = ws.manual.config_path
    text = path.read_bytes().decode("utf-8")
    if changes:
        text = set_flags(text, desired)
    if start:
        assert edition is not None
        text = set_preparing(text, edition)
        result.started = True
    atomic_write(path, text)
    result.written = True
    return result


def set_preparing(text: str, edition: str) -> str:
    """manual.yaml text with ``edition: preparing: "YYYY-MM"`` set (other lines kept)."""
    expected = copy.deepcopy(load_fast(text))
    settings = expected.get("edition")
    if not isinstance(settings, dict):
        settings = expected["edition"] = {}
    settings["preparing"] = edition
    edited = _preparing_lines(text, edition)
    if edited is not None and load_fast(edited) == expected:
        return edited
    data = roundtrip_load(text)
    if data.get("edition") is None:
        data["edition"] = {}
    data["edition"]["preparing"] = edition
    edited = str(roundtrip_dump(data))
    if load_fast(edited) == expected:
        return edited
    raise ManualctlError(  # pragma: no cover - a bug: refuse rather than damage the file
        "manualctl could not record the edition in preparation in manual.yaml.",
        hint=f'Add  preparing: "{edition}"  under edition: in manual.yaml by hand.',
    )


def _preparing_lines(text: str, edition: str) -> str | None:
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    value_text = f'"{edition}"'
    keys = {k.value: (k, v) for k, v in root.value}
    if "edition" not in keys:
        first_key = root.value[0][0] if root.value else None
        where = keys["contents"][0].start_mark.line if "contents" in keys else len(lines)
        indent = first_key.start_mark.column if first_key is not None else 0
        lines[where:where] = [
            f"{' ' * indent}edition:{newline}",
            f"{' ' * (indent + 2)}preparing: {value_text}{newline}",
        ]
        return "".join(lines)
    key, value = keys["edition"]
    if not isinstance(value, yaml.MappingNode) or value.flow_style or not value.value:
        return None
    inner = {k.value: (k, v) for k, v in value.value}
    if "preparing" in inner:
        pkey, pvalue = inner["preparing"]
        row = pkey.start_mark.line
        if pvalue.end_mark.line != row:
            return None
        line = lines[row]
        lines[row] = line[: pvalue.start_mark.column] + value_text + line[pvalue.end_mark.column :]
        return "".join(lines)
    indent = value.value[0][0].start_mark.column
    lines.insert(key.start_mark.line + 1, f"{' ' * indent}preparing: {value_text}{newline}")
    return "".join(lines)


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
