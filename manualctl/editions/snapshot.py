"""Reading a manual's history: what it held at an edition tag.

Everything here costs a fixed number of git processes, whatever the number of chapters
or tags: one ``git cat-file --batch`` reads manual.yaml and every chapter at any number
of tags. Which commits touched what since a tag is :mod:`manualctl.editions.window`.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
from collections.abc import Iterable
from typing import Any, NamedTuple

from manualctl.check.load import Resolver, display
from manualctl.check.rules import finding
from manualctl.editions.stored import contents_at, parts_of
from manualctl.errors import ManualInvalid
from manualctl.git import RepoInfo
from manualctl.gitbatch import CatFile, blob_ids, folder_at
from manualctl.model import chapter as chapter_mod
from manualctl.model.manual import (
    ChapterEntry,
    Manual,
    Section,
    Subsection,
    retired_id_message,
)
from manualctl.model.numbering import build_tree
from manualctl.model.yamltext.position import locate


class ChapterState(NamedTuple):
    """A chapter as it stood at one point: what the edition comparisons need."""

    id: str
    title: str
    number: str
    file: str  # relative to the manual root
    substance: tuple[str, str]
    amendments: dict[str, str]
    flag: str | None
    kind: str
    place: tuple[str, ...]  # section title, and sub-section title when there is one

    @property
    def label(self) -> str:
        """``1.1.2 Our Vision`` as the contents page shows it."""
        return f"{self.number} {self.title}"


class Snapshot:
    """The manual at an edition tag or in the working tree: chapters by id, in order
    (a plain class: making a dataclass at import costs a quick command's start-up more
    than its work)."""

    __slots__ = ("appendix", "chapters", "retired")

    def __init__(self) -> None:
        self.chapters: dict[str, ChapterState] = {}
        self.retired: dict[str, dict[str, Any]] = {}
        self.appendix: ChapterState | None = None  # the chapter with kind: amendments

    def __eq__(self, other: object) -> bool:  # the same chapters, retired ids and appendix
        return isinstance(other, Snapshot) and (
            (self.chapters, self.retired, self.appendix)
            == (other.chapters, other.retired, other.appendix)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable: as a dataclass with eq


def _build(
    data: dict[str, Any],
    texts: dict[str, chapter_mod.Chapter],
    sections: tuple[Section, ...],  # build_tree(data)'s
) -> Snapshot:
    snap = Snapshot()
    for section in sections:
        for entry in section.entries:
            inner = entry.entries if isinstance(entry, Subsection) else (entry,)
            place = (
                (section.title, entry.title) if isinstance(entry, Subsection) else (section.title,)
            )
            for item in inner:
                if not isinstance(item, ChapterEntry) or item.file not in texts:
                    continue
                chap = texts[item.file]
                if not chap.id or chap.id in snap.chapters:
                    continue
                state = ChapterState(
                    chap.id,
                    chap.title,
                    item.number,
                    item.file,
                    chap.substance(),
                    {k: v for k, v in chap.amendments.items() if v and v != "None"},
                    item.flag,
                    chap.kind,
                    place,
                )
                if chap.kind == "amendments":
                    snap.appendix = snap.appendix or state
                else:
                    snap.chapters[chap.id] = state
    for raw in data.get("retired") or []:
        if isinstance(raw, dict) and raw.get("id"):
            snap.retired[str(raw["id"])] = raw
    return snap


def from_manual(manual: Manual) -> Snapshot:
    """The working tree's manual, refusing a chapter that reuses a retired id (as
    validate's rule ``id-retired`` does: edition commands that skip full validation
    must not miss it)."""
    snap = _build(manual.data, manual.chapters, manual.sections)
    reused = []
    for state in snap.chapters.values():
        if state.id not in snap.retired:
            continue
        chapter = manual.chapters[state.file]
        line, column = locate(chapter.front_matter, ["id"])
        title = str(snap.retired[state.id].get("title") or "")
        message, hint = retired_id_message(state.id, title)
        reused.append(
            finding(
                "id-retired",
                (display(manual.root / state.file), line + 1, column),  # front matter: line 2
                message,
                hint,
            )
        )
    if reused:
        raise ManualInvalid(
            f"{len(reused)} chapter(s) reuse the id of a retired chapter.",
            sorted(reused),
            hint="Give each a new id (see above), then run the command again.",
        )
    return snap


def at_revision(
    batch: CatFile,
    repo: RepoInfo,
    rev: str,
    known: dict[str, dict[str, Any]] | None = None,
    resolver: Resolver | None = None,
) -> Snapshot:
    """The manual as it was at ``rev`` (a tag), read through one cat-file process.

    ``known`` maps front matter text to its keys, as already parsed (from the working
    tree, or another tag); chapters whose front matter did not change are not parsed
    again, and what is parsed here is added to it. ``resolver`` reads the inherited
    chapters of a manual built on a template, as its manual.yaml at ``rev`` names them
    (the template edition it followed then): without one they are absent.
    """
    data, sections, texts = chapters_at_revision(batch, repo, rev, known, resolver)
    return _build(data, texts, sections)


def chapters_at_revision(
    batch: CatFile,
    repo: RepoInfo,
    rev: str,
    known: dict[str, dict[str, Any]] | None = None,
    resolver: Resolver | None = None,
) -> tuple[dict[str, Any], tuple[Section, ...], dict[str, chapter_mod.Chapter]]:
    """manual.yaml's data, its contents tree (built once) and every chapter (by file) at
    ``rev``, the inherited ones too when there is a ``resolver`` (see
    :func:`at_revision`): the manual's whole text."""
    data, sections, texts = _files_at_revision(batch, repo, rev, known)
    if resolver is not None and isinstance(data.get("upstream"), dict):
        root = repo.top / repo.prefix if repo.prefix else repo.top

        def read(rel: str) -> str | None:
            blob = batch.read(f"{rev}:{repo.repo_path(rel)}")
            try:
                return None if blob is None else chapter_mod.decode(blob)
            except UnicodeDecodeError:
                return None

        # findings are validate's job; local slots are read as they were at the tag
        found, _ = resolver(Manual(root, data, sections), "", read)
        texts.update(found)
    return data, sections, texts


def files_at_revision(
    batch: CatFile, repo: RepoInfo, rev: str, known: dict[str, dict[str, Any]] | None = None
) -> tuple[dict[str, Any], dict[str, chapter_mod.Chapter]]:
    """manual.yaml's data and the chapters (by file) at ``rev``, as :func:`at_revision`
    reads them: for callers that need the chapters' whole text (an inheriting manual)."""
    data, _, texts = _files_at_revision(batch, repo, rev, known)
    return data, texts


def _files_at_revision(
    batch: CatFile, repo: RepoInfo, rev: str, known: dict[str, dict[str, Any]] | None
) -> tuple[dict[str, Any], tuple[Section, ...], dict[str, chapter_mod.Chapter]]:
    """:func:`files_at_revision`, with the contents tree it built (built once).

    Files are found by object id (:func:`manualctl.gitbatch.blob_ids`); a file read at
    one tag is not read (nor manual.yaml parsed) again at another that has it unchanged."""
    folder = folder_at(batch, rev, repo.prefix)  # "TAG:" is the top folder
    data, sections = contents_at(batch, folder, rev)
    files = own_files(data, sections)
    ids = blob_ids(batch, folder or "", files)  # config_at refused a missing folder
    split = parts_of(batch, ids.values())
    texts: dict[str, chapter_mod.Chapter] = {}
    for rel in files:
        parts = split.get(ids.get(rel, ""))
        if parts is None:
            continue  # missing, or broken at the tag: absent there
        meta = known.get(parts.front_matter) if known is not None else None
        if meta is None:
            try:
                meta = chapter_mod.parse_front_matter(parts.front_matter)
            except chapter_mod.FrontMatterError:
                continue
            if known is not None:
                known[parts.front_matter] = meta
        texts[rel] = chapter_mod.Chapter(
            repo.top / repo.repo_path(rel), rel, meta, parts.body, parts.body_line
        )
    return data, sections, texts


def own_files(data: dict[str, Any], sections: tuple[Section, ...] | None = None) -> list[str]:
    """The chapter files manual.yaml names (not the inherited ones), in contents order
    (``sections``: its contents tree, when built already)."""
    if sections is None:
        sections, _ = build_tree(data)
    return [
        e.file
        for s in sections
        for e in _entries(s.entries)
        if isinstance(e, ChapterEntry) and e.inherit is None
    ]


def _entries(entries: Iterable[Any]) -> Iterable[Any]:
    for entry in entries:
        if isinstance(entry, Subsection):
            yield from entry.entries
        else:
            yield entry


def from_files(
    data: dict[str, Any],
    texts: dict[str, chapter_mod.Chapter],
    sections: tuple[Section, ...],
) -> Snapshot:
    """The snapshot of manual.yaml's ``data``, its contents tree (``sections``) and its
    chapters by file (``texts``), as :func:`chapters_at_revision` reads them: one
    reading serves both."""
    return _build(data, texts, sections)
