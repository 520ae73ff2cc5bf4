"""Chapter templates, and the text of a new chapter made from one.

manualctl ships ``templates/chapter.md``; a manual may add templates (or replace that
one) in its own ``templates/`` folder: every ``NAME.md`` there is a template called
NAME. A template is a chapter file with placeholders: ``{{id}}``, ``{{title}}``,
``{{owner}}`` and ``{{today}}`` (YYYY-MM-DD). In the front matter they are written as
YAML values (quoted where needed); in the body as plain text. An owner given to a
template without ``{{owner}}`` in its front matter is set there all the same.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from manualctl.check import schema
from manualctl.check.findings import did_you_mean
from manualctl.errors import UsageError
from manualctl.model import chapter as chapter_mod
from manualctl.model.yamltext.scalar import scalar
from manualctl.resources import templates_dir

DEFAULT_TEMPLATE = "chapter"
_PLACEHOLDER = re.compile(r"\{\{\s*(id|title|owner|today)\s*\}\}")
_FRONT_PLACEHOLDER = re.compile(r"([ \t]*)\{\{\s*(id|title|owner|today)\s*\}\}")


@dataclass(frozen=True)
class Template:
    name: str
    text: str
    origin: str  # "this manual (templates/x.md)" or "manualctl"


def templates(root: Path) -> list[Template]:
    """Every template the manual can use: its own first, then manualctl's (by name)."""
    found: dict[str, Template] = {}
    own = root / "templates"
    if own.is_dir():
        for path in sorted(own.glob("*.md")):
            found[path.stem] = Template(
                path.stem, _read(path, root), f"this manual (templates/{path.name})"
            )
    for item in sorted(templates_dir().iterdir(), key=lambda t: t.name):
        name = item.name
        if name.endswith(".md") and name[:-3] not in found:
            found[name[:-3]] = Template(name[:-3], item.read_text(encoding="utf-8"), "manualctl")
    return sorted(found.values(), key=lambda t: (t.name != DEFAULT_TEMPLATE, t.name))


def _read(path: Path, root: Path) -> str:
    """A manual's own template: a regular file inside the manual (a symlink to a file
    elsewhere would copy that file's text into the new chapter)."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(root)):
        raise UsageError(
            f"The template {path} is a link to {real}, outside the manual's folder.",
            hint="Replace the link with the file itself: manualctl reads only the manual's folder.",
        )
    if not real.is_file():
        raise UsageError(
            f"The template {path} is not a regular file.",
            hint="Replace it with an ordinary .md file, or remove it.",
        )
    try:
        return chapter_mod.decode(path.read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"Cannot read the template {path}: {exc}.",
            hint="Save it as UTF-8 text, or remove it from the templates folder.",
        ) from exc


def find_template(root: Path, name: str) -> Template:
    available = templates(root)
    for template in available:
        if template.name == name:
            return template
    names = [t.name for t in available]
    raise UsageError(
        f'There is no template called "{name}".{did_you_mean(name, names)}',
        hint="Templates you can use: " + ", ".join(names) + " (see 'manualctl new-chapter "
        "--list-templates'); a manual's own templates are the .md files in its templates/ folder.",
    )


def render(template: Template, *, chapter_id: str, title: str, owner: str, today: date) -> str:
    """The new chapter's text. Raises :class:`UsageError` when the result is not valid."""
    values = {"id": chapter_id, "title": title, "owner": owner, "today": today.isoformat()}
    text = template.text
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        end = len(text) if end < 0 else end
        front = _FRONT_PLACEHOLDER.sub(lambda m: _front_value(m, values), text[:end])
    else:
        front, end = "", 0
    # one pass each: a title holding "{{today}}" keeps it as written
    asks_owner = any(m[2] == "owner" for m in _FRONT_PLACEHOLDER.finditer(text[:end]))
    text = front + _PLACEHOLDER.sub(lambda m: values[m[1]], text[end:])
    _check(template, text, chapter_id, title)
    if owner and not asks_owner:
        text = _with_owner(text, owner)  # --owner says who owns it, whatever the template has
    return text


def _with_owner(text: str, owner: str) -> str:
    """The chapter ``text`` with ``owner`` in its front matter (after ``title``, or in
    place of the template's own owner), the rest as written."""
    from manualctl.model.yamltext import editor

    parts = chapter_mod.split(text)
    doc = editor.Document(parts.front_matter)
    editor.set_key(doc, "owner", {(): owner}, after="title")
    head = text[: len(text) - len(parts.body)]
    return "---\n" + doc.text + head[4 + len(parts.front_matter) :] + parts.body


def _front_value(match: re.Match[str], values: dict[str, str]) -> str:
    """A placeholder's value in the front matter, as YAML; an empty one with the spaces
    before it (``owner: {{owner}}`` with no owner is ``owner:``, no trailing space)."""
    value = values[match[2]]
    return match[1] + scalar(value) if value else ""


def _check(template: Template, text: str, chapter_id: str, title: str) -> None:
    where = f'The template "{template.name}" ({template.origin})'
    try:
        meta, _ = chapter_mod.parse(text)
    except chapter_mod.FrontMatterError as exc:
        raise UsageError(
            f"{where} does not make a valid chapter: {exc.problem} (line {exc.line}).",
            hint="Fix the template's front matter (between the '---' lines), then retry.",
        ) from None
    if meta.get("id") != chapter_id or meta.get("title") != title:
        raise UsageError(
            f"{where} must set 'id: {{{{id}}}}' and 'title: {{{{title}}}}' in its front matter.",
            hint="Add those two lines to the template, then retry.",
        )
    if not schema.is_valid("chapter", meta):
        raise UsageError(
            f"{where} does not make valid front matter for a chapter.",
            hint="Compare it with manualctl's own templates/chapter.md and the chapter "
            "schema (schemas/chapter.schema.json), then retry.",
        )
