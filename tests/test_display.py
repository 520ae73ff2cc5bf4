"""check.findings.display names a path as os.path.relpath does, for every spelling."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from manualctl.check.findings import display


def _relpath(path: str | Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # no path at all
        return str(path)


_PARTS = ["a", "b.md", "", ".", "..", "c d", "é", "manual.yaml", "x\\y", "~"]


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_display_is_relpath(depth: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path.joinpath(*["work", "folder", "deeper"][:depth])
    work.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(work)
    cwd = os.getcwd()
    rng = random.Random(3)
    starts = [cwd, cwd + "/", str(tmp_path), "/", "", cwd + "x", cwd[:-1], "rel", "//", "/tmp"]
    texts = [cwd, cwd + "/", "/", ".", "", cwd + "//a", cwd + "/a/"]
    for _ in range(3000):
        parts = [rng.choice(_PARTS) for _ in range(rng.randrange(1, 4))]
        texts.append(rng.choice(starts) + "/".join(parts))
    for text in texts:
        assert display(text) == _relpath(text), text
        assert display(Path(text)) == _relpath(Path(text)), text
