"""Rules for manual.yaml's settings outside the contents tree: the retired chapters'
dates, the logo, and the edition tag format."""

from __future__ import annotations

import os
import posixpath
from datetime import date
from pathlib import Path

from manualctl.check.findings import Finding
from manualctl.check.pictures import IMAGE_SUFFIXES, USE_A_PICTURE
from manualctl.check.rules import finding
from manualctl.check.rules.context import Context
from manualctl.check.rules.links import picture_finding
from manualctl.model.manual import DEFAULT_TAG_FORMAT, tag_name


def check(ctx: Context) -> list[Finding]:
    findings = _retired_dates(ctx)
    findings += _logo(ctx)
    findings += _tag_format(ctx)
    return findings


def _tag_format(ctx: Context) -> list[Finding]:
    """``edition.tag_format`` must make tag names git accepts (release tags with it)."""
    settings = ctx.manual.data.get("edition")
    fmt = settings.get("tag_format") if isinstance(settings, dict) else None
    if not isinstance(fmt, str) or "{edition}" not in fmt:
        return []  # the schema reported it
    if fmt == DEFAULT_TAG_FORMAT:
        return []  # an id is a slug and an edition YYYY-MM: "slug/YYYY-MM" is a valid tag
    from manualctl import git  # a git process only for a manual's own format

    name = tag_name(fmt, ctx.manual.id or "manual", "2026-11")
    if git.tag_name_ok(name, ctx.root) is not False:
        return []
    return [
        finding(
            "tag-format",
            ctx.config_at(("edition", "tag_format")),
            f'edition.tag_format "{fmt}" makes tags such as "{name}", which git refuses '
            "as a tag name ('git check-ref-format').",
            "Use letters, digits, '-', '_', '.' and '/' between the parts, with no '..', "
            "no part starting with '.' or ending in '.lock', and no space, '~', '^', ':', "
            "'?', '*', '[' or '\\'. The default is {id}/{edition}.",
        )
    ]


def _logo(ctx: Context) -> list[Finding]:
    """The logo (manual.yaml ``logo.file``): a picture inside the manual, as for images."""
    logo = ctx.manual.data.get("logo")
    if not isinstance(logo, dict) or not isinstance(logo.get("file"), str):
        return []  # the schema reported it
    rel = logo["file"]
    where = ctx.config_at(("logo", "file"))
    real = ctx.inside.where(rel)
    if real is None:
        return [
            finding(
                "image-outside",
                where,
                f'the logo "{rel}" is outside the manual\'s folder.',
                "Copy the logo into media/ and name it relative to manual.yaml "
                "(for example: media/logo.png).",
            )
        ]
    if posixpath.splitext(rel)[1].lower() not in IMAGE_SUFFIXES:
        return [
            finding(
                "image-format",
                where,
                f'the logo "{rel}" is not an image file the editions can show.',
                USE_A_PICTURE,
            )
        ]
    if not os.path.lexists(real):
        return [
            finding(
                "image-missing",
                where,
                f'the logo "{rel}" is missing: there is no such file in the manual.',
                "Put the logo in media/ and name it relative to manual.yaml "
                "(for example: media/logo.png).",
            )
        ]
    found = picture_finding(where, rel, Path(real))
    return [found] if found else []


def _retired_dates(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    retired = ctx.manual.data.get("retired")
    for index, item in enumerate(retired if isinstance(retired, list) else []):
        value = item.get("retired_on") if isinstance(item, dict) else None
        if isinstance(value, str) and not valid_date(value):
            findings.append(
                finding(
                    "date-invalid",
                    ctx.config_at(("retired", index, "retired_on")),
                    f'"{value}" is not a date that exists.',
                    "Write a real date as YYYY-MM-DD, for example 2026-11-30.",
                )
            )
    return findings


def valid_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
