from __future__ import annotations

import json
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


def test_web_address_ending_in_punctuation_is_a_warning(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    chapter = tiny_manual / "chapters" / "all-children" / "our-vision.md"
    chapter.write_text(
        chapter.read_text()
        + "\nSee <https://example.org/home.> and [the list](https://example.org/a,).\n"
        + "Fine: <https://example.org/b> and [this](https://example.org/c).\n"
    )
    result = cli("validate", str(tiny_manual), "--format", "json")
    assert result.exit_code == 0
    findings = json.loads(result.stdout)
    found = [f for f in findings if f["code"] == "link-url-punctuation"]
    assert [(f["severity"], f["message"]) for f in found] == [
        ("warning", f'the web address "{url}" ends in "{url[-1]}", which is then part of the link.')
        for url in ("https://example.org/home.", "https://example.org/a,")
    ]
