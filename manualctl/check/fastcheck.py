"""The happy path's yes/no schema check: fastjsonschema's code, generated once.

jsonschema explains *why* data is invalid, and that is what a policy officer needs; but
asking it only *whether* 2,000 chapters' front matter is valid costs more than reading
them. fastjsonschema turns a JSON Schema into plain Python that answers in microseconds.
Generating that code costs more than validating a whole manual (about 20 ms for the
chapter schema and 60 ms for the manual schema, in every new process), so it is
generated ahead, by ``scripts/compile_schemas.py``, and ships as
:mod:`manualctl.check.schemacode` with the SHA-256 of the schema it was made from. A
schema file that no longer matches its code (changed, not regenerated) gets its code
generated at first use instead: slower, never wrong.

fastjsonschema reads a pattern's ``$`` as the end of the text, as JSON Schema means it;
Python's ``re`` (and so jsonschema) also lets it match before a final newline.
:func:`manualctl.check.schema.is_valid` therefore asks jsonschema to confirm a "no", so
its answer is always jsonschema's.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
from collections.abc import Callable
from typing import Any

from manualctl.resources import schema, schemas_dir

Check = Callable[[Any], bool]

#: fastjsonschema's options: never fill in defaults (the data is the author's), and
#: short exceptions (only "no" is wanted from this path).
_OPTIONS: dict[str, Any] = {"use_default": False, "detailed_exceptions": False}


def schema_sha256(name: str) -> str:
    raw = schemas_dir().joinpath(f"{name}.schema.json").read_bytes()
    return hashlib.sha256(raw).hexdigest()


def fast_check(name: str) -> Check:
    """A function that says whether data passes schema ``name``."""
    validate: Callable[[Any], Any]
    module = importlib.import_module(f"manualctl.check.schemacode.{name}")
    if getattr(module, "SCHEMA_SHA256", None) == schema_sha256(name):
        validate = module.check
    else:
        import fastjsonschema

        validate = fastjsonschema.compile(copy.deepcopy(schema(name)), **_OPTIONS)
    from fastjsonschema import JsonSchemaValueException

    def check(data: Any) -> bool:
        try:
            validate(data)
        except JsonSchemaValueException:
            return False
        return True

    return check


def generate(name: str) -> str:
    """The source of :mod:`manualctl.check.schemacode` ``.<name>``."""
    import fastjsonschema
    from fastjsonschema.ref_resolver import RefResolver

    definition = copy.deepcopy(schema(name))  # fastjsonschema rewrites $refs in place
    entry = RefResolver.from_schema(copy.deepcopy(definition)).get_scope_name()
    code = fastjsonschema.compile_to_code(definition, **_OPTIONS)
    return (
        f'"""The {name} schema as fastjsonschema code: generated, do not edit.\n\n'
        f"Made from schemas/{name}.schema.json by scripts/compile_schemas.py (run it again\n"
        'after changing the schema); see manualctl.check.fastcheck."""\n'
        "# ruff: noqa\n"
        "# mypy: ignore-errors\n"
        "# fmt: off\n"
        f'SCHEMA_SHA256 = "{schema_sha256(name)}"\n'
        f"{code.rstrip()}\n\n\n"
        f"check = {entry}\n"
    )
