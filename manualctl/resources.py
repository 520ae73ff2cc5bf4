"""Files that ship with manualctl: the JSON Schemas and the default templates.

In a wheel they live inside the package (``manualctl/schemas``, ``manualctl/templates``);
in a source checkout they are the top-level ``schemas/`` and ``templates/`` folders.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(name: str) -> Traversable:
    packaged = resources.files("manualctl").joinpath(name)
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def schemas_dir() -> Traversable:
    return _folder("schemas")


def templates_dir() -> Traversable:
    return _folder("templates")


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema by name: ``manual`` or ``chapter``."""
    data: dict[str, Any] = json.loads(
        schemas_dir().joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return data
