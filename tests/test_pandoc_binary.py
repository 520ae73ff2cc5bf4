"""The pandoc manualctl runs: the one pinned inside the pypandoc-binary wheel, always."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from manualctl.publish import pandoc


def test_a_pandoc_on_path_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pypandoc's own lookup would prefer a newer pandoc found on PATH."""
    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\necho 'pandoc 99.0'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    pandoc.pandoc_binary.cache_clear()
    try:
        found = Path(pandoc.pandoc_binary())
    finally:
        pandoc.pandoc_binary.cache_clear()
    assert found.parent.name == "files" and found.parent.parent.name == "pypandoc"
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("pandoc 3.")


def test_found_without_importing_pypandoc() -> None:
    """Its downloader's imports cost 60 ms on every publish."""
    code = (
        "import sys\nfrom manualctl.publish.pandoc import pandoc_binary\n"
        "pandoc_binary()\nprint('pypandoc' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


def test_a_broken_install_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pandoc.importlib.util, "find_spec", lambda name: None)
    pandoc.pandoc_binary.cache_clear()
    try:
        with pytest.raises(pandoc.PandocError, match="pypandoc-binary package is missing"):
            pandoc.pandoc_binary()
    finally:
        pandoc.pandoc_binary.cache_clear()
