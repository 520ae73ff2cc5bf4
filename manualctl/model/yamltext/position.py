"""Where a key or value sits in YAML text: 1-based line and column, found only on error.

The happy path never reads positions: :func:`locate` is called when a finding is
reported, and each text is read for positions once however many findings it has.

What is kept of a text is only where each node starts (:func:`_index`), built from the
parser's events without PyYAML's node objects: for a 200,000-entry manual.yaml that is
115 MB against the node tree's 227 MB, and no slower to make. It answers exactly as
the node tree (:func:`manualctl.model.yamltext.reader.compose`) would, which a test
checks on many documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from manualctl.model.yamltext.reader import collector_paused

#: A node: its start (0-based line, column) and, for a mapping, each key's text ->
#: (the key node, the value node) (the first of a repeated key); for a list, its items.
Node = tuple[int, int, dict[str, tuple["Node", "Node"]] | list["Node"] | None]


@lru_cache(maxsize=8)
def _tree(text: str) -> Node | None:
    import yaml  # only on this error path: importing PyYAML is not cheap

    try:
        with collector_paused():
            return _index(text)
    except yaml.YAMLError:
        return None


def _index(text: str) -> Node | None:
    """The start of every node of the one document in ``text`` (None when empty or
    when it holds more than one document: the node tree has none then either)."""
    import yaml

    try:  # libyaml's parser, as the reader uses
        events: Any = yaml.CBaseLoader
    except AttributeError:  # pragma: no cover
        events = yaml.BaseLoader
    parser = events(text)
    try:
        return _build(parser, yaml)
    finally:
        parser.dispose()


def _build(parser: Any, yaml: Any) -> Node | None:
    _SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
    _MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
    _MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
    _DOC_START = yaml.DocumentStartEvent
    get = parser.get_event
    open_: list[tuple[Node, str | None]] = []  # containers being read, with their anchor
    pending: list[tuple[str | None, Node] | None] = []  # a mapping's key awaiting its value
    anchors: dict[str, Node] = {}
    root: Node | None = None
    documents = 0
    while parser.check_event():
        event = get()
        cls = event.__class__
        label: str | None = None
        if cls is _SCALAR:
            mark = event.start_mark
            node: Node = (mark.line, mark.column, None)
            label = event.value
            if event.anchor:
                anchors[event.anchor] = node
        elif cls is _ALIAS:
            mark = event.start_mark
            node = anchors.get(event.anchor, (mark.line, mark.column, None))
        elif cls is _MAP_START or cls is _SEQ_START:
            mark = event.start_mark
            kids: dict[str, tuple[Node, Node]] | list[Node] = {} if cls is _MAP_START else []
            open_.append(((mark.line, mark.column, kids), event.anchor))
            pending.append(None)
            continue
        elif cls is _MAP_END or cls is _SEQ_END:
            node, anchor = open_.pop()
            pending.pop()
            if anchor:
                anchors[anchor] = node
        elif cls is _DOC_START:
            documents += 1
            if documents > 1:
                return None
            continue
        else:
            continue
        if not open_:
            root = node
            continue
        kids = open_[-1][0][2]  # type: ignore[assignment]
        if isinstance(kids, list):
            kids.append(node)
        elif pending[-1] is None:
            pending[-1] = (label, node)
        else:
            key, key_node = pending[-1]
            pending[-1] = None
            if key is not None and key not in kids:
                kids[key] = (key_node, node)
    return root


def locate(text: str, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """Line and column of the value at ``path`` in ``text``.

    With ``key=True`` and a mapping key as the last step, the position of the key itself
    (for "unknown key" and for keys that are wrong, such as a bad edition). When the path
    does not exist all the way, the position of the deepest node found.
    """
    node = _tree(text)
    if node is None:
        return (1, 1)
    line, column = node[0], node[1]
    last = len(path) - 1
    for index, step in enumerate(path):
        kids = node[2]
        if isinstance(kids, dict):
            found = kids.get(str(step))
            if found is None:
                break
            key_node, node = found
            at = key_node if key and index == last else node
            line, column = at[0], at[1]
        elif isinstance(kids, list) and isinstance(step, int):
            if 0 <= step < len(kids):
                node = kids[step]
                line, column = node[0], node[1]
            else:
                break
        else:
            break
    return (line + 1, column + 1)
