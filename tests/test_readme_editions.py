"""The README's "Making an edition" walkthrough and "In CI" example, word for word.

``scripts/walkthrough.py`` commits manuals/sample to a new repository, clones it fresh
and runs every shell block of the README's section in order (with what its prose says
authors do between the editions), then the CI example's steps. Here: every step ends as
the README says, the two editions are tagged and pushed, the appendix is as expected
whole, the published files are the released November 2026 edition, and CI's checks pass
on the commits after the release.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from conftest import REPO_ROOT

APPENDIX = """\
---
id: amendments
title: Amendments
owner: Release Lead
kind: amendments
---

This appendix lists what changed in each edition of the manual, newest first.

## November 2026

### New Chapters and Features

| Chapter Name | Details |
|---|---|
| [Young Carers](chapter:young-carers) | This chapter was added. |

### Updated Chapters

| Chapter Name | Details |
|---|---|
| [Early Help](chapter:early-help) | This chapter was updated: the Early Help Hub now replies \
within three working days. |

## May 2026

First edition.
"""


def _walkthrough() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "walkthrough", REPO_ROOT / "scripts" / "walkthrough.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["walkthrough"] = module  # for its dataclasses
    spec.loader.exec_module(module)
    return module


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def test_the_walkthrough_and_the_ci_example_run_word_for_word(tmp_path: Path) -> None:
    walkthrough = _walkthrough()
    walk = walkthrough.run(tmp_path / "work", publish=tmp_path / "editions")
    failed = walk.steps[-1]
    assert walk.ok, f"stopped at (exit {failed.returncode}):\n{failed.what}\n{failed.output}"
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    ran = [s.what for s in walk.steps if not s.what.startswith("(")]
    assert ran == [
        *walkthrough.blocks(readme, "Making an edition"),
        *walkthrough.ci_steps(readme)[:-1],
        walkthrough.ci_steps(readme)[-1].replace("--out editions", f"--out {tmp_path}/editions"),
    ]
    # the README's own words: the check between the steps names what is missing
    check = next(s for s in walk.steps if s.returncode == 1)
    assert "Young Carers (chapters/family-support/young-carers.md) is New in November 2026 " \
        "but has no amendment summary" in check.output  # fmt: skip

    assert _git(walk.origin, "tag").split() == ["sample/2026-05", "sample/2026-11"]
    sample = walk.clone / "manuals" / "sample"
    assert (sample / "chapters/appendices/amendments.md").read_text(encoding="utf-8") == APPENDIX
    assert _git(walk.clone, "status", "--porcelain", "--", "manuals") == ""

    published = json.loads(walk.steps[-1].output)
    files = [(p["format"], p["edition"], p["draft"], Path(p["path"]).name) for p in published]
    assert sorted(files) == [
        ("docx", "2026-11", False, "sample-2026-11.docx"),
        ("html", "2026-11", False, "sample-2026-11-html"),
        ("pdf", "2026-11", False, "sample-2026-11.pdf"),
    ]  # fmt: skip

    # After the release, CI's checks pass on the next commits (an editorial one here).
    early = sample / "chapters/family-support/early-help.md"
    early.write_text(early.read_text(encoding="utf-8") + "\nSee also the Hub's leaflet.\n")
    commit = walkthrough.shell(  # the walkthrough's environment
        walk.clone,
        'git commit -qam "Early help: a sentence\n\nManual-Change: editorial"',
        "2026-12-01",
    )
    assert commit[0] == 0, commit[1]
    for command in walkthrough.ci_steps(readme)[:-1]:
        code, out, _ = walkthrough.shell(walk.clone, command, "2026-12-01")
        assert code == 0, f"{command}\n{out}"
