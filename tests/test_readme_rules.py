"""The README's rules table lists every rule code with its severity, and nothing else."""

from __future__ import annotations

import re

from conftest import REPO_ROOT

from manualctl.check.rules import RULES


def test_readme_lists_every_rule() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### validate", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", section, flags=re.M)
    assert rows == [(code, rule.severity.value) for code, rule in RULES.items()]
