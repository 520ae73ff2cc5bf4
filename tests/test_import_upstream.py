"""``import contents --upstream``: a council's contents page imported against the template
sample: its chapters titled as the template's are inherited, not copied; the rest (and
titles only close to the template's) stay the council's own, listed for confirmation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES, REPO_ROOT, commit_all, git

PAGE = FIXTURES / "seeds" / "003_33c1f6264037878e.txt"  # Bath and North East Somerset


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "manuals" / "trix-template", repo / "manuals" / "trix-template")
    git(repo, "init", "-q")
    # released at its imported edition (edition: imported: "2026-11"): this commit
    commit_all(repo, "The template", date="2026-11-01T12:00:00Z")
    return repo


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


def test_the_templates_chapters_are_inherited(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(tmp_path)
    args = ("import", "contents", str(PAGE), "--id", "bath")
    result = cli(*args, "--to", "manuals/bath", "--upstream", "manuals/trix-template", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Created the manual 'bath' in manuals/bath: 8 section(s), 67 chapter file(s), 65 "
        "chapter(s) inherited from the template manuals/trix-template at 2026-11. Next: "
        "write the chapters' text, then run 'manualctl validate manuals/bath'.\n"
    )
    council = repo / "manuals" / "bath"
    text = (council / "manual.yaml").read_text(encoding="utf-8")
    assert "\nupstream:\n  manual: ../trix-template\n  edition: 2026-11\ncontents:\n" in text
    assert text.count("- inherit: ") == 65
    assert "          - inherit: confidentiality-policy\n" in text
    assert not list(council.rglob("confidentiality-policy.md"))
    # a title only close to the template's stays local, listed for confirmation
    assert (
        f'warning: {PAGE}:76: "Legal Planning Meetings" is close to the template\'s "Legal '
        'Gateway/Planning Meetings" (legal-gateway-planning-meetings), so it was kept as a '
        "chapter of its own. If it is the template's chapter, replace its entry with "
        "'- inherit: legal-gateway-planning-meetings' and delete its file.\n"
    ) in result.stderr
    assert "- file: chapters/" in text and "legal-planning-meetings.md" in text
    checked = cli("validate", "manuals/bath", "--summary", cwd=repo)
    assert checked.exit_code == 0, checked.stderr
    assert " 0 error(s)" in checked.stderr
    # the same contents as the page imported without the template
    plain = cli(*args, "--to", "manuals/plain", cwd=repo)
    assert plain.exit_code == 0, plain.stderr
    built = cli("contents", "-m", "manuals/bath", "-f", "json", cwd=repo)
    alone = cli("contents", "-m", "manuals/plain", "-f", "json", cwd=repo)
    assert _shown(json.loads(built.stdout)) == _shown(json.loads(alone.stdout))


def test_an_upstream_that_is_not_a_manual_or_not_released(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(tmp_path)
    args = ("import", "contents", str(PAGE), "--to", "manuals/bath")
    result = cli(*args, "--upstream", "manuals", cwd=repo)
    assert result.exit_code == 2
    assert "is not a manual: there is no manual.yaml in" in result.stderr
    result = cli(
        *args, "--upstream", "manuals/trix-template", "--upstream-edition", "2030-01", cwd=repo
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: the upstream edition 2030-01 does not exist: manuals/trix-template has no tag "
        '"trix-template/2030-01" (its editions: 2026-11).'
    )
    assert not (repo / "manuals" / "bath").exists()
