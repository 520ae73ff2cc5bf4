"""Reading YAML fast, finding where a value sits, and editing YAML without churn.

* :func:`load_fast` parses with libyaml (PyYAML's C loader). Dates stay strings, so
  what the JSON Schemas see is exactly what the author wrote.
* :func:`manualctl.position.locate` finds the line and column of a key path, only
  when something is wrong, so the happy path never pays for it.
* :func:`roundtrip_load` / :func:`roundtrip_dump` use ruamel.yaml round-trip mode for
  every edit manualctl makes: comments, quoting, key order and blank lines survive.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is in every PyYAML wheel; fall back to pure Python just in case.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Safe loader that keeps timestamps as the strings the author typed."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlSyntaxError(Exception):
    """YAML that does not parse; line and column are 1-based."""

    line: int
    column: int
    problem: str


def load_fast(text: str) -> Any:
    """Parse YAML text (one document). Raises :class:`YamlSyntaxError`."""
    try:
        return yaml.load(text, Loader=_Loader)  # a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise YamlSyntaxError(line, col, problem) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, 1, str(exc)) from None


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
