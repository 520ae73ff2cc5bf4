"""Reading the template by git object id: the same answers as reading each file by path
at the tag, each blob read once, and never an out-of-date answer when a tag moves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import commit_all, git
from editions_helpers import replace
from upstream_helpers import template_repo, two_editions_repo

from manualctl.editions.snapshot import files_at_revision
from manualctl.git import RepoInfo
from manualctl.gitbatch import CatFile, tree_entries
from manualctl.upstream import objects, source


def test_tree_entries_match_git_ls_tree(tmp_path: Path) -> None:
    repo = template_repo(tmp_path)
    with CatFile(repo) as batch:
        found = batch.objects(["template/2026-05:manuals/template/chapters/all-children"])[0]
    assert found is not None and found.kind == "tree"
    listed = git(repo, "ls-tree", "template/2026-05:manuals/template/chapters/all-children")
    expected = {}
    for line in listed.splitlines():
        info, name = line.split("\t")
        mode, _, oid = info.split()
        expected[name] = (mode.lstrip("0"), oid)
    assert tree_entries(found) == expected


def test_chapters_by_object_id_are_the_chapters_at_the_tag(tmp_path: Path) -> None:
    repo = two_editions_repo(tmp_path)
    info = RepoInfo(repo.resolve(), "manuals/template")
    with CatFile(repo) as batch:
        for tag in ("template/2026-05", "template/2026-11"):
            by_id = objects.chapters_at(batch, info, tag)
            _, by_path = files_at_revision(batch, info, tag)
            expected = {c.id: c for c in by_path.values()}
            assert list(by_id) == list(expected)
            for cid, chapter in by_id.items():
                other = expected[cid]
                assert (chapter.path, chapter.rel, chapter.meta, chapter.body) == (
                    other.path,
                    other.rel,
                    other.meta,
                    other.body,
                )
        # a chapter the editions share is one object: read and parsed once
        may = objects.chapters_at(batch, info, "template/2026-05")
        november = objects.chapters_at(batch, info, "template/2026-11")
        assert may["short-breaks"] is november["short-breaks"]
        assert may["our-vision"] is not november["our-vision"]


def test_a_moved_tag_is_read_afresh(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = two_editions_repo(tmp_path)
    first = cli("upstream", "status", "-m", "manuals/council", cwd=repo)
    assert "  2.2 short-breaks" not in first.stdout
    replace(
        repo / "manuals" / "template" / "chapters" / "family-support" / "short-breaks.md",
        "Breaks for carers.",
        "Breaks for carers and their families.",
    )
    commit_all(repo, "Template: a late change", date="2026-10-02T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-11", "-m", "Nov", date="2026-11-02T12:00:00Z")
    again = cli("upstream", "status", "-m", "manuals/council", cwd=repo)
    assert "  2.2 short-breaks: Short Breaks\n" in again.stdout


def test_a_manual_yaml_two_editions_share_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = template_repo(tmp_path)
    template = repo / "manuals" / "template"
    chapter = next((template / "chapters").rglob("*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    commit_all(repo, "Template: one chapter edited", date="2026-10-01T12:00:00Z")
    git(repo, "tag", "-a", "template/2026-11", "-m", "Nov", date="2026-11-01T12:00:00Z")
    read: list[int] = []
    real = objects.own_files

    def counted(data: dict[str, Any]) -> list[str]:
        read.append(1)
        return real(data)

    monkeypatch.setattr(objects, "own_files", counted)
    objects.forget()
    info = RepoInfo(repo.resolve(), "manuals/template")
    with CatFile(repo) as batch:
        for tag in ("template/2026-05", "template/2026-11"):
            by_id = objects.chapters_at(batch, info, tag)
            _, by_path = files_at_revision(batch, info, tag)
            assert {c: (x.rel, x.body) for c, x in by_id.items()} == {
                x.id: (x.rel, x.body) for x in by_path.values()
            }
    assert len(read) == 1  # the trees differ, manual.yaml's blob is the same


def test_a_manual_yaml_as_in_the_templates_folder_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = template_repo(tmp_path)
    config = repo / "manuals" / "template" / "manual.yaml"
    parsed: list[str] = []
    real = objects.config_at

    def counted(batch: CatFile, folder: str | None, rev: str) -> dict[str, Any]:
        parsed.append(rev)
        return real(batch, folder, rev)

    monkeypatch.setattr(objects, "config_at", counted)
    info = RepoInfo(repo.resolve(), "manuals/template")
    for edited in (False, True):
        objects.forget()
        if edited:  # the folder's manual.yaml no longer the tag's: the tag's is read
            replace(config, "          - file: chapters/all-children/our-vision.md\n", "")
        source.template(repo / "manuals" / "council", "../template")
        with CatFile(repo) as batch:
            by_id = objects.chapters_at(batch, info, "template/2026-05")
            _, by_path = files_at_revision(batch, info, "template/2026-05")
        assert {c: x.rel for c, x in by_id.items()} == {x.id: x.rel for x in by_path.values()}
        assert "our-vision" in by_id
        assert parsed == (["template/2026-05"] if edited else [])
