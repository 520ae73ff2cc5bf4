"""Reading YAML: data fast, node trees with positions, and ruamel for rare rewrites.

* :func:`load_fast` gives the data of one document. Plain block YAML (what front matter
  and manual.yaml nearly always are) is read by :mod:`.quick` in pure Python, without
  importing a YAML library; anything else by libyaml (:mod:`.libyaml`, PyYAML's C
  loader), which gives the same data and reports errors. Dates stay strings, so what the
  JSON Schemas see is exactly what the author wrote; a list or mapping used again through
  an alias (``*name``) is refused (:class:`YamlAliasError`).
* :func:`manualctl.model.yamltext.position.locate` finds the line and column of a key path, only
  when something is wrong, so the happy path never pays for it.
* :func:`compose` gives the node tree (each node with its start and end position), for
  :mod:`~manualctl.model.yamltext.position` and :mod:`~manualctl.model.yamltext.editor`.
* :func:`roundtrip_load` / :func:`roundtrip_dump` use ruamel.yaml round-trip mode, for the
  editor's fallback on layouts its line edits do not handle (flow style).

These modules are the only ones in manualctl that import a YAML library.
"""

from __future__ import annotations

import gc
import io
from typing import TYPE_CHECKING, Any

from manualctl.model.yamltext import quick

if TYPE_CHECKING:
    import yaml


class YamlSyntaxError(Exception):
    """YAML that does not parse; line and column are 1-based."""

    def __init__(self, line: int, column: int, problem: str) -> None:
        super().__init__(line, column, problem)
        self.line = line
        self.column = column
        self.problem = problem

    def __eq__(self, other: object) -> bool:  # the same error: of one kind, at one place
        return type(other) is type(self) and other.args == self.args

    def __hash__(self) -> int:
        return hash(self.args)


class YamlAliasError(YamlSyntaxError):
    """A list or mapping used again through an alias (``*name``); at its anchor."""


def load_fast(text: str) -> Any:
    """Parse YAML text (one document). Raises :class:`YamlSyntaxError`.

    The same data as ``yaml.load(text, Loader=libyaml.Loader)`` (a safe loader), faster.
    """
    with collector_paused():
        data = quick.parse(text)
        if data is not quick.UNSUPPORTED:
            return data
        from manualctl.model.yamltext import libyaml

        return libyaml.load(text)


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (None for an empty document). Raises :class:`YamlSyntaxError`.

    Each node has ``start_mark`` and ``end_mark`` (0-based line and column).
    """
    from manualctl.model.yamltext import libyaml

    with collector_paused():
        return libyaml.compose(text)


class collector_paused:
    """Python's cyclic garbage collector off for a ``with`` block (as it was after it).

    Building a document's data (or node tree) allocates one container per node and frees
    none, which is what sets the collector off: on a big document its passes, each over
    every object alive, cost several times the parse itself (a 200,000-entry manual.yaml:
    5 s of 5.4), and find nothing (the data refers only downwards). (A class, not
    ``contextlib.contextmanager``: that one rewrites the traceback of the exception
    passing through, and :class:`YamlSyntaxError` is frozen.)
    """

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            gc.enable()


def _roundtrip() -> Any:
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap long titles
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def roundtrip_load(text: str) -> Any:
    """Load YAML for editing (ruamel round-trip: comments and layout are kept)."""
    return _roundtrip().load(text)


def roundtrip_dump(data: Any) -> str:
    """Dump what :func:`roundtrip_load` gave back, edited, as text."""
    out = io.StringIO()
    _roundtrip().dump(data, out)
    return out.getvalue()


def double_quoted(value: str) -> str:
    """``value`` as ruamel writes it in double quotes (for :func:`roundtrip_dump`)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    quoted: str = DoubleQuotedScalarString(value)
    return quoted
