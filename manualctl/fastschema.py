"""A yes/no JSON Schema check compiled to plain Python closures, for the happy path.

jsonschema explains *why* data is invalid, and that is what a policy officer needs; but
asking it only *whether* 2,000 chapters' front matter is valid costs more than reading
them. :func:`compile_schema` turns the subset of JSON Schema that manualctl's schemas use
into nested closures that answer yes or no in a few microseconds. When a schema uses a
keyword outside that subset, it raises :class:`Unsupported` and callers use jsonschema.

The answers agree with jsonschema's ``is_valid`` (tests/test_fastschema.py checks this
on valid and broken manuals); jsonschema still produces every error message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that only annotate: they never make data invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "default", "$comment"})
_SUPPORTED = _ANNOTATIONS | {
    "type",
    "enum",
    "pattern",
    "minLength",
    "minimum",
    "maximum",
    "required",
    "properties",
    "additionalProperties",
    "propertyNames",
    "items",
    "minItems",
    "anyOf",
    "$ref",
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not handle."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def compile_schema(root: dict[str, Any]) -> Check:
    """A function that says whether data is valid under ``root``."""
    defs: dict[str, Check] = {}
    definitions = root.get("$defs", {})

    def ref(target: str) -> Check:
        prefix = "#/$defs/"
        if not target.startswith(prefix) or target[len(prefix) :] not in definitions:
            raise Unsupported(f"$ref {target}")
        name = target[len(prefix) :]
        if name not in defs:
            defs[name] = _always  # a placeholder while compiling recursive references
            defs[name] = build(definitions[name])
        return lambda v: defs[name](v)

    def build(schema: Any) -> Check:
        if schema is True or schema == {}:
            return _always
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(ref(schema["$ref"]))
        if "type" in schema:
            checks.append(_type(schema["type"]))
        if "enum" in schema:
            checks.append(_enum(schema["enum"]))
        if "pattern" in schema:
            checks.append(_pattern(schema["pattern"]))
        if "minLength" in schema:
            size = schema["minLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) >= size)
        if "minimum" in schema or "maximum" in schema:
            checks.append(_range(schema.get("minimum"), schema.get("maximum")))
        if any(k in schema for k in ("required", "properties", "additionalProperties")):
            checks.append(_object(schema, build))
        if "propertyNames" in schema:
            names = build(schema["propertyNames"])
            checks.append(lambda v: not isinstance(v, dict) or all(names(k) for k in v))
        if "items" in schema or "minItems" in schema:
            checks.append(_array(schema, build))
        if "anyOf" in schema:
            options = [build(s) for s in schema["anyOf"]]
            checks.append(lambda v: any(option(v) for option in options))
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    return build(root)


def _always(value: Any) -> bool:
    return True


def _type(expected: str | list[str]) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    if any(name not in _TYPES for name in names):
        raise Unsupported(f"type {expected}")
    tests = [_TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda v: any(test(v) for test in tests)


def _enum(values: list[Any]) -> Check:
    if not all(isinstance(v, str) for v in values):
        raise Unsupported("enum of non-strings")
    allowed = frozenset(values)
    return lambda v: isinstance(v, str) and v in allowed


def _pattern(pattern: str) -> Check:
    search = re.compile(pattern).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _range(low: float | None, high: float | None) -> Check:
    def check(value: Any) -> bool:
        if not _is_number(value):
            return True
        return (low is None or value >= low) and (high is None or value <= high)

    return check


def _object(schema: dict[str, Any], build: Callable[[Any], Check]) -> Check:
    required = tuple(schema.get("required", ()))
    properties = {key: build(sub) for key, sub in schema.get("properties", {}).items()}
    extra_schema = schema.get("additionalProperties", True)
    extra = build(extra_schema)
    closed = extra_schema is False

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key in required:
            if key not in value:
                return False
        for key, item in value.items():
            sub = properties.get(key)
            if sub is not None:
                if not sub(item):
                    return False
            elif closed or not extra(item):
                return False
        return True

    return check


def _array(schema: dict[str, Any], build: Callable[[Any], Check]) -> Check:
    items = build(schema.get("items", True))
    least = schema.get("minItems", 0)

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        return len(value) >= least and all(items(item) for item in value)

    return check
