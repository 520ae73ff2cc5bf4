"""``manualctl upstream status``: what the template changed that this manual must decide.

The manual follows the template at ``upstream.edition`` (E) and is compared with a
later edition T (``--to``, default the template's newest). Each template chapter the
manual places is in exactly one category:

* ``removed``: the template no longer has it at T;
* ``retitled``: its title changed (for a substitution: since ``based_on``);
* ``changed``: an inherited chapter whose text changed between E and T (it will be
  Updated in the manual's next edition once it moves to T);
* ``stale``: a substituted chapter whose template chapter changed since ``based_on``;
* ``unchanged``.

``unplaced`` lists chapters new in the template at T that the manual neither inherits
nor replaces. Every category but ``unchanged`` needs a decision (``--check`` fails).
Reading costs one cat-file process for every edition involved, and two git processes
to find the template and its tags.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from manualctl.check.findings import Finding
from manualctl.check.load import display, read, refuse_errors
from manualctl.check.rules import finding
from manualctl.editions.tags import parse_edition
from manualctl.model.chapter import Chapter
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.yamltext.position import locate
from manualctl.upstream.resolve import Edition, read_editions
from manualctl.upstream.source import Upstream, UpstreamError
from manualctl.upstream.source import locate as locate_upstream
from manualctl.upstream.substitution import Where, substitutions

#: Category -> (heading in the text report, rule code for --format github).
CATEGORIES = {
    "changed": ("Changed upstream: inherited, so Updated in your next edition", "upstream-changed"),
    "stale": (
        "Stale substitutions: the template changed the chapter they replace",
        "substitution-stale",
    ),
    "retitled": ("Retitled upstream", "upstream-retitled"),
    "removed": ("Removed upstream", "upstream-removed"),
    "unplaced": ("New upstream chapters not placed", "upstream-unplaced"),
}


@dataclass(frozen=True)
class Item:
    category: str
    id: str  # the template chapter's id
    title: str
    number: str = ""  # the local number ("" for an unplaced chapter)
    detail: str = ""
    file: str = ""  # where it is written: manual.yaml or the substituted chapter file
    line: int = 0
    column: int = 0


@dataclass
class Status:
    manual: str
    upstream: str  # the template's folder, as shown
    edition: str  # followed
    compared_with: str
    items: list[Item] = field(default_factory=list)
    unchanged: int = 0

    @property
    def needs_decision(self) -> bool:
        return bool(self.items)


def same(a: Chapter | None, b: Chapter | None) -> bool:
    """Substance (title and text) alike, as stamp compares chapters."""
    return a is not None and b is not None and a.substance() == b.substance()


def status(manual: Manual, config_text: str, to: str | None = None) -> Status:
    """Compare the manual's template references with the template at ``to``."""
    settings = manual.upstream
    if settings is None:
        raise UpstreamError(
            "upstream-unreadable",
            f"{display(manual.config_path)} names no upstream manual.",
            hint="Add 'upstream:' with the template's folder and edition (see the README, "
            "'Manuals built on a template').",
        )
    upstream = locate_upstream(manual.root, settings)
    target = parse_edition(to, what="--to") if to else upstream.editions[-1]
    if target not in upstream.editions:
        locate_upstream(manual.root, settings, target)  # raises: no such edition
    if target < upstream.edition:
        raise UpstreamError(
            "upstream-edition-missing",
            f"--to {target} is before the edition this manual follows ({upstream.edition}).",
            hint="Give a later edition of the template.",
        )
    subs = substitutions(manual, config_text)
    wanted = [upstream.edition, target, *(s.based_on for s in subs if s.based_on)]
    editions = _read(upstream, wanted)
    followed, later = editions[upstream.edition], editions[target]
    shown = display(manual.root / MANUAL_FILE)
    result = Status(manual.id, display(upstream.root), upstream.edition, target)
    placed: set[str] = set()
    for entry in manual.inherited_entries():
        cid = entry.inherit or ""
        placed.add(cid)
        before = followed.chapters.get(cid)
        if before is None:
            continue  # not in the followed edition: validate reports it
        line, column = locate(config_text, (*entry.path, "inherit"))
        where = (shown, line, column)
        item = _compare(cid, before, later.chapters.get(cid), entry.number, where, target, "")
        _add(result, item)
    for sub in subs:
        placed.add(sub.replaces)
        base_edition = sub.based_on or upstream.edition
        base = editions.get(base_edition, followed).chapters.get(sub.replaces)
        if base is None:
            continue
        item = _compare(
            sub.replaces,
            base,
            later.chapters.get(sub.replaces),
            sub.entry.number,
            sub.replaces_at,
            target,
            f"replaced by {sub.entry.file}, based on {base_edition}",
        )
        _add(result, item)
    line, column = locate(config_text, ("upstream", "edition"))
    for cid, chapter in later.chapters.items():
        if cid not in placed and cid not in followed.chapters:
            result.items.append(
                Item("unplaced", cid, chapter.title, "", f"new in {target}", shown, line, column)
            )
    order = list(CATEGORIES)
    result.items.sort(key=lambda i: order.index(i.category))  # stable: contents order
    return result


def status_of(root: Path, to: str | None = None) -> Status:
    """:func:`status` of the manual in ``root`` (``upstream status``), refusing a manual
    that has errors."""
    loaded = read(root)
    local = refuse_errors(root, loaded.manual, loaded.findings)
    return status(local, loaded.texts.get(MANUAL_FILE, ""), to)


def _read(upstream: Upstream, wanted: list[str]) -> dict[str, Edition]:
    missing = sorted({e for e in wanted if e not in upstream.editions})
    if missing:
        raise UpstreamError(
            "upstream-edition-missing",
            f"the template {display(upstream.root)} has no edition {', '.join(missing)} "
            f"(its editions: {', '.join(upstream.editions)}).",
            hint="Correct based_on (the template edition the chapter was written against), "
            "or fetch the template's tags ('git fetch --tags').",
        )
    unique = list(dict.fromkeys(wanted))
    return dict(zip(unique, read_editions(upstream, unique), strict=True))


def _compare(
    cid: str,
    before: Chapter,
    after: Chapter | None,
    number: str,
    where: Where,
    target: str,
    substituted: str,
) -> Item:
    file, line, column = where
    if after is None:
        detail = f"the template has no such chapter at {target}"
        return Item(
            "removed", cid, before.title, number, _join(substituted, detail), file, line, column
        )
    if after.title.strip() != before.title.strip():
        detail = f'was "{before.title}"'
        return Item(
            "retitled", cid, after.title, number, _join(substituted, detail), file, line, column
        )
    if same(before, after):
        return Item("unchanged", cid, after.title, number, substituted, file, line, column)
    category = "stale" if substituted else "changed"
    return Item(category, cid, after.title, number, substituted, file, line, column)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _add(result: Status, item: Item) -> None:
    if item.category == "unchanged":
        result.unchanged += 1
    else:
        result.items.append(item)


# --- output ---------------------------------------------------------------------------------


def render_text(result: Status) -> str:
    lines = [
        f"{result.manual} follows the template {result.upstream} at {result.edition}; "
        f"compared with {result.compared_with}.",
    ]
    for category, (heading, _) in CATEGORIES.items():
        items = [i for i in result.items if i.category == category]
        if not items:
            continue
        lines += ["", f"{heading} ({len(items)}):"]
        for item in items:
            number = f"{item.number} " if item.number else ""
            detail = f"; {item.detail}" if item.detail else ""
            lines.append(f"  {number}{item.id}: {item.title}{detail}")
    lines += ["", f"Unchanged: {result.unchanged} chapter(s)."]
    if result.needs_decision:
        lines.append(_next(result))
    else:
        lines.append("Nothing to decide.")
    return "\n".join(lines) + "\n"


def _next(result: Status) -> str:
    steps = []
    if any(i.category == "stale" for i in result.items):
        steps.append(
            "read the template's change to each stale substitution's chapter, change yours "
            "if needed and set its based_on to the edition you checked it against"
        )
    if result.compared_with != result.edition:
        steps.append(
            f"place, drop or keep the chapters above, then set upstream.edition to "
            f"{result.compared_with} in manual.yaml"
        )
    return "Next: " + "; ".join(steps) + "." if steps else "Next: decide on the chapters above."


def as_json(result: Status) -> str:
    data = asdict(result)
    data["needs_decision"] = result.needs_decision
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _hint(item: Item, result: Status) -> str:
    to = result.compared_with
    if item.category == "changed":
        return f"Nothing to change here: it follows the template when upstream.edition is {to}."
    if item.category == "stale":
        return (
            "Read the template's change to the chapter, change yours if it needs it, then "
            f"set its based_on to {to}."
        )
    if item.category == "retitled":
        return "Check the new title still fits where the chapter is placed."
    if item.category == "removed":
        return (
            f"Remove the entry, or keep the text as a chapter of your own, before moving to {to}."
        )
    return f"Place it where it belongs ('- inherit: {item.id}'), or leave it out on purpose."


def as_findings(result: Status) -> list[Finding]:
    out = []
    for item in result.items:
        heading, code = CATEGORIES[item.category]
        number = f"{item.number} " if item.number else ""
        message = f"{heading}: {number}{item.id} ({item.title})."
        if item.detail:
            message = message[:-1] + f"; {item.detail}."
        where = (item.file, item.line, item.column)
        out.append(finding(code, where, message, _hint(item, result)))
    return out
