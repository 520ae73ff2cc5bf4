"""Review dates: which chapters are overdue for review, or fall due soon.

A chapter's next review is ``review.next`` when given, else ``review.last`` plus
``review.every_months``. Today's date is always a parameter, never read in here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from manualctl.errors import ManualInvalid
from manualctl.model.dates import add_days, add_months, review_months
from manualctl.model.manual import INHERITED_PREFIX, Manual

if TYPE_CHECKING:
    from manualctl.check.load import Resolver


@dataclass(frozen=True)
class Due:
    """One chapter whose review is overdue or due soon."""

    number: str
    id: str
    title: str
    file: str
    owner: str
    last: str | None
    next: str
    days: int  # days from today to the next review (negative: overdue)

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def inherited(self) -> bool:
        """Inherited from a template: reviewed there, not by this manual's owners."""
        return self.file.startswith(INHERITED_PREFIX)


@dataclass
class Report:
    today: date
    within: int
    due: list[Due] = field(default_factory=list)
    undated: list[tuple[str, str, str]] = field(default_factory=list)  # number, id, file

    @property
    def overdue(self) -> list[Due]:
        return [d for d in self.due if d.overdue]

    @property
    def overdue_here(self) -> list[Due]:
        """Overdue reviews this manual's owners must do (not the template's)."""
        return [d for d in self.overdue if not d.inherited]


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def next_review(meta: dict[str, Any]) -> tuple[date | None, date | None]:
    """(last review, next review) from a chapter's front matter; None where unknown."""
    review = meta.get("review")
    if not isinstance(review, dict):
        return None, None
    last = _date(review.get("last")) if review.get("last") is not None else None
    if review.get("next") is not None:
        return last, _date(review["next"])
    months = review_months(review.get("every_months"))
    if last is not None and months is not None:
        return last, add_months(last, months)
    return last, None


def review(manual: Manual, *, today: date, within: int = 30) -> Report:
    """Chapters overdue or due within ``within`` days, soonest first."""
    report = Report(today, within)
    horizon = add_days(today, within)
    for entry in manual.chapter_entries():
        chapter = manual.chapter_for(entry)
        if chapter is None or chapter.kind == "amendments":
            continue
        last, nxt = next_review(chapter.meta)
        if nxt is None:
            report.undated.append((entry.number, chapter.id, entry.file))
            continue
        if nxt <= horizon:
            owner = chapter.meta.get("owner")
            report.due.append(
                Due(
                    entry.number,
                    chapter.id,
                    chapter.title,
                    entry.file,
                    str(owner) if owner else "",
                    last.isoformat() if last else None,
                    nxt.isoformat(),
                    (nxt - today).days,
                )
            )
    report.due.sort(key=lambda d: (d.next, d.number))
    return report


def as_text(report: Report) -> str:
    lines = []
    for due in report.due:
        when = f"{-due.days} day(s) overdue" if due.overdue else f"due in {due.days} day(s)"
        if due.days == 0:
            when = "due today"
        last = due.last or "never"
        lines.append(f"{due.next}  {due.number} {due.title}  ({when})")
        where = due.file
        if due.inherited:
            where = "inherited from the template (reviewed there)"
        lines.append(f"    owner: {due.owner or '(no owner)'}; last reviewed: {last}; {where}")
    overdue = len(report.overdue)
    upstream = overdue - len(report.overdue_here)
    lines.append(
        f"{overdue} overdue"
        + (f" ({upstream} inherited: the template's to review)" if upstream else "")
        + f", {len(report.due) - overdue} due within {report.within} day(s) "
        f"of {report.today.isoformat()}."
    )
    if report.undated:
        numbers = ", ".join(n for n, _, _ in report.undated)
        lines.append(
            f"{len(report.undated)} chapter(s) have no review date ({numbers}): "
            "give them 'review: last:' and 'every_months:' (or 'next:') in their front matter."
        )
    return "\n".join(lines)


def as_json(report: Report) -> str:
    data = {
        "today": report.today.isoformat(),
        "within_days": report.within,
        "chapters": [{**asdict(d), "overdue": d.overdue} for d in report.due],
        "no_review_date": [{"number": n, "id": i, "file": f} for n, i, f in report.undated],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def review_folder(
    root: Path, *, today: date, within: int = 30, resolver: Resolver | None = None
) -> Report:
    """:func:`review` of the manual in ``root``; reviews are listed even when the manual
    has other errors, but not when manual.yaml itself cannot be read. With ``resolver``
    the chapters inherited from a template are listed too (their review is the
    template's: the template's owner reviews them)."""
    from manualctl.check.load import read

    loaded = read(root, resolver=resolver)
    if loaded.manual is None:
        raise ManualInvalid(
            f"The manual in {root} cannot be read.",
            loaded.findings,
            hint="Fix the errors above (see 'manualctl validate'), then run the command again.",
        )
    return review(loaded.manual, today=today, within=within)
