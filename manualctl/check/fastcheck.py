"""The happy path's yes/no schema check: fastjsonschema's code, generated once.

jsonschema explains *why* data is invalid, and that is what a policy officer needs; but
asking it only *whether* 2,000 chapters' front matter is valid costs more than reading
them. fastjsonschema turns a JSON Schema into plain Python that answers in microseconds.
Generating that code costs more than validating a whole manual (about 20 ms for the
chapter schema and 60 ms for the manual schema, in every new process), so it is
generated ahead, by ``scripts/compile_schemas.py``, and ships as
:mod:`manualctl.check.schemacode` with the CRC-32 of the schema it was made from (a
checksum, not a seal: it only tells that a developer changed the schema; zlib is loaded
anyway, where hashlib would cost a millisecond per command). A schema file that no
longer matches its code (changed, not regenerated) gets its code generated at first use
instead: slower, never wrong. The shipped code raises
:class:`manualctl.check.schemacode.SchemaNo`, so a command that validates never imports
the fastjsonschema package (about 5 ms of start-up); only generating code does.

fastjsonschema reads a pattern's ``$`` as the end of the text, as JSON Schema means it;
Python's ``re`` (and so jsonschema) also lets it match before a final newline.
:func:`manualctl.check.schema.is_valid` therefore asks jsonschema to confirm a "no", so
its answer is always jsonschema's.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable
from typing import Any

from manualctl.check.schemacode import SchemaNo
from manualctl.resources import schema, schemas_dir

Check = Callable[[Any], bool]

#: fastjsonschema's options: never fill in defaults (the data is the author's), and
#: short exceptions (only "no" is wanted from this path).
_OPTIONS: dict[str, Any] = {"use_default": False, "detailed_exceptions": False}


def schema_digest(name: str) -> str:
    """The CRC-32 of schema ``name``'s file, as the generated code records it."""
    raw = schemas_dir().joinpath(f"{name}.schema.json").read_bytes()
    return f"{zlib.crc32(raw):08x}"


def fast_check(name: str) -> Check:
    """A function that says whether data passes schema ``name``."""
    validate: Callable[[Any], Any]
    failure: type[Exception]
    module = importlib.import_module(f"manualctl.check.schemacode.{name}")
    if getattr(module, "SCHEMA_CRC32", None) == schema_digest(name):
        validate, failure = module.check, SchemaNo
    else:
        import copy

        import fastjsonschema

        validate = fastjsonschema.compile(copy.deepcopy(schema(name)), **_OPTIONS)
        failure = fastjsonschema.JsonSchemaValueException

    def check(data: Any) -> bool:
        try:
            validate(data)
        except failure:
            return False
        return True

    return check


def generate(name: str) -> str:
    """The source of :mod:`manualctl.check.schemacode` ``.<name>``."""
    import copy

    import fastjsonschema
    from fastjsonschema.ref_resolver import RefResolver

    definition = copy.deepcopy(schema(name))  # fastjsonschema rewrites $refs in place
    entry = RefResolver.from_schema(copy.deepcopy(definition)).get_scope_name()
    code = fastjsonschema.compile_to_code(definition, **_OPTIONS)
    for library, ours in _IMPORTS.items():
        if library not in code:
            raise RuntimeError(f"fastjsonschema's code no longer holds {library!r}: see _IMPORTS")
        code = code.replace(library, ours)
    return (
        f'"""The {name} schema as fastjsonschema code: generated, do not edit.\n\n'
        f"Made from schemas/{name}.schema.json by scripts/compile_schemas.py (run it again\n"
        'after changing the schema); see manualctl.check.fastcheck."""\n'
        "# ruff: noqa\n"
        "# mypy: ignore-errors\n"
        "# fmt: off\n"
        f'SCHEMA_CRC32 = "{schema_digest(name)}"\n'
        f"{code.rstrip()}\n\n\n"
        f"check = {entry}\n"
    )


#: Lines of fastjsonschema's code replaced with light ones: its exceptions by
#: :class:`~manualctl.check.schemacode.SchemaNo` (importing them would import the whole
#: package), and Decimal by float (YAML data never holds a Decimal, so the type checks
#: it appears in give the same answers without importing decimal).
_IMPORTS = {
    "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n": (
        "from manualctl.check.schemacode import SchemaNo as JsonSchemaValueException\n"
        "from manualctl.check.schemacode import SchemaNo as JsonSchemaValuesException\n"
    ),
    "from decimal import Decimal\n": "Decimal = float  # YAML data holds no Decimal\n",
}
