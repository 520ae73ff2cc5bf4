"""Checking YAML data against the JSON Schemas, with findings that point at the line.

Validators are compiled once per process. Errors are mapped back to the line and
column of the YAML that caused them; unknown keys get a "did you mean".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from manualctl.findings import Finding, Severity, did_you_mean
from manualctl.resources import schema


@cache
def validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def is_valid(name: str, data: Any) -> bool:
    """Fast path: True when ``data`` passes schema ``name``."""
    return bool(validator(name).is_valid(data))


def check(name: str, data: Any, text: str, file: str, *, line_offset: int = 0) -> list[Finding]:
    """Every schema error in ``data`` as a finding at its place in ``text``."""
    from manualctl.yamlio import locate

    findings = []
    for error in _leaf_errors(validator(name).iter_errors(data)):
        path = list(error.absolute_path)
        message, hint, key = _explain(error, name)
        at_key = key is not None
        if key is not None:
            path = [*path, key]
        line, column = locate(text, path, key=at_key)
        findings.append(
            Finding(
                file,
                line + line_offset,
                column,
                Severity.ERROR,
                f"schema-{error.validator}",
                message,
                hint,
            )
        )
    return findings


def _leaf_errors(errors: Iterable[Any]) -> Iterable[Any]:
    """For anyOf/oneOf, report the best sub-error rather than 'is not valid under any'."""
    from jsonschema.exceptions import best_match

    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            yield best_match(error.context)
        else:
            yield error


def _where(error: Any) -> str:
    parts = [str(p) for p in error.absolute_path]
    return " > ".join(parts) if parts else "the top level"


def _explain(error: Any, name: str) -> tuple[str, str, str | None]:
    """(message, hint, offending key or None) in words a policy officer can act on."""
    kind = error.validator
    where = _where(error)
    if kind == "additionalProperties":
        allowed = list((error.schema.get("properties") or {}).keys())
        extra = (
            [k for k in error.instance if k not in allowed]
            if isinstance(error.instance, dict)
            else []
        )
        key = str(extra[0]) if extra else None
        suggestion = did_you_mean(key, allowed) if key else ""
        return (
            f'unknown key "{key}" in {where}.{suggestion}',
            "Allowed keys here: " + ", ".join(allowed) + ". Fix the spelling or remove the key.",
            key,
        )
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a key"
        return (f'"{missing}" is missing in {where}.', f'Add a line "{missing}: ...".', None)
    if kind == "type":
        expected = error.validator_value
        return (
            f"{where} should be {_type_words(expected)}, not {_describe(error.instance)}.",
            "Check the indentation and punctuation of this line.",
            None,
        )
    if kind == "enum":
        options = ", ".join(f'"{o}"' for o in error.validator_value)
        guess = did_you_mean(str(error.instance), [str(o) for o in error.validator_value])
        return (
            f'"{error.instance}" is not allowed for {where}.{guess}',
            f"Use one of {options}.",
            None,
        )
    if kind == "pattern":
        return (
            f'"{error.instance}" is not in the right form for {where}.',
            _pattern_hint(where, str(error.validator_value)),
            None,
        )
    if kind in ("minLength", "minItems"):
        return (f"{where} is empty.", "Fill it in, or remove the line.", None)
    return (f"{where}: {error.message}", "Correct the value as described.", None)


def _pattern_hint(where: str, pattern: str) -> str:
    if "[0-9]{4}-[0-9]{2}-[0-9]{2}" in pattern:
        return "Write dates as YYYY-MM-DD, for example 2026-11-30."
    if "(0[1-9]|1[0-2])" in pattern:
        return "Write editions as YYYY-MM, for example 2026-11."
    if "[a-z0-9]+(-[a-z0-9]+)*" in pattern:
        return "Use lower-case letters, digits and single hyphens, e.g. placements-in-foster-care."
    if "https?" in pattern:
        return "Write a full web address starting with https://."
    if "[0-9]+[a-z]?" in pattern:
        return "Write numbers like 1.4.3 or 1.4.3a."
    if "(?!/)" in pattern:
        return "Give the path relative to manual.yaml, with forward slashes (chapters/x.md)."
    return f"It must match {pattern}."


def _type_words(expected: Any) -> str:
    names = {
        "object": "a set of 'key: value' lines",
        "array": "a list of '- ' items",
        "string": "text",
        "integer": "a whole number",
        "null": "empty",
        "boolean": "true or false",
        "number": "a number",
    }
    if isinstance(expected, list):
        return " or ".join(names.get(str(e), str(e)) for e in expected)
    return names.get(expected, str(expected))


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f'"{value}"'
