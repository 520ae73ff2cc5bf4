"""A fast scan of a chapter body: headings and their pandoc identifiers, links (autolinks
too), images, raw markup (HTML, OpenXML, Typst, LaTeX), attribute blocks (``{#id .class
key=value}``, and the class of a ``::: name`` box) and ``:::`` box fences, each with its
offset (line and column).

It reads pandoc's Markdown the way pandoc does for these things (tests compare it with
pandoc's own reading), using regular expressions over the whole body rather than a
pandoc process per chapter: code (fenced blocks, indented blocks, `code spans`) and
backslash-escaped characters are blanked out first, keeping every other character in
its place, so offsets still map to the author's lines and columns. Every pattern runs in
time linear in the body's length (tests/test_mdscan_linear.py): where a regular
expression would search the rest of the text again from each unclosed ``<!--`` or run
of backquotes, the scan finds the closing mark by hand, once.

Deliberately not as pandoc: headings inside lists and block quotes are not found
(publish gives them no identifier either), and of ``\\word`` only the LaTeX commands
an author may try are raw markup (pandoc takes any, ``C:\\Users`` too).

Over 300 lines because it is one reading of one grammar: each pass works on what the
passes before it blanked out, with the same patterns and offsets, so split across
modules the passes would be harder to read and to keep in step with pandoc.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from manualctl.check.limits import MAX_NESTING, MAX_WORD
from manualctl.check.markdown import compiled_later, ids


def position(body: str, offset: int) -> tuple[int, int]:
    """The 0-based line and column of ``offset`` in ``body`` (worked out only for findings:
    the scan keeps offsets, which blanking code out leaves where they were)."""
    return body.count("\n", 0, offset), offset - body.rfind("\n", 0, offset) - 1


class Heading(NamedTuple):  # tuples: cheap to make at import, and to send from a worker
    level: int
    text: str  # the title as written (closing hashes and attribute block left out)
    offset: int  # of the line's start in the body; position() makes it line and column
    id: str  # pandoc's identifier: explicit {#id}, else automatic and made unique
    explicit: bool  # the author wrote {#id}
    attributes: int  # offset of its attribute block's "{", or -1 when it has none
    end: int  # offset just after the title line's last character that is not a space
    # offsets of the "*" and "_" that open emphasis nothing closes (ids.unclosed): pandoc
    # reads a final {...} as text after them
    unclosed: tuple[int, ...] = ()


class Link(NamedTuple):
    target: str
    text: str
    image: bool
    offset: int  # of the target
    start: int  # of the '[' or '!['
    end: int  # just after the link (its ")"), or after the definition's target


class Label(NamedTuple):
    """A footnote or reference-link label outside code: what publish scopes to its chapter
    (pandoc keeps these names document-wide) by writing ``body[start:end]`` again as
    prefix + ``label`` (in brackets when ``bracket``: a shortcut ``[label]`` gets its
    label written after it)."""

    kind: str  # "note" ([^label], used or defined), "definition" ([label]: ...), "use"
    label: str  # as pandoc matches it (white space at the ends dropped)
    start: int
    end: int
    bracket: bool = False


class Raw(NamedTuple):
    kind: str  # "HTML", "HTML comment", "LaTeX", "OpenXML", "Typst", ...
    snippet: str
    offset: int


class Attribute(NamedTuple):
    """One part of an attribute block: ``("id", x)``, ``("class", x)`` or ``(key, value)``."""

    key: str
    value: str
    offset: int  # of the block's "{" (or of the box's name)


class Fence(NamedTuple):
    """A ``:::`` line: one that opens a box (``::: name``, ``::: {...}``) or closes one."""

    opens: bool
    offset: int


class Scan:
    """What :func:`scan` found in one body (a plain class: see :class:`Heading`)."""

    __slots__ = (
        "attributes",
        "fences",
        "headings",
        "labels",
        "links",
        "long_words",
        "raw",
        "too_deep",
    )

    def __init__(self) -> None:
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.raw: list[Raw] = []
        self.attributes: list[Attribute] = []
        self.fences: list[Fence] = []
        self.labels: list[Label] = []
        # (nesting of lists, quotes and boxes; offset) at its deepest, when that is
        # more than limits.MAX_NESTING (else None: worked out only where it may be)
        self.too_deep: tuple[int, int] | None = None
        # (offset, length) of each run of text with no space longer than
        # limits.MAX_WORD characters, outside code and link addresses
        self.long_words: list[tuple[int, int]] = []


# Patterns for things at the start of a line begin with "\n" and run over the text with
# a "\n" in front: the regex engine then jumps from newline to newline, where "^" with
# re.MULTILINE would make it try every character.
_FENCE = compiled_later(r"\n([ \t]*)(`{3,}|~{3,})([^\n`]*)(?=\n|\Z)")
_LINE_FENCE = compiled_later(r"([ \t]*)(`{3,}|~{3,})([^\n`]*)$")
_SPACES = re.compile(r"[ \t]+")
_INDENTED_AFTER_BLANK = re.compile(r"\n[ \t]*\n(?: {4}|\t)")
# pandoc's raw attribute: {=format}, spaces allowed inside the braces but not after "="
_RAW_ATTR = compiled_later(r"\{[ \t]*=([A-Za-z0-9_-]+)[ \t]*\}")
# runs of backquotes; not r"`+": SRE tries a pattern that opens with a repeat at every
# character, and looks for one that opens with a character (ten times as fast)
_TICKS = re.compile(r"``*")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
# <div> and <span> become pandoc Divs and Spans (native_divs, native_spans): not raw.
_TAG = re.compile(r"<(?!/?(?:div|span)\b)/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.I)
# their attributes are the Div's or Span's: checked as those of a {...} block
_NATIVE_TAG = re.compile(r"<(?:div|span)(\s[^<>]*)>", re.I)
_HTML_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_LATEX_ENV = compiled_later(r"\\(begin|end)\{([A-Za-z*]+)\}")
# LaTeX commands an author may try (publish reads "\\newpage" as text, so it would be printed);
# other backslashes, as in C:\\Forms, are text and are left alone.
_LATEX_CMD = compiled_later(
    r"\\(?:newpage|clearpage|pagebreak|linebreak|newline|noindent|textbf|textit|emph|"
    r"underline|section|subsection|paragraph|item|vspace|hspace|footnote|href|url|"
    r"includegraphics|label|ref|cite|small|large|Large|LARGE|huge|centering|hline|"
    r"tableofcontents)(?![A-Za-z])"
)
_ATX_LINE = re.compile(r"#{1,6}(?:[ \t][^\n]*)?")
_DIV_LINE = re.compile(r":{3,}")
# a line that is an ATX heading's start (group 1: its hashes: one to six, then a space or
# the line's end), or that may be a setext heading's underline: one pass finds both
_HEADING_LINE = re.compile(r"\n(?:(#{1,6})(?![^ \t\n])|(?:=+|-+)[ \t]*(?=\n|\Z))")
_DEFINITION = re.compile(r" {0,3}[:~][ \t]")
_BULLET = re.compile(r"[ \t]*[-*+](?:[ \t]|$)")
_LINK = re.compile(
    r"\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]"  # [text], after an optional "!" for images
    # (target: spaces inside it are kept, but not before a title or the ")"
    # (a run of plain characters is taken whole, ++: giving back part of one never helps,
    # as a space or ")" must come next, and one at a time it cost a step per character)
    r"\([ \t]*(<[^<>\n]*>|(?:[^\s()\\]++|\\.|\([^()\s]*\)|[ \t]+(?![ \t\"')]))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"  # "title")
)
_REF_IMAGE = compiled_later(r"!\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\](?:\[([^\]]*)\])?(?!\()")
# a line that may start a reference definition (wherever _REF_DEF or _LABEL_DEF finds
# one, and more): one look for both, where '"]:" in text' (true wherever a footnote is
# defined) sent the body through both
_DEFINITION_LINE = re.compile(r"\n {0,3}\[(?!\^)[^\]\n]*\]:")
_REF_DEF = re.compile(r"\n {0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)")
_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_LABEL_DEF = re.compile(r"\n( {0,3})\[([^\]^\n][^\]\n]*)\]:(?=\s|$)")
# [text][label], [label][] or [label] (not a link, a definition or after "]" or "\\")
_LABEL_USE = compiled_later(r"(?<![\]\\])\[([^\]\[^\n][^\]\[\n]*)\](?:\[([^\]\[\n]*)\]|(?![(\[:]))")
_LIST_ITEM = compiled_later(r" {0,3}(?:[-*+]|\d+[.)]|#[.)])[ \t]")
# <scheme:address> (pandoc reads it as a link)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_ATTR_BLOCK = re.compile(r"\{([^{}\n]*)\}")
# one part of an attribute block, matched at a position (so reading one is linear)
_ATTR_PART = compiled_later(
    r"[ \t]*(?:#([^\s{}]+)|\.([^\s{}]+)|([A-Za-z_:][\w.:-]*)=(\"[^\"]*\"|'[^']*'|[^\s\"'{}]*)|(-))"
)
# the start of a line that could be inside lists or quotes: its markers and indentation
_NESTING = re.compile(r"\n((?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t\n]))*)([ \t]*)(?=\S)")
_NESTED_LINE = re.compile(r"\n(?=[ \t]*(?:>|[-*+]|\d{1,9}[.)])[ \t\n]|[ \t]{4})")
_MARKERS = re.compile(r">|[-*+]|\d{1,9}[.)]")
_DIV_FENCE = re.compile(r"\n[ \t]*(:{3,})([^\n]*)")
_BOX_NAME = re.compile(r"[ \t]*([^\s{}:]+)[ \t]*:*[ \t]*")
_CLOSING_HASHES = re.compile(r"[ \t]*#*[ \t]*$")

RAW_FORMATS = {
    "html": "HTML",
    "html5": "HTML",
    "openxml": "OpenXML",
    "docx": "OpenXML",
    "typst": "Typst",
    "latex": "LaTeX",
    "tex": "LaTeX",
    "context": "ConTeXt",
}


def scan(body: str) -> Scan:
    """Headings, links, images and raw markup in a chapter body."""
    out = Scan()
    if not body.strip():
        return out
    blocks = text = _blank_code(body, out)
    if "\\" in text:
        text = _ESCAPE.sub("  ", text)
    text = _inline_code(text, out)

    if "<" in text:
        text = _comments(text, out)
        for match in _TAG.finditer(text):
            out.raw.append(Raw("HTML", _short(match.group()), match.start()))
        for match in _NATIVE_TAG.finditer(text):
            out.attributes += native_attributes(match.group(1), match.start())
    if "\\" in text:
        _latex_environments(text, out)
        for match in _LATEX_CMD().finditer(text):
            out.raw.append(Raw("LaTeX", match.group(), match.start()))
    lines = "\n" + text  # offsets in ``lines`` are one more than in ``text``
    if "<" in text:
        for match in _AUTOLINK.finditer(text):
            out.links.append(
                Link(
                    match.group(1),
                    match.group(1),
                    False,
                    match.start(1),
                    match.start(),
                    match.end(),
                )
            )
    if "{" in text:
        braces = _blank_math(text) if "$" in text else text  # \frac{a}{b} is no attribute
        for match in _ATTR_BLOCK.finditer(braces):
            if _takes_attributes(body, match.start(), match.end()):
                out.attributes += attribute_parts(match.group(1), match.start())
    if ":" in text and ":::" in text:
        _fences(lines, out)
    out.too_deep = _too_deep(lines, out.fences)
    if "#" in text or ("=" in text and "\n=" in lines) or "\n-" in lines:
        _headings(body, blocks, text, lines, out)
    if "[" in text:
        defines = _DEFINITION_LINE.search(lines) is not None
        _links(text, lines, out, defines)
        _labels(text, lines, out, defines)
    out.raw.sort(key=lambda r: r.offset)
    out.links.sort(key=lambda link: link.offset)
    out.long_words = _long_words(text, out.links)
    out.attributes.sort(key=lambda a: a.offset)
    return out


_LINE_REST = re.compile(r"[ \t]*(?:\n|\Z)")
_UNDERLINE_NEXT = compiled_later(r"\n[ \t]*(?:=+|-+)[ \t]*(?:\n|$)")


def _takes_attributes(body: str, start: int, end: int) -> bool:
    """Whether pandoc reads the ``{...}`` at ``start:end`` as attributes: right after a
    span, link, image or code span (``]``, ``)``, a backquote), ending a heading, or
    opening a ``:::`` box."""
    if start and body[start - 1] in "])`":
        return True
    rest = _LINE_REST.match(body, end)
    if rest is None:
        return False  # text follows it on its line (so this costs one look per line)
    line_end = rest.end() - (1 if rest.group().endswith("\n") else 0)
    line_start = body.rfind("\n", 0, start) + 1
    before = body[line_start:start].strip(" \t")
    if before.startswith("#") or (len(before) >= 3 and not before.strip(":")):
        return True  # a heading, or a ':::' box
    return _UNDERLINE_NEXT().match(body, line_end) is not None


def _blank_math(text: str) -> str:
    """``text`` with TeX math blanked, as pandoc's tex_math_dollars reads it: ``$$...$$``,
    and ``$...$`` on one line whose opening ``$`` has no space after it and whose closing
    one no space before it nor a digit after it. Each ``$`` is looked at once or twice."""
    out = list(text)
    line_end = -1  # the end of the line ``at`` is on
    at = text.find("$")
    while at != -1:
        if text.startswith("$$", at):
            end = text.find("$$", at + 2)
            if end == -1:
                break
            out[at : end + 2] = _spaces(text[at : end + 2])
            at = text.find("$", end + 2)
            continue
        if at > line_end:
            line_end = text.find("\n", at)
            line_end = len(text) if line_end == -1 else line_end
        close = text.find("$", at + 1, line_end)
        closes = (
            close != -1
            and not text[at + 1].isspace()
            and not text[close - 1].isspace()
            and not text[close + 1 : close + 2].isdigit()
        )
        if not closes:  # the next "$" may open math itself
            at = text.find("$", at + 1)
            continue
        out[at : close + 1] = _spaces(text[at : close + 1])
        at = text.find("$", close + 1)
    return "".join(out)


def attribute_parts(inside: str, offset: int) -> list[Attribute]:
    """The parts of the attribute block ``{inside}`` at ``offset``; none when it is not
    one (pandoc reads ``{see below}`` as text)."""
    parts: list[Attribute] = []
    at = 0
    while at < len(inside):
        match = _ATTR_PART().match(inside, at)
        if match is None or match.end() == at:
            return [] if inside[at:].strip() else parts
        ident, cls, key, value, _ = match.groups()
        if ident is not None:
            parts.append(Attribute("id", ident, offset))
        elif cls is not None:
            parts.append(Attribute("class", cls, offset))
        elif key is not None:
            parts.append(Attribute(key, value.strip("\"'"), offset))
        at = match.end()
    return parts


def native_attributes(inside: str, offset: int) -> list[Attribute]:
    """The attributes of a ``<div ...>`` or ``<span ...>`` tag (pandoc makes it a Div or a
    Span with them: ``id``, each name in ``class`` and every other attribute)."""
    parts: list[Attribute] = []
    for match in _HTML_ATTR.finditer(inside):
        key, value = match.group(1).lower(), (match.group(2) or "").strip("\"'")
        if key == "class":
            parts += [Attribute("class", name, offset) for name in value.split()]
        else:
            parts.append(Attribute(key, value, offset))
    return parts


# a run of characters with no space (nor a table's "|"), matched from its start only, so
# each run is read once
_LONG_RUN = re.compile(rf"(?<![^\s|])[^\s|]{{{MAX_WORD + 1},}}")


def _long_words(text: str, links: list[Link]) -> list[tuple[int, int]]:
    """Runs of text with no space longer than MAX_WORD characters, not counting the
    addresses of the links in them (a long web address is not shown as a word)."""
    if not _may_run_long(text):
        return []
    found = []
    offsets = [link.offset for link in links]  # links are in order of their offsets
    for match in _LONG_RUN.finditer(text):
        start, end = match.span()
        first, last = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
        length = end - start - sum(len(link.target) for link in links[first:last])
        if length > MAX_WORD:
            found.append((start, length))
    return found


def _may_run_long(text: str) -> bool:
    """False when ``text`` surely holds no run of more than MAX_WORD characters without a
    space: such a run covers one whole piece of ``text`` cut every (MAX_WORD + 1) // 2
    characters, so a space or newline in every piece rules it out (a few finds,
    where the pattern of :func:`_long_words` looks at every character)."""
    size = (MAX_WORD + 1) // 2
    find = text.find
    for start in range(0, len(text) - size + 1, size):
        if find(" ", start, start + size) == -1 and find("\n", start, start + size) == -1:
            return True
    return False


@lru_cache(maxsize=16)
def _nesting_prefix(length: int) -> re.Pattern[str]:
    """A line's start of at least ``length`` characters that markers and indentation are
    made of, with more than white space after it (a blank line nests nothing)."""
    return re.compile(r"\n[ \t>*+\-0-9.)]{" + str(length) + r",}(?=\S)")


def _too_deep(lines: str, fences: list[Fence]) -> tuple[int, int] | None:
    """(nesting, offset) at the deepest, when that is more than MAX_NESTING (see
    :func:`_deepest`). A line's nesting is at most twice the length of the run of
    marker and indentation characters it starts with (a marker is one level for at
    least one character, two columns or one tab of indentation one or two levels), plus
    the boxes around it: when no line starts with a run long enough, none is deeper
    than MAX_NESTING, and no line is looked at one by one."""
    boxes = sum(1 for fence in fences if fence.opens)
    if boxes < MAX_NESTING and not _nesting_prefix((MAX_NESTING - boxes) // 2 + 1).search(lines):
        return None
    deepest = _deepest(lines, fences)
    return deepest if deepest[0] > MAX_NESTING else None


def _deepest(lines: str, fences: list[Fence]) -> tuple[int, int]:
    """How deep lists, quotes and the boxes around them go, roughly as pandoc reads them:
    each quote or list marker at a line's start is one level, and so is each two columns
    of indentation and each ``:::`` box the line is in. (Enough to refuse a chapter nested
    deeper than the PDF can lay out, which no one writes by hand.)"""
    deepest, at = 0, 0
    boxes, next_fence = 0, 0
    for line_start in _NESTED_LINE.finditer(lines):  # lines with a marker or 4 spaces
        start = line_start.start()
        while next_fence < len(fences) and fences[next_fence].offset < start:
            boxes = boxes + 1 if fences[next_fence].opens else max(0, boxes - 1)
            next_fence += 1
        match = _NESTING.match(lines, start)
        if match is None:
            continue
        prefix = match.group(1)
        if not prefix and len(match.group(2)) < 4:
            continue
        line = match.group(0)[1:]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        depth = len(_MARKERS.findall(prefix)) + (len(indent) + 3 * indent.count("\t")) // 2
        if depth + boxes > deepest:
            deepest, at = depth + boxes, match.start()
    return deepest, at


def _fences(lines: str, out: Scan) -> None:
    """``:::`` lines: a closing one holds colons only; an opening one names the box."""
    for match in _DIV_FENCE.finditer(lines):
        rest = match.group(2)
        offset = match.start(1) - 1  # of its first colon, in the text (lines has one more)
        if not rest.strip(": \t"):
            out.fences.append(Fence(False, offset))
            continue
        out.fences.append(Fence(True, offset))
        name = _BOX_NAME.fullmatch(rest)
        if name is not None:
            out.attributes.append(Attribute("class", name.group(1), offset))


def _latex_environments(text: str, out: Scan) -> None:
    """``\\begin{name}`` with an ``\\end{name}`` after it (pandoc reads the two and all
    between as raw TeX; either alone is text)."""
    found = [(m.group(1), m.group(2), m.start()) for m in _LATEX_ENV().finditer(text)]
    ends: dict[str, list[int]] = {}
    for kind, name, at in found:
        if kind == "end":
            ends.setdefault(name, []).append(at)
    done = -1
    for kind, name, at in found:
        if kind == "begin" and at > done:
            closing = ends.get(name, [])
            index = bisect.bisect_right(closing, at)
            if index < len(closing):
                out.raw.append(Raw("LaTeX", _short(text[at : text.find("}", at) + 1]), at))
                done = closing[index]


def _comments(text: str, out: Scan) -> str:
    """HTML comments reported as raw and blanked. Found by hand: a regular expression
    would search the rest of the text again from each ``<!--`` that is not closed."""
    pieces: list[str] = []
    done = 0
    at = text.find("<!--")
    while at != -1:
        end = text.find("-->", at + 4)
        if end == -1:
            break  # no comment closes after this one: the rest is text
        end += 3
        out.raw.append(Raw("HTML comment", _short(text[at:end]), at))
        pieces += [text[done:at], _spaces(text[at:end])]
        done = end
        at = text.find("<!--", end)
    pieces.append(text[done:])
    return "".join(pieces)


def _spaces(text: str) -> str:
    """Blank ``text`` out, keeping its newlines (so lines and columns stay put); line by
    line, where a sub() of every character cost 0.1 us a character."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _short(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= 40 else first[:37] + "..."


def _blank_code(body: str, out: Scan) -> str:
    """Fenced and indented code blocks blanked; ```{=format} blocks reported as raw."""
    # (a one-character "in" is a memchr; one of three characters reads ten times slower)
    fenced = ("`" in body and "```" in body) or ("~" in body and "~~~" in body)
    if not fenced and "\n\n" not in body:
        return body
    if body.startswith(("    ", "\t")) or _INDENTED_AFTER_BLANK.search(body):
        return _blank_code_by_line(body, out)
    if not fenced:
        return body  # no fences, and no indented code either
    lines = "\n" + body
    pieces: list[str] = []
    done = 0  # offset in body up to which pieces hold the text
    at = 0
    while True:
        match = _FENCE().search(lines, at)
        if match is None:
            break
        _raw_fence(out, match.group(3), match.start() + len(match.group(1)))
        fence = match.group(2)
        close = _closing(fence).search(lines, match.end())
        end = close.end() if close else len(lines)
        pieces += [body[done : match.start()], _spaces(lines[match.start() + 1 : end])]
        done = at = end - 1
        at = end
    pieces.append(body[done:])
    return "".join(pieces)


@lru_cache(maxsize=16)
def _closing(fence: str) -> re.Pattern[str]:
    run = re.escape(fence[0]) + "{" + str(len(fence)) + ",}"
    return re.compile(r"\n[ \t]*" + run + r"[ \t]*(?=\n|\Z)")


def _raw_fence(out: Scan, info: str, offset: int) -> None:
    raw = _RAW_ATTR().fullmatch(info.strip())
    if raw:
        kind = RAW_FORMATS.get(raw.group(1).lower(), raw.group(1))
        out.raw.append(Raw(kind, "```" + info.strip(), offset))
    elif "{" in info:
        for match in _ATTR_BLOCK.finditer(info):
            out.attributes += attribute_parts(match.group(1), offset)


def _blank_code_by_line(body: str, out: Scan) -> str:
    """The careful path, for bodies with indented lines after a blank line: those are
    code blocks unless they continue a list item."""
    lines = body.split("\n")
    fence: str | None = None
    previous_blank = True
    in_code = in_list = False
    offset = -1  # of the line's start, less one (the newline before it)
    for index, line in enumerate(lines):
        offset += 1 + (len(lines[index - 1]) if index else 0)
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
            lines[index] = _spaces(line)
            continue
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if in_code and (blank or indented):
            lines[index] = _spaces(line)
            continue
        in_code = False
        if indented and not blank and previous_blank and not in_list:
            in_code = True  # an indented code block, until a line that is not indented
            lines[index] = _spaces(line)
            continue
        match = _LINE_FENCE().match(line)
        if match:
            fence = match.group(2)
            _raw_fence(out, match.group(3), offset + len(match.group(1)))
            lines[index] = _spaces(line)
            previous_blank = False
            continue
        if not blank and not indented:
            in_list = bool(_LIST_ITEM().match(line)) or (in_list and not previous_blank)
        previous_blank = blank
    return "\n".join(lines)


def _inline_code(text: str, out: Scan) -> str:
    """Code spans blanked; ```code`{=format}`` reported as raw. A span closes at the next
    run of exactly as many backquotes; a run that nothing closes is text."""
    if "`" not in text:
        return text
    runs: dict[int, list[int]] = {}  # length -> starts of the runs of that length
    found = []  # (start, length, index in runs[length])
    for match in _TICKS.finditer(text):
        start, length = match.start(), match.end() - match.start()
        same = runs.setdefault(length, [])
        found.append((start, length, len(same)))
        same.append(start)
    pieces: list[str] = []
    done = 0
    for start, length, index in found:
        if start < done:
            continue  # inside a span already blanked
        starts = runs[length]
        if index + 1 == len(starts):
            continue
        end = starts[index + 1] + length
        raw = _RAW_ATTR().match(text, end)
        if raw:
            fmt = raw.group(1).lower()
            end = raw.end()
            out.raw.append(Raw(RAW_FORMATS.get(fmt, fmt), _short(text[start:end]), start))
        pieces += [text[done:start], _spaces(text[start:end])]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _headings(body: str, blocks: str, text: str, lines: str, out: Scan) -> None:
    """ATX (``## Title``) and setext (``Title`` over ``===``) headings, as pandoc reads
    them: a heading starts a block (the first line, after a blank line, a heading or a
    ``:::`` line). ``blocks`` is the body with code blocks blanked, ``text`` with code
    spans and escapes blanked too; both keep every offset of ``body``."""
    found: list[tuple[int, int, int, int]] = []  # (line start, level, title start, end)
    underlines: set[int] = set()  # starts of the lines under setext headings

    def starts_block(start: int) -> bool:
        if not start:
            return True
        begin = blocks.rfind("\n", 0, start - 1) + 1
        before = blocks[begin : start - 1]
        return (
            not before.strip()
            or bool(_ATX_LINE.match(before) or _DIV_LINE.match(before))
            or begin in underlines
        )

    def after_term(start: int) -> bool:
        """The line two above ``start`` holds text and the line between is blank."""
        if start < 2:
            return False
        begin = blocks.rfind("\n", 0, start - 1) + 1
        if blocks[begin : start - 1].strip() or not begin:
            return False
        term_at = blocks.rfind("\n", 0, begin - 1) + 1
        term = blocks[term_at : begin - 1]
        heading = _ATX_LINE.match(term) or term_at in underlines
        return bool(term.strip()) and not heading and not _DIV_LINE.match(term)

    setext: set[int] = set()
    atx: list[re.Match[str]] = []  # looked at after every setext heading is known
    for match in _HEADING_LINE.finditer(lines):
        if match.group(1) is not None:
            atx.append(match)
            continue
        end = match.start() - 1  # the newline before the underline, in text
        if end < 0:
            continue
        start = text.rfind("\n", 0, end) + 1
        title = blocks[start:end]
        if not title.strip() or _BULLET.match(title):
            continue
        if _DEFINITION.match(title) and after_term(start):
            continue  # a definition (": text") of the term above
        if title.startswith(("    ", "\t")) or _DIV_LINE.match(title):
            continue
        if starts_block(start):
            found.append((start, 1 if "=" in match.group() else 2, start, end))
            setext.add(start)
            underlines.add(match.start())  # (in lines: one more than in text, past the "\n")
    for match in atx:
        start, level = match.start(), len(match.group(1))
        if start not in setext and starts_block(start):
            end = lines.find("\n", match.end())
            end = len(text) if end == -1 else end - 1
            found.append((start, level, start + level, end))
    found.sort()
    titles: list[tuple[str, str | None]] = []
    places: list[tuple[int, int, int, str, int, tuple[int, ...]]] = []
    for start, level, first, end in found:
        line = body[first:end].rstrip()
        title, attributes = ids.split_attributes(line) if "}" in line else (line, None)
        if attributes and (
            _inline_attributes(body, text, first, first + len(title))
            or (("*" in title or "_" in title) and ids.unclosed(title))
        ):
            title, attributes = line, None  # text, or the link's, span's or code's before
        # after an emphasis mark nothing closes pandoc reads the rest of the line as text,
        # closing hashes too; publish writes a backslash before each of those characters
        left = ids.unclosed(title) if "*" in title or "_" in title else ()
        if first != start and title.endswith(("#", " ", "\t")):  # ATX: closing hashes go
            bare = _CLOSING_HASHES.sub("", title)
            if title.rstrip().endswith("#") and bare.endswith("\\"):
                bare += "#"
            if left:
                hashes = len(title.rstrip()) - len(bare.rstrip("# \t"))
                kept = title.rstrip()
                left += tuple(i for i in range(len(kept) - hashes, len(kept)) if kept[i] == "#")
            else:
                title = bare
        if left:
            left = tuple(first + offset for offset in left)
        title = title.strip()
        attr_at = first + len(line) - len(attributes) if attributes else -1
        titles.append((title, ids.explicit_id(attributes) if attributes else None))
        places.append((level, start, attr_at, title, first + len(line), left))
    out.headings = [
        Heading(level, title, start, ident.id, ident.explicit, attr_at, line_end, left)
        for (level, start, attr_at, title, line_end, left), ident in zip(
            places, ids.unique_ids(titles), strict=True
        )
    ]


def _inline_attributes(body: str, text: str, start: int, at: int) -> bool:
    """Whether a ``{...}`` just after ``body[start:at]`` (a heading's text) follows a
    code span (blanked in ``text``), a ``[span]`` or a link, with no space between, and
    so is theirs."""
    if at == start:
        return False
    before = text[at - 1]
    if before == "]" or (body[at - 1] == "`" and before == " "):
        return True
    return before == ")" and any(m.end() == at for m in _LINK.finditer(text, start, at))


def _links(text: str, lines: str, out: Scan, defines: bool) -> None:
    append = out.links.append
    for match in _LINK.finditer(text):
        target = match.group(2)
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        elif " " in target or "\t" in target:
            target = _SPACES.sub(" ", target.strip())
        start = match.start()
        image = start > 0 and text[start - 1] == "!"
        append(Link(target, match.group(1), image, match.start(2), start - image, match.end()))
    if defines:
        _references(text, lines, out)
        out.links.sort(key=lambda link: link.offset)


def _references(text: str, lines: str, out: Scan) -> None:
    """Reference definitions ``[label]: target`` and images that use them."""
    definitions = {m.group(1).lower(): m for m in _REF_DEF.finditer(lines)}
    if not definitions:
        return  # "]:" was a footnote's
    for match in _REF_IMAGE().finditer(text):
        label = (match.group(2) or match.group(1)).lower()
        definition = definitions.pop(label, None)
        if definition is not None:
            target = definition.group(2).strip("<>")
            offset = definition.start(2) - 1
            out.links.append(Link(target, match.group(1), True, offset, match.start(), match.end()))
    for label, definition in definitions.items():
        target = definition.group(2).strip("<>")
        offset = definition.start(2) - 1
        out.links.append(Link(target, label, False, offset, offset, definition.end() - 1))


def _labels(text: str, lines: str, out: Scan, defines: bool) -> None:
    """Footnote labels; reference definitions and the uses of their labels (``[text]
    [label]``, ``[label][]``, ``[label]``). A definition's line holds nothing else."""
    definitions = []  # (line start, line end) in text
    defined: set[str] = set()
    if defines:
        for match in _LABEL_DEF.finditer(lines):
            label = match.group(2).strip()
            defined.add(label.lower())
            line_end = text.find("\n", match.start())
            definitions.append((match.start(), len(text) if line_end == -1 else line_end))
            out.labels.append(Label("definition", label, match.start(2) - 1, match.end(2) - 1))
    starts = [start for start, _ in definitions]

    def on_definition_line(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < definitions[index][1]

    if "[^" in text:
        for match in _NOTE.finditer(text):
            if not (definitions and on_definition_line(match.start())):
                out.labels.append(Label("note", match.group(1), match.start(1), match.end(1)))
    if defined:
        for match in _LABEL_USE().finditer(text):
            if on_definition_line(match.start()):
                continue
            written, label = match.group(1), match.group(2)
            name = (label or written).strip()
            if name.lower() not in defined:
                continue
            if label:  # [text][label]
                out.labels.append(Label("use", name, match.start(2), match.end(2)))
            elif label is not None:  # [label][]
                out.labels.append(Label("use", name, match.end() - 1, match.end() - 1))
            else:  # [label]
                out.labels.append(Label("use", name, match.end(), match.end(), bracket=True))
    out.labels.sort(key=lambda label: label.start)
