"""The template's chapters at an edition tag, read by git object id and kept for the process.

Git names every file and folder by its content (its object id), so what was read once
never needs reading again: the template's folder at a tag is a tree, and an edition
whose tree was read already costs one question to the cat-file process; its manual.yaml
(a blob) is read and parsed once, however many editions hold it unchanged; a chapter file
(a blob) is read and parsed once, however many editions hold it and however many local
manuals inherit it. Everything goes through one ``git cat-file --batch`` process
(:class:`manualctl.git.CatFile`); nothing is checked out. Being keyed by content, the
kept objects can never be out of date. A chapter file that the template's folder holds
unchanged since the tag is read from there (:func:`manualctl.gitbatch.from_work_tree`:
its bytes hash to the blob's id, so they are the blob), not asked of git: the edition
followed is most often the template as it is in its folder, and git's reading of a
loose object costs more than reading the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from manualctl import gitbatch
from manualctl.editions import stored
from manualctl.editions.snapshot import own_files
from manualctl.editions.stored import contents_at
from manualctl.git import RepoInfo
from manualctl.gitbatch import CatFile
from manualctl.model import chapter as chapter_mod
from manualctl.upstream import source

#: A chapter file as parsed: (front matter keys, body, body line); None when it is broken.
Parsed = tuple[dict[str, Any], str, int] | None

_blobs: dict[str, Parsed] = {}  # blob id -> the chapter it holds
_editions: dict[tuple[str, str], dict[str, chapter_mod.Chapter]] = {}  # (folder, tree id)
#: (the template's folder, the file in it, blob id) -> the chapter
_chapters: dict[tuple[str, str, str], chapter_mod.Chapter] = {}


def forget() -> None:
    """Forget every object read (a benchmark's runs then each start as a new process)."""
    for kept in (_blobs, _editions, _chapters, source.read_from_folder):
        kept.clear()
    stored.forget()
    gitbatch.forget()


def chapters_at(batch: CatFile, repo: RepoInfo, rev: str) -> dict[str, chapter_mod.Chapter]:
    """The template's chapters at ``rev``, by id in contents order (the Amendments appendix
    and chapters broken at ``rev`` left out). Raises GitError when ``rev`` does not hold
    the template."""
    folder = gitbatch.folder_at(batch, rev, repo.prefix)  # "TAG:" is the top folder
    key = (str(repo.top / repo.prefix), folder or "")
    known = _editions.get(key)
    if known is not None:
        return known
    # manual.yaml unchanged between two editions (only chapters edited): read once, and
    # not asked of git when it is the template's folder's (the edition followed is most
    # often the template as it is there); raises GitError when folder is None
    files = own_files(*contents_at(batch, folder, rev, source.read_from_folder))
    ids = gitbatch.blob_ids(batch, key[1], files)
    wanted: dict[str, str] = {}  # blob id -> a file holding it
    for rel, oid in ids.items():
        if oid not in _blobs:
            wanted.setdefault(oid, rel)
    _read_blobs(batch, repo, wanted)
    out: dict[str, chapter_mod.Chapter] = {}
    for rel in files:
        oid = ids.get(rel, "")
        parsed = _blobs.get(oid)
        if parsed is None:
            continue  # missing or broken at the tag: absent there
        # the same file at two editions is the same object: comparisons start with "is"
        chapter = _chapters.get((key[0], rel, oid))
        if chapter is None:
            meta, body, body_line = parsed
            path = repo.top / repo.repo_path(rel)
            chapter = chapter_mod.Chapter(path, rel, meta, body, body_line)
            _chapters[(key[0], rel, oid)] = chapter
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


def _read_blobs(batch: CatFile, repo: RepoInfo, wanted: dict[str, str]) -> None:
    """The chapter files ``wanted`` (blob id -> a file of the template that holds it),
    parsed: those the template's folder holds unchanged read from there (the edition
    followed is most often the template as it is in its folder), the others from git."""
    paths = {oid: repo.repo_path(rel) for oid, rel in wanted.items()}
    for oid, data in gitbatch.from_work_tree(repo.top, paths).items():
        _blobs[oid] = _parse(data)
    rest = [oid for oid in wanted if oid not in _blobs]
    for oid, found in zip(rest, batch.objects(rest), strict=True):
        _blobs[oid] = _parse(found.data if found is not None and found.kind == "blob" else None)


def _parse(data: bytes | None) -> Parsed:
    if data is None:
        return None
    try:
        parts = chapter_mod.split(chapter_mod.decode(data))
        meta = chapter_mod.parse_front_matter(parts.front_matter)
    except (chapter_mod.FrontMatterError, UnicodeDecodeError):
        return None
    return meta, parts.body, parts.body_line
