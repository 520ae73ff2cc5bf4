"""A chapter file: YAML front matter between ``---`` lines, then a Markdown body.

A chapter is identified by its front-matter ``id`` (a slug that never changes once
released), not by its path or its number. Its title lives here and nowhere else.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import re
from pathlib import Path
from typing import Any, NamedTuple

from manualctl.model.yamltext.reader import YamlAliasError, YamlSyntaxError, load_fast

#: Front-matter keys that are bookkeeping: changing them does not make a chapter "Updated".

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class FrontMatterError(Exception):
    """The file has no front matter, or it does not parse. Lines are 1-based."""

    def __init__(self, line: int, column: int, problem: str, code: str) -> None:
        super().__init__(problem)
        self.line = line
        self.column = column
        self.problem = problem
        self.code = code


class SplitText:
    """A chapter's text cut into front matter and body (newlines normalised to \\n). (A
    plain class: making a NamedTuple compiles its ``__new__``, which every command's
    start-up pays for.)"""

    __slots__ = ("body", "body_line", "front_matter")

    def __init__(self, front_matter: str, body: str, body_line: int) -> None:
        self.front_matter = front_matter
        self.body = body
        self.body_line = body_line  # line number (1-based) of the first body line in the file


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is accepted) with newlines normalised. Raises UnicodeDecodeError."""
    text = raw.decode()  # (not "utf-8-sig": that codec is Python code, this one C)
    if text.startswith("\ufeff"):
        text = text[1:]  # the byte order mark, as "utf-8-sig" drops it
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str) -> SplitText:
    """Cut text into front matter and body. Raises :class:`FrontMatterError`."""
    if not text or text.isspace():  # (what strip() would leave empty, without a copy)
        raise FrontMatterError(1, 1, "the file is empty", "chapter-empty")
    if not text.startswith("---\n"):
        raise FrontMatterError(
            1, 1, "the file does not start with front matter (a line '---')", "front-matter"
        )
    end = _FRONT_MATTER_END.search(text, 4)  # (after a newline: "^" matches at 4)
    if end is None:
        raise FrontMatterError(
            1, 1, "the front matter is not closed by a line '---'", "front-matter"
        )
    front = text[4 : end.start()]
    rest_start = end.end()
    body = text[rest_start + 1 :] if text[rest_start : rest_start + 1] == "\n" else ""
    body_line = front.count("\n") + 3
    return SplitText(front, body, body_line)


class Chapter(NamedTuple):
    """One chapter file, read from disk."""

    path: Path  # absolute
    rel: str  # path relative to the manual root, POSIX style, as manual.yaml names it
    meta: dict[str, Any]
    body: str
    body_line: int
    front_matter: str = ""

    @property
    def id(self) -> str:
        return str(self.meta.get("id", ""))

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def status(self) -> str | None:
        value = self.meta.get("status")
        return str(value) if value else None

    @property
    def kind(self) -> str:
        """``chapter`` (default) or ``amendments`` (the generated Amendments appendix)."""
        return str(self.meta.get("kind") or "chapter")

    @property
    def amendments(self) -> dict[str, str]:
        value = self.meta.get("amendments") or {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def substance(self) -> tuple[str, str]:
        """What decides "Updated": the title and the body (whitespace at the ends ignored)."""
        return (self.title.strip(), self.body.strip())


def parse(text: str) -> tuple[dict[str, Any], SplitText]:
    """Parse decoded chapter text. Raises :class:`FrontMatterError`."""
    parts = split(text)
    return parse_front_matter(parts.front_matter), parts


def parse_front_matter(front_matter: str) -> dict[str, Any]:
    """The keys of front matter cut out by :func:`split`. Raises :class:`FrontMatterError`."""
    try:
        meta = load_fast(front_matter)
    except YamlAliasError as exc:
        raise FrontMatterError(exc.line + 1, exc.column, exc.problem, "yaml-alias") from None
    except YamlSyntaxError as exc:
        raise FrontMatterError(exc.line + 1, exc.column, exc.problem, "yaml-syntax") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            2, 1, "the front matter is not a set of 'key: value' lines", "front-matter"
        )
    return meta


def read(path: Path, root: Path) -> Chapter:
    """Read a chapter file. Raises OSError, UnicodeDecodeError or FrontMatterError."""
    text = decode(path.read_bytes())
    meta, parts = parse(text)
    rel = path.relative_to(root).as_posix()
    return Chapter(path, rel, meta, parts.body, parts.body_line, parts.front_matter)


#: The longest id made from a title: long enough to tell chapters apart, short enough to
#: read in a link or a file name (some councils' titles run to 180 characters).
ID_FROM_TITLE_MAX = 60


def slugify(title: str, *, limit: int | None = None) -> str:
    """A chapter id from a title: lower case ASCII words joined by hyphens; with
    ``limit``, the words that fit in that many characters (a first word that does not
    fit is cut)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("'", "")
    slug = "-".join(re.findall(r"[a-z0-9]+", text))
    if limit is not None and len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[:cut] if cut > 0 else slug[:limit]
    return slug


def id_from_title(title: str) -> str:
    """The id manualctl gives a chapter with this title (new-chapter, import)."""
    return slugify(title, limit=ID_FROM_TITLE_MAX)
