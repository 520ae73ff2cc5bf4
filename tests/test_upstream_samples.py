"""The council sample manuals rebuilt on the template sample: every chapter whose title
is exactly a template chapter's becomes ``- inherit: ID`` (its local file goes), in a
real git repository where the template is released as 2026-05. Each still validates
and has the same contents, numbers and titles as before."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, commit_all, git

EXACT_TITLES = {
    "birmingham-main-policies": 77,
    "bath-ne-somerset": 65,
    "bedford-borough": 89,
}


def _titles(root: Path) -> dict[str, tuple[str, str]]:
    """Chapter file -> (id, title), from the front matter of each chapter file."""
    from manualctl.check.load import read

    manual = read(root).manual
    assert manual is not None
    return {rel: (c.id, c.title) for rel, c in manual.chapters.items()}


def _rebuild(council: Path, template: Path) -> int:
    """Rewrite the council's manual.yaml to inherit its exact-title chapters."""
    by_title = {title: cid for cid, title in _titles(template).values()}
    own = _titles(council)
    text = (council / "manual.yaml").read_text(encoding="utf-8")
    inherited = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal inherited
        rel = match.group(2)
        title = own.get(rel, ("", ""))[1]
        if title not in by_title:
            return match.group(0)
        (council / rel).unlink()
        inherited += 1
        return f"{match.group(1)}- inherit: {by_title[title]}"

    text = re.sub(r"^([ ]*)- file: (\S+\.md)[ ]*$", swap, text, flags=re.MULTILINE)
    text = text.replace(
        "\ncontents:\n",
        "\nupstream:\n  manual: ../trix-template\n  edition: 2026-05\ncontents:\n",
        1,
    )
    (council / "manual.yaml").write_text(text, encoding="utf-8")
    return inherited


@pytest.mark.parametrize("name", sorted(EXACT_TITLES))
def test_a_council_sample_rebuilt_on_the_template(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "repo"
    for folder in ("trix-template", name):
        shutil.copytree(REPO_ROOT / "manuals" / folder, repo / "manuals" / folder)
    git(repo, "init", "-q")
    commit_all(repo, "The samples", date="2026-05-01T12:00:00Z")
    git(repo, "tag", "-a", "trix-template/2026-05", "-m", "May 2026", date="2026-05-01T12:00:00Z")
    council = repo / "manuals" / name
    before = cli("contents", "-m", str(council), "-f", "json", cwd=repo)
    assert before.exit_code == 0, before.stderr
    assert _rebuild(council, repo / "manuals" / "trix-template") == EXACT_TITLES[name]
    result = cli("validate", str(council), "--summary", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert " 0 error(s)" in result.stderr
    after = cli("contents", "-m", str(council), "-f", "json", cwd=repo)
    assert after.exit_code == 0, after.stderr
    assert _shown(json.loads(after.stdout)) == _shown(json.loads(before.stdout))


def _shown(tree: object) -> list[tuple[str, str]]:
    """(number, title) of every entry of the contents, in order."""
    out: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "number" in node and "title" in node:
                out.append((str(node["number"]), str(node["title"])))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return out
