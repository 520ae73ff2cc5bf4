"""move-chapter and retire-chapter: golden manual.yaml files, files moved, git, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from authoring_helpers import golden, snapshot
from conftest import copy_fixture, git


@pytest.fixture
def styled(tmp_path: Path) -> Path:
    return copy_fixture("authoring/styled", tmp_path / "styled")


def _valid(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(root))
    assert result.exit_code == 0, result.stdout + result.stderr


def _repo(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The manual")
    return root


def _status(root: Path) -> list[str]:
    return sorted(git(root, "status", "--porcelain").splitlines())


def test_move_chapter_to_another_section(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("move-chapter", "confidentiality", "-m", str(tiny_manual), "--in", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Moved to 2.3 Confidentiality Policy\n"
        "  file: chapters/family-support/confidentiality.md\n"
        "  The 'See also' line(s) under it moved with it.\n"
        "No other numbers change.\n"
    )
    assert (tiny_manual / "manual.yaml").read_text() == golden("tiny-move-chapter.yaml")
    assert not (tiny_manual / "chapters/all-children/confidentiality.md").exists()
    assert (tiny_manual / "chapters/family-support/confidentiality.md").is_file()
    _valid(cli, tiny_manual)


def test_move_keeps_comments_and_style(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("move-chapter", "iro-in-court", "-m", str(styled), "--in", "2")
    assert result.exit_code == 0, result.stderr
    assert (styled / "manual.yaml").read_text() == golden("styled-move-chapter.yaml")
    _valid(cli, styled)


def test_move_within_a_list_shifts_numbers(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("move-chapter", "emergency-protection", "-m", str(styled), "--after", "1.1.4")
    assert result.exit_code == 2
    assert "the pinned number 1.1.3a" in result.stderr
    result = cli("move-chapter", "iro-in-court", "-m", str(styled), "--after", "1.1.1")
    assert result.exit_code == 2
    result = cli("move-chapter", "early-help", "-m", str(styled), "--in", "1", "--after", "1.1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Moved to 1.2 Early Help Strategy\n"
        "  file: chapters/all-children/early-help.md\n"
        "Numbers that change:\n"
        "  1.2 -> 1.3  Local Arrangements (sub-section)\n"
    )
    _valid(cli, styled)


def test_move_in_git_uses_git_mv(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    _repo(tiny_manual)
    result = cli("move-chapter", "confidentiality", "-m", str(tiny_manual), "--in", "2")
    assert result.exit_code == 0, result.stderr
    assert "  The file was moved with 'git mv'." in result.stdout.splitlines()
    assert _status(tiny_manual) == [
        " M manual.yaml",
        "R  chapters/all-children/confidentiality.md -> chapters/family-support/confidentiality.md",
    ]
    _valid(cli, tiny_manual)


def test_move_refuses_to_break_relative_links(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tiny_manual)
    result = cli("move-chapter", "early-help", "-m", str(tiny_manual), "--in", "1.1")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: Moving the file would break links written as file paths: "
        f"{_shown(tiny_manual, 'chapters/all-children/confidentiality.md')}:13 links to "
        "../family-support/early-help.md. Write links to chapters as [text](chapter:ID), "
        "which survive moves (images: make the path work from both folders), then run the "
        "command again.\n",
    )
    assert snapshot(tiny_manual) == before


def test_links_are_read_as_pandoc_reads_them(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    """A link shown in code is no link (the one Markdown scanner decides, as for
    validate); a link through a reference definition is one."""
    page = tiny_manual / "chapters/all-children/confidentiality.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(
            "See [Early Help](chapter:early-help)\nand the [relative link form]"
            "(../family-support/early-help.md).",
            "Write `[Early Help](chapter:early-help)` or `[it](../family-support/early-help.md)`.",
        ),
        encoding="utf-8",
    )
    moved = cli("move-chapter", "early-help", "-m", str(tiny_manual), "--in", "1.1")
    assert moved.exit_code == 0, moved.stderr
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [the chapter][eh].\n\n"
        "[eh]: ../all-children/early-help.md\n",
        encoding="utf-8",
    )
    refused = cli("move-chapter", "early-help", "-m", str(tiny_manual), "--in", "2")
    assert refused.exit_code == 2
    assert "links to ../all-children/early-help.md" in refused.stderr


def _shown(root: Path, rel: str) -> str:
    import os

    return os.path.relpath(root / rel)


def test_move_to_where_it_is_changes_nothing(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tiny_manual)
    result = cli("move-chapter", "early-help", "-m", str(tiny_manual), "--after", "1.1.2")
    assert result.exit_code == 2
    result = cli(
        "move-chapter", "our-vision", "-m", str(tiny_manual), "--in", "1.1", "--after", "1.1"
    )
    assert (result.exit_code, result.stderr) == (
        2,
        'Error: "Our Vision and Purpose" is already at 1.1.1: nothing was changed. '
        "Give another place with --in NUMBER or --after NUMBER.\n",
    )
    result = cli("move-chapter", "no-such", "-m", str(tiny_manual), "--in", "1")
    assert (result.exit_code, result.stderr) == (
        2,
        'Error: There is no chapter with the id "no-such" in Tiny Procedures Manual. '
        "The id is the 'id:' line at the top of the chapter file.\n",
    )
    assert snapshot(tiny_manual) == before


def test_retire_chapter(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("retire-chapter", "our-vision", "-m", str(tiny_manual), "--today", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Retired 1.1.1 Our Vision and Purpose\n"
        "  file: retired/our-vision.md\n"
        "  The chapter file was kept as retired/our-vision.md (outside the contents).\n"
        "Numbers that change:\n"
        "  1.1.2 -> 1.1.1  Confidentiality Policy\n"
    )
    assert (tiny_manual / "manual.yaml").read_text() == golden("tiny-retire-chapter.yaml")
    _valid(cli, tiny_manual)
    again = cli(
        "new-chapter", "Our Vision", "-m", str(tiny_manual), "--in", "1.1", "--id", "our-vision"
    )
    assert again.exit_code == 2
    assert again.stderr.startswith('Error: The id "our-vision" belonged to')


def test_retire_keeps_comments_and_style(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("retire-chapter", "iro-in-court", "-m", str(styled), "--today", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert (styled / "manual.yaml").read_text() == golden("styled-retire-chapter.yaml")
    _valid(cli, styled)
    second = cli("retire-chapter", "early-help", "-m", str(styled), "--today", "2026-06-02")
    assert second.exit_code == 0, second.stderr
    assert (styled / "manual.yaml").read_text() == (
        golden("styled-retire-chapter.yaml").replace(
            "  - file: chapters/family-support/early-help.md\n", ""
        )
        + '- id: early-help\n  title: Early Help Strategy\n  number: "2.1"\n'
        "  retired_on: 2026-06-02\n"
    )
    _valid(cli, styled)


def test_retire_in_git_uses_git_rm(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    _repo(tiny_manual)
    result = cli("retire-chapter", "our-vision", "-m", str(tiny_manual), "--today", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2] == (
        "  chapters/all-children/our-vision.md was removed with 'git rm'; its text stays in "
        "the history."
    )
    assert _status(tiny_manual) == [" M manual.yaml", "D  chapters/all-children/our-vision.md"]
    assert (tiny_manual / "manual.yaml").read_text() == golden("tiny-retire-chapter.yaml")
    _valid(cli, tiny_manual)


def test_retire_refuses_a_chapter_still_linked(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tiny_manual)
    result = cli("retire-chapter", "early-help", "-m", str(tiny_manual))
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: \"Early Help Assessment\" is still linked from: a 'See also' line in 1 All "
        "Children (manual.yaml); "
        f"{_shown(tiny_manual, 'chapters/all-children/confidentiality.md')}. Remove or change "
        "those links first (nothing was changed), then run the command again.\n",
    )
    assert snapshot(tiny_manual) == before


def test_retire_refuses_to_unpin(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(styled)
    result = cli("retire-chapter", "emergency-protection", "-m", str(styled))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: This would put pinned numbers out of place: the pinned number 1.1.3a "
        '("Legal Planning Meeting Panel Terms of Reference") would have to become 1.1.3 '
    )
    assert snapshot(styled) == before
    again = cli("retire-chapter", "iro-in-court", "-m", str(styled))
    assert again.exit_code == 0
    twice = cli("retire-chapter", "iro-in-court", "-m", str(styled))
    assert (twice.exit_code, twice.stderr) == (
        2,
        'Error: The chapter "iro-in-court" has already been retired.\n',
    )


def test_two_chapters_of_the_same_file_name_are_both_retired_outside_git(
    cli, tiny_manual: Path
) -> None:  # type: ignore[no-untyped-def]
    """Chapter files share a name in different folders; retired outside git, each is
    kept under retired/ with a name of its own, and the manual stays valid."""
    for title, where, cid in (("Intro", "1", "intro"), ("Intro Two", "2", "intro-two")):
        made = cli("new-chapter", title, "-m", str(tiny_manual), "--in", where, "--id", cid)
        assert made.exit_code == 0, made.stderr
    second = tiny_manual / "chapters/family-support"
    (second / "intro-two.md").rename(second / "intro.md")
    config = tiny_manual / "manual.yaml"
    config.write_text(
        config.read_text().replace("family-support/intro-two.md", "family-support/intro.md")
    )
    _valid(cli, tiny_manual)
    texts = [
        (tiny_manual / "chapters/all-children/intro.md").read_text(),
        (second / "intro.md").read_text(),
    ]
    for cid, kept in (("intro", "retired/intro.md"), ("intro-two", "retired/intro-2.md")):
        result = cli("retire-chapter", cid, "-m", str(tiny_manual), "--today", "2026-06-01")
        assert result.exit_code == 0, result.stderr
        assert f"  The chapter file was kept as {kept} (outside the contents).\n" in result.stdout
        _valid(cli, tiny_manual)
    assert [
        (tiny_manual / p).read_text() for p in ("retired/intro.md", "retired/intro-2.md")
    ] == texts
    assert sorted(p.name for p in (tiny_manual / "retired").iterdir()) == ["intro-2.md", "intro.md"]
    assert config.read_text().endswith(
        "retired:\n"
        '  - id: intro\n    title: Intro\n    number: "1.2"\n    retired_on: 2026-06-01\n'
        '  - id: intro-two\n    title: Intro Two\n    number: "2.3"\n    retired_on: 2026-06-01\n'
    )
