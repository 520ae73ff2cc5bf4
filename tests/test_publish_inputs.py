"""Nothing rebuilt twice: publish keeps an edition built from the same inputs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
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
    assert sorted(record) == ["bytes", "files", "inputs", "sha256"]
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


def test_manualctls_files_are_read_again_only_when_they_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hash of manualctl's code and templates kept in the record is used while each
    file has the path, size and time it had; a change, even of one nanosecond, or a file
    changed just now, has them read again."""
    from manualctl.publish import inputs

    files = [tmp_path / "a.py", tmp_path / "b.lua"]
    past = time.time_ns() - 60 * 10**9
    for path, text in zip(files, ("one", "two"), strict=True):
        path.write_text(text)
        os.utime(path, ns=(past, past))
    monkeypatch.setattr(inputs, "_STATES", {})
    first = inputs.files_state(files, None, lambda: "v1")
    assert first.as_record() == {
        "fingerprint": first.fingerprint,
        "hash": first.digest,
        "tools": "v1",
    }
    record = {"files": {"fingerprint": first.fingerprint, "hash": "recorded", "tools": "v0"}}
    monkeypatch.setattr(inputs, "_STATES", {})
    kept = inputs.files_state(files, record, lambda: "v2")
    assert (kept.digest, kept.tools) == ("recorded", "v0")  # not read or asked again

    files[1].write_text("TWO")  # the same size
    os.utime(files[1], ns=(past, past + 1))
    monkeypatch.setattr(inputs, "_STATES", {})
    again = inputs.files_state(files, record, lambda: "v2")
    assert again.digest not in ("recorded", first.digest)
    assert again.tools == "v2"
    assert again.fingerprint != first.fingerprint

    monkeypatch.setattr(inputs, "_STATES", {})
    monkeypatch.setattr(inputs, "SETTLED", 0.0)
    files[0].write_text("uno")  # changed just now
    now = inputs.files_state(files, None, lambda: "v1")
    monkeypatch.setattr(inputs, "_STATES", {})
    monkeypatch.setattr(inputs, "SETTLED", 3600.0)
    claimed = {"fingerprint": now.fingerprint, "hash": "x", "tools": "v0"}
    recent = inputs.files_state(files, {"files": claimed}, lambda: "v3")
    assert (recent.digest, recent.tools) == (now.digest, "v3")
    assert now.digest != "x"
    assert recent.as_record() is None  # not kept for the next publish either
