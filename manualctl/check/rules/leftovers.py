"""Rules for text left in a chapter by mistake: the template's placeholder sentences
(``template-text``) and a merge's conflict markers (``conflict-markers``).

Both would be published as if they were the procedure. The placeholders are the
paragraphs of the chapter templates (manualctl's and the manual's own ``templates/``),
known by their first line; conflict markers are the ``<<<<<<<``, ``=======`` and
``>>>>>>>`` lines git writes into a file it could not merge.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from manualctl.check.findings import Finding, Severity
from manualctl.check.rules import finding
from manualctl.check.rules.context import Context
from manualctl.model.chapter import Chapter
from manualctl.model.manual import Manual
from manualctl.resources import templates_dir

_CONFLICT = re.compile(r"^(<{7}(?: .*)?|={7}|>{7}(?: .*)?)[ \t]*$", re.M)


def own(ctx: Context, chapter: Chapter, placeholders: tuple[str, ...]) -> list[Finding]:
    """Conflict markers and placeholder text (``placeholders``: :func:`placeholder_lines`)
    in one chapter."""
    if "<<<<<<<" in chapter.body:
        return _conflicts(ctx, chapter) + _placeholders(ctx, chapter, placeholders)
    return _placeholders(ctx, chapter, placeholders)


def template_text(manual: Manual) -> list[Finding]:
    """The placeholder text still in ``manual``'s chapters, as errors (for release)."""
    ctx = Context(manual, "", date.today())
    lines = placeholder_lines(manual.root)
    found = [f for chapter in ctx.chapters for f in _placeholders(ctx, chapter, lines)]
    return [f._replace(severity=Severity.ERROR) for f in found]


def _conflicts(ctx: Context, chapter: Chapter) -> list[Finding]:
    found: list[Finding] = []
    inside = False
    for match in _CONFLICT.finditer(chapter.body):
        mark = match[1]
        if mark.startswith("<"):
            inside = True
        elif not inside:
            continue  # "=======" alone underlines a heading; ">>>>>>>" needs a "<<<<<<<"
        elif mark.startswith(">"):
            inside = False
        found.append(
            finding(
                "conflict-markers",
                ctx.body_at(chapter, match.start()),
                f'"{mark[:40]}" is a merge conflict marker: git could not merge two versions '
                "of this chapter, and both are in the file.",
                "Choose the text to keep, then delete the marker lines (<<<<<<<, ======= and "
                ">>>>>>>) and the version you do not keep; commit the result.",
            )
        )
    return found


def _placeholders(ctx: Context, chapter: Chapter, lines: tuple[str, ...]) -> list[Finding]:
    found: list[Finding] = []
    for line in lines:
        offset = chapter.body.find(line)
        if offset < 0:
            continue
        found.append(
            finding(
                "template-text",
                ctx.body_at(chapter, offset),
                f'"{_short(line)}" is the chapter template\'s placeholder text, not the '
                "chapter's own.",
                "Replace it with what the chapter says (or delete it); release refuses "
                "placeholder text.",
            )
        )
    return found


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rstrip() + "..."


def placeholder_lines(root: Path) -> tuple[str, ...]:
    """First lines of the templates' placeholder paragraphs (manualctl's and the manual's)."""
    own = root / "templates"
    texts: list[str] = []
    if own.is_dir():
        for path in sorted(own.glob("*.md")):
            try:
                texts.append(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue  # the template rules of new-chapter report it
    return tuple(dict.fromkeys([*_default_lines(), *(x for t in texts for x in _lines(t))]))


@cache
def _default_lines() -> tuple[str, ...]:
    out: list[str] = []
    for item in sorted(templates_dir().iterdir(), key=lambda t: t.name):
        if item.name.endswith(".md") and item.name.startswith("chapter"):
            out += _lines(item.read_text(encoding="utf-8"))
    return tuple(out)


def _lines(template: str) -> list[str]:
    """The first line of each paragraph of a template's body (not headings or fences)."""
    parts = template.split("\n---\n", 1)
    body = parts[1] if template.startswith("---") and len(parts) == 2 else template
    out: list[str] = []
    previous = ""
    for raw in body.splitlines():
        line = raw.strip()
        starts = not previous or previous.startswith(":::")
        skip = line.startswith(("#", ":::", "-", "|")) or "{{" in line
        if starts and len(line) >= 30 and not skip:
            out.append(line)
        previous = line
    return out
