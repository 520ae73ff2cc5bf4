"""An internal error (a bug) writes a crash log with what a report needs: the versions of
manualctl, Python, git and pandoc, the platform, the command line and the traceback."""

from __future__ import annotations

import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import manualctl.cli.fast
from manualctl import __version__


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def _crash(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(manualctl.cli.fast, "parse", _boom)
    result = cli("validate", "some manual", "--strict", cwd=tmp_path)
    assert result.exit_code == 3
    (log,) = tmp_path.glob("manualctl-crash-*.log")
    assert result.stderr == (
        f"manualctl hit an internal error (a bug). Details were written to {log}; "
        "please send that file to the manualctl developers.\n"
    )
    return log.read_text(encoding="utf-8"), str(tmp_path)


def test_crash_log_records_versions_command_and_traceback(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    text, cwd = _crash(cli, tmp_path, monkeypatch)
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    head, trace = text.split("### error information\n\n```\n")
    python = sys.version.replace("\n", " ")
    machine = f"{platform.platform()} ({sys.platform}, {platform.machine()})"
    lines = head.splitlines()
    pandoc = [line for line in lines if line.startswith("pandoc version: ")]
    assert len(pandoc) == 1 and pandoc[0].startswith("pandoc version: pandoc 3.")
    assert head == (
        "### version information\n\n```\n"
        f"manualctl version: {__version__}\n"
        f"python version: {python}\n"
        f"python executable: {sys.executable}\n"
        f"git version: {git}\n"
        f"{pandoc[0]}\n"
        f"platform: {machine}\n"
        "```\n\n### command\n\n```\n"
        "manualctl validate 'some manual' --strict\n"
        f"(in {cwd})\n"
        "```\n\n"
    )
    assert trace.startswith("Traceback (most recent call last):\n")
    assert trace.endswith("RuntimeError: boom\n```\n")


def test_crash_log_without_git(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    text, _ = _crash(cli, tmp_path, monkeypatch)
    assert (
        "git version: unavailable (git is not installed (or not on PATH), so "
        "'git --version' could not run.)\n"
    ) in text
