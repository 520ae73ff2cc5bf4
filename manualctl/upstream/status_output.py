"""How an ``upstream status`` is shown: text for people, JSON, and findings for CI.

The status itself (what the template changed, by category) is
:mod:`manualctl.upstream.status`.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict
from pathlib import Path

from manualctl.check.findings import Finding, display
from manualctl.check.rules import RULES, finding
from manualctl.errors import ManualctlError, ManualInvalid
from manualctl.model.manual import MANUAL_FILE
from manualctl.model.yamltext.position import locate
from manualctl.model.yamltext.reader import YamlSyntaxError
from manualctl.upstream.status import CATEGORIES, Item, Status


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


def located(result: Status) -> list[Item]:
    """The items with their line and column (manual.yaml's tree composed only here)."""
    out = []
    for item in result.items:
        if item.key:
            line, column = locate(result.config_text, item.key)
            item = item._replace(line=line, column=column, key=())
        elif item.sub is not None:
            file, line, column = item.sub.replaces_at
            item = item._replace(file=file, line=line, column=column, sub=None)
        out.append(item)
    return out


def as_json(result: Status | list[Status]) -> str:
    """One manual's status as a JSON object; several as a list of those."""
    data = [_data(r) for r in result] if isinstance(result, list) else _data(result)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _data(result: Status) -> dict[str, object]:
    data = asdict(result)
    data.pop("config_text")
    data["items"] = [i._asdict() for i in located(result)]
    for item in data["items"]:
        item.pop("key")
        item.pop("sub")
    data["needs_decision"] = result.needs_decision
    return data


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
    for item in located(result):
        heading, code = CATEGORIES[item.category]
        number = f"{item.number} " if item.number else ""
        message = f"{heading}: {number}{item.id} ({item.title})."
        if item.detail:
            message = message[:-1] + f"; {item.detail}."
        where = (item.file, item.line, item.column)
        out.append(finding(code, where, message, _hint(item, result)))
    return out


def failure_findings(root: Path, error: ManualctlError) -> list[Finding]:
    """A manual that could not be compared (``upstream status DIR...``), as findings for
    ``--format github``: its problems, each at its file and line, or the error itself at
    manual.yaml's ``upstream:`` (its first line when that cannot be found)."""
    if isinstance(error, ManualInvalid) and error.findings:
        return list(error.findings)
    code = getattr(error, "code", "")
    path = root / MANUAL_FILE
    line, column = 1, 1
    with contextlib.suppress(OSError, UnicodeDecodeError, YamlSyntaxError):
        line, column = locate(path.read_text(encoding="utf-8"), ["upstream"], key=True)
    rule = code if code in RULES else "upstream-unreadable"
    return [finding(rule, (display(path), line, column), error.message, error.hint or "")]
