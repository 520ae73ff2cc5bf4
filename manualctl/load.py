"""Reading a manual from disk into the model, collecting every problem met on the way.

:func:`read` never raises for a problem in the manual: it returns what it could build
and the findings. :func:`open_manual` is what commands use: it runs the full checks
(:mod:`manualctl.validate`) and refuses a manual with errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from manualctl import chapter as chapter_mod
from manualctl import schema
from manualctl.findings import Finding, Severity
from manualctl.manual import MANUAL_FILE, Manual, build_tree
from manualctl.yamlio import YamlSyntaxError, load_fast


@dataclass
class Loaded:
    """What :func:`read` could build, and what was wrong."""

    manual: Manual | None
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # rel path -> decoded text


def display(path: Path) -> str:
    """A path as shown in messages: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _error(file: Path, line: int, col: int, code: str, message: str, hint: str) -> Finding:
    return Finding(display(file), line, col, Severity.ERROR, code, message, hint)


def read_text(path: Path) -> tuple[str | None, Finding | None]:
    """Decoded text of a file, or the finding that says why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, _error(
            path,
            1,
            1,
            "unreadable",
            f"cannot read the file: {exc.strerror}.",
            "Check the file exists and you may read it.",
        )
    try:
        return chapter_mod.decode(raw), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, _error(
            path,
            line,
            col,
            "encoding",
            "the file is not UTF-8 text.",
            "Save it as UTF-8 (in most editors: Save As > Encoding > UTF-8).",
        )


def read_config(root: Path) -> tuple[dict[str, Any] | None, str, list[Finding]]:
    """manual.yaml parsed and checked against the schema."""
    path = root / MANUAL_FILE
    text, problem = read_text(path)
    if problem or text is None:
        return None, "", [problem] if problem else []
    if not text.strip():
        return (
            None,
            text,
            [
                _error(
                    path,
                    1,
                    1,
                    "manual-empty",
                    "manual.yaml is empty.",
                    "Write the manual's id, title and contents, or run "
                    "'manualctl init DIR' to start from a valid manual.",
                )
            ],
        )
    try:
        data = load_fast(text)
    except YamlSyntaxError as exc:
        return (
            None,
            text,
            [
                _error(
                    path,
                    exc.line,
                    exc.column,
                    "yaml-syntax",
                    f"manual.yaml is not valid YAML: {exc.problem}.",
                    "Check the indentation and punctuation at this line "
                    "(a ':' after each key, '- ' before each list item).",
                )
            ],
        )
    if not isinstance(data, dict):
        return (
            None,
            text,
            [
                _error(
                    path,
                    1,
                    1,
                    "schema-type",
                    "manual.yaml must be a set of 'key: value' lines.",
                    "Start from 'manualctl init DIR' to see the expected shape.",
                )
            ],
        )
    if schema.is_valid("manual", data):
        return data, text, []
    return data, text, schema.check("manual", data, text, display(path))


def read(root: Path) -> Loaded:
    """Read manual.yaml and every chapter file it names."""
    root = root.resolve()
    data, text, findings = read_config(root)
    loaded = Loaded(None, findings)
    if data is None or findings:
        return loaded
    sections, number_problems = build_tree(data)
    manual = Manual(root, data, sections, number_problems=number_problems)
    loaded.manual = manual
    loaded.texts[MANUAL_FILE] = text
    for entry in manual.chapter_entries():
        chapter, problems = read_chapter(root, entry.file)
        loaded.findings.extend(problems)
        if chapter is not None:
            manual.chapters[entry.file] = chapter
    return loaded


def read_chapter(root: Path, rel: str) -> tuple[chapter_mod.Chapter | None, list[Finding]]:
    """One chapter file named in manual.yaml (the path is checked to stay in the manual)."""
    path = root / rel
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path
    if not resolved.is_relative_to(root):
        return None, []  # reported by the path rules in validate, with the manual.yaml line
    if not path.is_file():
        return None, []  # likewise: "missing chapter file" at its manual.yaml line
    text, problem = read_text(path)
    if problem or text is None:
        return None, [problem] if problem else []
    try:
        meta, parts = chapter_mod.parse(text)
    except chapter_mod.FrontMatterError as exc:
        hint = (
            "Write the chapter's front matter between two '---' lines at the top, e.g.\n"
            "    ---\n    id: my-chapter\n    title: My Chapter\n    ---"
            if exc.code != "yaml-syntax"
            else "Check the indentation and punctuation of the front matter at this line."
        )
        return None, [_error(path, exc.line, exc.column, exc.code, exc.problem + ".", hint)]
    found = chapter_mod.Chapter(
        resolved, rel, meta, parts.body, parts.body_line, parts.front_matter
    )
    if schema.is_valid("chapter", meta):
        return found, []
    return found, schema.check("chapter", meta, parts.front_matter, display(path), line_offset=1)
