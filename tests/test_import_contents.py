"""`manualctl import contents` and `manualctl contents` on a small page, compared whole."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from manualctl.importing.contents_page import parse
from manualctl.importing.writer import plan_import
from manualctl.model.chapter import slugify
from manualctl.model.yamltext.scalar import scalar

PAGE = """\
Example Manual: Contents
March 2026
Quick Links:
  1. All Children
  2. Appendices

1. All Children

1.1

Policy: Values & Principles

1.1.1 Our Vision Updated
1.1.2 Kinship Care - local N.B. A local policy can be substituted here
 See also: Our Vision New
 and NICE Guideline
1.1.3 Child Protection Enquiries - under review
(Regional Procedures)
1.1.3a Supplement
2. Appendices
See: Local Resources
For local documents please see Local Resources
2.1 Our Vision
2.2 Amendments
"""

MANUAL_YAML = """\
# Imported by manualctl on 2026-05-01 from the contents page "page.txt".
# The page was dated March 2026.
# Numbers (1, 1.1, 1.1.1) come from the order below. Chapter titles and statuses
# live in the chapter files. Entries with a 'source' are chapters hosted elsewhere:
# add their 'url'.
id: example
title: Example Manual
organisation: Example Children's Trust
language: en-GB
contents:
  - section: All Children
    entries:
      - subsection: "Policy: Values & Principles"
        entries:
          - file: chapters/all-children/our-vision.md
            flag: Updated
          - file: chapters/all-children/kinship-care.md
            note: N.B. A local policy can be substituted here
          - see_also:
              - chapter: our-vision
                flag: New
              - title: NICE Guideline
          - external: Child Protection Enquiries
            source: Regional Procedures
            status: under review
          - file: chapters/all-children/supplement.md
            number: 1.1.3a

  - section: Appendices
    entries:
      - see_also:
          - title: Local Resources
        label: "See:"
      - note: For local documents please see Local Resources
      - file: chapters/appendices/our-vision-2.md
      - file: chapters/appendices/amendments.md
"""

TEXT = """\
Example Manual
Example Children's Trust

Quick Links:
This contents list is sub divided into the following sections, each Section contains \
relevant Chapters/Procedures: (Click on the title to jump to the Section you require):

  1. All Children
  2. Appendices


1. All Children

1.1

Policy: Values & Principles

1.1.1 Our Vision Updated
1.1.2 Kinship Care - local N.B. A local policy can be substituted here
  See also: Our Vision New
  and NICE Guideline
1.1.3 Child Protection Enquiries - under review
(Regional Procedures)
1.1.3a Supplement


2. Appendices

  See: Local Resources
  For local documents please see Local Resources
2.1 Our Vision
2.2 Amendments
"""

MARKDOWN = """\
# Example Manual

Example Children's Trust

## Quick Links

- [1. All Children](#1-all-children)
- [2. Appendices](#2-appendices)

## 1. All Children

### 1.1 Policy: Values & Principles

- 1.1.1 [Our Vision](chapters/all-children/our-vision.md) **Updated**
- 1.1.2 [Kinship Care](chapters/all-children/kinship-care.md) - local N.B. A local policy \
can be substituted here
  - *See also:* [Our Vision](chapters/all-children/our-vision.md) **New**
  - *and* NICE Guideline
- 1.1.3 Child Protection Enquiries - under review (Regional Procedures)
- 1.1.3a [Supplement](chapters/all-children/supplement.md)

## 2. Appendices

- *See:* Local Resources
- For local documents please see Local Resources
- 2.1 [Our Vision](chapters/appendices/our-vision-2.md)
- 2.2 [Amendments](chapters/appendices/amendments.md)
"""


def _chapter(cid: str, title: str, section: str, number: str, **extra: str) -> dict[str, str]:
    return {
        "type": "chapter",
        "number": number,
        "id": cid,
        "title": title,
        "file": f"chapters/{section}/{cid}.md",
        **extra,
    }


JSON = {
    "id": "example",
    "title": "Example Manual",
    "organisation": "Example Children's Trust",
    "sections": [
        {
            "type": "section",
            "number": "1",
            "title": "All Children",
            "entries": [
                {
                    "type": "subsection",
                    "number": "1.1",
                    "title": "Policy: Values & Principles",
                    "entries": [
                        _chapter(
                            "our-vision",
                            "Our Vision",
                            "all-children",
                            "1.1.1",
                            flag="Updated",
                            kind="chapter",
                        ),
                        _chapter(
                            "kinship-care",
                            "Kinship Care",
                            "all-children",
                            "1.1.2",
                            status="local",
                            note="N.B. A local policy can be substituted here",
                            kind="chapter",
                        ),
                        {
                            "type": "see_also",
                            "label": "See also:",
                            "items": [
                                {"chapter": "our-vision", "title": "Our Vision", "flag": "New"},
                                {"title": "NICE Guideline"},
                            ],
                        },
                        {
                            "type": "external",
                            "number": "1.1.3",
                            "title": "Child Protection Enquiries",
                            "source": "Regional Procedures",
                            "status": "under review",
                        },
                        _chapter(
                            "supplement", "Supplement", "all-children", "1.1.3a", kind="chapter"
                        ),
                    ],
                }
            ],
        },
        {
            "type": "section",
            "number": "2",
            "title": "Appendices",
            "entries": [
                {"type": "see_also", "label": "See:", "items": [{"title": "Local Resources"}]},
                {"type": "note", "text": "For local documents please see Local Resources"},
                _chapter("our-vision-2", "Our Vision", "appendices", "2.1", kind="chapter"),
                _chapter("amendments", "Amendments", "appendices", "2.2", kind="amendments"),
            ],
        },
    ],
}


def _plan() -> dict[str, str]:
    return plan_import(
        parse(PAGE),
        manual_id="example",
        title="Example Manual",
        organisation="Example Children's Trust",
        source_name="page.txt",
        today=date(2026, 5, 1),
    )


def test_plan_writes_a_readable_manual_yaml() -> None:
    assert _plan()["manual.yaml"] == MANUAL_YAML


def test_plan_writes_one_chapter_file_per_chapter() -> None:
    files = _plan()
    assert sorted(files) == [
        "chapters/all-children/kinship-care.md",
        "chapters/all-children/our-vision.md",
        "chapters/all-children/supplement.md",
        "chapters/appendices/amendments.md",
        "chapters/appendices/our-vision-2.md",
        "manual.yaml",
    ]
    assert files["chapters/all-children/kinship-care.md"] == (
        "---\nid: kinship-care\ntitle: Kinship Care\nstatus: local\n---\n"
    )
    assert files["chapters/appendices/our-vision-2.md"] == (
        "---\nid: our-vision-2\ntitle: Our Vision\n---\n"
    )
    assert files["chapters/appendices/amendments.md"] == (
        "---\nid: amendments\ntitle: Amendments\nkind: amendments\n---\n"
    )


IMPORTED = """\
edition:
  # The edition the page shows, published before manualctl: its New and Updated
  # flags stand until the first edition made with manualctl.
  imported: "2026-11"
"""


@pytest.fixture
def imported(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    target = tmp_path / "manuals" / "example"
    result = cli(
        "import", "contents", str(page), "--to", str(target),
        "--organisation", "Example Children's Trust", "--edition", "2026-11",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Created the manual 'example' in {target}: 2 section(s), 5 chapter file(s). "
        f"Next: write the chapters' text, then run 'manualctl validate {target}'.\n"
    )
    assert result.stderr == ""
    return target


def test_import_writes_the_plan(imported: Path) -> None:
    written = sorted(p.relative_to(imported).as_posix() for p in imported.rglob("*") if p.is_file())
    assert written == sorted(_plan())
    text = (imported / "manual.yaml").read_text(encoding="utf-8")
    expected = MANUAL_YAML.replace("language: en-GB\n", f"language: en-GB\n{IMPORTED}", 1)
    assert text.split("\n", 1)[1] == expected.split("\n", 1)[1]  # all but the date line


def test_a_page_with_flags_and_no_edition_is_warned_about(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    target = tmp_path / "example"
    result = cli("import", "contents", str(page), "--to", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"warning: {page}: the page flags 1 chapter(s) New or Updated. Give "
        "--edition YYYY-MM (the edition the page shows) so the flags stand as that "
        "edition's; without it, 'manualctl stamp --check' fails on them until you add  "
        'edition: imported: "YYYY-MM"  to manual.yaml.\n'
    )
    assert "imported:" not in (target / "manual.yaml").read_text(encoding="utf-8")


def test_imported_manual_validates(cli, imported: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(imported))
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("fmt", "expected"), [("text", TEXT), ("markdown", MARKDOWN)])
def test_contents_formats(cli, imported: Path, fmt: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("contents", "-m", str(imported), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_contents_json(cli, imported: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("contents", "--format", "json", cwd=imported / "chapters")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == JSON


def test_contents_reads_titles_from_front_matter(cli, imported: Path) -> None:  # type: ignore[no-untyped-def]
    chapter = imported / "chapters/all-children/our-vision.md"
    chapter.write_text("---\nid: our-vision\ntitle: Our Vision and Values\n---\n")
    result = cli("contents", "-m", str(imported))
    lines = result.stdout.splitlines()
    assert lines[16:19] == [
        "1.1.1 Our Vision and Values Updated",
        "1.1.2 Kinship Care - local N.B. A local policy can be substituted here",
        "  See also: Our Vision and Values New",
    ]


def test_contents_refuses_a_manual_with_a_missing_chapter(cli, imported: Path) -> None:  # type: ignore[no-untyped-def]
    (imported / "chapters/all-children/supplement.md").unlink()
    result = cli("contents", "-m", str(imported))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        'Error: The chapter file "chapters/all-children/supplement.md" named in '
    )
    assert "Traceback" not in result.stderr


def test_contents_bad_format_and_no_manual(cli, imported: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("contents", "-m", str(imported), "--format", "docx").exit_code == 2
    result = cli("contents", "-m", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "No manual found" in result.stderr


def test_import_refuses_a_folder_that_is_not_empty(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    target = tmp_path / "existing"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    result = cli("import", "contents", str(page), "--to", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target} already exists and is not empty: nothing was written. "
        "Give a new folder (it is created for you), or an empty one "
        "(a freshly 'git init'-ed folder is fine).\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text() == "keep me"


def test_import_into_an_empty_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    target = tmp_path / "empty"
    target.mkdir()
    assert cli("import", "contents", str(page), "--to", str(target)).exit_code == 0
    assert (target / "manual.yaml").read_text().splitlines()[5] == "id: empty"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "page.txt"]  # no leftovers


def test_import_warns_about_lines_it_does_not_understand(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(PAGE.replace("2.1 Our Vision\n", "2.1 Our Vision\nA stray line\n"))
    result = cli(
        "import", "contents", str(page), "--to", str(tmp_path / "m"), "--edition", "2026-11"
    )
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: {page}:24: not understood, left out: 'A stray line'. "
        "Add it to manual.yaml by hand if it belongs in the contents.\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Just some text\nwith no sections\n", "no numbered sections found"),
        (b"1. All Children\n1.1 Caf\xe9\n", "the file is not UTF-8 text"),
    ],
)
def test_import_refuses_what_is_not_a_contents_page(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, content: bytes, message: str
) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(content)
    result = cli("import", "contents", str(page), "--to", str(tmp_path / "m"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m").exists()


def test_import_missing_file_and_bad_id(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("import", "contents", str(tmp_path / "nope.txt"), "--to", str(tmp_path / "m"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: Cannot read {tmp_path / 'nope.txt'}:")
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    result = cli("import", "contents", str(page), "--to", str(tmp_path / "m"), "--id", "Bad Id")
    assert result.exit_code == 2
    assert '"Bad Id" cannot be a manual id' in result.stderr
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Our Vision", "Our Vision"),
        ("Policy: Values", '"Policy: Values"'),
        ("Children's Trust", "Children's Trust"),
        ("See:", '"See:"'),
        ("(Regional) Procedures", '"(Regional) Procedures"'),
        ("1.4.3a", "1.4.3a"),
        ("5", '"5"'),
        ("yes", '"yes"'),
        ("Item #3", '"Item #3"'),
        ("Children’s “Services”", "Children’s “Services”"),
    ],
)
def test_scalar_quotes_only_where_yaml_needs_it(value: str, expected: str) -> None:
    assert scalar(value) == expected


LONG_TITLE = (
    "A Guide for Staff Working with Looked After Children under the Provisions of LASPO "
    "in Bedfordshire Youth Offending Service"
)


def test_long_titles_give_ids_of_at_most_60_characters() -> None:
    page = PAGE.replace("1.1.3a Supplement", f"1.1.3a {LONG_TITLE}")
    files = plan_import(
        parse(page),
        manual_id="example",
        title="Example Manual",
        organisation=None,
        source_name="page.txt",
        today=date(2026, 5, 1),
    )
    short = "a-guide-for-staff-working-with-looked-after-children-under"
    assert files[f"chapters/all-children/{short}.md"] == (
        f"---\nid: {short}\ntitle: {LONG_TITLE}\n---\n"
    )


@pytest.mark.parametrize(
    ("title", "limit", "slug"),
    [
        ("Children's Rights & Participation", None, "childrens-rights-and-participation"),
        ("Café – Ünïcode", None, "cafe-unicode"),
        ("abc def ghi", 7, "abc-def"),
        ("abc def ghi", 6, "abc"),
        ("abcdefghij klm", 4, "abcd"),
        ("abc", 3, "abc"),
    ],
)
def test_slugify(title: str, limit: int | None, slug: str) -> None:
    assert slugify(title, limit=limit) == slug
