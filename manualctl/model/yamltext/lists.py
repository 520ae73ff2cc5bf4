"""Line edits of block lists: insert, remove and move items, comments and layout kept.

Only block-style lists can take new items; an empty flow list (``entries: []``) is turned
into a block list and back again. A list written in ``[ ]`` brackets is refused with the fix.
"""

from __future__ import annotations

from typing import Any

from manualctl.model.yamltext import nodes
from manualctl.model.yamltext.document import Document, copied_along, data_at, finish
from manualctl.model.yamltext.nodes import (
    EditFailed,
    MappingNode,
    Path_,
    SequenceNode,
    dash,
    detect_style,
    last_line,
    node_at,
)
from manualctl.model.yamltext.scalar import mapping_lines


def item_block(values: list[dict[str, str]], gap: int) -> list[str]:
    """New list items as lines relative to their dash column: ``- key: value``."""
    block = []
    for value in values:
        lines = mapping_lines(value)
        block.append("-" + " " * (gap - 1) + lines[0])
        block.extend(" " * gap + line for line in lines[1:])
    return block


def block_lines(text: str, seq_path: Path_, start: int, stop: int) -> list[str]:
    """Items ``start:stop`` of a list as written (comments between them included),
    relative to their dash column."""
    lines = text.split("\n")
    seq = node_at(nodes.root(text), seq_path)
    if not isinstance(seq, SequenceNode) or stop > len(seq.value) or start >= stop:
        raise EditFailed(f"manual.yaml has no entries at {list(seq_path)}[{start}:{stop}].")
    first, column = dash(lines, seq.value[start])
    last = last_line(seq.value[stop - 1], lines)
    out = []
    for line in lines[first : last + 1]:
        width = len(line) - len(line.lstrip(" "))
        out.append(line[min(width, column) :])
    return out


def _indent(block: list[str], column: int) -> list[str]:
    return [" " * column + line if line.strip() else line for line in block]


def insert_items(
    doc: Document,
    seq_path: Path_,
    index: int,
    values: list[Any],
    block: list[str] | None = None,
) -> None:
    """Insert ``values`` at ``index`` of the list at ``seq_path``.

    ``block`` is their text relative to the dash column (see :func:`block_lines`);
    without it, ``values`` must be flat mappings of strings and are written in the
    file's own style. A missing list (its key absent) is created.
    """
    text = doc.text
    lines = text.split("\n")
    top = nodes.root(text)
    style = detect_style(text)
    seq = node_at(top, seq_path)
    nodes.refuse_flow(seq)
    expected = copied_along(doc.meant(), seq_path)
    target = data_at(expected, seq_path[:-1])
    key = seq_path[-1]
    if isinstance(target, dict) and target.get(key) is None:
        target[key] = []
    data_at(expected, seq_path)[index:index] = values

    if isinstance(seq, SequenceNode) and not seq.flow_style and seq.value:
        sibling = seq.value[min(index, len(seq.value) - 1)]
        _, column = dash(lines, sibling)
        gap = sibling.start_mark.column - column
        gap = gap if gap > 0 else style.gap
        new = _indent(block if block is not None else item_block(values, gap), column)
        if index > 0:
            at = last_line(seq.value[index - 1], lines) + 1
        else:
            at, _ = dash(lines, seq.value[0])
    else:
        parent = node_at(top, seq_path[:-1])
        if not isinstance(parent, MappingNode) or parent.flow_style:
            raise EditFailed(f"manual.yaml: cannot add a list at {list(seq_path)}.")
        key_col = parent.value[0][0].start_mark.column if parent.value else 0
        column = key_col + style.offset
        new = _indent(block if block is not None else item_block(values, style.gap), column)
        if seq is None:
            at = last_line(parent, lines) + 1 if parent.value else len(lines)
            new.insert(0, " " * key_col + f"{key}:")
            if at >= len(lines) and lines and lines[-1] == "":
                at = len(lines) - 1
        else:
            key_line = _key(top, seq_path).start_mark.line
            lines[key_line] = _drop_empty_value(lines[key_line], seq, key)
            at = key_line + 1
    lines[at:at] = new
    finish(doc, "\n".join(lines), expected)


def remove_items(doc: Document, seq_path: Path_, start: int, stop: int) -> list[Any]:
    """Remove items ``start:stop`` of the list at ``seq_path``; return their data.

    Emptying a list leaves ``key: []`` so the file stays valid.
    """
    text = doc.text
    lines = text.split("\n")
    top = nodes.root(text)
    seq = node_at(top, seq_path)
    nodes.refuse_flow(seq)
    if not isinstance(seq, SequenceNode) or stop > len(seq.value):
        raise EditFailed(f"manual.yaml has no list at {list(seq_path)} to remove items from.")
    expected = copied_along(doc.meant(), seq_path)
    values = data_at(expected, seq_path)
    removed: list[Any] = values[start:stop]
    del values[start:stop]
    first, _ = dash(lines, seq.value[start])
    last = last_line(seq.value[stop - 1], lines)
    if not values:
        key_line = _key(top, seq_path).start_mark.line
        del lines[first : last + 1]
        lines[key_line] = _add_empty_value(lines[key_line], seq_path[-1])
    else:
        del lines[first : last + 1]
    finish(doc, "\n".join(lines), expected)
    return removed


def move_items(
    doc: Document, source: Path_, start: int, stop: int, dest: Path_, index: int
) -> None:
    """Move items ``start:stop`` of the list at ``source`` to ``index`` of the list at
    ``dest``, as written (comments and layout go with them).

    ``dest`` and ``index`` say where the items go once they are gone from ``source``.
    """
    block = block_lines(doc.text, source, start, stop)
    moved = data_at(doc.meant(), source)[start:stop]  # (shared: edits copy what they change)
    remove_items(doc, source, start, stop)
    insert_items(doc, dest, index, moved, block)


def _key(top: nodes.Node, seq_path: Path_) -> nodes.Node:
    found = nodes.key_at(top, seq_path)
    if found is None:
        raise EditFailed(f"manual.yaml has no key at {list(seq_path)}.")
    return found


def _drop_empty_value(line: str, seq: nodes.Node, key: str | int) -> str:
    head, sep, tail = line.partition(f"{key}:")
    if isinstance(seq, SequenceNode) and seq.flow_style:
        tail = tail.replace("[]", "", 1)
        tail = tail[1:] if tail.startswith("  ") else tail.lstrip(" ")
        tail = (" " + tail) if tail.startswith("#") else tail
    return head + sep + tail.rstrip(" ")


def _add_empty_value(line: str, key: str | int) -> str:
    head, sep, tail = line.partition(f"{key}:")
    return head + sep + " []" + tail
