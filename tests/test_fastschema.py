"""The compiled yes/no schema check agrees with jsonschema, on valid and broken data."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from manualctl.check.fastschema import Unsupported, compile_schema
from manualctl.resources import schema

HERE = Path(__file__).parent


def _documents() -> Iterator[tuple[str, Any]]:
    for path in sorted([*HERE.glob("broken/*/manual.yaml"), *HERE.glob("fixtures/*/manual.yaml")]):
        try:
            yield "manual", yaml.safe_load(path.read_bytes().decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
    for path in sorted([*HERE.glob("broken/*/chapters/**/*.md"), *HERE.glob("fixtures/**/*.md")]):
        parts = path.read_text(encoding="utf-8").split("---\n")
        if len(parts) >= 3:
            try:
                yield "chapter", yaml.load(parts[1], Loader=yaml.BaseLoader)
            except yaml.YAMLError:
                continue


def _mutations(data: Any) -> Iterator[Any]:
    """The data itself, and variants with one value replaced by a value of another type."""
    yield data
    if isinstance(data, dict):
        for key in list(data):
            for replacement in (None, 7, True, [], {}, "", "x y", ["a"], 1.5):
                changed = copy.deepcopy(data)
                changed[key] = replacement
                yield changed
            for inner in _mutations(data[key]):
                changed = copy.deepcopy(data)
                changed[key] = inner
                yield changed
        changed = copy.deepcopy(data)
        changed["unexpected"] = 1
        yield changed
    elif isinstance(data, list):
        for index, item in enumerate(data[:3]):
            for inner in _mutations(item):
                changed = copy.deepcopy(data)
                changed[index] = inner
                yield changed


def test_fast_check_agrees_with_jsonschema() -> None:
    checked = disagreements = valid = 0
    unique = {repr((name, document)): (name, document) for name, document in _documents()}
    for name, document in unique.values():
        fast = compile_schema(schema(name))
        full = Draft202012Validator(schema(name))
        for data in _mutations(document):
            checked += 1
            valid += fast(data)
            if fast(data) != full.is_valid(data):
                disagreements += 1
    assert disagreements == 0
    assert checked > 1000 and 0 < valid < checked  # both answers were exercised


def test_unknown_keywords_are_refused() -> None:
    with pytest.raises(Unsupported):
        compile_schema({"type": "object", "dependentRequired": {"a": ["b"]}})
