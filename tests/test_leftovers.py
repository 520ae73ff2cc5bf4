"""Text left in a chapter by mistake: template placeholders, merge conflict markers, and
the template's amendments: line that gives a clear error when used wrongly."""

from __future__ import annotations

from pathlib import Path

from conftest import commit_all, git
from editions_helpers import replace

VISION = "chapters/all-children/our-vision.md"


def test_a_new_chapter_keeps_template_text_until_written(tiny_manual: Path, cli) -> None:  # type: ignore[no-untyped-def]
    m = ("-m", str(tiny_manual))
    made = cli(
        "new-chapter", "Young Carers", "--in", "1.1", "--owner", "Lead", "--today", "2026-06-01", *m
    )
    assert made.exit_code == 0, made.stderr
    result = cli("validate", "--today", "2026-06-01", cwd=tiny_manual)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        'chapters/all-children/young-carers.md:16:1: warning template-text: "Who this chapter '
        "is for, and what it covers. (This is the...\" is the chapter template's placeholder "
        "text, not the chapter's own.\n"
        "    hint: Replace it with what the chapter says (or delete it); release refuses "
        "placeholder text.\n"
        "chapters/all-children/young-carers.md:20:1: warning template-text: "
    )
    assert cli("validate", "--strict", "--today", "2026-06-01", str(tiny_manual)).exit_code == 1


def test_conflict_markers_are_an_error(tiny_manual: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tiny_manual / VISION
    text = path.read_text()
    path.write_text(
        text + "\nTitle\n=======\n\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> branch\n"
    )
    result = cli("validate", "--today", "2026-06-01", cwd=tiny_manual)
    assert result.exit_code == 1
    said = "is a merge conflict marker: git could not merge two versions of this chapter, and "
    where = "chapters/all-children/our-vision.md"
    assert [line for line in result.stdout.splitlines() if "conflict-markers:" in line] == [
        f'{where}:21:1: error conflict-markers: "<<<<<<< HEAD" {said}both are in the file.',
        f'{where}:23:1: error conflict-markers: "=======" {said}both are in the file.',
        f'{where}:25:1: error conflict-markers: ">>>>>>> branch" {said}both are in the file.',
    ]  # the "=======" under "Title" is a heading, not a marker
    published = cli("publish", str(tiny_manual), "--out", str(tiny_manual.parent / "out"))
    assert published.exit_code == 1
    assert not (tiny_manual.parent / "out").exists() or not any(
        (tiny_manual.parent / "out").iterdir()
    )


def test_a_line_under_amendments_braces_says_to_delete_them(tiny_manual: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace(tiny_manual / VISION, "\n---\n", '\namendments: {}\n  "2026-11": Added.\n---\n')
    result = cli("validate", cwd=tiny_manual)
    assert result.exit_code == 1
    assert result.stdout == (
        "chapters/all-children/our-vision.md:9:3: error yaml-syntax: the front matter is not "
        "valid YAML: while parsing a block mapping did not find expected key.\n"
        "    hint: Line 8 says 'amendments: {}' (an empty set), so the indented lines under it "
        "cannot belong to it: delete the '{}' and keep 'amendments:' with the lines under it.\n"
    )


def test_release_refuses_template_text(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    m = ("-m", str(edition_repo))
    made = cli(
        "new-chapter", "Young Carers", "--in", "1.1", "--owner", "Lead", "--today", "2026-06-01", *m
    )
    assert made.exit_code == 0, made.stderr
    new = edition_repo / "chapters/all-children/young-carers.md"
    replace(new, "amendments:\n", 'amendments:\n  "2026-11": This chapter was added.\n')
    assert cli("stamp", "--edition", "2026-11", *m).exit_code == 0
    assert cli("amendments", *m).exit_code == 0
    commit_all(edition_repo, "Young carers")
    head = git(edition_repo, "rev-parse", "HEAD")
    refused = cli("release", "2026-11", *m)
    assert refused.exit_code == 1
    assert "error template-text:" in refused.stderr
    assert git(edition_repo, "rev-parse", "HEAD") == head
    assert git(edition_repo, "tag", "--list") == "sample/2026-05\n"
