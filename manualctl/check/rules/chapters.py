"""Rules for chapter front matter: ids, the Amendments appendix, owners, review dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from manualctl.check.findings import Finding
from manualctl.check.rules import finding
from manualctl.check.rules.context import Context
from manualctl.model.chapter import Chapter
from manualctl.model.dates import add_months, review_months
from manualctl.model.manual import retired_id_message

_DUE_HINT = (
    "Review the chapter with its owner, then set 'review: last:' to the date of the "
    "review (and 'next:' if you use it); 'manualctl review' does this for you."
)


def check(ctx: Context) -> list[Finding]:
    """The rules that compare chapters: ids used twice or retired, and one Amendments
    appendix (what one chapter's front matter says alone is :func:`own`)."""
    findings: list[Finding] = []
    first_by_id: dict[str, Chapter] = {}
    amendments: Chapter | None = None
    for chapter in ctx.chapters:
        findings += _identity(ctx, chapter, first_by_id)
        if chapter.kind != "amendments":
            continue
        if amendments is not None:
            findings.append(
                finding(
                    "amendments-twice",
                    ctx.meta_at(chapter, ["kind"]),
                    "a second chapter has 'kind: amendments'; the first is "
                    f"{ctx.shown(amendments)}.",
                    "A manual has one Amendments appendix: remove 'kind: amendments' "
                    "from one of them.",
                )
            )
        else:
            amendments = chapter
    return findings


def own(ctx: Context, chapter: Chapter) -> list[Finding]:
    """The rules of one chapter's front matter that look at nothing else (but today):
    its owner, its review dates, and whether it has text yet."""
    findings: list[Finding] = []
    if chapter.kind != "amendments" and chapter.rel not in ctx.invalid:
        # (schema errors first: they may be the cause)
        findings += _owner(ctx, chapter)
        findings += _review(ctx, chapter)
    return findings + _awaiting_text(ctx, chapter)


def _identity(ctx: Context, chapter: Chapter, first: dict[str, Chapter]) -> list[Finding]:
    cid = chapter.meta.get("id")
    if not isinstance(cid, str) or not cid:
        return []
    if cid in first:
        return [
            finding(
                "duplicate-id",
                ctx.meta_at(chapter, ["id"]),
                f'the id "{cid}" is also used by {ctx.shown(first[cid])}.',
                "Every chapter needs an id of its own, and ids never change once published: "
                "give the newer of the two chapters a new id.",
            )
        ]
    first[cid] = chapter
    if cid in ctx.retired:
        message, hint = retired_id_message(cid, ctx.retired[cid])
        return [finding("id-retired", ctx.meta_at(chapter, ["id"]), message, hint)]
    return []


def _owner(ctx: Context, chapter: Chapter) -> list[Finding]:
    owner = chapter.meta.get("owner")
    if isinstance(owner, str) and owner.strip():
        return []
    return [
        finding(
            "owner-missing",
            ctx.meta_at(chapter, ["owner"] if "owner" in chapter.meta else []),
            "the chapter has no owner.",
            "Add a line 'owner: ...' to the front matter naming the role or team "
            "responsible for it, e.g. 'owner: Head of Service, Children in Care'.",
        )
    ]


def _awaiting_text(ctx: Context, chapter: Chapter) -> list[Finding]:
    if chapter.body.strip():
        return []
    if chapter.kind == "amendments":
        hint = "Run 'manualctl amendments' to write the Amendments appendix."
    else:
        hint = "Write the chapter's text below the front matter (after the second '---')."
    return [
        finding(
            "chapter-awaiting-text",
            ctx.body_at(chapter, 0),
            f'"{chapter.title}" has no text yet.',
            hint,
        )
    ]


def _review(ctx: Context, chapter: Chapter) -> list[Finding]:
    review = chapter.meta.get("review")
    if not isinstance(review, dict) or not review:
        if review is not None and not isinstance(review, dict):
            return []  # the schema reported it
        return [
            finding(
                "review-missing",
                ctx.meta_at(chapter, ["review"] if "review" in chapter.meta else []),
                "the chapter has no review information.",
                "Add to the front matter 'review:' with 'last: YYYY-MM-DD' (when it was last "
                "reviewed) and 'every_months: 12' or 'next: YYYY-MM-DD'.",
            )
        ]
    findings: list[Finding] = []
    dates: dict[str, date] = {}
    for key in ("last", "next"):
        value = review.get(key)
        if not isinstance(value, str):
            continue
        try:
            dates[key] = date.fromisoformat(value)
        except ValueError:
            if len(value) == 10:  # the right form but not a real date (else: schema-format)
                findings.append(
                    finding(
                        "date-invalid",
                        ctx.meta_at(chapter, ["review", key]),
                        f'review {key} "{value}" is not a date that exists.',
                        "Write a real date as YYYY-MM-DD, for example 2026-11-30.",
                    )
                )
    every = review.get("every_months")
    due, due_key = _due(dates, every)
    if due is None:
        if review_months(every) is not None and "last" not in dates and not findings:
            findings.append(  # the interval is there, the date to count it from is not
                finding(
                    "review-incomplete",
                    ctx.meta_at(chapter, ["review"]),
                    f"the review is every {every} months, but from no date: there is no "
                    "'last' review date.",
                    "Add 'last: YYYY-MM-DD' (the day of the last review) or "
                    "'next: YYYY-MM-DD' under 'review:'.",
                )
            )
        elif "last" in dates or not findings:
            findings.append(
                finding(
                    "review-incomplete",
                    ctx.meta_at(chapter, ["review"]),
                    "the review information says nothing about when the next review is due.",
                    "Add 'every_months: 12' (or the interval you use) or 'next: YYYY-MM-DD' "
                    "under 'review:'.",
                )
            )
        return findings
    if "last" in dates and "next" in dates and dates["next"] < dates["last"]:
        findings.append(
            finding(
                "review-order",
                ctx.meta_at(chapter, ["review", "next"]),
                f"the next review ({_long(dates['next'])}) is before the last one "
                f"({_long(dates['last'])}).",
                "Correct one of the two dates.",
            )
        )
    if due < ctx.today:
        days = (ctx.today - due).days
        findings.append(
            finding(
                "review-overdue",
                ctx.meta_at(chapter, ["review", due_key]),
                f"the review was due on {_long(due)} ({days} day{'s' if days != 1 else ''} ago).",
                _DUE_HINT,
            )
        )
    return findings


def _due(dates: dict[str, date], every: Any) -> tuple[date | None, str]:
    if "next" in dates:
        return dates["next"], "next"
    months = review_months(every)
    if "last" in dates and months is not None:
        return add_months(dates["last"], months), "last"
    return None, ""


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"
