"""Small, careful edits of pandoc Markdown text, done before the one pandoc run.

Chapters are joined into one document, so names that pandoc keeps document-wide would
clash between chapters: footnote labels (``[^1]`` in every chapter) and reference-link
labels (``[guidance]: https://...``). :func:`scope_labels` gives each chapter's labels a
prefix of its own. Fenced code blocks and inline code spans are left alone.

:func:`escape` turns plain text (titles, notes, amendment sentences) into Markdown that
pandoc reads back as exactly that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_REF_DEF = re.compile(r"^( {0,3})\[([^\]^][^\]]*)\]:(?=\s|$)")
_ANY_REF_DEF = re.compile(_REF_DEF.pattern, re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Plain text as Markdown: every ASCII punctuation mark backslash-escaped.

    Line breaks become spaces, so the result is always one line of inline text.
    """
    return _PUNCT.sub(r"\\\1", " ".join(text.split()))


def _outside_code(
    line: str, edit: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
) -> str:
    """Apply ``edit`` to the parts of a line that are not inline code spans."""
    out: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(line):
        out.append(edit.sub(repl, line[last : span.start()]))
        out.append(span.group(0))
        last = span.end()
    out.append(edit.sub(repl, line[last:]))
    return "".join(out)


def _prose_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines that are not inside fenced code blocks."""
    keep: list[int] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                continue
            keep.append(index)
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            fence = None
    return keep


def scope_labels(body: str, prefix: str) -> str:
    """The body with its footnote and reference-link labels prefixed by ``prefix``.

    ``[^1]`` becomes ``[^PREFIX1]``; a definition ``[nice]: https://...`` becomes
    ``[PREFIXnice]: https://...`` and its uses ``[text][nice]``, ``[nice][]`` and
    ``[nice]`` are pointed at it. Labels match case-insensitively, as in pandoc.
    """
    if "[" not in body:
        return body
    if "`" not in body and "~~~" not in body and not _ANY_REF_DEF.search(body):
        # no code and no reference links: only footnote labels (never across lines)
        return _FOOTNOTE.sub(f"[^{prefix}\\1]", body)
    lines = body.split("\n")
    prose = _prose_lines(lines)
    defined: set[str] = set()
    for index in prose:
        match = _REF_DEF.match(lines[index])
        if match:
            defined.add(match.group(2).strip().lower())
    footnote_repl = f"[^{prefix}\\1]"
    ref_use = _ref_use_pattern(defined) if defined else None
    for index in prose:
        line = lines[index]
        if "[" not in line:
            continue
        definition = _REF_DEF.match(line)
        if definition:
            label = definition.group(2).strip()
            line = f"{definition.group(1)}[{prefix}{label}]:{line[definition.end() :]}"
            lines[index] = line
            continue
        line = _outside_code(line, _FOOTNOTE, footnote_repl)
        if ref_use is not None:
            line = _scope_ref_uses(line, ref_use, defined, prefix)
        lines[index] = line
    return "\n".join(lines)


def _ref_use_pattern(defined: set[str]) -> re.Pattern[str]:
    # [text][label] | [label][] | [label] (not followed by '(' or '[' or ':')
    return re.compile(r"(?<![\]\\])\[([^\]\[^][^\]\[]*)\](?:\[([^\]\[]*)\]|(?![(\[:]))")


def _scope_ref_uses(line: str, pattern: re.Pattern[str], defined: set[str], prefix: str) -> str:
    def repl(match: re.Match[str]) -> str:
        text, label = match.group(1), match.group(2)
        target = label or text
        if target.strip().lower() not in defined:
            return match.group(0)
        return f"[{text}][{prefix}{target.strip()}]"

    return _outside_code(line, pattern, repl)
