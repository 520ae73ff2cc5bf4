"""Writing one value as YAML text: plain when it reads back the same, else double-quoted.

Used wherever manualctl writes YAML by hand (new manuals, new entries, chapter templates)
and by :mod:`manualctl.model.yamltext.editor`, so a value is written the same way everywhere.
"""

from __future__ import annotations

import json
import re

from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast

# Characters that make a plain scalar mean something else (or not parse) when first.
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`() ")
_SURELY_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'’/()&-]*[A-Za-z0-9.)]$")
# Plain words that YAML readers (PyYAML's 1.1 rules among them) take as booleans or null.
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if _SURELY_PLAIN.match(value) and value.lower() not in _YAML_WORDS:
        return value  # the common case, decided without parsing
    if value and value[0] not in _PLAIN_START and value == value.strip() and "\n" not in value:
        try:
            if load_fast(f"k: {value}\n") == {"k": value}:
                return value
        except YamlSyntaxError:  # it does not parse as plain text: quote it
            pass
    return quoted(value)


def quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def mapping_lines(items: dict[str, str]) -> list[str]:
    """``key: value`` lines (no indentation) for a flat mapping of strings."""
    return [f"{key}: {scalar(value)}" for key, value in items.items()]
