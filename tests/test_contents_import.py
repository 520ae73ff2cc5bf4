"""The contents-page parser, line by line: each tricky kind of line on its own."""

from __future__ import annotations

import pytest

from manualctl.importing.contents_page import (
    ChapterLine,
    ImportResult,
    Note,
    PageLine,
    SectionHeading,
    SeeAlso,
    SeeAlsoLine,
    SubsectionHeading,
    parse,
    split_chapter_text,
)

NB = "\u00a0"


def sections(text: str) -> list[SectionHeading]:
    result = parse(text)
    assert result.unrecognised == [], result.unrecognised
    return result.sections


def test_header_chrome_title_organisation_and_date() -> None:
    page = (
        "Skip to main content\n"
        "Bath and North East Somerset\n"
        f"  {NB}\n"
        "Top of page\n"
        "Size: View this website with small text\n"
        "Logo Alt Text will go here\n"
        "Bath and North East Somerset Children’s Services Procedure Manual: Contents   \n"
        "December 2017\n"
        "Contents\n"
        "Quick Links:\n"
        "This contents list is sub divided into the following sections, each Section "
        "contains relevant Chapters/Procedures: (Click on the title to jump to the Section "
        "you require):\n"
        "\n"
        "  1. All Children\n"
        "  2. Appendices\n"
        "\n"
        "1. All Children\n"
        "1.1 Our Vision\n"
        "2. Appendices\n"
        "2.1 Amendments\n"
        "End\n"
    )
    assert parse(page) == ImportResult(
        title="Bath and North East Somerset Children’s Services Procedure Manual",
        organisation="Bath and North East Somerset",
        date="December 2017",
        quick_links=["All Children", "Appendices"],
        sections=[
            SectionHeading(
                "1", "All Children", None, [ChapterLine("1.1", "Our Vision", line=17)], 16
            ),
            SectionHeading(
                "2",
                "Appendices",
                None,
                [ChapterLine("2.1", "Amendments", kind="amendments", line=19)],
                18,
            ),
        ],
    )


def test_subsection_number_alone_then_title_after_blank_and_nbsp_lines() -> None:
    page = (
        f"1. All Children\n\n1.1\n\n{NB}\n  \nPolicy, Values and Principles\n\n{NB}\n"
        f"1.1.1 Our Vision {NB}\n"
    )
    assert sections(page) == [
        SectionHeading(
            "1",
            "All Children",
            None,
            [
                SubsectionHeading(
                    "1.1",
                    "Policy, Values and Principles",
                    None,
                    [ChapterLine("1.1.1", "Our Vision", line=10)],
                    3,
                )
            ],
            1,
        )
    ]


def test_chapters_directly_under_a_section_after_a_subsection() -> None:
    page = "7. Children\n7.1 Short Breaks\n7.2\nDisabilities\n7.2.1 Capacity\n7.3 Young Carers\n"
    [section] = sections(page)
    assert [type(e).__name__ for e in section.entries] == [
        "ChapterLine",
        "SubsectionHeading",
        "ChapterLine",
    ]
    assert section.entries[2] == ChapterLine("7.3", "Young Carers", line=6)


def test_two_digit_numbers_need_no_pin() -> None:
    page = "1. A\n" + "".join(f"1.{n}\nSub {n}\n1.{n}.1 Chapter {n}\n" for n in range(1, 11))
    page += "1.10.2 Mental Capacity Act\n"
    [section] = sections(page)
    last = section.entries[-1]
    assert isinstance(last, SubsectionHeading)
    assert (last.number, last.pinned) == ("1.10", None)
    assert last.entries[-1] == ChapterLine("1.10.2", "Mental Capacity Act", line=32)


def test_letter_suffixed_numbers_are_pinned_anywhere() -> None:
    page = (
        "1. A\n1.4\nCourt\n1.4.3 Legal Planning Meetings\n"
        "1.4.3a Legal Planning Meeting Panel Terms of Reference\n1.4.4 Role of IRO\n"
        "2. B\n2.1 Recording\n2.1a Recording Form\n2.2 Access\n"
    )
    first, second = sections(page)
    court = first.entries[0]
    assert isinstance(court, SubsectionHeading)
    assert [(c.number, c.pinned) for c in court.entries if isinstance(c, ChapterLine)] == [
        ("1.4.3", "1.4.3"),  # "1.4" is the first sub-section here, so 1.4.3 is pinned too
        ("1.4.3a", "1.4.3a"),
        ("1.4.4", "1.4.4"),
    ]
    assert [(c.number, c.pinned) for c in second.entries if isinstance(c, ChapterLine)] == [
        ("2.1", None),
        ("2.1a", "2.1a"),
        ("2.2", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Placements with Connected Persons Updated",
            ("Placements with Connected Persons", None, None, "Updated"),
        ),
        ("Young Carers New", ("Young Carers", None, None, "New")),
        ("The New Way Service", ("The New Way Service", None, None, None)),
        ("Allocation of Work - local", ("Allocation of Work", "local", None, None)),
        ("Local Contacts - local procedure", ("Local Contacts", "local procedure", None, None)),
        ("Access to Records - under review", ("Access to Records", "under review", None, None)),
        ("Financial Arrangements - to follow", ("Financial Arrangements", "to follow", None, None)),
        (
            "Early Help Framework - link to local procedures",
            ("Early Help Framework", "link to local procedures", None, None),
        ),
        (
            "Assessment and Approvals - under review Updated",
            ("Assessment and Approvals", "under review", None, "Updated"),
        ),
        (
            "Threshold Document - Continuum of Help N.B. Link to local threshold document can "
            "be substituted here",
            (
                "Threshold Document - Continuum of Help",
                None,
                "N.B. Link to local threshold document can be substituted here",
                None,
            ),
        ),
        (
            "Kinship Care N.B. A local policy can be substituted here Updated",
            ("Kinship Care", None, "N.B. A local policy can be substituted here", "Updated"),
        ),
        (
            "Threshold Document - Right Help, Right Time",
            ("Threshold Document - Right Help, Right Time", None, None, None),
        ),
    ],
)
def test_chapter_line_parts(
    text: str, expected: tuple[str, str | None, str | None, str | None]
) -> None:
    assert split_chapter_text(text) == expected


def test_bracketed_source_lines_make_external_chapters() -> None:
    page = (
        "3. Assessment\n3.1 Child Protection Enquiries\n"
        "(Regional Child Protection Procedures for West Midlands)\n"
        f"{NB}\n"
        "3.2 Regional Procedures\n(This includes the Initial Conference, Core Groups).\n"
    )
    [section] = sections(page)
    assert section.entries == [
        ChapterLine(
            "3.1",
            "Child Protection Enquiries",
            source="Regional Child Protection Procedures for West Midlands",
            line=2,
        ),
        ChapterLine(
            "3.2",
            "Regional Procedures",
            source="This includes the Initial Conference, Core Groups.",
            line=5,
        ),
    ]


def test_see_also_labels_continuations_and_flags() -> None:
    page = (
        "5. Children in Care\n5.1\nCare Planning\n"
        f"{NB} See also: Delegation of Authority {NB}\n"
        "5.1.1 Providing Personalised Care\n"
        f"{NB} See also: NICE Guideline Updated {NB}\n"
        f"{NB} and Youth Justice Services New{NB}\n"
        f"{NB} See also:{NB}Responsibilities of the Local Authority {NB}\n"
        "See also Lone Working Policy - Connecting Families Team\n"
        "Also see: Local Resources\n"
        "See: Local Resources (Adoption and Permanence)\n"
    )
    [section] = sections(page)
    sub = section.entries[0]
    assert isinstance(sub, SubsectionHeading)
    assert sub.entries == [
        SeeAlso("See also:", [SeeAlsoLine("Delegation of Authority")], 4),
        ChapterLine("5.1.1", "Providing Personalised Care", line=5),
        SeeAlso(
            "See also:",
            [
                SeeAlsoLine("NICE Guideline", "Updated"),
                SeeAlsoLine("Youth Justice Services", "New"),
            ],
            6,
        ),
        SeeAlso("See also:", [SeeAlsoLine("Responsibilities of the Local Authority")], 8),
        SeeAlso("See also", [SeeAlsoLine("Lone Working Policy - Connecting Families Team")], 9),
        SeeAlso("Also see:", [SeeAlsoLine("Local Resources")], 10),
        SeeAlso("See:", [SeeAlsoLine("Local Resources (Adoption and Permanence)")], 11),
    ]


def test_see_also_directly_under_a_section_and_free_text_notes() -> None:
    page = (
        "4. Fostering Services\n"
        f"{NB} See also: Local Resources (Fostering Service) {NB}\n"
        "4.1 Statement of Purpose\n"
        "4.2\nSpecial Guardianship\n"
        f"{NB} For Local Documents please see Local Resources (Special Guardianship) {NB}\n"
        "4.2.1 Special Guardianship Order Policy\n"
    )
    [section] = sections(page)
    assert section.entries[:2] == [
        SeeAlso("See also:", [SeeAlsoLine("Local Resources (Fostering Service)")], 2),
        ChapterLine("4.1", "Statement of Purpose", line=3),
    ]
    sub = section.entries[2]
    assert isinstance(sub, SubsectionHeading)
    assert sub.entries[0] == Note(
        "For Local Documents please see Local Resources (Special Guardianship)", 6
    )


def test_amendments_only_in_the_last_section() -> None:
    page = "1. A\n1.1 Amendments\n2. Appendices\n2.1\nOther\n2.1.1 Amendments\n"
    first, last = sections(page)
    assert [c.kind for c in first.entries if isinstance(c, ChapterLine)] == ["chapter"]
    sub = last.entries[0]
    assert isinstance(sub, SubsectionHeading)
    assert [c.kind for c in sub.entries if isinstance(c, ChapterLine)] == ["amendments"]


def test_unknown_lines_are_reported_with_their_numbers() -> None:
    page = (
        "Main Policies\n"
        "1. All Children\n"
        "1.1 Our Vision\n"
        "This line means nothing to the importer\n"
        "(a bracketed line after a see-also)\n"
        "\n"
        "and Y\n"
    )
    page = page.replace("(a bracketed", "See also: X\n(a bracketed")
    result = parse(page)
    assert result.unrecognised == [
        PageLine(4, "This line means nothing to the importer"),
        PageLine(6, "(a bracketed line after a see-also)"),
    ]
    assert result.sections[0].entries[-1] == SeeAlso(
        "See also:", [SeeAlsoLine("X"), SeeAlsoLine("Y")], 5
    )


def test_lines_outside_any_section_are_reported() -> None:
    page = "Main Policies\n1.1 A chapter before any section\n1. All Children\n1.1\n"
    result = parse(page)
    assert result.title == "Main Policies"
    assert result.unrecognised == [
        PageLine(2, "1.1 A chapter before any section"),
        PageLine(4, "1.1"),  # a sub-section number with no title after it
    ]


def test_quick_link_that_differs_from_its_heading_is_remarked() -> None:
    page = (
        "Quick Links:\n  1. All Children\n  2. Adoption and Permanence\n"
        "1. All Children\n2. Adoption\n"
    )
    result = parse(page)
    assert [s.title for s in result.sections] == ["All Children", "Adoption"]
    assert result.remarks == [
        PageLine(
            5,
            'the quick link "2. Adoption and Permanence" differs from the heading '
            '"2. Adoption"; the heading is used (quick links are regenerated).',
        )
    ]


def test_crlf_and_bom_are_accepted() -> None:
    result = parse("\ufeffMain Policies\r\n1. All Children\r\n1.1 Our Vision Updated\r\n")
    assert result.title == "Main Policies"
    assert result.sections[0].entries == [ChapterLine("1.1", "Our Vision", flag="Updated", line=3)]


def test_chrome_and_the_manuals_name_inside_the_page_are_left_out() -> None:
    page = (
        "Skip to content\nMain Policies\nQuick Links:\n  1. All Children\n"
        "1. All Children\nCaption: All Children Contents\n \u00a0 \n1.1 Our Vision\n"
        "Top of page\nMain Policies\nLogo Alt Text will go here\nEnd\n"
    )
    result = parse(page)
    assert (result.title, result.unrecognised, result.remarks) == ("Main Policies", [], [])
    assert result.sections == [
        SectionHeading("1", "All Children", None, [ChapterLine("1.1", "Our Vision", line=8)], 5)
    ]
