"""Reading YAML through libyaml (PyYAML's C loader): what :mod:`.quick` leaves to it.

* :func:`load` parses one document. Dates stay strings, so what the JSON Schemas see is
  exactly what the author wrote. Plain documents (maps, lists, strings, numbers,
  booleans, nulls) are built from libyaml's nodes by one small function, about twice as
  fast as PyYAML's general constructor, which still builds anything else (merge keys,
  explicit tags). A list or mapping used again through an alias (``*name``) is refused
  (:class:`~.reader.YamlAliasError`): a few lines of aliases can stand for billions of
  entries, which every reader after this one would walk.
* :func:`compose` gives the node tree (each node with its start and end position).

Imported only when needed (by :mod:`.reader`, :mod:`.position` and :mod:`.nodes`):
importing PyYAML costs about 90 M instructions, more than validating a small manual.
"""

from __future__ import annotations

from typing import Any

import yaml

from manualctl.model.yamltext.reader import YamlAliasError, YamlSyntaxError

try:  # libyaml is in every PyYAML wheel; fall back to pure Python just in case.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class Loader(_BaseLoader):
    """Safe loader that keeps timestamps as the strings the author typed."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a node: the same answer as PyYAML's, remembered by kind and text.

        The answer depends on nothing else (the loader has no path resolvers), and the
        same keys and values ("id", "title", "12") come back in every chapter.
        """
        key = (kind, value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            if len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = tag
        return tag


_RESOLVED: dict[tuple[Any, Any, Any], str] = {}
_RESOLVED_MAX = 20_000


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class _Alias(Exception):
    def __init__(self, node: Any) -> None:
        self.node = node


def load(text: str) -> Any:
    """Parse YAML text (one document). Raises :class:`~.reader.YamlSyntaxError`.

    The same data as ``yaml.load(text, Loader=Loader)`` (a safe loader), faster.
    """
    try:
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            try:
                return _plain(node, set())
            except _NotPlain:
                shared = _shared(node)
                if shared is None:
                    return loader.construct_document(node)  # PyYAML's own constructor
            except _Alias as found:
                shared = found.node
            mark = shared.start_mark
            raise YamlAliasError(
                mark.line + 1, mark.column + 1, "a list or mapping is used again by an alias"
            )
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (None for an empty document). Raises
    :class:`~.reader.YamlSyntaxError`.

    Each node has ``start_mark`` and ``end_mark`` (0-based line and column).
    """
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None


def _syntax_error(exc: yaml.YAMLError) -> YamlSyntaxError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        return YamlSyntaxError(line, col, problem)
    return YamlSyntaxError(1, 1, str(exc))


_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _MAP, _SEQ, _MERGE, _VALUE = (
    _TAG + name for name in ("str", "null", "bool", "int", "float", "map", "seq", "merge", "value")
)
_SAFE = yaml.constructor.SafeConstructor()  # its scalar methods turn text into numbers


def _shared(root: Any) -> Any:
    """The first list or mapping node met twice in ``root``'s tree, or None."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if node.__class__ is yaml.ScalarNode:
            continue
        if id(node) in seen:
            return node
        seen.add(id(node))
        if node.__class__ is yaml.MappingNode:
            for key, value in node.value:
                todo += (key, value)
        else:
            todo += node.value
    return None


class _NotPlain(Exception):
    """The document needs PyYAML's general constructor."""


def _plain(node: Any, seen: set[int]) -> Any:
    """A plain node tree as Python data, exactly as PyYAML's safe constructor builds it.

    Raises :class:`_NotPlain` for anything else: an explicit or unusual tag, a merge key,
    a key that is not a scalar. Raises :class:`_Alias` for a mapping or list met twice
    (an alias, or data that refers to itself).
    """
    cls = node.__class__
    tag = node.tag
    if cls is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _SAFE.construct_yaml_bool(node)
        if tag == _INT:
            return _SAFE.construct_yaml_int(node)
        if tag == _FLOAT:
            return _SAFE.construct_yaml_float(node)
        raise _NotPlain
    if id(node) in seen:
        raise _Alias(node)
    seen.add(id(node))
    if cls is yaml.MappingNode and tag == _MAP:
        out: dict[Any, Any] = {}
        for key, value in node.value:
            if key.__class__ is not yaml.ScalarNode or key.tag in (_MERGE, _VALUE):
                raise _NotPlain
            # most keys and values are plain text: no call for those
            out[key.value if key.tag == _STR else _plain(key, seen)] = (
                value.value
                if value.tag == _STR and value.__class__ is yaml.ScalarNode
                else _plain(value, seen)
            )
        return out
    if cls is yaml.SequenceNode and tag == _SEQ:
        return [_plain(item, seen) for item in node.value]
    raise _NotPlain
