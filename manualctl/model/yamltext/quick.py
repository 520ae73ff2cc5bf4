"""Plain block YAML read without a YAML library: the happy path of :func:`.reader.load_fast`.

Front matter and manual.yaml are nearly always the plainest YAML: ``key: value`` lines,
nested by indentation, lists of ``- item`` lines, quoted text on one line, ``|`` and
``>`` blocks, ``[a, b]`` and ``{}``. :func:`parse` reads exactly that much, in pure
Python, and gives :data:`UNSUPPORTED` for anything else (anchors and aliases, tags, flow
collections that nest or span lines, escapes, text that runs onto the next line, numbers
other than plain decimal integers, odd characters, anything that is not valid YAML), and
the caller then asks libyaml. So a command that reads plain YAML never imports PyYAML
(about 60 M instructions), and a chapter's front matter costs a third less.

When :func:`parse` gives an answer it is exactly what ``load_fast`` would give through
libyaml (same values, same types, same key order): ``tests/test_yaml_quick.py`` holds
it to that on every sample and test manual and on thousands of generated documents.
"""

from __future__ import annotations

import re
from typing import Any

#: What :func:`parse` gives for text it leaves to libyaml.
UNSUPPORTED: Any = object()

#: a block scalar's header (re compiles it when first used: seldom needed)
_BLOCK_HEADER = r"([|>])(-?)(?: +#.*)?"
_NULLS = frozenset(("~", "null", "Null", "NULL"))
_BOOLS = dict.fromkeys(["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"], True)
_BOOLS |= dict.fromkeys(["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"], False)
_NUMERIC_START = frozenset("-+0123456789.")
_PLAIN_NEVER_STARTS = frozenset(",[]{}#&*!|>'\"%@`?:")
_FLOW_NEVER_HOLDS = frozenset("[]{},:#'\"")
_number_like: re.Pattern[str] | None = None  # compiled on first use: rarely needed


class _Unsupported(Exception):
    """The text is not plain block YAML (or not valid YAML): libyaml reads it."""


def parse(text: str) -> Any:
    """The data of one YAML document of plain block YAML, or :data:`UNSUPPORTED`."""
    lines = text.split("\n")
    rows = []  # (indentation, content without it and trailing spaces, line index)
    for index, line in enumerate(lines):
        if not line.isprintable():
            # tabs, control characters, YAML's other line breaks (NEL, U+2028, U+2029), a
            # byte order mark: a few of them (no-break spaces, format characters) are
            # read by libyaml too, but what isprintable() accepts it always reads as text
            return UNSUPPORTED
        content = line.lstrip(" ")
        if content and content[0] != "#":
            rows.append((len(line) - len(content), content.rstrip(" "), index))
    if not rows:
        return None
    rows.append((-1, "", len(lines)))  # the end
    try:
        return _Reader(lines, rows, text.endswith("\n")).document()
    except _Unsupported:
        return UNSUPPORTED


class _Reader:
    def __init__(self, lines: list[str], rows: list[tuple[int, str, int]], final: bool) -> None:
        self.lines = lines
        self.rows = rows
        self.final_newline = final
        self.at = 0  # the next row to read

    def document(self) -> Any:
        indent, content, _ = self.rows[0]
        if content.startswith(("---", "...", "%")):
            raise _Unsupported  # document markers and directives
        data = self._block(indent, content)
        if self.rows[self.at][0] >= 0:
            raise _Unsupported  # a line less indented than the first: not valid YAML
        return data

    def _block(self, indent: int, content: str) -> Any:
        """The mapping or list whose first line (at ``indent``) is the current row."""
        if content == "-" or content.startswith("- "):
            return self._sequence(indent)
        split = _key(content)
        if split is None:
            raise _Unsupported  # a scalar on its own lines: not plain block YAML
        self.at += 1
        return self._mapping(indent, split)

    def _mapping(self, indent: int, first: tuple[str, str]) -> dict[str, Any]:
        key, rest = first
        out: dict[str, Any] = {key: self._value(rest, indent, True)}
        rows = self.rows
        while True:
            here, content, _ = rows[self.at]
            if here < indent:
                return out
            if here > indent:
                raise _Unsupported
            split = _key(content)
            if split is None:
                raise _Unsupported  # a list item or text among the keys
            self.at += 1
            key, rest = split
            out[key] = self._value(rest, indent, True)

    def _sequence(self, indent: int) -> list[Any]:
        out: list[Any] = []
        rows = self.rows
        while True:
            here, content, _ = rows[self.at]
            if here < indent:
                return out
            if here > indent:
                raise _Unsupported
            if not content.startswith("- "):
                if content == "-":
                    raise _Unsupported  # the item is on the lines below
                return out  # the next key of the mapping this list is the value of
            rest = content[2:]
            item = rest.lstrip(" ")
            self.at += 1
            split = _key(item)
            if split is not None:  # "- key: value": a mapping, its keys in this column
                out.append(self._mapping(indent + 2 + len(rest) - len(item), split))
            else:
                out.append(self._value(item, indent, False))

    def _value(self, rest: str, indent: int, in_mapping: bool) -> Any:
        """The value written after ``key:`` or ``-`` (``rest``) on a line at ``indent``."""
        if not rest or rest[0] == "#":  # the value is on the lines below, or null
            here, content, _ = self.rows[self.at]
            if here > indent:
                return self._block(here, content)
            if in_mapping and here == indent and (content == "-" or content.startswith("- ")):
                return self._sequence(indent)
            return None
        first = rest[0]
        value: Any
        if first == "'" or first == '"':
            value, after = _quoted(rest)
            if after:
                comment = after.lstrip(" ")
                if comment and (comment[0] != "#" or comment == after):
                    raise _Unsupported
        elif first == "|" or first == ">":
            return self._block_scalar(rest, indent)
        else:
            cut = rest.find(" #")
            if cut >= 0:
                rest = rest[:cut].rstrip(" ")
            value = _flow(rest) if first == "[" or first == "{" else _plain(rest)
        if self.rows[self.at][0] > indent:
            raise _Unsupported  # a value on one line must not run onto the next
        return value

    def _block_scalar(self, header: str, indent: int) -> str:
        match = re.fullmatch(_BLOCK_HEADER, header)
        if match is None:
            raise _Unsupported  # indentation or "keep" indicators
        literal, strip = match[1] == "|", match[2] == "-"
        lines = self.lines
        start = self.rows[self.at - 1][2] + 1
        end = start
        while end < len(lines):
            line = lines[end]
            if line and (len(line) - len(line.lstrip(" ")) <= indent) and line.strip(" "):
                break
            end += 1
        body = lines[start:end]
        while body and not body[-1]:
            body.pop()  # blank lines after the text: chomped
        if not body or not body[0] or (end == len(lines) and not self.final_newline):
            raise _Unsupported  # empty, or starting with blank lines, or at the very end
        first = body[0]
        own = len(first) - len(first.lstrip(" "))
        parts = []
        for line in body:
            if not line:
                if not literal:
                    raise _Unsupported  # folded paragraphs
                parts.append("")
                continue
            if len(line) - len(line.lstrip(" ")) < own or not line.strip(" "):
                raise _Unsupported  # less indented, or spaces only
            text = line[own:]
            if not literal and (text[0] == " " or text[-1] == " "):
                raise _Unsupported  # more-indented lines and trailing spaces fold otherwise
            parts.append(text)
        rows = self.rows
        while rows[self.at][2] < end:
            self.at += 1
        value = ("\n" if literal else " ").join(parts)
        return value if strip else value + "\n"


def _key(content: str) -> tuple[str, str] | None:
    """(key, what follows ``key:``) for a ``key: ...`` line, None for any other line."""
    first = content[0]
    if first == "'" or first == '"':
        key, after = _quoted(content)
        after = after.lstrip(" ")
        if not after.startswith(":"):
            if after and after[0] != "#":
                raise _Unsupported
            return None  # a quoted scalar, not a key
        if len(after) > 1 and after[1] != " ":
            raise _Unsupported
        return key, after[1:].lstrip(" ")
    colon = content.find(": ")
    if colon < 0:
        if not content.endswith(":"):
            return None
        colon = len(content) - 1
    key = content[:colon].rstrip(" ")
    if not key or " #" in key or key.startswith(("- ", "? ")):
        raise _Unsupported
    value = _plain(key)
    if type(value) is not str:
        raise _Unsupported  # a number, true/false or null as a key
    return value, content[colon + 1 :].lstrip(" ")


def _quoted(text: str) -> tuple[str, str]:
    """A quoted scalar at the start of ``text`` on one line: (its value, what follows)."""
    quote = text[0]
    if quote == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[1:end]:
            raise _Unsupported  # escapes, or text running onto the next line
        return text[1:end], text[end + 1 :]
    at = 1
    while True:
        end = text.find("'", at)
        if end < 0:
            raise _Unsupported
        if text[end + 1 : end + 2] != "'":
            return text[1:end].replace("''", "'"), text[end + 1 :]
        at = end + 2


def _flow(text: str) -> list[Any] | dict[str, Any]:
    """``[]``, ``{}`` or ``[a, b, c]`` with plain items on one line."""
    inner = text[1:-1].strip(" ")
    if text[0] == "{":
        if text[-1] != "}" or inner:
            raise _Unsupported
        return {}
    if text[-1] != "]":
        raise _Unsupported
    if not inner:
        return []
    items = []
    for part in inner.split(","):
        item = part.strip(" ")
        if not item or not _FLOW_NEVER_HOLDS.isdisjoint(item):
            raise _Unsupported
        items.append(_plain(item))
    return items


def _plain(text: str) -> Any:
    """A plain scalar's value, resolved as PyYAML's safe loader (without timestamps) does."""
    first = text[0]
    if first in _PLAIN_NEVER_STARTS or text[-1] == ":" or ": " in text:
        raise _Unsupported
    if first == "-" and text[1:2] in ("", " "):
        raise _Unsupported
    if text in _NULLS:
        return None
    boolean = _BOOLS.get(text)
    if boolean is not None:
        return boolean
    if first in _NUMERIC_START:
        if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
            return int(text)
        date = len(text) == 10 and text[4] == text[7] == "-"  # kept as written, no number
        if not date and _looks_numeric(text):
            raise _Unsupported  # other numbers: PyYAML's own constructor reads them
    elif text == "<<" or text == "=":
        raise _Unsupported
    return text


def _looks_numeric(text: str) -> bool:
    """Whether PyYAML would read ``text`` as a number (its int and float patterns)."""
    global _number_like
    if _number_like is None:
        _number_like = re.compile(
            r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
            |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
            |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN)
            |[-+]?0b[0-1_]+
            |[-+]?0[0-7_]+
            |[-+]?(?:0|[1-9][0-9_]*)
            |[-+]?0x[0-9a-fA-F_]+
            |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
            re.X,
        )
    return _number_like.fullmatch(text) is not None
