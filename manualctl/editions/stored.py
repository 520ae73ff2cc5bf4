"""manual.yaml and chapter files read from git by object id, each once for the process.

Git names a file by its content (its blob id), so what was read and parsed once never
needs it again, and can never be out of date: manual.yaml unchanged between two tags
(only chapters edited) is parsed once, for the snapshots of a manual's editions
(:mod:`manualctl.editions.snapshot`) and a template's editions alike
(:mod:`manualctl.upstream.objects`); so is each chapter file's cut into front matter and
body. Read through one ``git cat-file --batch`` process (:class:`manualctl.gitbatch.CatFile`).
"""

# No `from __future__ import annotations`: compiled at import (tests/test_cli_startup.py).
from collections.abc import Iterable, Mapping
from typing import Any

from manualctl.errors import GitError
from manualctl.gitbatch import PLAIN_FILE_MODES, CatFile, GitObject, blob_id, tree
from manualctl.model import chapter as chapter_mod
from manualctl.model.manual import MANUAL_FILE, Section
from manualctl.model.numbering import build_tree
from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast


def contents_at(
    batch: CatFile,
    folder: str | None,
    rev: str,
    known: Mapping[bytes, dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], tuple[Section, ...]]:
    """manual.yaml's data and contents tree in the manual's folder ``folder`` at ``rev``
    (as :func:`config_at` reads it), each manual.yaml (blob) read and parsed once for the
    process, however many tags hold it unchanged. ``known``: manual.yaml files parsed
    already (their bytes -> data: a template's, read from its folder), taken for the blob
    that holds the same bytes (known by its id) without asking git for it."""
    entry = tree(batch, folder).get(MANUAL_FILE) if folder else None
    key = entry[1] if entry else ""  # ("" is never kept: config_at refuses a tag without it)
    found = _configs.get(key)
    if found is None:
        data = None
        if known and entry and entry[0] in PLAIN_FILE_MODES:
            size = len(key)
            data = next((d for raw, d in known.items() if blob_id(raw, size) == key), None)
        if data is None:
            data = config_at(batch, folder, rev)
        found = _configs[key] = (data, build_tree(data)[0])
    return found


def forget() -> None:
    """Forget every manual.yaml and chapter file read from git (a benchmark's runs then
    each start as a new process)."""
    _split.clear()
    _configs.clear()


def config_at(batch: CatFile, folder: str | None, rev: str) -> dict[str, Any]:
    """manual.yaml's data in the manual's folder ``folder`` (its tree id at ``rev``, from
    :func:`~manualctl.gitbatch.folder_at`). Raises GitError when ``rev`` does not hold the
    manual (``folder`` None) or its manual.yaml is not one."""
    where = f"{MANUAL_FILE} at {rev}"
    config = tree(batch, folder).get(MANUAL_FILE) if folder else None
    raw = batch.objects([config[1]])[0] if config else None
    if folder is None or raw is None or raw.kind != "blob":
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


def parts_of(batch: CatFile, oids: Iterable[str]) -> Mapping[str, chapter_mod.SplitText | None]:
    """Each chapter file (blob id) cut into front matter and body, by blob id (None: not a
    file there, or not a chapter), each read once for the process."""
    unread = [oid for oid in dict.fromkeys(oids) if oid not in _split]
    for oid, found in zip(unread, batch.objects(unread), strict=True):
        _split[oid] = _parts(found)
    return _split


_split: dict[str, chapter_mod.SplitText | None] = {}  # blob id -> its parts, for the process
_configs: dict[str, tuple[dict[str, Any], tuple[Section, ...]]] = {}  # manual.yaml's, alike


def _parts(found: GitObject | None) -> chapter_mod.SplitText | None:
    if found is None or found.kind != "blob":
        return None
    try:
        return chapter_mod.split(chapter_mod.decode(found.data))
    except (chapter_mod.FrontMatterError, UnicodeDecodeError):
        return None
