"""fsutil.resolved gives what Path.resolve gives, for folders reached in every way."""

from __future__ import annotations

from pathlib import Path

import pytest

from manualctl.fsutil import resolved


def test_resolved_is_path_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real" / "manual"
    real.mkdir(parents=True)
    (real / "manual.yaml").write_text("id: x\n")
    (tmp_path / "link").symlink_to(real)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "odd name é").mkdir()
    monkeypatch.chdir(tmp_path)
    folders = [
        real,
        tmp_path / "link",
        tmp_path / "link" / ".." / "manual",
        Path("link"),
        Path("real/manual/./"),
        Path("real/../real/manual"),
        Path("."),
        Path("odd name é"),
        real / "manual.yaml",  # a file
        tmp_path / "missing" / "folder",
        tmp_path / "dangling",
    ]
    for folder in folders:
        assert resolved(folder) == folder.resolve(), folder
        assert str(resolved(folder)) == str(folder.resolve()), folder
    with pytest.raises(RuntimeError):  # a symlink loop: as Path.resolve says it
        (tmp_path / "loop").resolve()
    with pytest.raises(RuntimeError):
        resolved(tmp_path / "loop")
