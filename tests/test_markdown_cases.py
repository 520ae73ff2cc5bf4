"""validate and every edition read a chapter's Markdown the same way (issue 10's cases).

One scanner (manualctl.check.markdown) says what a chapter holds; these run the real
commands on a real manual in git: what validate accepts publishes as it reads.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, git

from manualctl.check.load import display

pytestmark = pytest.mark.slow
CHAPTER = Path("chapters") / "family-support" / "early-help.md"


def _repo(tmp_path: Path, addition: str) -> Path:
    """The publishing fixture with ``addition`` at the end of a chapter, committed."""
    root = Path(shutil.copytree(FIXTURES / "publishing", tmp_path / "repo"))
    chapter = root / CHAPTER
    chapter.write_text(chapter.read_text("utf-8") + addition, "utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "The manual", date="2026-11-04T08:00:00Z")
    return root


def test_a_heading_with_two_spaces_takes_the_link_pandoc_makes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path, "\n## Who  does what\n\nSee [who does what](#who-does-what).\n")
    result = cli("validate", "--strict", str(root))
    assert result.exit_code == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    result = cli("publish", "-m", str(root), "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    [site] = out.glob("example-procedures-*-html")  # a draft: the commit is not tagged
    page = (site / "early-help.html").read_text("utf-8")
    [href] = re.findall(r'<a href="([^"]*)">who does what</a>', page)
    assert href == "#early-help--who-does-what"
    assert 'id="early-help--who-does-what"' in page


def test_the_hyphen_for_each_space_is_refused_with_the_right_one(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path, "\n## Who  does what\n\nSee [who does what](#who--does-what).\n")
    result = cli("validate", str(root))
    assert result.exit_code == 1
    line = (root / CHAPTER).read_text("utf-8").count("\n")
    assert result.stdout.splitlines()[0] == (
        f"{display(root / CHAPTER)}:{line}:21: error link-dangling: the link "
        '"#who--does-what" names no heading of this chapter and no chapter id. '
        'Did you mean "who-does-what"?'
    )


@pytest.mark.parametrize(
    "addition",
    [
        "\nWrite `` `{=typst}` `` after a code block to make it raw Typst.\n",
        "\nA raw block looks like this:\n\n````\n```{=typst}\n#pagebreak()\n```\n````\n",
        "\n~~~\n`#x`{=typst}\n~~~\n",
    ],
)
def test_raw_typst_shown_as_code_passes_validate_and_makes_a_pdf(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, addition: str
) -> None:
    root = _repo(tmp_path, addition)
    result = cli("validate", "--strict", str(root))
    assert result.exit_code == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    result = cli("publish", "-m", str(root), "--format", "pdf,html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    [pdf] = out.glob("example-procedures-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
