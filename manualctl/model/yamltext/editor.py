"""Editing block-style YAML as text, so that every byte outside the edit stays as it was.

ruamel.yaml round-trip keeps comments, but it re-indents a file written in another
indentation style than the one it is configured with. Authors' manual.yaml files come
in every style, so the edits here work on lines instead: the parsed nodes say where a
list item starts and ends, the new lines copy the indentation of their neighbours, and
the result is parsed again and compared with the data the edit was meant to produce.

Only block-style lists can take new items; an empty flow list (``entries: []``) is
turned into a block list and back again.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from manualctl.errors import EXIT_BUG, ManualctlError, UsageError
from manualctl.model.yamltext.reader import YamlSyntaxError, _Loader, load_fast

Path_ = Sequence[str | int]


class EditFailed(ManualctlError):
    """The edit did not give the intended data: a bug; nothing was written."""

    exit_code = EXIT_BUG


@dataclass(frozen=True)
class Style:
    """How the file indents: list dashes ``offset`` past their key, keys ``gap`` past the dash."""

    offset: int = 2
    gap: int = 2


@dataclass
class Document:
    """YAML text with its newline style and byte-order mark remembered."""

    text: str  # newlines normalised to \n
    newline: str = "\n"
    bom: bool = False
    # (text, its data): an edit parses its result to check it; the next edit reuses that
    _parsed: tuple[str, Any] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Document:
        text = raw.decode("utf-8")
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(text.replace("\r\n", "\n"), newline, bom)

    def to_bytes(self) -> bytes:
        text = self.text.replace("\n", self.newline) if self.newline != "\n" else self.text
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")

    def known(self, text: str, data: Any) -> None:
        """``data`` is what ``text`` parses to: used when ``text`` is this document's."""
        if text == self.text:
            self._parsed = (self.text, data)

    def data(self) -> Any:
        """The parsed text (shared: copy it before changing it)."""
        if self._parsed is None or self._parsed[0] is not self.text:
            self._parsed = (self.text, load_fast(self.text))
        return self._parsed[1]


def scalar(value: str) -> str:
    """``value`` written as a YAML scalar: plain when that reads back the same, else quoted."""
    import json

    if value and value == value.strip() and "\n" not in value:
        try:
            if load_fast(f"k: {value}\n") == {"k": value}:
                return value
        except YamlSyntaxError:  # it does not parse as plain text: quote it
            pass
    return json.dumps(value, ensure_ascii=False)


def mapping_lines(items: dict[str, str]) -> list[str]:
    """``key: value`` lines (no indentation) for a flat mapping of strings."""
    return [f"{key}: {scalar(value)}" for key, value in items.items()]


# --- reading node positions ------------------------------------------------------------


@lru_cache(maxsize=2)
def _compose(text: str) -> yaml.Node:
    """The node tree of ``text`` (read only: an edit composes the same text up to three
    times, to read its style, the block it moves and where items start and end)."""
    node = yaml.compose(text, Loader=_Loader)
    if node is None:
        raise EditFailed("manual.yaml is empty: there is nothing to edit.")
    return node


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value  # type: ignore[no-any-return]
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        return node.value[step] if 0 <= step < len(node.value) else None
    return None


def _node(root: yaml.Node, path: Path_) -> yaml.Node | None:
    node: yaml.Node | None = root
    for step in path:
        if node is None:
            return None
        node = _child(node, step)
    return node


def _last_line(node: yaml.Node, lines: list[str]) -> int:
    """0-based index of the last line holding this node's content."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return max(_last_line(key, lines), _last_line(value, lines))
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1], lines)
    end = node.end_mark
    line: int = end.line if end.column > 0 else end.line - 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while line > node.start_mark.line and not lines[line].strip():
            line -= 1
    return max(line, node.start_mark.line)


def _dash(lines: list[str], item: yaml.Node) -> tuple[int, int]:
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


def detect_style(text: str) -> Style:
    """The file's own indentation, read from its first block list of mappings."""
    lines = text.split("\n")
    root = _compose(text)

    def visit(node: yaml.Node, key_col: int) -> Style | None:
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            first = node.value[0]
            line, dash = _dash(lines, first)
            if isinstance(first, yaml.MappingNode) and first.start_mark.line == line:
                return Style(max(dash - key_col, 0), first.start_mark.column - dash)
        if isinstance(node, yaml.MappingNode) and not node.flow_style:
            for key, value in node.value:
                found = visit(value, key.start_mark.column)
                if found:
                    return found
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                found = visit(item, 0)
                if found:
                    return found
        return None

    return visit(root, 0) or Style()


# --- edits ------------------------------------------------------------------------------


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
    seq = _node(_compose(text), seq_path)
    if not isinstance(seq, yaml.SequenceNode) or stop > len(seq.value) or start >= stop:
        raise EditFailed(f"manual.yaml has no entries at {list(seq_path)}[{start}:{stop}].")
    first, dash = _dash(lines, seq.value[start])
    last = _last_line(seq.value[stop - 1], lines)
    out = []
    for line in lines[first : last + 1]:
        width = len(line) - len(line.lstrip(" "))
        out.append(line[min(width, dash) :])
    return out


def _indent(block: list[str], dash: int) -> list[str]:
    return [" " * dash + line if line.strip() else line for line in block]


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
    root = _compose(text)
    style = detect_style(text)
    seq = _node(root, seq_path)
    _refuse_flow(seq)
    expected = copy.deepcopy(doc.data())
    target = data_at(expected, seq_path[:-1])
    key = seq_path[-1]
    if isinstance(target, dict) and target.get(key) is None:
        target[key] = []
    data_at(expected, seq_path)[index:index] = values

    if isinstance(seq, yaml.SequenceNode) and not seq.flow_style and seq.value:
        sibling = seq.value[min(index, len(seq.value) - 1)]
        _, dash = _dash(lines, sibling)
        gap = sibling.start_mark.column - dash if sibling.start_mark.column > dash else style.gap
        new = _indent(block if block is not None else item_block(values, gap), dash)
        if index > 0:
            at = _last_line(seq.value[index - 1], lines) + 1
        else:
            at, _ = _dash(lines, seq.value[0])
    else:
        parent = _node(root, seq_path[:-1])
        if not isinstance(parent, yaml.MappingNode) or parent.flow_style:
            raise EditFailed(f"manual.yaml: cannot add a list at {list(seq_path)}.")
        key_col = parent.value[0][0].start_mark.column if parent.value else 0
        dash = key_col + style.offset
        new = _indent(block if block is not None else item_block(values, style.gap), dash)
        if seq is None:
            at = _last_line(parent, lines) + 1 if parent.value else len(lines)
            new.insert(0, " " * key_col + f"{key}:")
            if at >= len(lines) and lines and lines[-1] == "":
                at = len(lines) - 1
        else:
            key_line = _key_node(root, seq_path).start_mark.line
            lines[key_line] = _drop_empty_value(lines[key_line], seq, key)
            at = key_line + 1
    lines[at:at] = new
    _finish(doc, "\n".join(lines), expected)


def remove_items(doc: Document, seq_path: Path_, start: int, stop: int) -> list[Any]:
    """Remove items ``start:stop`` of the list at ``seq_path``; return their data.

    Emptying a list leaves ``key: []`` so the file stays valid.
    """
    text = doc.text
    lines = text.split("\n")
    root = _compose(text)
    seq = _node(root, seq_path)
    _refuse_flow(seq)
    if not isinstance(seq, yaml.SequenceNode) or stop > len(seq.value):
        raise EditFailed(f"manual.yaml has no list at {list(seq_path)} to remove items from.")
    expected = copy.deepcopy(doc.data())
    values = data_at(expected, seq_path)
    removed: list[Any] = values[start:stop]
    del values[start:stop]
    first, _ = _dash(lines, seq.value[start])
    last = _last_line(seq.value[stop - 1], lines)
    if not values:
        key_line = _key_node(root, seq_path).start_mark.line
        del lines[first : last + 1]
        lines[key_line] = _add_empty_value(lines[key_line], seq_path[-1])
    else:
        del lines[first : last + 1]
    _finish(doc, "\n".join(lines), expected)
    return removed


def _refuse_flow(seq: yaml.Node | None) -> None:
    if isinstance(seq, yaml.SequenceNode) and seq.flow_style and seq.value:
        raise UsageError(
            f"manual.yaml line {seq.start_mark.line + 1}: this list is written in [ ] "
            "brackets, so manualctl cannot edit it safely.",
            hint="Write the list with one '- ' item per line, then run the command again.",
        )


def _key_node(root: yaml.Node, seq_path: Path_) -> yaml.Node:
    parent = _node(root, seq_path[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _ in parent.value:
            if key.value == seq_path[-1]:
                return key  # type: ignore[no-any-return]
    raise EditFailed(f"manual.yaml has no key at {list(seq_path)}.")


def _drop_empty_value(line: str, seq: yaml.Node, key: str | int) -> str:
    head, sep, tail = line.partition(f"{key}:")
    if isinstance(seq, yaml.SequenceNode) and seq.flow_style:
        tail = tail.replace("[]", "", 1)
        tail = tail[1:] if tail.startswith("  ") else tail.lstrip(" ")
        tail = (" " + tail) if tail.startswith("#") else tail
    return head + sep + tail.rstrip(" ")


def _add_empty_value(line: str, key: str | int) -> str:
    head, sep, tail = line.partition(f"{key}:")
    return head + sep + " []" + tail


def data_at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _finish(doc: Document, new_text: str, expected: Any) -> None:
    try:
        got = load_fast(new_text)
    except YamlSyntaxError as exc:  # a parse failure here is our bug
        raise EditFailed(
            f"manualctl could not edit manual.yaml safely ({exc}); nothing was changed. "
            "Please report this to the manualctl developers."
        ) from exc
    if got != expected:
        raise EditFailed(
            "manualctl could not edit manual.yaml safely (the result did not read back as "
            "intended); nothing was changed. Please report this to the manualctl developers."
        )
    doc.text = new_text
    doc._parsed = (new_text, got)
