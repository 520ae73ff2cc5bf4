"""Adding an amendment summary to a chapter's front matter changes nothing else."""

from __future__ import annotations

from manualctl.editions.summaries import add_summary

NEW_CHAPTER = """\
---
id: placements
title: Placements
owner: Fostering Manager
# The Amendment box is made when the manual is published, from one sentence per
# edition written under amendments (not in the text below), for example:
#   amendments:
#     "2026-11": This chapter was added to the manual.
amendments: {}
---

## 1. Introduction
"""


def test_summary_into_the_templates_empty_mapping() -> None:
    """New chapters carry 'amendments: {}': the summary goes in block style, quoted."""
    assert add_summary(NEW_CHAPTER, "2026-11", "This chapter was added.") == (
        NEW_CHAPTER.replace(
            "amendments: {}\n",
            'amendments:\n  "2026-11": "This chapter was added."\n',
        )
    )


def test_summary_next_to_earlier_ones() -> None:
    text = NEW_CHAPTER.replace(
        "amendments: {}\n", 'amendments:  # newest last\n  "2026-05": "Added."\n'
    )
    assert add_summary(text, "2026-11", "Updated.") == text.replace(
        '  "2026-05": "Added."\n', '  "2026-05": "Added."\n  "2026-11": "Updated."\n'
    )


def test_empty_mapping_with_a_comment_keeps_the_comment() -> None:
    text = NEW_CHAPTER.replace("amendments: {}\n", "amendments: {}  # one per edition\n")
    assert add_summary(text, "2026-11", "Added.") == text.replace(
        "amendments: {}  # one per edition\n",
        'amendments: # one per edition\n  "2026-11": "Added."\n',
    )
