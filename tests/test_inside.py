"""Inside (manualctl/check/inside.py): a folder inside a real manual root is resolved
with one lstat a part below it, and the answer is os.path.realpath's, on generated trees
of folders, symlinks (to folders inside and outside, dangling, looping), missing parts
and odd names; and a file read to its end is read whole (manualctl/fsutil.py)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from manualctl.check.inside import Inside
from manualctl.fsutil import read_open


def _tree(root: Path, outside: Path, rng: random.Random) -> list[str]:
    """Folders and symlinks under ``root``; the folder paths to ask about."""
    folders = [""]
    for n in range(12):
        parent = rng.choice(folders)
        rel = f"{parent}/d{n}".lstrip("/")
        kind = rng.random()
        if kind < 0.6:
            (root / rel).mkdir()
            folders.append(rel)
        elif kind < 0.75:
            os.symlink(root / rng.choice(folders), root / rel)  # a folder inside
            folders.append(rel)
        elif kind < 0.85:
            os.symlink(outside, root / rel)
            folders.append(rel)
        elif kind < 0.92:
            os.symlink(root / "no-such", root / rel)  # dangling
        else:
            os.symlink(root / rel, root / rel)  # a loop
    asked = [f"{root}/{rel}".rstrip("/") for rel in folders]
    asked += [f"{root}/{rel}/missing/x" for rel in folders[:4]]
    asked += [f"{root}/{rel}/./y" for rel in folders[:3]]
    asked += [f"{root}/{rel}/../z" for rel in folders[:3]]
    asked += [f"{root}/d{n}" for n in range(12)]  # the dangling and looping ones too
    asked += [f"{root}//a", f"{root}/", str(root), f"{root}x/a", str(outside)]
    return asked


@pytest.mark.parametrize("seed", range(20))
def test_realpath_is_os_realpath(tmp_path: Path, seed: int) -> None:
    root = tmp_path / "manual"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    rng = random.Random(seed)
    for folder in _tree(root, tmp_path / "outside", rng):
        assert Inside(root.resolve(), real=True).realpath(folder) == os.path.realpath(folder)
        assert Inside(root.resolve()).realpath(folder) == os.path.realpath(folder)


def test_where_through_a_symlinked_folder(tmp_path: Path) -> None:
    root = (tmp_path / "manual").resolve()
    (root / "chapters").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "linked")
    os.symlink(root / "chapters", root / "inner")
    inside = Inside(root, real=True)
    assert inside.where("chapters/a.md") == f"{root}/chapters/a.md"
    assert inside.where("inner/a.md") == f"{root}/chapters/a.md"
    assert inside.where("linked/a.md") is None


@pytest.mark.parametrize("size", [0, 1, 150, 4096, 70_000, 200_000])
def test_read_open_reads_the_whole_file(tmp_path: Path, size: int) -> None:
    data = random.Random(size).randbytes(size)
    path = tmp_path / "f"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert read_open(fd, 1, size + 1) == data  # asked for less than the file first
    finally:
        os.close(fd)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert read_open(fd, size + 1, size + 1) == data
        assert read_open(fd, size + 1, size + 1) == b""
    finally:
        os.close(fd)
