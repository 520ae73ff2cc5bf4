"""The README's "init", "import contents" and "contents" commands, run word for word."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
README = HERE.parent / "README.md"
SEED_000 = HERE / "fixtures" / "seeds" / "000_7ddd704be86cb68b.txt"


def commands(section: str) -> list[str]:
    """The command lines of the ```bash blocks under '### {section}' in the README."""
    text = README.read_text(encoding="utf-8")
    body = text.split(f"\n### {section}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    lines: list[str] = []
    for block in body.split("```bash\n")[1:]:
        lines += [line for line in block.split("```", 1)[0].splitlines() if line.strip()]
    return lines


def run(cli, line: str) -> None:  # type: ignore[no-untyped-def]
    words = shlex.split(line)
    assert words[0] == "manualctl", line
    out = None
    if ">" in words:
        at = words.index(">")
        words, out = words[:at], words[at + 1]
    result = cli(*words[1:])
    assert result.exit_code == 0, f"{line}\n{result.stdout}{result.stderr}"
    if out:
        Path(out).write_text(result.stdout, encoding="utf-8")


@pytest.mark.parametrize("section", ["init", "import contents"])
def test_readme_commands_run(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, section: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_000, tmp_path / "contents.txt")
    lines = commands(section)
    assert lines
    for line in lines:
        run(cli, line)
    if section == "import contents":
        for line in commands("contents"):
            run(cli, line)
        assert (
            (tmp_path / "contents.md")
            .read_text(encoding="utf-8")
            .startswith("# Main Policies\n\nBirmingham Children's Trust\n\n## Quick Links\n")
        )
