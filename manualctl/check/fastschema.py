"""A yes/no JSON Schema check compiled to plain Python code, for the happy path.

jsonschema explains *why* data is invalid, and that is what a policy officer needs; but
asking it only *whether* 2,000 chapters' front matter is valid costs more than reading
them. :func:`compile_schema` turns the subset of JSON Schema that manualctl's schemas use
into generated Python functions that answer yes or no in a few microseconds (the code
is made from manualctl's own schemas only, never from a manual). When a schema uses a
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


_TYPE_TESTS = {
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "string": "isinstance(v, str)",
    "integer": "((isinstance(v, int) and not isinstance(v, bool))"
    " or (isinstance(v, float) and v.is_integer()))",
    "number": "(isinstance(v, (int, float)) and not isinstance(v, bool))",
    "boolean": "isinstance(v, bool)",
    "null": "v is None",
}


def compile_schema(root: dict[str, Any]) -> Check:
    """A function that says whether data is valid under ``root``.

    Each (sub)schema becomes one generated Python function, so checking a chapter's
    front matter is a handful of ``isinstance`` tests and dict look-ups.
    """
    return _Compiler(root).compile()


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.definitions: dict[str, Any] = root.get("$defs", {})
        self.source: list[str] = []
        self.tables: list[str] = []  # property tables, built once every function exists
        self.env: dict[str, Any] = {}
        self.defs: dict[str, str] = {}
        self.count = 0

    def compile(self) -> Check:
        top = self.function(self.root)
        code = "\n".join([*self.source, *self.tables])
        exec(compile(code, "<manualctl schema>", "exec"), self.env)  # our own generated code
        check: Check = self.env[top]
        return check

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, value: Any) -> str:
        key = self.name("c")
        self.env[key] = value
        return key

    def ref(self, target: str) -> str:
        prefix = "#/$defs/"
        name = target[len(prefix) :]
        if not target.startswith(prefix) or name not in self.definitions:
            raise Unsupported(f"$ref {target}")
        if name not in self.defs:
            self.defs[name] = self.name("d")
            self.function(self.definitions[name], self.defs[name])
        return self.defs[name]

    def function(self, schema: Any, name: str | None = None) -> str:
        name = name or self.name("s")
        if schema is True or schema == {}:
            self.source += [f"def {name}(v):", "    return True"]
            return name
        if schema is False:
            self.source += [f"def {name}(v):", "    return False"]
            return name
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        body = self.body(schema)
        self.source += [f"def {name}(v):", *body, "    return True"]
        return name

    def body(self, schema: dict[str, Any]) -> list[str]:
        lines: list[str] = []
        if "$ref" in schema:
            lines.append(f"    if not {self.ref(schema['$ref'])}(v): return False")
        if "type" in schema:
            lines.append(f"    if not ({self.type_test(schema['type'])}): return False")
        if "enum" in schema:
            values = schema["enum"]
            if not all(isinstance(value, str) for value in values):
                raise Unsupported("enum of non-strings")
            allowed = self.constant(frozenset(values))
            lines.append(f"    if not (isinstance(v, str) and v in {allowed}): return False")
        if "pattern" in schema:
            search = self.constant(re.compile(schema["pattern"]).search)
            lines.append(f"    if isinstance(v, str) and {search}(v) is None: return False")
        if "minLength" in schema:
            size = int(schema["minLength"])
            lines.append(f"    if isinstance(v, str) and len(v) < {size}: return False")
        for key, op in (("minimum", "<"), ("maximum", ">")):
            if key in schema:
                bound = self.constant(schema[key])
                lines.append(f"    if {_TYPE_TESTS['number']} and v {op} {bound}: return False")
        lines += self.object_body(schema)
        lines += self.array_body(schema)
        if "anyOf" in schema:
            options = " or ".join(f"{self.function(sub)}(v)" for sub in schema["anyOf"])
            lines.append(f"    if not ({options}): return False")
        return lines

    def type_test(self, expected: str | list[str]) -> str:
        names = [expected] if isinstance(expected, str) else list(expected)
        if any(name not in _TYPE_TESTS for name in names):
            raise Unsupported(f"type {expected}")
        return " or ".join(_TYPE_TESTS[name] for name in names)

    def object_body(self, schema: dict[str, Any]) -> list[str]:
        keys = ("required", "properties", "additionalProperties", "propertyNames")
        if not any(key in schema for key in keys):
            return []
        lines = ["    if isinstance(v, dict):"]
        for key in schema.get("required", ()):
            lines.append(f"        if {key!r} not in v: return False")
        if "properties" in schema or "additionalProperties" in schema:
            table = self.name("p")
            subs = {k: self.function(sub) for k, sub in schema.get("properties", {}).items()}
            entries = ", ".join(f"{k!r}: {f}" for k, f in subs.items())
            self.tables.append(f"{table} = {{{entries}}}")
            extra = schema.get("additionalProperties", True)
            lines += ["        for k, x in v.items():", f"            f = {table}.get(k)"]
            if extra is False:
                lines.append("            if f is None or not f(x): return False")
            elif extra is True or extra == {}:
                lines.append("            if f is not None and not f(x): return False")
            else:
                other = self.function(extra)
                lines.append(f"            if not (f or {other})(x): return False")
        if "propertyNames" in schema:
            names = self.function(schema["propertyNames"])
            lines += ["        for k in v:", f"            if not {names}(k): return False"]
        return lines

    def array_body(self, schema: dict[str, Any]) -> list[str]:
        if "items" not in schema and "minItems" not in schema:
            return []
        lines = ["    if isinstance(v, list):"]
        if "minItems" in schema:
            lines.append(f"        if len(v) < {int(schema['minItems'])}: return False")
        if "items" in schema:
            items = self.function(schema["items"])
            lines += ["        for x in v:", f"            if not {items}(x): return False"]
        return lines
