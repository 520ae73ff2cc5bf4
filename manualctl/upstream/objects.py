"""The template's chapters at an edition tag, read by git object id and kept for the process.

Git names every file and folder by its content (its object id), so what was read once
never needs reading again: the template's folder at a tag is a tree, and an edition
whose tree was read already costs one question to the cat-file process; a chapter file
(a blob) is read and parsed once, however many editions hold it and however many local
manuals inherit it. Everything goes through one ``git cat-file --batch`` process
(:class:`manualctl.git.CatFile`); nothing is checked out. Being keyed by content, the
kept objects can never be out of date.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from manualctl import gitbatch
from manualctl.errors import GitError
from manualctl.git import RepoInfo
from manualctl.gitbatch import CatFile, GitObject
from manualctl.model import chapter as chapter_mod
from manualctl.model.manual import MANUAL_FILE, ChapterEntry, Subsection
from manualctl.model.numbering import build_tree
from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast

#: A chapter file as parsed: (front matter keys, body, body line); None when it is broken.
Parsed = tuple[dict[str, Any], str, int] | None

_blobs: dict[str, Parsed] = {}  # blob id -> the chapter it holds
_editions: dict[tuple[str, str], dict[str, chapter_mod.Chapter]] = {}  # (folder, tree id)
_chapters: dict[tuple[str, str], chapter_mod.Chapter] = {}  # (file, blob id)


def forget() -> None:
    """Forget every object read (a benchmark's runs then each start as a new process)."""
    for kept in (_blobs, _editions, _chapters):
        kept.clear()
    gitbatch.forget()


def chapters_at(batch: CatFile, repo: RepoInfo, rev: str) -> dict[str, chapter_mod.Chapter]:
    """The template's chapters at ``rev``, by id in contents order (the Amendments appendix
    and chapters broken at ``rev`` left out). Raises GitError when ``rev`` does not hold
    the template."""
    where = f"{MANUAL_FILE} at {rev}"
    oid = gitbatch.folder_at(batch, rev, repo.prefix)  # "TAG:" is the top folder
    if oid is None:
        raise GitError(
            f"{where} does not exist: the tag does not hold this manual.",
            hint="Check the tag names (git tag --list) and manual.yaml's edition.tag_format.",
        )
    key = (str(repo.top / repo.prefix), oid)
    known = _editions.get(key)
    if known is not None:
        return known
    files = _files(_config(batch, oid, where))
    ids = gitbatch.blob_ids(batch, oid, files)
    _read_blobs(batch, [i for i in dict.fromkeys(ids.values()) if i not in _blobs])
    out: dict[str, chapter_mod.Chapter] = {}
    for rel in files:
        oid = ids.get(rel, "")
        parsed = _blobs.get(oid)
        if parsed is None:
            continue  # missing or broken at the tag: absent there
        # the same file at two editions is the same object: comparisons start with "is"
        path = repo.top / repo.repo_path(rel)
        chapter = _chapters.get((str(path), oid))
        if chapter is None:
            meta, body, body_line = parsed
            chapter = chapter_mod.Chapter(path, rel, meta, body, body_line)
            _chapters[(str(path), oid)] = chapter
        if chapter.id and chapter.kind != "amendments":
            out.setdefault(chapter.id, chapter)
    _editions[key] = out
    return out


def files_at(batch: CatFile, repo: RepoInfo, rev: str, rels: Iterable[str]) -> dict[str, bytes]:
    """The bytes of the files ``rels`` (relative to the template's folder) at ``rev``: an
    inherited chapter's pictures. A path that is no plain file there (a folder, a link,
    missing) is left out."""
    oid = gitbatch.folder_at(batch, rev, repo.prefix)
    if oid is None:
        return {}
    ids = gitbatch.blob_ids(batch, oid, list(dict.fromkeys(rels)), plain=True)
    oids = list(dict.fromkeys(ids.values()))
    data = {
        oid: got.data
        for oid, got in zip(oids, batch.objects(oids), strict=True)
        if got is not None and got.kind == "blob"
    }
    return {rel: data[oid] for rel, oid in ids.items() if oid in data}


def _config(batch: CatFile, tree: str, where: str) -> dict[str, Any]:
    entry = gitbatch.tree(batch, tree).get(MANUAL_FILE)
    raw = batch.objects([entry[1]])[0] if entry else None
    if raw is None or raw.kind != "blob":
        raise GitError(
            f"{where} does not exist: the tag does not hold this manual.",
            hint="Check the tag names (git tag --list) and manual.yaml's edition.tag_format.",
        )
    try:
        data = load_fast(chapter_mod.decode(raw.data))
    except (YamlSyntaxError, UnicodeDecodeError) as exc:
        raise GitError(
            f"{where} cannot be read: {exc}.", hint="Check out that tag and fix the file."
        ) from None
    if not isinstance(data, dict):
        raise GitError(f"{where} is not a manual.", hint="Check the tag points at the manual.")
    return data


def _files(data: dict[str, Any]) -> list[str]:
    """The chapter files manual.yaml names, in contents order."""
    sections, _ = build_tree(data)
    return [
        e.file
        for s in sections
        for e in _flat(s.entries)
        if isinstance(e, ChapterEntry) and e.inherit is None
    ]


def _flat(entries: Iterable[Any]) -> Iterable[Any]:
    for entry in entries:
        if isinstance(entry, Subsection):
            yield from entry.entries
        else:
            yield entry


def _read_blobs(batch: CatFile, oids: list[str]) -> None:
    for oid, found in zip(oids, batch.objects(oids), strict=True):
        _blobs[oid] = _parse(found)


def _parse(found: GitObject | None) -> Parsed:
    if found is None or found.kind != "blob":
        return None
    try:
        parts = chapter_mod.split(chapter_mod.decode(found.data))
        meta = chapter_mod.parse_front_matter(parts.front_matter)
    except (chapter_mod.FrontMatterError, UnicodeDecodeError):
        return None
    return meta, parts.body, parts.body_line
