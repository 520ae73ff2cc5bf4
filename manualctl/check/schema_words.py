"""Schema errors in words a policy officer can act on: what is wrong, where, what to do.

:mod:`manualctl.check.schema` finds the errors (choosing the branch of an entry by its key);
this module turns each into a rule code, a message, a hint and the key path to point at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from manualctl.check.findings import did_you_mean

Branches = Callable[[list[Any]], list[tuple[str, dict[str, Any]]]]

Explained = tuple[str, str, str, list[Any], bool]  # code, message, hint, path, at key

_LABELS = (
    ("section", "section"),
    ("subsection", "sub-section"),
    ("file", "the entry for"),
    ("external", "external chapter"),
    ("see_also", "the see-also line"),
    ("note", "the note"),
    ("chapter", "the see-also item"),
)


def _where(name: str, data: Any, path: list[Any]) -> str:
    """Where in the file, in words: 'flag of the entry for chapters/x.md'."""
    label = "the front matter" if name == "chapter" else "manual.yaml"
    rest: list[str] = []
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int) and rest and rest[-1] == "entries":
            rest[-1] = f"entry {step + 1}"
        elif isinstance(step, int):
            rest.append(f"item {step + 1}")
        else:
            rest.append(str(step))
        if isinstance(node, dict):
            for key, words in _LABELS:
                value = node.get(key)
                if key in ("see_also", "note") and key in node:
                    label, rest = words, []
                    break
                if isinstance(value, str):
                    label = f"{words} {value}" if key == "file" else f'{words} "{value}"'
                    rest = []
                    break
    if rest:
        return f"{' > '.join(rest)} in {label}"
    return label


def explain(
    name: str, data: Any, error: Any, path: list[Any], branches: Branches
) -> Iterator[Explained]:
    kind = error.validator
    where = _where(name, data, path)
    if kind == "additionalProperties":
        allowed = list((error.schema.get("properties") or {}).keys())
        extras = [k for k in error.instance if k not in allowed] if allowed else []
        for key in extras or [None]:
            suggestion = did_you_mean(str(key), allowed) if key is not None else ""
            yield (
                "schema-unknown-key",
                f'unknown key "{key}" in {where}.{suggestion}',
                "Allowed keys here: " + ", ".join(allowed) + ". Fix the spelling or remove it.",
                [*path, key] if key is not None else path,
                key is not None,
            )
        return
    if kind in ("anyOf", "oneOf"):
        yield _no_kind(error, path, where, branches)
        return
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a key"
        yield (
            "schema-missing-key",
            f'"{missing}" is missing in {where}.',
            f'Add a line "{missing}: ..." here.',
            path,
            False,
        )
        return
    if "propertyNames" in error.schema_path:
        key = error.instance
        yield (
            "schema-format",
            f"{_quoted(str(key))} is not a valid key in {where}"
            + (" (it has a line break in it)." if "\n" in str(key) else "."),
            _pattern_hint(str(error.validator_value)),
            [*path, key],
            True,
        )
        return
    yield _value(kind, error, path, where)


def _no_kind(error: Any, path: list[Any], where: str, branches: Branches) -> Explained:
    keys = [key for key, _ in branches(error.validator_value)]
    instance = error.instance
    if not isinstance(instance, dict):
        return (
            "schema-type",
            f"{where} should be a set of 'key: value' lines, not {_describe(instance)}.",
            f"Start the item with one of: {', '.join(k + ':' for k in keys)}.",
            path,
            False,
        )
    if "subsection" in instance:
        return (
            "schema-entry-kind",
            f"{where} is a sub-section inside a sub-section.",
            "Sub-sections sit directly under a section: move it up a level, or make its "
            "chapters part of the sub-section above.",
            [*path, "subsection"],
            True,
        )
    guesses = [did_you_mean(str(k), keys) for k in instance]
    guess = next((g for g in guesses if g), "")
    return (
        "schema-entry-kind",
        f"{where} has none of the keys {', '.join(repr(k) for k in keys)}.{guess}",
        f"Start the item with one of: {', '.join(k + ':' for k in keys)}.",
        path,
        False,
    )


def _value(kind: str, error: Any, path: list[Any], where: str) -> Explained:
    if kind == "type":
        return (
            "schema-type",
            f"{where} should be {_type_words(error.validator_value)}, "
            f"not {_describe(error.instance)}.",
            "Check the indentation and punctuation of this line.",
            path,
            False,
        )
    if kind == "enum":
        options = ", ".join(f'"{o}"' for o in error.validator_value)
        guess = did_you_mean(str(error.instance), [str(o) for o in error.validator_value])
        return (
            "schema-choice",
            f'"{error.instance}" is not allowed for {where}.{guess}',
            f"Use one of {options}.",
            path,
            False,
        )
    pattern = str(error.validator_value)
    if kind in ("minLength", "minItems") or (kind == "pattern" and pattern == "\\S"):
        return (
            "schema-empty",
            f"{where} is empty.",
            "Fill it in, or remove the line.",
            path,
            False,
        )
    if kind == "maxLength":
        return (
            "schema-format",
            f"{where} is {len(str(error.instance))} characters long; it may be at most "
            f"{error.validator_value} (it names files and edition tags).",
            "Give a shorter id: the main words of the title are enough.",
            path,
            False,
        )
    if kind == "pattern" and "\n" in str(error.instance):
        return (
            "schema-format",
            f"{where} has a line break in it: {_quoted(str(error.instance))}.",
            "Write it on one line, without a '|' or '>' block and without a newline at the "
            "end of the quoted text.",
            path,
            False,
        )
    if kind == "pattern" and "(?!/)" in pattern:
        return (
            "path-absolute",
            f'"{error.instance}" is not a path inside the manual.',
            "Give the path relative to manual.yaml, with forward slashes "
            "(for example chapters/children-in-care/short-breaks.md).",
            path,
            False,
        )
    if kind == "pattern":
        return (
            "schema-format",
            f'"{error.instance}" is not in the right form for {where}.',
            _pattern_hint(pattern),
            path,
            False,
        )
    if kind in ("minimum", "maximum"):
        return (
            "schema-range",
            f"{where} is {error.instance}: {error.message.split(' is ', 1)[-1]}.",
            "Give a number in range (every_months is between 1 and 120).",
            path,
            False,
        )
    return ("schema-other", f"{where}: {error.message}", "Correct the value.", path, False)


def _pattern_hint(pattern: str) -> str:
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
    if "{edition}" in pattern:
        return "Include {edition} (and usually {id}), for example {id}/{edition}."
    if "[a-z]{2,3}" in pattern:
        return "Write a language tag such as en-GB or cy-GB."
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


def _quoted(text: str) -> str:
    """``text`` in double quotes, a line break shown as \\n (a finding is one line)."""
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + '"'


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
