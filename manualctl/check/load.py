"""Reading a manual from disk into the model, collecting every problem met on the way.

:func:`read` never raises for a problem in the manual: it returns what it could build
and the findings (:mod:`manualctl.check.file_problems` reads each file's text and puts
what stops a file being read or parsed into words).
:func:`manualctl.check.validate.open_manual` is what commands use: it runs the full
checks and refuses a manual with errors.

The happy path is one ``lstat`` and one read per chapter file, the C YAML loader for
front matter and a compiled schema check; positions are worked out only for errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from manualctl.check import limits, schema
from manualctl.check.file_problems import (
    alias_problem,
    conflict_markers,
    front_matter_problem,
    problem_at,
    read_text,
    syntax_problem,
)
from manualctl.check.findings import Finding, Severity, has_errors
from manualctl.check.findings import display as display  # where most modules import it
from manualctl.check.inside import Inside
from manualctl.check.parallel import run_chunks
from manualctl.errors import ManualInvalid
from manualctl.fsutil import resolved
from manualctl.model import chapter as chapter_mod
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.numbering import Built, build_tree
from manualctl.model.yamltext.reader import YamlAliasError, YamlSyntaxError, load_fast

if TYPE_CHECKING:  # imported by the reads that scan bodies: edition commands do not
    from manualctl.check.markdown import scan as mdscan


class Loaded:
    """What :func:`read` could build, and what was wrong.

    ``manual`` is None only when manual.yaml itself cannot be read as a set of keys;
    with schema errors in manual.yaml the model is still built from what is there, so
    the chapter files are checked too. (A plain class: making a dataclass at import
    costs validate's start-up more than reading a small manual.)
    """

    __slots__ = ("findings", "invalid", "manual", "reads", "scans", "texts", "unreadable")

    def __init__(self, manual: Manual | None, findings: list[Finding] | None = None) -> None:
        self.manual = manual
        self.findings: list[Finding] = [] if findings is None else findings
        self.texts: dict[str, str] = {}  # rel path -> decoded text
        self.unreadable: set[str] = set()  # chapter files that could not be read
        self.scans: dict[str, mdscan.Scan] = {}  # rel path -> body scan
        self.invalid: set[str] = set()  # manual.yaml or chapters with schema errors
        self.reads: dict[str, Read] = {}  # rel path -> as read


def read_config(root: Path, known: tuple[str, Any] | None = None) -> Config:
    """manual.yaml parsed and checked against the schema. ``known``: a text and its data
    as the caller parsed it (manual.yaml as an edit wrote it, read back), taken when
    the file's text is that one."""
    path = root / MANUAL_FILE
    real_root = os.path.realpath(root)
    if not os.path.realpath(path).startswith(real_root + os.sep):
        message = "manual.yaml is a link to a file outside the manual's folder."
        hint = "Replace the link with the file itself: manualctl reads only the manual's folder."
        return None, "", [problem_at(path, 1, 1, "path-outside", message, hint)]
    text, problem = read_text(path, limit=limits.MAX_MANUAL_BYTES)
    if problem or text is None:
        return None, "", [problem] if problem else []
    if not text.strip():
        message = "manual.yaml is empty."
        hint = "Write the manual's id, title and contents, or run 'manualctl init DIR'."
        return None, text, [problem_at(path, 1, 1, "file-empty", message, hint)]
    try:
        data = known[1] if known is not None and known[0] == text else load_fast(text)
    except YamlAliasError as exc:
        return None, text, [alias_problem(path, exc.line, exc.column, "manual.yaml")]
    except YamlSyntaxError as exc:
        conflict = conflict_markers(path, text, 0, "manual.yaml")
        if conflict is not None:
            return None, text, [conflict]
        message, hint = syntax_problem(text, exc.line, exc.problem, "manual.yaml")
        return None, text, [problem_at(path, exc.line, exc.column, "yaml-syntax", message, hint)]
    if not isinstance(data, dict):
        message = "manual.yaml must be a set of 'key: value' lines (id:, title:, contents:)."
        hint = "Start from 'manualctl init DIR' to see the expected shape."
        return None, text, [problem_at(path, 1, 1, "schema-type", message, hint)]
    if schema.is_valid("manual", data):
        return data, text, []
    return data, text, schema.check("manual", data, text, display(path))


Config = tuple[dict[str, Any] | None, str, list[Finding]]  # what read_config returns

#: Reads one of the manual's own files (relative to its folder) as text, or None.
LocalReader = Callable[[str], str | None]


class Resolver(Protocol):
    """Reads a manual's inherited chapters from its upstream edition
    (:func:`manualctl.upstream.resolve.inherited`, passed in by the commands): given the
    manual and manual.yaml's text, the chapters by entry ``file`` and the findings about
    the upstream references (at their place in manual.yaml). ``read`` reads the manual's
    own files (local slots) where they are not on disk (at a tag)."""

    def __call__(
        self, manual: Manual, config_text: str, read: LocalReader | None = None
    ) -> tuple[dict[str, chapter_mod.Chapter], list[Finding]]: ...


def read(
    root: Path,
    *,
    scan: bool = False,
    config: Config | None = None,
    reuse: Mapping[str, Read] | None = None,
    resolver: Resolver | None = None,
    tree: Built | None = None,
    chapters: Mapping[str, chapter_mod.Chapter] | None = None,
) -> Loaded:
    """Read manual.yaml and every chapter file it names.

    With ``scan``, each chapter body is also scanned for headings, links and images
    (:mod:`manualctl.check.markdown.scan`) while it is at hand; a big manual is read by several
    processes (:mod:`manualctl.check.parallel`). ``config`` is what :func:`read_config` gave
    for this manual, when the caller has read it already. ``reuse`` holds chapters as
    an earlier read gave them (:attr:`Loaded.reads`) that the caller knows are
    unchanged since, at the same real path (a command that changed one chapter, under
    the manual's lock, checks the manual again without reading or resolving the
    others); ``chapters``, that read's :attr:`Manual.chapters`: one made of a reading
    taken from ``reuse`` is taken as it is. ``resolver`` fills in the inherited chapters (entries
    ``inherit: ID``); without one they stay out of :attr:`Manual.chapters`. ``tree``:
    contents and the tree :func:`~manualctl.model.numbering.build_tree` made of them
    (an edit's), taken when manual.yaml's contents are equal to those.
    """
    root = resolved(root)
    data, text, findings = config if config is not None else read_config(root)
    loaded = Loaded(None, list(findings))
    if data is None:
        return loaded
    if findings:
        loaded.invalid.add(MANUAL_FILE)
    if tree is not None and tree[0] == data.get("contents"):
        sections, number_problems = tree[1], list(tree[2])
    else:
        sections, number_problems = build_tree(data)
    manual = Manual(root, data, sections, number_problems=number_problems)
    loaded.manual = manual
    loaded.texts[MANUAL_FILE] = text
    inside = Inside(root, real=True)
    jobs: dict[str, str] = {}
    for entry in manual.chapter_entries():
        if entry.inherit is not None:
            continue  # no file: the resolver reads it from the upstream edition
        done = reuse.get(entry.file) if reuse else None
        if done is not None and done[1] is not None and entry.file not in jobs:
            jobs[entry.file] = done[1][0]  # unchanged since: where it was read
            continue
        real = inside.where(entry.file)
        if entry.file in jobs or real is None:  # outside: reported by the rules
            continue
        if inside.absent(entry.file):
            continue  # not there: reported by the rules, without a read that would fail
        jobs[entry.file] = real
    earlier: dict[str, Read] = {}
    for rel, real in jobs.items():
        done = reuse.get(rel) if reuse else None
        same_file = done is not None and done[1] is not None and done[1][0] == real
        if done is not None and same_file and (done[3] is not None or not scan):
            earlier[rel] = done
    todo = [(rel, real) for rel, real in jobs.items() if rel not in earlier]
    fresh = iter(run_chunks(partial(_read_chapters, root, scan), todo))
    for rel in jobs:
        read_ = earlier[rel] if rel in earlier else next(fresh)
        loaded.reads[rel] = read_
        _, fields, problems, scanned = read_
        loaded.findings.extend(problems)
        if fields is not None:
            real, meta, body, body_line, front = fields
            made = chapters.get(rel) if chapters is not None and rel in earlier else None
            if made is None or made.meta is not meta or made.body is not body:  # not of it
                made = chapter_mod.Chapter(Path(real), rel, meta, body, body_line, front)
            manual.chapters[rel] = made
            if scanned is not None:
                loaded.scans[rel] = scanned
            if problems:
                loaded.invalid.add(rel)
        elif problems:
            loaded.unreadable.add(rel)
    if resolver is not None and (manual.upstream is not None or any(manual.inherited_entries())):
        inherited, problems = resolver(manual, text)
        manual.chapters.update(inherited)
        loaded.findings.extend(problems)
    return loaded


_Fields = tuple[str, dict[str, Any], str, int, str]  # a Chapter's fields but rel, plain data
#: One chapter as read: (rel path, its fields or None, problems, body scan or None).
Read = tuple[str, _Fields | None, list[Finding], "mdscan.Scan | None"]


def _read_chapters(root: Path, scan: bool, jobs: list[tuple[str, str]]) -> list[Read]:
    """Chapters read (and their bodies scanned), as plain data: a worker process sends
    this back, and tuples of strings and dicts travel faster than objects."""
    if scan:  # the edition commands read chapters without scanning them
        from manualctl.check.markdown import scan as mdscan

    read = [(rel, *_read_fields(root, rel, real)) for rel, real in jobs]
    if not scan:
        return [(rel, fields, problems, None) for rel, fields, problems in read]
    # every file read, then every body scanned: each phase keeps its own code and data in
    # the CPU's caches (a tenth faster than reading and scanning one file at a time)
    return [
        (rel, fields, problems, mdscan.scan(fields[2]) if fields is not None else None)
        for rel, fields, problems in read
    ]


def _read_fields(root: Path, rel: str, real: str) -> tuple[_Fields | None, list[Finding]]:
    """A chapter's fields (see :data:`_Fields`) and the problems with it."""
    text, problem = read_text(f"{root}/{rel}", real=real, missing_ok=True)
    if problem or text is None:
        return None, [problem] if problem else []
    try:
        meta, parts = chapter_mod.parse(text)
    except chapter_mod.FrontMatterError as exc:
        return None, [front_matter_problem(root / rel, exc, text)]
    fields = (real, meta, parts.body, parts.body_line, parts.front_matter)
    if schema.is_valid("chapter", meta):
        return fields, []
    shown = display(root / rel)
    return fields, schema.check("chapter", meta, parts.front_matter, shown, line_offset=1)


def refuse_errors(root: Path, manual: Manual | None, findings: list[Finding]) -> Manual:
    """``manual``, unless it could not be read or ``findings`` hold an error: then
    :class:`ManualInvalid` listing every finding, so the command changes nothing."""
    if manual is None or has_errors(findings):
        errors = [f for f in findings if f.severity is Severity.ERROR]
        raise ManualInvalid(
            f"The manual in {display(root)} has {len(errors)} error(s).",
            findings,
            hint="Fix them (run 'manualctl validate' to see them again), then retry.",
        )
    return manual
