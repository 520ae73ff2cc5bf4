"""Review dates: whole months after a date, and the review interval as written.

Dates come from people (front matter, ``--today``): a next review that would fall after
the last day Python's dates can hold (31 December 9999) is that day, never an error.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

#: how often a chapter is reviewed unless it says otherwise (as templates/chapter.md has it)
REVIEW_EVERY_MONTHS = 12


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February);
    :data:`datetime.date.max` when that is after the year 9999."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    # the month's last day is the day before the next month's first (December's is the
    # 31st); calendar.monthrange says the same, but importing calendar imports locale
    last = 31 if month == 12 else (date(year, month + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days``, :data:`datetime.date.max` when that is after the year 9999."""
    if days >= (date.max - day).days:
        return date.max
    return day + timedelta(days=days)


def review_months(value: Any) -> int | None:
    """``review.every_months`` as a whole number of months (``12`` or ``12.0``), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and value > 0 else None
