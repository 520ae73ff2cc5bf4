"""Editions: ids (``YYYY-MM``), their display names ("November 2026") and their git tags.

An edition is an annotated tag on the commit that was published, named from the manual id
and the edition by ``edition.tag_format`` in manual.yaml (default ``{id}/{edition}``).
Which edition is *in preparation*: the one named on the command line, else the one the
release lead started (manual.yaml ``edition: preparing:``, written by ``stamp --edition``)
while it has no tag yet; otherwise none, and the manual is between editions. The
*previous* edition is the newest edition tag before the coming one.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import re
from pathlib import Path
from typing import Any, NamedTuple

from manualctl.errors import UsageError
from manualctl.model.manual import tag_name

EDITION_RE = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])$")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_edition(text: str, *, what: str = "EDITION") -> str:
    """Check an edition id given by a person; return it without surrounding spaces.

    The one check of an edition's form: ``YYYY-MM`` in ASCII digits, month 01 to 12.
    """
    value = text.strip()
    if not EDITION_RE.match(value):
        year, dash, month = value.partition("-")
        wrong_month = (
            dash and len(year) == 4 and year.isascii() and year.isdigit() and month.isascii()
        )
        raise UsageError(
            f'{what} "{text}" is not an edition: '
            + ("the month must be 01 to 12." if wrong_month else "write it as YYYY-MM."),
            hint="For example: 2026-11 for the November 2026 edition.",
        )
    return value


def display(edition: str) -> str:
    """``2026-11`` -> ``November 2026``."""
    match = EDITION_RE.match(edition)
    if not match:
        return edition
    return f"{MONTHS[int(match['month']) - 1]} {match['year']}"


class EditionTag(NamedTuple):
    """An edition and the git tag it was released as.

    An *imported* edition (manual.yaml ``edition: imported: YYYY-MM``) was published
    before the manual came into manualctl: it has no tag, and ``tag`` is the commit that
    recorded it, whose manual is that edition as imported (its flags, its appendix).
    """

    edition: str  # YYYY-MM
    tag: str  # the git tag name (for an imported edition: a commit id)
    imported: bool = False

    @property
    def described(self) -> str:
        """How messages name it: ``tag sample/2026-05``, or the imported edition."""
        if self.imported:
            return f"the {display(self.edition)} edition as imported (commit {self.tag[:12]})"
        return f"tag {self.tag}"


def tag_pattern(tag_format: str, manual_id: str) -> re.Pattern[str]:
    """A pattern matching this manual's edition tags, capturing the edition."""
    pieces = re.split(r"(\{id\}|\{edition\})", tag_format)
    regex = ""
    for piece in pieces:
        if piece == "{id}":
            regex += re.escape(manual_id)
        elif piece == "{edition}":
            regex += r"(?P<edition>\d{4}-(?:0[1-9]|1[0-2]))"
        else:
            regex += re.escape(piece)
    return re.compile(f"^{regex}$")


def edition_tags(names: list[str], tag_format: str, manual_id: str) -> list[EditionTag]:
    """This manual's edition tags among ``names``, oldest first."""
    pattern = tag_pattern(tag_format, manual_id)
    found: dict[str, EditionTag] = {}
    for name in names:
        match = pattern.match(name)
        if match:
            found[match["edition"]] = EditionTag(match["edition"], name)
    return [found[key] for key in sorted(found)]


def imported_edition(settings: dict[str, Any]) -> str | None:
    """The edition the manual was imported at (``edition: imported:``), if any."""
    value = str(settings.get("imported") or "")
    return value if EDITION_RE.match(value) else None


def in_preparation(tags: list[EditionTag], settings: dict[str, Any]) -> str | None:
    """The edition started with ``stamp --edition`` and not released yet, if any."""
    started = str(settings.get("preparing") or "")
    if not EDITION_RE.match(started):
        return None
    if tags and started <= tags[-1].edition:
        return None  # released (or overtaken): the manual is between editions
    return started


def refuse_released(tags: list[EditionTag], edition: str, tag_format: str, manual_id: str) -> None:
    """Refuse to prepare an edition that is released, or older than the last release."""
    tag = tag_name(tag_format, manual_id, edition)
    imported = next((t for t in tags if t.imported), None)
    if imported is not None and edition <= imported.edition:
        raise UsageError(
            f"The manual was imported at its {display(imported.edition)} edition (manual.yaml "
            f"edition: imported:), published before manualctl: {display(edition)} cannot be "
            "prepared now.",
            hint="Give an edition after it, for example the next one you will publish.",
        )
    if any(t.edition == edition for t in tags):
        raise UsageError(
            f'The edition {display(edition)} has been released already: the tag "{tag}" exists.',
            hint="Pick the next edition, or if the tag is a mistake delete it "
            f"(git tag -d {tag}) before releasing again.",
        )
    later = [t for t in tags if t.edition > edition]
    if later:
        raise UsageError(
            f"A later edition exists ({display(later[-1].edition)}, {later[-1].described}).",
            hint="Editions go forward: give an edition after the latest one.",
        )


def previous(tags: list[EditionTag], coming: str) -> EditionTag | None:
    """The newest edition tag before ``coming``."""
    earlier = [t for t in tags if t.edition < coming]
    return earlier[-1] if earlier else None


def edition_at_head(manual_root: Path, tag_format: str, manual_id: str) -> str | None:
    """The edition whose tag points at the checked-out commit (None if none, or no git).

    So that publishing a released commit (in CI, on the tag) names the edition that was
    released, whatever month the commit was made in.
    """
    from manualctl import git

    # one git process: outside a repository (or before any commit) it prints nothing
    names = git.run(["tag", "--points-at", "HEAD"], manual_root, check=False).split()
    tags = edition_tags(names, tag_format, manual_id)
    return tags[-1].edition if tags else None
