"""The fast yes/no schema check (fastjsonschema's code) agrees with jsonschema, on valid and
broken data, whether the code is the shipped one or generated at first use."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
import yaml
from jsonschema import Draft202012Validator

from manualctl.check import schema as schema_check
from manualctl.check.fastcheck import fast_check, generate, schema_digest
from manualctl.check.schemacode import chapter, manual
from manualctl.resources import schema

SHIPPED = {"manual": manual, "chapter": chapter}

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


@pytest.mark.parametrize("code", ["shipped", "generated at first use"])
def test_fast_check_agrees_with_jsonschema(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if code != "shipped":  # a schema changed and not compiled again: its code is made now
        for module in SHIPPED.values():
            monkeypatch.setattr(module, "SCHEMA_CRC32", "stale")
    checked = disagreements = valid = 0
    unique = {repr((name, document)): (name, document) for name, document in _documents()}
    checks = {name: fast_check(name) for name in SHIPPED}
    for name, document in unique.values():
        fast = checks[name]
        full = Draft202012Validator(schema(name))
        for data in _mutations(document):
            checked += 1
            valid += fast(data)
            if fast(data) != full.is_valid(data):
                disagreements += 1
    assert disagreements == 0
    assert checked > 1000 and 0 < valid < checked  # both answers were exercised


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_the_shipped_code_is_made_from_the_schema(name: str) -> None:
    assert schema_digest(name) == SHIPPED[name].SCHEMA_CRC32, (
        f"schemas/{name}.schema.json changed: run scripts/compile_schemas.py"
    )
    if SHIPPED[name].VERSION != fastjsonschema.VERSION:
        pytest.skip(f"the code is from fastjsonschema {SHIPPED[name].VERSION}")
    path = Path(SHIPPED[name].__file__ or "")
    assert path.read_text(encoding="utf-8") == generate(name)


def test_a_newline_at_the_end_is_refused_by_both() -> None:
    """fastjsonschema's '$' is the end of the text; Python's also matches before a final
    newline, so the schemas' patterns end with '(?!\\n)$' and the two agree (an id with a
    newline at its end broke the PDF's labels)."""
    data = {"id": "placements\n", "title": "Placements"}
    assert fast_check("chapter")(data) is False
    assert schema_check.is_valid("chapter", data) is False
    assert not Draft202012Validator(schema("chapter")).is_valid(data)
