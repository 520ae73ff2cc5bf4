"""Nothing rebuilt twice: publish keeps an edition built from the same inputs."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, commit_all, git
from tests.editions_helpers import append, replace

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two manuals (tiny, and the publishing fixture with images) in one repository."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "tiny", repo / "manuals" / "tiny")
    shutil.copytree(FIXTURES / "publishing", repo / "manuals" / "example")
    git(repo, "init", "-q")
    commit_all(repo, "Two manuals", date="2026-03-01T12:00:00Z")
    return repo


def _publish(cli, repo: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = cli(
        "publish", "manuals", "--format", "docx,html", "--out", "editions", *extra, cwd=repo
    )
    assert result.exit_code == 0, result.stderr
    return result


def _stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")}


def test_a_second_publish_keeps_every_edition_and_says_so(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    first = _publish(cli, repo)
    assert [line.split(" (")[0] for line in first.stdout.splitlines()] == [
        "Wrote editions/example-procedures-draft.docx",
        "Wrote editions/example-procedures-draft-html",
        "Wrote editions/tiny-draft.docx",
        "Wrote editions/tiny-draft-html",
    ]
    out = repo / "editions"
    before = _stamps(out)
    second = _publish(cli, repo)
    assert second.stdout == "".join(
        f"Kept editions/{name}: built from the same inputs (--force rebuilds it)\n"
        for name in (
            "example-procedures-draft.docx (Word)",
            "example-procedures-draft-html (HTML)",
            "tiny-draft.docx (Word)",
            "tiny-draft-html (HTML)",
        )
    )
    assert _stamps(out) == before  # not a file touched
    record = json.loads((out / "tiny-draft.docx.inputs.json").read_text())
    data = (out / "tiny-draft.docx").read_bytes()
    assert sorted(record) == ["bytes", "inputs", "sha256"]
    assert (record["bytes"], record["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    listing = json.loads(_publish(cli, repo, "--json").stdout)
    assert [(item["path"], item["kept"]) for item in listing] == [
        ("editions/example-procedures-draft.docx", True),
        ("editions/example-procedures-draft-html", True),
        ("editions/tiny-draft.docx", True),
        ("editions/tiny-draft-html", True),
    ]
    assert listing[2]["sha256"] == record["sha256"]
    forced = _publish(cli, repo, "--force")
    assert [line.split(" ")[0] for line in forced.stdout.splitlines()] == ["Wrote"] * 4


def test_only_the_manual_that_changed_is_built_again(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    _publish(cli, repo)
    append(repo / "manuals/tiny/chapters/all-children/our-vision.md", "\nOne more line.\n")
    commit_all(repo, "Change tiny", date="2026-03-02T12:00:00Z")
    again = _publish(cli, repo)
    assert [line.split(" (")[0] for line in again.stdout.splitlines()] == [
        "Kept editions/example-procedures-draft.docx",
        "Kept editions/example-procedures-draft-html",
        "Wrote editions/tiny-draft.docx",
        "Wrote editions/tiny-draft-html",
    ]


def test_an_image_or_an_edited_edition_is_built_again(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    _publish(cli, repo)
    diagram = repo / "manuals/example/media/diagram.png"
    image = diagram.read_bytes()
    diagram.write_bytes(image.replace(b"IEND", b"IEND", 1) + b"")  # the same bytes: kept
    (repo / "editions/tiny-draft-html/index.html").write_text("changed by hand")
    (repo / "editions/tiny-draft.docx.inputs.json").write_text("not json")
    again = _publish(cli, repo)
    assert [line.split(" (")[0] for line in again.stdout.splitlines()] == [
        "Kept editions/example-procedures-draft.docx",
        "Kept editions/example-procedures-draft-html",
        "Wrote editions/tiny-draft.docx",
        "Wrote editions/tiny-draft-html",
    ]
    shutil.copyfile(FIXTURES / "publishing" / "media" / "logo.png", diagram)  # another picture
    replace(repo / "manuals/example/manual.yaml", "title:", "title:")
    third = _publish(cli, repo)
    assert [line.split(" (")[0] for line in third.stdout.splitlines()][:2] == [
        "Wrote editions/example-procedures-draft.docx",
        "Wrote editions/example-procedures-draft-html",
    ]
