"""Setting one key in many mappings by line edits: a flag on each entry, a summary in
front matter, the edition in preparation. A layout the line edits do not handle (flow
style, a key that leads a list item and is to be removed) is rewritten by ruamel instead."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from manualctl.model.yamltext import nodes
from manualctl.model.yamltext.document import (
    Document,
    copied_along,
    data_at,
    finish,
    reads_as,
)
from manualctl.model.yamltext.nodes import (
    KeyPath,
    MappingNode,
    Path_,
    ScalarNode,
    last_line,
    node_at,
)
from manualctl.model.yamltext.reader import double_quoted, roundtrip_dump, roundtrip_load
from manualctl.model.yamltext.scalar import quoted, scalar

Edit = tuple[int, int, list[str]]  # (first line, lines to drop, new lines)


@dataclass(frozen=True)
class _How:
    key: str
    after: str | None
    mapping_before: str | None
    quote_key: bool
    quote_value: bool

    def line(self, value: str) -> str:
        key = quoted(self.key) if self.quote_key else scalar(self.key)
        return f"{key}: {self.value(value)}"

    def value(self, value: str) -> str:
        return quoted(value) if self.quote_value else scalar(value)


def set_key(
    doc: Document,
    key: str,
    values: Mapping[KeyPath, str | None],
    *,
    after: str | None = None,
    mapping_before: str | None = None,
    quote_key: bool = False,
    quote_value: bool = False,
) -> None:
    """Set ``key`` in the mapping at each path of ``values`` to its value; None removes it.

    A value on the key's line is replaced, the key as written and a comment after the
    value kept. A new key goes on its own line after the key ``after`` when the mapping
    has it, else after the last key, indented like the others. A mapping that is null or
    ``{}`` becomes a block holding the key; an absent one is added to its parent before
    the key ``mapping_before`` when there is one, else last. ``quote_key`` and
    ``quote_value`` write them double-quoted (house style for edition ids: other YAML
    readers may take ``2026-11`` for something other than text).
    """
    how = _How(key, after, mapping_before, quote_key, quote_value)
    expected = copied_along(doc.meant(), *values)
    if expected is None:
        expected = {}
    for path, value in values.items():
        _set_data(expected, path, key, value)
    edited = _key_edits(doc.text, values, how)
    # (within edit_once, the line edits are read back at its end, with the others)
    if edited is not None and (doc.unchecked or reads_as(edited, expected) is not None):
        finish(doc, edited, expected)
        return
    finish(doc, _set_roundtrip(doc.text, values, how), expected)


def _set_data(data: Any, path: Path_, key: Any, value: Any) -> None:
    mapping = data
    if path:
        parent: Any = data_at(data, path[:-1])
        last: Any = path[-1]
        mapping = parent[last] if isinstance(parent, list) else parent.get(last)
        if mapping is None:
            if value is None:
                return
            mapping = parent[last] = {}
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value


def _key_edits(text: str, values: Mapping[KeyPath, str | None], how: _How) -> str | None:
    """The text with the keys set by line edits; None when the layout calls for ruamel."""
    lines = text.split("\n")
    top = nodes.tree(text)
    edits: list[Edit] = []
    for path, value in values.items():
        node = node_at(top, path) if top is not None else None
        edit: Edit | None
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            edit = _in_block(lines, node, value, how)
        elif value is None:
            edit = (0, 0, []) if _empty(node) else None
        else:
            edit = _new_block(lines, top, path, node, how.line(value), how)
        if edit is None:
            return None
        edits.append(edit)
    # bottom up; on one line, a replacement before an insertion (which goes above it)
    for first, drop, new_lines in sorted(edits, key=lambda e: e[:2], reverse=True):
        lines[first : first + drop] = new_lines
    return "\n".join(lines)


def _empty(node: nodes.Node | None) -> bool:
    """Absent, null, or ``{}``: a mapping with no keys yet."""
    if node is None:
        return True
    if isinstance(node, ScalarNode):
        return bool(node.tag == "tag:yaml.org,2002:null")
    return isinstance(node, MappingNode) and not node.value


def _in_block(lines: list[str], node: MappingNode, value: str | None, how: _How) -> Edit | None:
    keys = {k.value: (k, v) for k, v in node.value}
    if how.key in keys:
        k, v = keys[how.key]
        row = k.start_mark.line
        lead = lines[row][: k.start_mark.column]
        end = last_line(v, lines)
        if value is None:
            return None if lead.strip() else (row, end - row + 1, [])  # "- key:" leads an item
        if v.start_mark.line != row:  # the old value starts below the key
            return (row, end - row + 1, [lead + how.line(value)])
        head = lines[row][: v.start_mark.column]
        head += "" if head.endswith((" ", "\t")) else " "  # "key:" with no value yet
        tail = lines[row][v.end_mark.column :] if end == row == v.end_mark.line else ""
        return (row, end - row + 1, [head + how.value(value) + tail])
    if value is None:
        return (0, 0, [])
    indent = node.value[0][0].start_mark.column
    below = keys[how.after][1] if how.after in keys else node
    return (last_line(below, lines) + 1, 0, [" " * indent + how.line(value)])


def _new_block(
    lines: list[str],
    top: nodes.Node | None,
    path: Path_,
    node: nodes.Node | None,
    new: str,
    how: _How,
) -> Edit | None:
    """A key in a mapping that has no keys yet: ``name:`` and the key below it."""
    if not path or not _empty(node):
        return None
    if node is not None:  # "name:", "name: ~" or "name: {}" on the key's line
        assert top is not None
        k = nodes.key_at(top, path)
        row = k.start_mark.line if k is not None else -1
        if k is None or not node.start_mark.line == node.end_mark.line == row:
            return None
        text = lines[row]
        rest = text[node.end_mark.column :].strip()
        head = text[: node.start_mark.column].rstrip() + (f" {rest}" if rest else "")
        return (row, 1, [head, " " * (k.start_mark.column + 2) + new])
    parent = node_at(top, path[:-1]) if top is not None else None
    if top is None and len(path) == 1:
        key_col, at = 0, len(lines)
    elif isinstance(parent, MappingNode) and not parent.flow_style and parent.value:
        key_col = parent.value[0][0].start_mark.column
        at = last_line(parent, lines) + 1
        before = nodes.key_at(parent, (how.mapping_before,)) if how.mapping_before else None
        if before is not None:
            at = before.start_mark.line
    else:
        return None
    if at >= len(lines) and lines and lines[-1] == "":
        at = len(lines) - 1
    name = f"{' ' * key_col}{scalar(str(path[-1]))}:"
    return (at, 0, [name, " " * (key_col + 2) + new])


def _set_roundtrip(text: str, values: Mapping[KeyPath, str | None], how: _How) -> str:
    data = roundtrip_load(text)
    if data is None:
        data = {}
    name = double_quoted(how.key) if how.quote_key else how.key
    for path, value in values.items():
        written = double_quoted(value) if how.quote_value and value is not None else value
        _set_data(data, path, name, written)
    return str(roundtrip_dump(data))
