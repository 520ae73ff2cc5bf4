"""Helpers shared by the authoring tests: snapshots of a folder, golden files."""

from __future__ import annotations

import hashlib
from pathlib import Path

EXPECTED = Path(__file__).parent / "fixtures" / "authoring" / "expected"


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` (relative path -> content hash, or 'dir')."""
    found = {}
    for path in sorted(root.rglob("*")):
        if ".git" in path.relative_to(root).parts:
            continue
        rel = path.relative_to(root).as_posix()
        found[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def golden(name: str) -> str:
    return (EXPECTED / name).read_text(encoding="utf-8")
