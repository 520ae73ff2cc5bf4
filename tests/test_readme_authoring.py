"""Follow the README's "## Authoring" walkthrough word for word on a copy of tests/fixtures/tiny.

Every command in the walkthrough's ```bash blocks is run; every ```text block after a
command must equal what the command printed; the manual must validate after each step.
Commands that depend on today's date get a fixed ``--today`` so the test is repeatable.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import REPO_ROOT, copy_fixture

DATED = {"new-chapter", "retire-chapter", "review"}


def _walkthrough() -> list[tuple[str, str]]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Authoring\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(bash|text)\n(.*?)```", section, flags=re.DOTALL)


def test_readme_authoring_walkthrough(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocks = _walkthrough()
    assert blocks[0] == ("bash", "cp -r tests/fixtures/tiny practice-manual\ncd practice-manual\n")
    manual = copy_fixture("tiny", tmp_path / "practice-manual")
    ran = 0
    last_output = None
    for kind, body in blocks[1:]:
        if kind == "text":
            assert last_output == body, "README output differs from what the command printed"
            continue
        for line in body.strip().splitlines():
            args = shlex.split(line)
            assert args[0] == "manualctl", line
            if args[1] in DATED:
                args.extend(["--today", "2026-06-01"])
            result = cli(*args[1:], cwd=manual)
            assert result.exit_code == 0, f"{line}\n{result.stdout}{result.stderr}"
            last_output = result.stdout
            ran += 1
            check = cli("validate", cwd=manual)
            assert check.exit_code == 0, f"after {line}:\n{check.stdout}{check.stderr}"
    assert ran == 8
    assert sorted(p.relative_to(manual).as_posix() for p in manual.rglob("*.md")) == [
        "chapters/all-children/confidentiality.md",
        "chapters/all-children/our-vision.md",
        "chapters/family-support/childrens-rights.md",
        "chapters/family-support/early-help.md",
        "retired/short-breaks.md",
    ]
