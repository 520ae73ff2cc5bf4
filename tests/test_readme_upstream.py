"""Follow the README's "## Manuals built on a template" walkthrough word for word.

Every ```bash block is run with bash, in order, in a folder holding a copy of
tests/fixtures (as the walkthrough starts from a clone of manualctl); a ```text block
right after a ```bash block must be part of what that block printed. At the end the
council's manual validates and has nothing left to decide.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, REPO_ROOT


def _blocks() -> list[tuple[str, str]]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Manuals built on a template\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(bash|text|yaml)\n(.*?)```", section, flags=re.DOTALL)


def test_readme_upstream_walkthrough(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(FIXTURES, clone / "tests" / "fixtures")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    cwd = clone
    previous = output = ""
    ran = compared = 0
    for kind, body in _blocks():
        if kind == "text":
            if previous == "bash":
                assert body.strip() in output, f"README output not printed:\n{body}\n---\n{output}"
                compared += 1
            previous = kind
            continue
        previous = kind
        if kind != "bash":
            continue
        here = tmp_path / "cwd"
        proc = subprocess.run(
            ["bash", "-c", f'{body}\npwd > "{here}"'],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        output = proc.stdout + proc.stderr
        cwd = Path(here.read_text(encoding="utf-8").strip())
        ran += 1
    assert (ran, compared) == (9, 4)
    council = cwd / "manuals" / "council"
    for args in (["validate", str(council)], ["upstream", "status", "-m", str(council), "--check"]):
        proc = subprocess.run(["manualctl", *args], cwd=cwd, env=env, capture_output=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
