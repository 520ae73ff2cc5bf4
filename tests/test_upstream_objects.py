"""Reading the template by git object id: the same answers as reading each file by path
at the tag, each blob read once, and never an out-of-date answer when a tag moves."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import commit_all, git
from editions_helpers import replace
from upstream_helpers import template_repo, two_editions_repo

from manualctl import gitbatch
from manualctl.editions import stored
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


def _config_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The revisions whose manual.yaml is read from git (and parsed), as they are read."""
    read: list[str] = []
    real = stored.config_at

    def counted(batch: CatFile, folder: str | None, rev: str) -> dict[str, Any]:
        read.append(rev)
        return real(batch, folder, rev)

    monkeypatch.setattr(stored, "config_at", counted)
    return read


def test_a_manual_yaml_two_editions_share_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = template_repo(tmp_path)
    template = repo / "manuals" / "template"
    chapter = next((template / "chapters").rglob("*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    commit_all(repo, "Template: one chapter edited", date="2026-10-01T12:00:00Z")
    git(repo, "tag", "-a", "template/2026-11", "-m", "Nov", date="2026-11-01T12:00:00Z")
    read = _config_reads(monkeypatch)
    objects.forget()
    info = RepoInfo(repo.resolve(), "manuals/template")
    with CatFile(repo) as batch:
        for tag in ("template/2026-05", "template/2026-11"):
            by_id = objects.chapters_at(batch, info, tag)
            _, by_path = files_at_revision(batch, info, tag)
            assert {c: (x.rel, x.body) for c, x in by_id.items()} == {
                x.id: (x.rel, x.body) for x in by_path.values()
            }
    # the trees differ, manual.yaml's blob is the same: read from git once, for upstream
    # status and for the snapshots of the editions alike (editions.stored.contents_at)
    assert read == ["template/2026-05"]


def test_a_manual_yaml_as_in_the_templates_folder_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = template_repo(tmp_path)
    config = repo / "manuals" / "template" / "manual.yaml"
    parsed = _config_reads(monkeypatch)
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


def test_blob_ids_are_gits_for_many_generated_files(tmp_path: Path) -> None:
    rng = random.Random(14)
    contents = [b"", b"\n", b"---\r\nid: a\r\n", bytes(range(256)), b"x" * 70_000]
    contents += [rng.randbytes(rng.randrange(0, 3000)) for _ in range(60)]
    paths = []
    for n, data in enumerate(contents):
        path = tmp_path / f"f{n}"
        path.write_bytes(data)
        paths.append(str(path))
    ids = git(tmp_path, "hash-object", *paths).split()
    assert [gitbatch.blob_id(data) for data in contents] == ids


def test_blobs_read_from_the_work_tree_are_exactly_those_unchanged_since_the_tag(
    tmp_path: Path,
) -> None:
    """Held equal to git on generated changes: each of 60 files either kept, edited
    (perhaps to the bytes of another file), removed, made a folder, a symbolic link or a
    FIFO (never waited on); what is read from the work tree is the tag's blob, byte for
    byte, and only a file changed since is left to git."""
    rng = random.Random(5)
    repo = tmp_path / "repo"
    rels = [f"t/{rng.choice(['', 'a/', 'a/b/'])}f{n}.md" for n in range(60)]
    for rel in rels:
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(rng.choice([b"", b"same\n", rng.randbytes(300)]))
    git(repo, "init", "-q")
    commit_all(repo, "files")
    git(repo, "tag", "-a", "t/1", "-m", "one")
    with CatFile(repo) as batch:
        root = gitbatch.folder_at(batch, "t/1", "")
        assert root is not None
        ids = gitbatch.blob_ids(batch, root, rels)
        tagged = {oid: batch.read(oid) for oid in ids.values()}
        for _ in range(3):  # three rounds of changes, each checked against git
            for rel in rels:
                path = repo / rel
                change = rng.choice(["keep"] * 4 + ["edit", "other", "gone", "dir", "link", "fifo"])
                if change == "keep":
                    continue
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                elif path.exists() or path.is_symlink():
                    path.unlink()
                if change == "edit":
                    path.write_bytes(rng.randbytes(50))
                elif change == "other":  # another file's bytes at the tag
                    path.write_bytes(tagged[ids[rng.choice(rels)]] or b"")
                elif change == "dir":
                    path.mkdir()
                elif change == "link":  # to a copy of its bytes at the tag: the same blob
                    copy = tmp_path / f"copy-{rng.random()}"
                    copy.write_bytes(tagged[ids[rel]] or b"")
                    path.symlink_to(copy)
                elif change == "fifo":
                    os.mkfifo(path)
            wanted = {oid: rel for rel, oid in ids.items()}
            found = gitbatch.from_work_tree(repo, wanted)
            expected = {
                oid
                for oid, rel in wanted.items()
                if (repo / rel).is_file() and git(repo, "hash-object", rel).strip() == oid
            }
            assert set(found) == expected
            assert 0 < len(found) < len(wanted)
            assert all(tagged[oid] == data for oid, data in found.items())


def test_chapters_unchanged_in_the_templates_folder_are_not_asked_of_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = two_editions_repo(tmp_path)  # the template's folder holds 2026-11
    blobs: list[str] = []
    real = CatFile.objects

    def counted(self: CatFile, specs: list[str]) -> list[gitbatch.GitObject | None]:
        found = real(self, specs)
        blobs.extend(o.oid for o in found if o is not None and o.kind == "blob")
        return found

    monkeypatch.setattr(CatFile, "objects", counted)
    info = RepoInfo(repo.resolve(), "manuals/template")
    for tag, changed in (
        ("template/2026-11", []),  # all as in the folder
        (  # changed since: asked of git
            "template/2026-05",
            [
                "chapters/all-children/our-vision.md",
                "chapters/all-children/confidentiality.md",
                "chapters/family-support/family-time.md",
            ],
        ),
    ):
        objects.forget()
        blobs.clear()
        with CatFile(repo) as batch:
            chapters = objects.chapters_at(batch, info, tag)
        assert chapters
        names = [f"{tag}:manuals/template/{rel}" for rel in changed]
        expected = git(repo, "rev-parse", *names).split() if names else []
        # early-help retitled, private-fostering removed: read from git too at 2026-05
        if tag == "template/2026-05":
            expected += git(
                repo,
                "rev-parse",
                f"{tag}:manuals/template/chapters/family-support/early-help.md",
                f"{tag}:manuals/template/chapters/family-support/private-fostering.md",
            ).split()
        manual_yaml = git(repo, "rev-parse", f"{tag}:manuals/template/manual.yaml").strip()
        assert sorted(b for b in blobs if b != manual_yaml) == sorted(expected)
