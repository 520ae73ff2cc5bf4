"""The broken-manual corpus: each folder under tests/broken/ is a small manual with one
thing wrong; tests/broken/expected.yaml says what validate must report for it.

Each case runs the real CLI in a copy of its folder and checks the exit code, that every
expected (rule code, file, line) is reported, that no unexpected error is, that there is
no traceback, and that no file changed (the tree is hashed before and after).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

BROKEN = Path(__file__).parent / "broken"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load(
    (BROKEN / "expected.yaml").read_text(encoding="utf-8")
)


def _latin1_in_chapter(case: Path) -> None:
    path = case / "chapters/children/beta.md"
    text = path.read_text(encoding="utf-8").replace("says what to do.", "costs £5 a day.")
    path.write_bytes(text.encode("latin-1"))


def _latin1_in_manual(case: Path) -> None:
    path = case / "manual.yaml"
    text = path.read_text(encoding="utf-8").replace("Procedures", "Procédures")
    path.write_bytes(text.encode("latin-1"))


def _symlink_outside(case: Path) -> None:
    outside = case.parent / "outside-the-manual.md"
    shutil.copy(case / "chapters/children/gamma.md", outside)
    (case / "chapters/children/gamma.md").unlink()
    (case / "chapters/children/gamma.md").symlink_to(outside)


def _bom_and_crlf(case: Path) -> None:
    for path in sorted(case.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def _folder_for_a_file(case: Path) -> None:
    (case / "chapters/children/beta.md").unlink()
    (case / "chapters/children/beta.md").mkdir()
    (case / "chapters/children/beta.md/notes.txt").write_text("not a chapter\n")


MADE_AT_RUN_TIME: dict[str, Callable[[Path], None]] = {
    "non-utf8-chapter": _latin1_in_chapter,
    "non-utf8-manual": _latin1_in_manual,
    "symlink-outside": _symlink_outside,
    "bom-and-crlf": _bom_and_crlf,
    "chapter-is-a-folder": _folder_for_a_file,
}


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_symlink():
            digest.update(b"link:" + os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_corpus_is_big_enough_and_complete() -> None:
    folders = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
    assert folders == sorted(EXPECTED), "every folder needs an entry in expected.yaml"
    assert len(folders) >= 30


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_manual(case: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    expected = EXPECTED[case]
    folder = tmp_path / case
    shutil.copytree(BROKEN / case, folder, symlinks=True)
    if case in MADE_AT_RUN_TIME:
        MADE_AT_RUN_TIME[case](folder)
    before = _tree_hash(tmp_path)

    args = ["validate", "--today", "2026-06-01", "--format", "json"]
    if expected.get("strict"):
        args.append("--strict")
    result = cli(*args, cwd=folder)

    assert "Traceback" not in result.stdout + result.stderr
    assert _tree_hash(tmp_path) == before, "validate changed a file"
    assert result.exit_code == expected["exit"], result.stdout + result.stderr
    found = json.loads(result.stdout)
    reported = {(f["code"], f["file"], f["line"]) for f in found}
    wanted = {tuple(item) for item in expected["findings"]}  # type: ignore[attr-defined]
    assert wanted <= reported, f"missing: {wanted - reported}; reported: {found}"
    wanted_codes = {code for code, _, _ in wanted}
    surprise = [f for f in found if f["severity"] == "error" and f["code"] not in wanted_codes]
    assert surprise == []
    for finding in found:  # every finding says what to do, at a real place
        assert finding["hint"] and finding["line"] >= 1 and finding["column"] >= 1
