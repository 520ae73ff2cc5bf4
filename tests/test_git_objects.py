"""Files at a tag read by object id (gitbatch.folder_at, blob_ids): the same chapters as
reading each file by "TAG:PATH", for a manual at the top of its repository or in a
folder of it, and each blob read once however many tags hold it."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, commit_all, copy_fixture, git
from test_redline import _may, _november

from manualctl.editions.snapshot import files_at_revision
from manualctl.git import RepoInfo
from manualctl.gitbatch import CatFile
from manualctl.model import chapter as chapter_mod


def _by_path(batch: CatFile, info: RepoInfo, rev: str, files: list[str]) -> dict[str, tuple]:  # type: ignore[type-arg]
    out = {}
    for rel, blob in zip(
        files, batch.read_many([f"{rev}:{info.repo_path(f)}" for f in files]), strict=True
    ):
        if blob is not None:
            parts = chapter_mod.split(chapter_mod.decode(blob))
            meta = chapter_mod.parse_front_matter(parts.front_matter)
            out[rel] = (meta, parts.body, parts.body_line)
    return out


def _compare(repo: Path, prefix: str, tags: list[str]) -> None:
    info = RepoInfo(repo.resolve(), prefix)
    with CatFile(repo) as batch:
        for tag in tags:
            data, texts = files_at_revision(batch, info, tag)
            assert data["id"] == "sample"
            expected = _by_path(batch, info, tag, list(texts))
            assert len(texts) >= 5
            assert {rel: (c.meta, c.body, c.body_line) for rel, c in texts.items()} == expected
            for rel, c in texts.items():
                assert c.path == info.top / info.repo_path(rel)


def test_a_manual_at_the_top_of_its_repository(tmp_path: Path) -> None:
    repo = _may(copy_fixture("editions", tmp_path / "sample"))
    _november(repo)
    _compare(repo, "", ["sample/2026-05", "sample/2026-11"])


def test_a_manual_in_a_folder_of_its_repository(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    copy_fixture("editions", top / "manuals" / "sample")
    git(top, "init", "-q")
    commit_all(top, "The sample manual", date="2026-01-01T12:00:00Z")
    git(top, "tag", "-a", "sample/2026-05", "-m", "May 2026", date="2026-05-01T12:00:00Z")
    git(top, "tag", "-a", "sample/2026-11", "-m", "November 2026", date="2026-11-01T12:00:00Z")
    _compare(top, "manuals/sample", ["sample/2026-05", "sample/2026-11"])
    # the two tags hold the same files: each was read and split once
    info = RepoInfo(top.resolve(), "manuals/sample")
    with CatFile(top) as batch:
        _, may = files_at_revision(batch, info, "sample/2026-05")
        _, november = files_at_revision(batch, info, "sample/2026-11")
    assert list(may) == list(november)
    assert all(may[rel].body is november[rel].body for rel in may)


def test_a_template_at_the_top_of_its_own_repository(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The template's folder at a tag is the repository's top tree (git knows no
    "TAG:." there): the council's inherited chapters are read from it."""
    template = _template(tmp_path)
    council = _release_and_follow(template, tmp_path)
    done = cli("validate", str(council))
    assert done.exit_code == 0, done.stdout + done.stderr
    listed = cli("contents", "-m", str(council))
    assert listed.exit_code == 0, listed.stderr
    assert "Our Vision and Purpose" in listed.stdout


def test_a_template_at_the_top_of_its_own_repository_shows_its_pictures(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """An inherited chapter's picture is read from the template's top tree at the tag (it
    was looked for as "TAG:.", which git does not know, and left out of the editions)."""
    template = _template(tmp_path)
    (template / "media").mkdir()
    picture = FIXTURES / "publishing" / "media" / "diagram.png"
    (template / "media" / "pathway.png").write_bytes(picture.read_bytes())
    vision = template / "chapters" / "all-children" / "our-vision.md"
    vision.write_text(
        vision.read_text(encoding="utf-8") + "\n![The pathway](../../media/pathway.png)\n",
        encoding="utf-8",
    )
    council = _release_and_follow(template, tmp_path)
    out = tmp_path / "editions"
    done = cli("publish", "-m", str(council), "--format", "html", "--out", str(out))
    assert done.exit_code == 0, done.stdout + done.stderr
    shown = list(out.rglob("pathway.png"))
    assert len(shown) == 1
    assert shown[0].read_bytes() == picture.read_bytes()


def _template(tmp_path: Path) -> Path:
    """The tiny manual as a template manual at the top of a folder of its own."""
    template = copy_fixture("tiny", tmp_path / "template")
    (template / "manual.yaml").write_text(
        (template / "manual.yaml").read_text(encoding="utf-8").replace("id: tiny", "id: template"),
        encoding="utf-8",
    )
    return template


def _release_and_follow(template: Path, tmp_path: Path) -> Path:
    """``template`` at the top of its own repository, released as 2026-05, and the
    council manual that follows it, in a repository of its own."""
    git(template, "init", "-q")
    commit_all(template, "The template", date="2026-05-01T12:00:00Z")
    git(template, "tag", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-01T12:00:00Z")
    council = copy_fixture("upstream/council", tmp_path / "council")
    git(council, "init", "-q")
    commit_all(council, "The council's manual", date="2026-05-02T12:00:00Z")
    return council
