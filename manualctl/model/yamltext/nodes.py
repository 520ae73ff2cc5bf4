"""Where things sit in block YAML text, read from the node tree, for the editor.

Lines and columns here are 0-based, as the nodes give them. An edit composes the same text
several times (to read its style, a block it moves, where items start and end), so the
tree of the last texts is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from manualctl.errors import EXIT_BUG, ManualctlError, UsageError
from manualctl.model.yamltext.reader import compose

Path_ = Sequence[str | int]
KeyPath = tuple[str | int, ...]  # a Path_ that can be a dict key

Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode


class EditFailed(ManualctlError):
    """The edit did not give the intended data: a bug; nothing was written."""

    exit_code = EXIT_BUG


@dataclass(frozen=True)
class Style:
    """How the file indents: list dashes ``offset`` past their key, keys ``gap`` past the dash."""

    offset: int = 2
    gap: int = 2


@lru_cache(maxsize=2)
def tree(text: str) -> Node | None:
    """The node tree of ``text`` (read only; None for an empty document)."""
    return compose(text)


def root(text: str) -> Node:
    """The node tree of ``text``; an empty document cannot be edited this way."""
    node = tree(text)
    if node is None:
        raise EditFailed("manual.yaml is empty: there is nothing to edit.")
    return node


def child(node: Node, step: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value  # type: ignore[no-any-return]
        return None
    if isinstance(node, SequenceNode) and isinstance(step, int):
        return node.value[step] if 0 <= step < len(node.value) else None
    return None


def node_at(top: Node, path: Path_) -> Node | None:
    node: Node | None = top
    for step in path:
        if node is None:
            return None
        node = child(node, step)
    return node


def key_at(top: Node, path: Path_) -> Node | None:
    """The key node of the last step of ``path`` (a mapping key), or None."""
    parent = node_at(top, path[:-1])
    if isinstance(parent, MappingNode):
        for key, _ in parent.value:
            if key.value == path[-1]:
                return key  # type: ignore[no-any-return]
    return None


def last_line(node: Node, lines: list[str]) -> int:
    """0-based index of the last line holding this node's content."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return max(last_line(key, lines), last_line(value, lines))
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return last_line(node.value[-1], lines)
    end = node.end_mark
    line: int = end.line if end.column > 0 else end.line - 1
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while line > node.start_mark.line and not lines[line].strip():
            line -= 1
    return max(line, node.start_mark.line)


def dash(lines: list[str], item: Node) -> tuple[int, int]:
    """(line, column) of the ``-`` that starts a block list item."""
    line, col = item.start_mark.line, item.start_mark.column
    while True:
        before = lines[line][:col].rstrip()
        if before:
            if before.endswith("-") and not before[:-1].strip():
                return line, len(before) - 1
            raise UsageError(
                f"manual.yaml line {line + 1}: this list is not written in the usual "
                "'- item' style, so manualctl cannot edit it safely.",
                hint="Write the list with one '- ' item per line, then run the command again.",
            )
        line -= 1
        col = len(lines[line])
        if line < 0:  # pragma: no cover - a block item always has a dash
            raise EditFailed("manual.yaml: a list item has no '-'.")


def refuse_flow(seq: Node | None) -> None:
    """A list in ``[ ]`` brackets with items cannot take line edits: say how to fix it."""
    if isinstance(seq, SequenceNode) and seq.flow_style and seq.value:
        raise UsageError(
            f"manual.yaml line {seq.start_mark.line + 1}: this list is written in [ ] "
            "brackets, so manualctl cannot edit it safely.",
            hint="Write the list with one '- ' item per line, then run the command again.",
        )


def detect_style(text: str) -> Style:
    """The file's own indentation, read from its first block list of mappings."""
    lines = text.split("\n")

    def visit(node: Node, key_col: int) -> Style | None:
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            first = node.value[0]
            line, column = dash(lines, first)
            if isinstance(first, MappingNode) and first.start_mark.line == line:
                return Style(max(column - key_col, 0), first.start_mark.column - column)
        if isinstance(node, MappingNode) and not node.flow_style:
            for key, value in node.value:
                found = visit(value, key.start_mark.column)
                if found:
                    return found
        if isinstance(node, SequenceNode):
            for item in node.value:
                found = visit(item, 0)
                if found:
                    return found
        return None

    return visit(root(text), 0) or Style()
