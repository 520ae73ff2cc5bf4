"""Round trip: every sample manual, published as Word and imported back into a new
manual, gives the same chapters.

Compared whole for each chapter: id, title, number, status, and the body as pandoc reads
it (the whole document tree: boxes, tables, footnotes, links, pictures, text; so
whitespace, quote marks and footnote labels, which Word does not keep, do not count).
Pictures are compared by their bytes. The Amendments appendix is left out: its text is
made from the history by ``manualctl amendments``, and the import writes its usual text.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx_makers
import pytest
from conftest import REPO_ROOT, commit_all, git

from manualctl.check.load import read
from manualctl.model.chapter import Chapter
from manualctl.publish.pandoc import pandoc_binary
from manualctl.upstream.resolve import inherited

SAMPLES = sorted(p.name for p in (REPO_ROOT / "manuals").iterdir() if p.is_dir())

PICTURES = """\
::: scope
Who this chapter is for.
:::

::: related
[Amendments](chapter:amendments)
:::

## 1. The model

The practice model[^why] is shown below.

![The practice model: four circles](../../media/model.png)

| Team | Phone |
|------|-------|
| Duty | 0121 000 0001 |

[^why]: It was agreed in 2025.
"""


def _contents(cli, root: Path) -> dict[str, tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Chapter id -> (number, title, file), from ``manualctl contents --format json``."""
    result = cli("contents", "-m", str(root), "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: dict[str, tuple[str, str, str]] = {}

    def walk(entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            if entry.get("type") == "chapter":
                found[entry["id"]] = (entry["number"], entry["title"], entry["file"])
            walk(entry.get("entries", []))

    for section in json.loads(result.stdout)["sections"]:
        walk(section.get("entries", []))
    return found


def _chapters(root: Path) -> dict[str, Chapter]:
    """The manual's chapters by file, inherited ones (``upstream:ID``) read from the
    template's edition."""
    loaded = read(root, resolver=inherited)
    assert loaded.manual is not None
    return loaded.manual.chapters


def _trees(root: Path, files: dict[str, str]) -> dict[str, Any]:
    """Chapter id -> pandoc's tree of its body, with pictures named by their bytes."""
    parts = []
    chapters = _chapters(root)
    for number, (ident, rel) in enumerate(sorted(files.items())):
        body = chapters[rel].body
        body = re.sub(r"\[\^([^\]\s]+)\]", rf"[^c{number}-\1]", body)  # labels per chapter

        body = re.sub(
            r"\]\(((?:\.\./)*media/[^)\s]+)\)",
            lambda m, rel=rel: _picture(root, rel, m[1]),  # type: ignore[misc]
            body,
        )
        parts.append(f"# Chapter {{#the-chapter-{ident}}}\n\n{body}\n")
    done = subprocess.run(
        [pandoc_binary(), "--from=markdown", "--to=json"],
        input="\n".join(parts).encode(),
        capture_output=True,
        check=True,
    )
    # a line break inside a paragraph is a space to every reader (Word has none)
    blocks = json.loads(done.stdout.replace(b'{"t":"SoftBreak"}', b'{"t":"Space"}'))["blocks"]
    trees: dict[str, Any] = {}
    current: list[Any] = []
    # a template's local slot (::: {.local id=...}) is its text in the editions: a manual
    # imported from Word has no template, and no slots
    blocks = [
        inner
        for block in blocks
        for inner in (
            block["c"][1] if block["t"] == "Div" and "local" in block["c"][0][1] else [block]
        )
    ]
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 1:
            current = trees.setdefault(block["c"][1][0].removeprefix("the-chapter-"), [])
        else:
            current.append(block)
    return trees


def _picture(root: Path, rel: str, link: str) -> str:
    data = ((root / rel).parent / link).resolve().read_bytes()
    return f"]({hashlib.sha256(data).hexdigest()}.picture)"


def _round_trip(cli, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    assert cli("publish", "-m", str(source), "--format", "docx", "--out", str(out)).exit_code == 0
    (document,) = out.glob("*.docx")
    back = tmp_path / "back"
    result = cli("import", "docx", str(document), "--to", str(back))
    assert result.exit_code == 0, result.stderr
    assert cli("validate", str(back)).exit_code == 0

    before, after = _contents(cli, source), _contents(cli, back)
    assert {k: v[:2] for k, v in after.items()} == {k: v[:2] for k, v in before.items()}
    metas = {}
    for root, listed in ((source, before), (back, after)):
        chapters = _chapters(root)
        metas[root] = {ident: chapters[rel].meta for ident, (_, _, rel) in listed.items()}
    appendix = {i for i, meta in metas[source].items() if meta.get("kind") == "amendments"}
    for ident in before:
        assert metas[back][ident].get("status") == metas[source][ident].get("status"), ident
    wanted = {i: v[2] for i, v in before.items() if i not in appendix}
    got = {i: v[2] for i, v in after.items() if i not in appendix}
    assert _trees(back, got) == _trees(source, wanted)


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_manual_round_trip(cli, tmp_path: Path, sample: str) -> None:  # type: ignore[no-untyped-def]
    """A council built on the template sample is published with the template beside it
    (in a repository, where the template's edition is), and comes back as a manual of
    its own: every chapter a file."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "manuals", repo / "manuals")
    git(repo, "init", "-q")
    commit_all(repo, "The samples", date="2026-11-04T10:00:00Z")
    _round_trip(cli, repo / "manuals" / sample, tmp_path)


@pytest.mark.slow
def test_round_trip_with_pictures_footnotes_tables_and_boxes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "pictures"
    assert cli("init", str(source), "--title", "Pictures").exit_code == 0
    (source / "media").mkdir()
    (source / "media" / "model.png").write_bytes(docx_makers.png(8, 8))
    chapter = source / "chapters/about-this-manual/introduction.md"
    meta = chapter.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    chapter.write_text(meta + "\n---\n\n" + PICTURES, encoding="utf-8")
    _round_trip(cli, source, tmp_path)
