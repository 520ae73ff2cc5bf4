"""Starting a manual: from a contents page (``import contents``) or from nothing (``init``).

These functions return plans (path -> text); :func:`manualctl.importing.writer.create_manual`
writes them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from manualctl.errors import UsageError
from manualctl.importing.contents_page import ImportResult, PageLine, parse
from manualctl.importing.writer import front_matter
from manualctl.model.chapter import SLUG_RE, decode, slugify
from manualctl.model.yamltext.scalar import scalar


def read_page(path: Path) -> ImportResult:
    """Read and parse a contents page saved as text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            f"Cannot read {path}: {exc.strerror or exc}.",
            hint="Check the file name, and that the file exists.",
        ) from exc
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{path}:{line}: the file is not UTF-8 text.",
            hint="Save it as UTF-8 (in most editors: Save As > Encoding > UTF-8), then retry.",
        ) from exc
    result = parse(text)
    if not result.sections:
        raise UsageError(
            f"{path}: no numbered sections found (lines such as '1. All Children'), so this "
            "does not look like a contents page: nothing was written.",
            hint="Copy the whole contents page, from its title to its last chapter, into "
            "the file and try again.",
        )
    return result


def _manual_id(folder: Path, given: str | None) -> str:
    ident = given if given is not None else slugify(folder.absolute().name)
    if not SLUG_RE.match(ident):
        raise UsageError(
            f'"{ident}" cannot be a manual id: use lower-case letters, digits and single hyphens.',
            hint="Give one with --id, for example --id main-policies.",
        )
    return ident


def _humanise(folder: Path) -> str:
    words = slugify(folder.absolute().name).replace("-", " ")
    return words.title() if words else "Procedures Manual"


def resolve_identity(
    result: ImportResult,
    folder: Path,
    manual_id: str | None,
    title: str | None,
    organisation: str | None,
) -> tuple[str, str, str | None]:
    """The manual's id, title and organisation: given options first, then the page."""
    ident = _manual_id(folder, manual_id)
    name = title or result.title
    if not name:
        name = _humanise(folder)
        result.remarks.append(
            PageLine(
                1,
                f'the page names no manual title; "{name}" is used. Change it in '
                "manual.yaml, or import again with --title.",
            )
        )
    return ident, name, organisation or result.organisation


EXAMPLE_BODY = """\
::: scope
This chapter explains how the manual is organised and how it is kept up to date.
:::

## 1. How this manual is organised

The manual is divided into sections; each section holds chapters, some of them grouped
in sub-sections. Every chapter has an owner who keeps it accurate.

## 2. Keeping the manual up to date

Chapters are reviewed at least once a year. Changes are published twice a year as a
new edition, and the Amendments appendix lists what changed.
"""


#: The Amendments appendix of a new manual, until 'manualctl amendments' writes it.
AMENDMENTS_BODY = (
    "What changed in each edition of this manual. 'manualctl amendments' writes this page "
    "from the git history before each edition is released.\n"
)


def plan_init(
    folder: Path,
    manual_id: str | None,
    title: str | None,
    organisation: str | None,
    *,
    today: date,
) -> tuple[dict[str, str], str]:
    """The files of a new manual: a section with an example chapter, an Appendices section
    with the Amendments appendix; and the manual's id."""
    ident = _manual_id(folder, manual_id)
    name = title or _humanise(folder)
    try:
        next_review = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        next_review = today.replace(year=today.year + 1, day=28)
    lines = [
        f"# Created by 'manualctl init' on {today.isoformat()}. Add sections and chapters",
        "# below (or with 'manualctl new-chapter'); numbers come from the order.",
        f"id: {scalar(ident)}",
        f"title: {scalar(name)}",
    ]
    if organisation:
        lines.append(f"organisation: {scalar(organisation)}")
    lines += [
        "language: en-GB",
        "contents:",
        "  - section: About This Manual",
        "    entries:",
        "      - file: chapters/about-this-manual/introduction.md",
        "  - section: Appendices",
        "    entries:",
        "      - file: chapters/appendices/amendments.md",
    ]
    chapter = front_matter(
        [
            ("id", "introduction"),
            ("title", "Introduction"),
            ("owner", "Policy Officer"),
            ("review", f"\n  last: {today.isoformat()}\n  next: {next_review.isoformat()}"),
        ],
        "\n" + EXAMPLE_BODY,
    )
    appendix = front_matter(
        [
            ("id", "amendments"),
            ("title", "Amendments"),
            ("owner", "Policy Officer"),
            ("review", f"\n  last: {today.isoformat()}\n  next: {next_review.isoformat()}"),
            ("kind", "amendments"),
        ],
        "\n" + AMENDMENTS_BODY,
    )
    files = {
        "manual.yaml": "\n".join(lines) + "\n",
        "chapters/about-this-manual/introduction.md": chapter,
        "chapters/appendices/amendments.md": appendix,
    }
    return files, ident
