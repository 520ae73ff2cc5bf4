"""A file's text, or the problem that stops it being read or parsed, as a finding.

:func:`read_text` reads one file the safe way (only a regular file, up to a size limit,
UTF-8 text with no control characters). The other functions say what is wrong with YAML
that does not load (tabs, an emptied ``key: {}``, aliases, a merge's conflict markers)
and with a chapter's front matter, each as a finding with its place and a hint a person
can act on. :mod:`manualctl.check.load` uses them while it reads a manual.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from manualctl.check import limits
from manualctl.check.findings import Finding, display
from manualctl.check.rules import finding
from manualctl.fsutil import read_open
from manualctl.model import chapter as chapter_mod


def problem_at(
    file: Path | str, line: int, col: int, code: str, message: str, hint: str
) -> Finding:
    return finding(code, (display(file), line, col), message, hint)


def read_text(
    path: Path | str,
    *,
    real: str | None = None,
    missing_ok: bool = False,
    limit: int = limits.MAX_CHAPTER_BYTES,
) -> tuple[str | None, Finding | None]:
    """Decoded text of a file, or the finding that says why it cannot be read.

    ``real`` is where to read it from when that differs from the path to show. With
    ``missing_ok``, a file that does not exist gives (None, None): the caller reports it.
    Only a regular file is read (a named pipe would make validate wait for ever), and
    only up to ``limit`` bytes (a bigger file is refused, with the limit in the message).
    """
    try:
        fd = os.open(real or path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, problem_at(
                    path,
                    1,
                    1,
                    "file-unreadable",
                    "it is not a regular file (a named pipe, device or socket).",
                    "Replace it with an ordinary text file, or remove it and its line in "
                    "manual.yaml.",
                )
            if info.st_size > limit:
                return None, _too_big(path, info.st_size, limit)
            raw = read_open(fd, info.st_size + 1, limit + 1)
            if len(raw) > limit:
                return None, _too_big(path, len(raw), limit)
        finally:
            os.close(fd)
    except FileNotFoundError:
        if missing_ok:
            return None, None
        return None, problem_at(
            path, 1, 1, "file-unreadable", "the file does not exist.", "Check the path."
        )
    except OSError as exc:
        return None, problem_at(
            path,
            1,
            1,
            "file-unreadable",
            f"cannot read the file: {exc.strerror or exc}.",
            "Check the file exists, is a file (not a folder) and you may read it.",
        )
    try:
        text = chapter_mod.decode(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, problem_at(
            path,
            line,
            col,
            "file-encoding",
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at this place).",
            "Save it as UTF-8 (in most editors: Save As > Encoding > UTF-8); "
            "check the characters near this place, such as curly quotes or a pound sign.",
        )
    control = _CONTROL.search(text) if raw.translate(None, _NOT_CONTROL) else None
    if control is not None:
        at = control.start()
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        return None, problem_at(
            path,
            line,
            col,
            "file-encoding",
            f"the file holds the control character U+{ord(control[0]):04X} at this place "
            "(it is not text: no edition can show it).",
            "Delete it (it is often left by copying from another program), then save.",
        )
    return text, None


_CONFLICT_START = re.compile(r"^<{7}(?: |$)", re.M)


def conflict_markers(path: Path | str, text: str, first_line: int, where: str) -> Finding | None:
    """A merge's conflict markers, when YAML that does not parse holds them: said as
    such (a "<<<<<<<" line reads as bad indentation to a YAML parser)."""
    found = _CONFLICT_START.search(text)
    if found is None:
        return None
    line = first_line + text.count("\n", 0, found.start()) + 1
    return problem_at(
        path,
        line,
        1,
        "conflict-markers",
        f"{where} holds a merge conflict: git could not merge two versions of it, and both "
        "are in the file, between the lines <<<<<<<, ======= and >>>>>>>.",
        "Choose the lines to keep, delete the marker lines and the version you do not "
        "keep, check the indentation, then commit the result.",
    )


def alias_problem(path: Path | str, line: int, column: int, where: str) -> Finding:
    return problem_at(
        path,
        line,
        column,
        "yaml-alias",
        f"{where} names this list or mapping (&name) and uses it again with an alias "
        "(*name): manualctl does not accept YAML aliases in manual files.",
        "Write the entries out in full where they are wanted (a few aliases can stand "
        "for billions of entries).",
    )


# characters that are not text (tab, newline and carriage return are)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: every byte but those: deleting them from a file's bytes leaves its control characters
#: (all ASCII, and in UTF-8 an ASCII byte is only ever that character), ten times as
#: fast as searching the text
_NOT_CONTROL = bytes(sorted({*range(256)} - {*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F}))


def _too_big(path: Path | str, size: int, limit: int) -> Finding:
    return problem_at(
        path,
        1,
        1,
        "limit-size",
        f"the file is {size / 1_000_000:.1f} MB; manualctl reads files of at most "
        f"{limit // 1_000_000} MB.",
        "Split it into several chapters (or, for manual.yaml, several manuals).",
    )


def syntax_problem(text: str, line: int, problem: str, where: str) -> tuple[str, str]:
    """(message, hint) for YAML that does not parse; ``line`` is 1-based in ``text``."""
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())]:
        return (
            f"{where} uses a tab to indent this line.",
            "Indent YAML with spaces, not tabs (most editors can convert tabs to spaces).",
        )
    emptied = _empty_flow_above(lines, line)
    if emptied is not None:
        number, key = emptied
        return (
            f"{where} is not valid YAML: {problem}.",
            f"Line {number} says '{key}: {{}}' (an empty set), so the indented lines under "
            f"it cannot belong to it: delete the '{{}}' and keep '{key}:' with the lines "
            "under it.",
        )
    return (
        f"{where} is not valid YAML: {problem}.",
        f"Check the indentation and punctuation of {where} at this line "
        "(a ':' after each key, '- ' before each list item, quotes around text "
        "that holds ': ' or starts with a special character).",
    )


_EMPTY_FLOW = re.compile(r"^(?P<indent> *)(?P<key>[^\s:#][^:#]*?):[ \t]*\{\}[ \t]*(?:#.*)?$")


def _empty_flow_above(lines: list[str], line: int) -> tuple[int, str] | None:
    """(line number, key) of a ``key: {}`` just above ``line`` with more-indented lines
    under it (as a chapter template's ``amendments: {}`` with a summary added below)."""
    for index in range(min(line, len(lines)) - 1, max(line - 4, 0) - 1, -1):
        match = _EMPTY_FLOW.match(lines[index])
        if match is None:
            continue
        below = next(
            (t for t in lines[index + 1 :] if t.strip() and not t.lstrip().startswith("#")), ""
        )
        if len(below) - len(below.lstrip(" ")) > len(match["indent"]):
            return index + 1, match["key"].strip()
    return None


def front_matter_problem(path: Path, exc: chapter_mod.FrontMatterError, text: str) -> Finding:
    if exc.code == "chapter-empty":
        return problem_at(
            path,
            1,
            1,
            "file-empty",
            "the chapter file is empty.",
            "Give it front matter (id and title between '---' lines), or remove the file and "
            "its line in manual.yaml. 'manualctl new-chapter' writes a new chapter for you.",
        )
    if exc.code == "yaml-alias":
        return alias_problem(path, exc.line, exc.column, "the front matter")
    if exc.code == "yaml-syntax":
        conflict = conflict_markers(path, text, 0, "the front matter")
        if conflict is not None:
            return conflict
        message, hint = syntax_problem(text, exc.line, exc.problem, "the front matter")
        return problem_at(path, exc.line, exc.column, "yaml-syntax", message, hint)
    return problem_at(
        path,
        exc.line,
        exc.column,
        "front-matter",
        exc.problem + ".",
        "Write the chapter's front matter between two '---' lines at the top, e.g.\n"
        "    ---\n    id: my-chapter\n    title: My Chapter\n    ---",
    )
