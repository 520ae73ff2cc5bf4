from __future__ import annotations

from pathlib import Path


def test_tiny_manual_is_valid(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(tiny_manual))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr


def test_no_manual_is_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "No manual found" in result.stderr
    assert "Traceback" not in result.stderr
