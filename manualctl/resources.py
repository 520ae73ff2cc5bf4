"""Files that ship with manualctl: the JSON Schemas and the default templates.

In a wheel they live inside the package (``manualctl/schemas``, ``manualctl/templates``);
in a source checkout they are the top-level ``schemas/`` and ``templates/`` folders.
pip installs a wheel as plain files, so they are found beside this module, without
``importlib.resources`` (which imports zipfile and tempfile: a few milliseconds on
every command).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _folder(name: str) -> Path:
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def schemas_dir() -> Path:
    return _folder("schemas")


def templates_dir() -> Path:
    return _folder("templates")


def fonts_dir() -> Path:
    """The fonts every edition uses (Liberation Sans, OFL, with its licence): Typst embeds
    them in the PDF, the Word edition embeds them, the website ships them."""
    return templates_dir() / "fonts"


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema by name: ``manual`` or ``chapter``."""
    import json  # only here: validate's happy path runs the generated code, not the schema

    data: dict[str, Any] = json.loads(
        (schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return data
