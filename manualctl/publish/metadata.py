"""The metadata every edition format needs, passed to pandoc with ``-M``.

:attr:`manualctl.publish.document.Document.metadata` holds ``title``, ``subtitle`` (the
edition name), ``author`` and ``organisation``, ``date`` (the edition name), ``lang``,
``edition`` (YYYY-MM), ``edition-name`` ("November 2026", or "May 2027 draft"),
``edition-line`` (what the cover and every page header say: "November 2026 edition", or
"Draft of the May 2027 edition, not released; based on November 2026", decided by
:mod:`manualctl.editions.published`), ``printed-on`` (e.g. "4 November 2026"),
``notice`` (the uncontrolled-copy notice with the date filled in), ``manual-id``,
``logo`` (absolute path, only when the manual has one) and ``logo-alt``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from manualctl.editions.published import EditionLabel
from manualctl.editions.tags import MONTHS
from manualctl.errors import UsageError
from manualctl.model.manual import DEFAULT_NOTICE, Manual


def long_date(day: date) -> str:
    """``4 November 2026`` (the form printed in notices)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def published_notice(manual: Manual, label: EditionLabel, published: str) -> str:
    """The PDF's and website's uncontrolled-copy notice: when the edition was published
    and where the current version is (manual.yaml ``edition.url``). It never gives a
    print date: a PDF cannot know the day it is printed (Word can: its notice is
    ``print-notice``, whose ``{date}`` becomes a print-date field)."""
    url = str(manual.edition_settings.get("url") or "")
    where = url or "the online manual"
    made = (
        f"This draft was made on {published}; it is not a released edition."
        if label.draft
        else f"This edition was published on {published}."
    )
    return f"{made} Printed copies are uncontrolled: check {where} for the current version."


def edition_metadata(
    manual: Manual, edition: str, label: EditionLabel, printed_on: date
) -> dict[str, str]:
    printed = long_date(printed_on)
    notice = str(manual.edition_settings.get("uncontrolled_copy_notice") or DEFAULT_NOTICE)
    data = {
        "title": manual.title,
        "subtitle": label.name,
        "author": manual.organisation,
        "organisation": manual.organisation,
        "date": label.name,
        "lang": manual.language,
        "edition": edition,
        "edition-name": label.name,
        "edition-line": label.line,
        "printed-on": printed,
        "notice": published_notice(manual, label, printed),
        "print-notice": notice,
        "manual-id": manual.id,
    }
    if manual.data.get("description"):  # shown under the title on every cover
        data["description"] = " ".join(str(manual.data["description"]).split())
    logo = manual.data.get("logo")
    if isinstance(logo, dict) and logo.get("file"):
        data["logo"] = str(_inside(manual.root, str(logo["file"]), "the logo"))
        data["logo-alt"] = str(logo.get("alt") or "")
    return data


def _inside(root: Path, rel: str, what: str) -> Path:
    path = (root / rel).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise UsageError(
            f'{what} "{rel}" named in {root / "manual.yaml"} is not a file inside the manual.',
            hint="Put the file in the manual's media/ folder and name it relative to "
            "manual.yaml (for example: media/logo.png).",
        )
    return path
