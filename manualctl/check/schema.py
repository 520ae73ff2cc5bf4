"""Checking YAML data against the JSON Schemas, with findings that point at the line.

:func:`is_valid` is the happy path: fastjsonschema's generated code
(:mod:`manualctl.check.fastcheck`), with no jsonschema import. Only when it says no does
jsonschema look: it confirms the answer, and :func:`check` asks it for the errors and maps
each to the line and column of the YAML that caused it.

A contents entry (and a see-also item) may be one of several kinds; its key says which
(``file``, ``external``, ``see_also``, ``note``, ``subsection``; ``chapter`` or
``title``). The errors reported are those of the kind its key names: an entry with
``file:`` and ``flagg:`` gets 'unknown key "flagg" ... Did you mean "flag"?', not a list
of everything the other kinds would have wanted.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, partial
from typing import Any

from manualctl.check.fastcheck import Check, fast_check
from manualctl.check.findings import Finding
from manualctl.check.rules import finding
from manualctl.check.schema_words import explain
from manualctl.model.yamltext.position import locate
from manualctl.resources import schema


@cache
def validator(name: str) -> Any:
    """The full jsonschema validator for schema ``name`` (imported on first use)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


@cache
def _fast(name: str) -> Check:
    return fast_check(name)


def is_valid(name: str, data: Any) -> bool:
    """True when ``data`` passes schema ``name``: jsonschema's answer, fast when it is yes."""
    return _fast(name)(data) or bool(validator(name).is_valid(data))


def check(name: str, data: Any, text: str, file: str, *, line_offset: int = 0) -> list[Finding]:
    """Every schema error in ``data`` as a finding at its place in ``text``."""
    findings: list[Finding] = []
    seen: set[tuple[int, int, str, str]] = set()
    for error, path in _errors(name, validator(name).iter_errors(data), []):
        branches = partial(_branches, name)
        for code, message, hint, where_path, at_key in explain(name, data, error, path, branches):
            line, column = locate(text, where_path, key=at_key)
            mark = (line, column, code, message)
            if mark in seen:
                continue
            seen.add(mark)
            findings.append(finding(code, (file, line + line_offset, column), message, hint))
    return findings


# --- choosing the branch of an anyOf by its key -------------------------------------------


def _resolve(name: str, sub: Any) -> Any:
    ref = sub.get("$ref") if isinstance(sub, dict) else None
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _resolve(name, schema(name)["$defs"][ref[len("#/$defs/") :]])
    return sub


def _branches(name: str, options: list[Any]) -> list[tuple[str, dict[str, Any]]]:
    """(the key that marks a branch, its schema) for each branch of an anyOf, flattened."""
    out: list[tuple[str, dict[str, Any]]] = []
    for option in options:
        sub = _resolve(name, option)
        if isinstance(sub, dict) and "anyOf" in sub:
            out.extend(_branches(name, sub["anyOf"]))
        elif isinstance(sub, dict) and sub.get("required"):
            out.append((str(sub["required"][0]), sub))
    return out


def _errors(name: str, errors: Any, base: list[Any]) -> Iterator[tuple[Any, list[Any]]]:
    """(error, full path) with anyOf errors replaced by the errors of the chosen branch."""
    for error in errors:
        path = [*base, *error.absolute_path]
        if error.validator not in ("anyOf", "oneOf"):
            yield error, path
            continue
        branches = _branches(name, error.validator_value)
        instance = error.instance
        chosen = (
            next((sub for key, sub in branches if key in instance), None)
            if isinstance(instance, dict)
            else None
        )
        if chosen is None:
            yield error, path  # explained as "none of the kinds" by schema_words.explain
            continue
        inner = validator(name).evolve(schema=chosen).iter_errors(instance)
        yield from _errors(name, inner, path)
