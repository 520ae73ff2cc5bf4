"""Word-level differences between two pandoc document trees (pandoc's JSON), as one tree.

:func:`diff_blocks` takes the blocks of the FROM and the TO text and returns one list of
blocks holding both: what only FROM had inside ``Span`` elements of class ``deletion``,
what only TO has inside ``Span`` of class ``insertion`` (pandoc's own names: its Word
writer makes them ``w:del`` and ``w:ins``). Taking every deletion out gives the TO
blocks; taking every insertion out gives the FROM blocks (:func:`accepted` and
:func:`rejected` do it, and the tests hold all three to it).

Blocks are aligned first (equal blocks kept; a changed stretch paired up by likeness,
best pair first, as difflib's Differ pairs lines), then paired blocks are compared
inside: paragraphs and headings word by word; lists item by item; tables row by row and
cell by cell; footnotes where they stand; boxes (Divs) block by block. A block with no
partner is deleted or inserted whole.

Words are compared with :class:`difflib.SequenceMatcher` (as
:class:`~manualctl.publish.redline.matching.Matcher`) on tokens of the tree (a word,
a space, a footnote, an image, each under the formatting and link it sits in): pandoc
has already split the text into words, so the tokens are the tree's own leaves and need
no encoding into characters (diff-match-patch diffs strings). Change marks go innermost,
round the words, so a link or bold text holds its marks (Word's ``w:hyperlink`` may
hold a ``w:ins``; a ``w:ins`` may not hold a hyperlink).

Over 300 lines because blocks and inlines are compared, marked and resolved by one
recursion over pandoc's tree (a footnote is an inline that holds blocks; a table cell
holds blocks of inlines): split, each half would import the other.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from manualctl.publish.redline.matching import Matcher

Node = Any  # one pandoc JSON element: {"t": ..., "c": ...}
INS = "insertion"
DEL = "deletion"
SAME = ""

#: inline elements whose content is a list of inlines (at that index of "c", None: "c")
_WRAPPERS: dict[str, int | None] = {
    "Emph": None,
    "Underline": None,
    "Strong": None,
    "Strikeout": None,
    "Superscript": None,
    "Subscript": None,
    "SmallCaps": None,
    "Quoted": 1,
    "Cite": 1,
    "Link": 1,
    "Span": 1,
}
#: how likely two blocks must be (0..1) to be compared inside rather than replaced
PAIR_RATIO = 0.5
#: a changed stretch larger than this (blocks x blocks) is not paired up block by block
PAIR_LIMIT = 2500


@dataclass(frozen=True)
class Marks:
    """What a change span carries: pandoc's ``author`` and ``date`` attributes."""

    author: str
    date: str  # ISO 8601, e.g. 2026-11-01T12:00:00Z

    def span(self, kind: str, content: list[Node]) -> Node:
        attrs = [["author", self.author], ["date", self.date]]
        return {"t": "Span", "c": [["", [kind], attrs], content]}


# --- inlines ---------------------------------------------------------------------------------


class _Token(NamedTuple):  # (a frozen dataclass is made several times slower)
    path: tuple[str, ...]  # the wrappers' keys, outermost first
    shells: tuple[Node, ...]  # the wrappers themselves (content emptied)
    atom: Node
    key: tuple[Any, ...]


def _shell(node: Node) -> tuple[Node, list[Node]]:
    """The wrapper with its inline content taken out, and that content."""
    index = _WRAPPERS[node["t"]]
    if index is None:
        return {"t": node["t"], "c": []}, node["c"]
    c = list(node["c"])
    content = c[index]
    c[index] = []
    return {"t": node["t"], "c": c}, content


def _fill(shell: Node, content: list[Node]) -> Node:
    index = _WRAPPERS[shell["t"]]
    if index is None:
        return {"t": shell["t"], "c": content}
    c = list(shell["c"])
    c[index] = content
    return {"t": shell["t"], "c": c}


def _atom_key(atom: Node) -> tuple[Any, ...]:
    kind = atom["t"]
    if kind == "Str":
        return ("S", atom["c"])
    if kind in ("Space", "SoftBreak"):
        return ("_",)
    if kind == "Note":
        return ("N",)  # notes are paired where they stand, then compared inside
    return (kind, _canon(atom))


_new = tuple.__new__  # a _Token made without NamedTuple's __new__ in Python (a third less)
_SPACE = ("_",)


def _tokens(inlines: Iterable[Node], path=(), shells=()) -> list[_Token]:  # type: ignore[no-untyped-def]
    out: list[_Token] = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":  # most tokens: _atom_key's first cases, inline
            key: tuple[Any, ...] = ("S", node["c"])
        elif kind == "Space" or kind == "SoftBreak":
            key = _SPACE
        elif kind in _WRAPPERS and not _is_change(node):
            shell, content = _shell(node)
            wrapper = _canon(shell)
            out.extend(_tokens(content, (*path, wrapper), (*shells, shell)))
            continue
        else:
            key = _atom_key(node)
        out.append(_new(_Token, (path, shells, node, (path, key))))
    return out


def _is_change(node: Node) -> bool:
    return node["t"] == "Span" and bool({INS, DEL} & set(node["c"][0][1]))


def _build(items: Sequence[tuple[_Token, Node, str]], depth: int, marks: Marks) -> list[Node]:
    """Inlines from tokens with their (possibly merged) atoms and statuses: wrappers
    rebuilt round runs of tokens sharing them, change spans innermost."""
    out: list[Node] = []
    i = 0
    while i < len(items):
        token = items[i][0]
        if len(token.path) > depth:
            key = token.path[depth]
            j = i
            while (
                j < len(items) and len(items[j][0].path) > depth and items[j][0].path[depth] == key
            ):
                j += 1
            out.append(_fill(token.shells[depth], _build(items[i:j], depth + 1, marks)))
            i = j
            continue
        status = items[i][2]
        j = i
        while j < len(items) and len(items[j][0].path) == depth and items[j][2] == status:
            j += 1
        atoms = [atom for _, atom, _ in items[i:j]]
        out.extend(atoms if status == SAME else [marks.span(status, atoms)])
        i = j
    return out


def _marked_atom(atom: Node, status: str, marks: Marks) -> Node:
    if atom["t"] == "Note":
        return {"t": "Note", "c": mark_blocks(atom["c"], status, marks)}
    return atom


def mark_inlines(inlines: list[Node], status: str, marks: Marks) -> list[Node]:
    """The inlines wholly inserted or deleted (footnotes inside them too)."""
    items = [(t, _marked_atom(t.atom, status, marks), status) for t in _tokens(inlines)]
    return _build(items, 0, marks)


def diff_inlines(old: list[Node], new: list[Node], marks: Marks) -> list[Node]:
    """One list of inlines: the words only ``old`` has deleted, those only ``new`` has
    inserted. Spaces alone between two changes go with the changes (one deletion, one
    insertion of "quick brown" -> "slow red", not four)."""
    a, b = _tokens(old), _tokens(new)
    matcher = Matcher([t.key for t in a], [t.key for t in b])
    ops: list[tuple[str, int, int, int, int]] = list(matcher.get_opcodes())
    for k in range(1, len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[k]
        if (
            tag == "equal"
            and ops[k - 1][0] != "equal"
            and ops[k + 1][0] != "equal"
            and all(t.key[1] == ("_",) for t in a[i1:i2])
        ):
            ops[k] = ("replace", i1, i2, j1, j2)
    items: list[tuple[_Token, Node, str]] = []
    pending_del: list[tuple[_Token, Node, str]] = []
    pending_ins: list[tuple[_Token, Node, str]] = []

    def flush() -> None:
        items.extend(pending_del)
        items.extend(pending_ins)
        pending_del.clear()
        pending_ins.clear()

    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            flush()
            for ta, tb in zip(a[i1:i2], b[j1:j2], strict=True):
                atom = tb.atom
                if atom["t"] == "Note":
                    atom = {"t": "Note", "c": diff_blocks(ta.atom["c"], atom["c"], marks)}
                items.append((tb, atom, SAME))
            continue
        pending_del.extend((t, _marked_atom(t.atom, DEL, marks), DEL) for t in a[i1:i2])
        pending_ins.extend((t, _marked_atom(t.atom, INS, marks), INS) for t in b[j1:j2])
    flush()
    return _build(items, 0, marks)


# --- blocks ----------------------------------------------------------------------------------


#: a tree as one string, for comparing parts of it: its objects' keys as they are, not
#: sorted (pandoc writes "t" before "c", as this module makes its own), and no check for
#: a cycle (a tree has none): a third quicker than ``json.dumps(sort_keys=True)``
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _canon(node: Any) -> str:
    return _ENCODER.encode(node)


def words(node: Any) -> list[str]:
    """The words of any part of a tree, in order (for likeness and for tests)."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            kind = value.get("t")
            if kind == "Str":
                out.append(value["c"])
            elif kind in ("Code", "CodeBlock", "Math"):
                out.extend(str(value["c"][-1]).split())
            elif "c" in value:
                walk(value["c"])
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node)
    return out


def _kind(block: Node) -> tuple[Any, ...]:
    """Blocks of one kind may be compared inside: same type, and for a heading its level,
    for a box its classes, for a table its number of columns."""
    kind = block["t"]
    c = block.get("c")
    if kind == "Header":
        return (kind, c[0])
    if kind == "Div":
        return (kind, tuple(c[0][1]))
    if kind == "Table":
        return (kind, len(c[2]))
    if kind == "OrderedList":
        return (kind, _canon(c[0][1:]))
    if kind in ("Para", "Plain"):
        return ("text",)
    return (kind,)


def _ratio(a: Node, b: Node) -> float:
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    return Matcher(wa, wb).ratio()


def _align(
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], Any] | None,
    pair: Callable[[Any, Any], list[Any]],
    gone: Callable[[Any], Any],
    came: Callable[[Any], Any],
    kind: Callable[[Any], Any],
) -> list[Any]:
    """Two sequences as one: equal items kept (the new one), changed stretches paired
    up by likeness (``pair`` merges two), the rest ``gone`` (deleted) then ``came``.
    Items are matched by ``key``, or with None by their content (:func:`classes`)."""
    if len(old) == len(new) and all(x is y or x == y for x, y in zip(old, new, strict=True)):
        return list(new)  # what matching them would give (a table's rows and cells, mostly)
    if key is None:
        old_keys, new_keys = classes(old, new)
    else:
        keys: dict[int, Any] = {}  # by object: FROM's blocks taken from TO's tree are TO's

        def keyed(item: Any) -> Any:
            found = keys.get(id(item))
            if found is None:
                found = keys[id(item)] = key(item)
            return found

        old_keys, new_keys = [keyed(x) for x in old], [keyed(x) for x in new]
    matcher = Matcher(old_keys, new_keys)
    out: list[Any] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":  # equal keys: the same, or (a chapter's id) compared inside
            for x, y in zip(old[i1:i2], new[j1:j2], strict=True):
                out.extend([y] if x is y or x == y else pair(x, y))
        elif tag == "delete":
            out.extend(gone(x) for x in old[i1:i2])
        elif tag == "insert":
            out.extend(came(x) for x in new[j1:j2])
        else:
            out.extend(_pair_up(old[i1:i2], new[j1:j2], pair, gone, came, kind))
    return out


#: a bucket of parts alike by :func:`_signature` holding more than this many is told
#: apart by its parts' JSON (:func:`_canon`), not by comparing each with the others
BUCKET = 12


def _signature(item: Any) -> tuple[Any, ...]:
    """What equal parts of a tree share, found without looking deeper than two levels:
    an element's type and its content's length and its last part's; a list's lengths."""
    if isinstance(item, dict):
        c = item.get("c")
        if isinstance(c, list):
            last = c[-1] if c else None
            return (item.get("t"), len(c), len(last) if isinstance(last, list | str) else -1)
        return (item.get("t"), c if isinstance(c, str) else -1)
    if isinstance(item, list):
        last = item[-1] if item else None
        return ("", len(item), len(last) if isinstance(last, list) else -1)
    return ("", repr(item))


def classes(old: Sequence[Any], new: Sequence[Any]) -> tuple[list[int], list[int]]:
    """A number for each item of ``old`` and ``new``, the same for two items exactly when
    their JSON (:func:`_canon`) is: they are equal. pandoc's trees hold only strings,
    integers, numbers, lists and objects whose keys come in one order, so ``==`` says
    what the JSON would; and an object in both (FROM's blocks taken from TO's tree) is
    numbered once. Items are put in buckets by :func:`_signature` first, so most are
    compared with nothing: a third of the comparison's time went on writing each block
    as JSON."""
    number: dict[int, int] = {}
    buckets: dict[tuple[Any, ...], list[Any]] = {}
    for item in (*old, *new):
        if id(item) not in number:
            number[id(item)] = -1
            buckets.setdefault(_signature(item), []).append(item)
    count = 0
    for members in buckets.values():
        if len(members) > BUCKET:
            by_text: dict[str, int] = {}
            for item in members:
                text = _canon(item)
                if text not in by_text:
                    by_text[text] = count
                    count += 1
                number[id(item)] = by_text[text]
            continue
        seen: list[tuple[Any, int]] = []
        for item in members:
            found = next((n for other, n in seen if other == item), None)
            if found is None:
                found = count
                count += 1
                seen.append((item, found))
            number[id(item)] = found
    return [number[id(x)] for x in old], [number[id(x)] for x in new]


def _pair_up(
    old: Sequence[Any],
    new: Sequence[Any],
    pair: Callable[[Any, Any], list[Any]],
    gone: Callable[[Any], Any],
    came: Callable[[Any], Any],
    kind: Callable[[Any], Any],
) -> list[Any]:
    best, where = PAIR_RATIO, None
    if len(old) == len(new) == 1 and kind(old[0]) == kind(new[0]):
        where = (0, 0)  # one block for one: compared inside, however unlike
    elif len(old) * len(new) <= PAIR_LIMIT:
        for i, a in enumerate(old):
            for j, b in enumerate(new):
                if kind(a) == kind(b):
                    ratio = _ratio(a, b)
                    if ratio > best or (where is None and ratio == best):
                        best, where = ratio, (i, j)
    if where is None:
        return [*(gone(x) for x in old), *(came(x) for x in new)]
    i, j = where
    return [
        *_pair_up(old[:i], new[:j], pair, gone, came, kind),
        *pair(old[i], new[j]),
        *_pair_up(old[i + 1 :], new[j + 1 :], pair, gone, came, kind),
    ]


def diff_blocks(old: list[Node], new: list[Node], marks: Marks) -> list[Node]:
    """One list of blocks holding both (see the module docstring)."""
    return _align(
        old,
        new,
        None,
        lambda a, b: merge_block(a, b, marks),
        lambda a: mark_block(a, DEL, marks),
        lambda b: mark_block(b, INS, marks),
        _kind,
    )


def diff_by_key(
    old: list[Node], new: list[Node], key: Callable[[Node], str], marks: Marks
) -> list[Node]:
    """Like :func:`diff_blocks`, but blocks with the same ``key`` (a chapter's id) are
    always compared inside, and blocks are never paired by likeness."""
    return _align(
        old,
        new,
        key,
        lambda a, b: merge_block(a, b, marks),
        lambda a: mark_block(a, DEL, marks),
        lambda b: mark_block(b, INS, marks),
        key,  # blocks with other keys are never one block changed
    )


def merge_block(a: Node, b: Node, marks: Marks) -> list[Node]:
    """Two blocks of one kind compared inside (blocks of two kinds: ``a`` deleted, then
    ``b`` inserted)."""
    if a == b:
        return [b]
    kind = b["t"]
    if _kind(a) != _kind(b):
        return [mark_block(a, DEL, marks), mark_block(b, INS, marks)]
    ca, cb = a.get("c"), b.get("c")
    if kind in ("Para", "Plain"):
        return [{"t": kind, "c": diff_inlines(ca, cb, marks)}]
    if kind == "Header":
        return [{"t": kind, "c": [cb[0], cb[1], diff_inlines(ca[2], cb[2], marks)]}]
    if kind == "Div":
        return [{"t": kind, "c": [cb[0], diff_blocks(ca[1], cb[1], marks)]}]
    if kind == "BlockQuote":
        return [{"t": kind, "c": diff_blocks(ca, cb, marks)}]
    if kind == "BulletList":
        return [{"t": kind, "c": _diff_items(ca, cb, marks)}]
    if kind == "OrderedList":
        return [{"t": kind, "c": [cb[0], _diff_items(ca[1], cb[1], marks)]}]
    if kind == "Table":
        merged = _merge_table(ca, cb, marks)
        if merged is not None:
            return [{"t": kind, "c": merged}]
    return [mark_block(a, DEL, marks), mark_block(b, INS, marks)]


def _diff_items(old: list[list[Node]], new: list[list[Node]], marks: Marks) -> list[list[Node]]:
    return _align(
        old,
        new,
        None,
        lambda a, b: [diff_blocks(a, b, marks)],
        lambda a: mark_blocks(a, DEL, marks),
        lambda b: mark_blocks(b, INS, marks),
        lambda _: "item",
    )


def _cells(row: Node) -> list[Node]:
    return row[1]  # type: ignore[no-any-return]


def _merge_rows(old: list[Node], new: list[Node], marks: Marks) -> list[Node]:
    def pair(a: Node, b: Node) -> list[Node]:
        cells = [
            [*cb[:4], diff_blocks(ca[4], cb[4], marks)]
            for ca, cb in zip(_cells(a), _cells(b), strict=True)
        ]
        return [[b[0], cells]]

    return _align(
        old,
        new,
        None,
        pair,
        lambda a: _mark_row(a, DEL, marks),
        lambda b: _mark_row(b, INS, marks),
        lambda row: tuple((c[2], c[3]) for c in _cells(row)),  # rows of the same shape
    )


def _mark_row(row: Node, status: str, marks: Marks) -> Node:
    return [row[0], [[*cell[:4], mark_blocks(cell[4], status, marks)] for cell in row[1]]]


def _merge_table(a: list[Any], b: list[Any], marks: Marks) -> list[Any] | None:
    """A table compared row by row (head, bodies, foot): None when the two cannot be
    (another number of bodies)."""
    attr, caption, colspecs, head, bodies, foot = b
    if len(a[4]) != len(bodies):
        return None
    new_caption = [caption[0], diff_blocks(a[1][1], caption[1], marks)]
    new_head = [head[0], _merge_rows(a[3][1], head[1], marks)]
    new_bodies = [
        [nb[0], nb[1], _merge_rows(ob[2], nb[2], marks), _merge_rows(ob[3], nb[3], marks)]
        for ob, nb in zip(a[4], bodies, strict=True)
    ]
    new_foot = [foot[0], _merge_rows(a[5][1], foot[1], marks)]
    return [attr, new_caption, colspecs, new_head, new_bodies, new_foot]


def mark_blocks(blocks: list[Node], status: str, marks: Marks) -> list[Node]:
    return [mark_block(block, status, marks) for block in blocks]


def mark_block(block: Node, status: str, marks: Marks) -> Node:
    """A block wholly inserted or deleted: every word in it marked."""
    kind = block["t"]
    c = block.get("c")
    if kind in ("Para", "Plain"):
        return {"t": kind, "c": mark_inlines(c, status, marks)}
    if kind == "Header":
        return {"t": kind, "c": [c[0], c[1], mark_inlines(c[2], status, marks)]}
    if kind == "LineBlock":
        return {"t": kind, "c": [mark_inlines(line, status, marks) for line in c]}
    if kind == "Div":
        return {"t": kind, "c": [c[0], mark_blocks(c[1], status, marks)]}
    if kind == "BlockQuote":
        return {"t": kind, "c": mark_blocks(c, status, marks)}
    if kind == "BulletList":
        return {"t": kind, "c": [mark_blocks(item, status, marks) for item in c]}
    if kind == "OrderedList":
        return {"t": kind, "c": [c[0], [mark_blocks(item, status, marks) for item in c[1]]]}
    if kind == "DefinitionList":
        return {
            "t": kind,
            "c": [
                [mark_inlines(term, status, marks), [mark_blocks(d, status, marks) for d in defs]]
                for term, defs in c
            ],
        }
    if kind == "Figure":
        attr, caption, content = c
        caption = [caption[0], mark_blocks(caption[1], status, marks)]
        return {"t": kind, "c": [attr, caption, mark_blocks(content, status, marks)]}
    if kind == "Table":
        attr, caption, colspecs, head, bodies, foot = c
        return {
            "t": kind,
            "c": [
                attr,
                [caption[0], mark_blocks(caption[1], status, marks)],
                colspecs,
                [head[0], [_mark_row(r, status, marks) for r in head[1]]],
                [
                    [
                        body[0],
                        body[1],
                        [_mark_row(r, status, marks) for r in body[2]],
                        [_mark_row(r, status, marks) for r in body[3]],
                    ]
                    for body in bodies
                ],
                [foot[0], [_mark_row(r, status, marks) for r in foot[1]]],
            ],
        }
    if kind == "CodeBlock":  # its text is one string: shown as a marked paragraph of code
        code = {"t": "Code", "c": [c[0], c[1]]}
        return {"t": "Para", "c": [marks.span(status, [code])]}
    return block  # a rule: nothing to mark


# --- accepting and rejecting -----------------------------------------------------------------


def accepted(node: Any) -> Any:
    """The tree with every change accepted (deletions out, insertions kept as text)."""
    return _resolve(node, drop=DEL)


def rejected(node: Any) -> Any:
    """The tree with every change rejected (insertions out, deletions kept as text)."""
    return _resolve(node, drop=INS)


def _resolve(node: Any, *, drop: str) -> Any:
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            if isinstance(item, dict) and _is_change(item):
                if drop not in item["c"][0][1]:
                    out.extend(_resolve(item["c"][1], drop=drop))
                continue
            resolved = _resolve(item, drop=drop)
            if _emptied(item, resolved):
                continue
            out.append(resolved)
        return _regroup(out)
    if isinstance(node, dict) and "c" in node:
        c = _resolve(node["c"], drop=drop)
        if node["t"] == "BulletList":
            c = [item for item in c if item]
        elif node["t"] == "OrderedList":
            c = [c[0], [item for item in c[1] if item]]
        elif node["t"] == "Table":
            c = _drop_rows(node["c"], c)
        return {**node, "c": c}
    return node


def _drop_rows(before: list[Any], after: list[Any]) -> list[Any]:
    """A table without the rows that held only what was taken out."""

    def keep(rows_before: list[Any], rows_after: list[Any]) -> list[Any]:
        return [
            ra
            for rb, ra in zip(rows_before, rows_after, strict=True)
            if any(cell[4] for cell in ra[1]) or not any(cell[4] for cell in rb[1])
        ]

    attr, caption, colspecs, head, bodies, foot = after
    return [
        attr,
        caption,
        colspecs,
        [head[0], keep(before[3][1], head[1])],
        [
            [nb[0], nb[1], keep(ob[2], nb[2]), keep(ob[3], nb[3])]
            for ob, nb in zip(before[4], bodies, strict=True)
        ],
        [foot[0], keep(before[5][1], foot[1])],
    ]


def _emptied(before: Any, after: Any) -> bool:
    """Formatting or a link that held only what was taken out."""
    if not (isinstance(before, dict) and before.get("t") in _WRAPPERS):
        return False
    return bool(_shell(before)[1]) and not _shell(after)[1]


def _empty(item: Any) -> bool:
    """A paragraph or list left empty when all it held was taken out."""
    if not isinstance(item, dict):
        return False
    kind = item.get("t")
    if kind in ("Para", "Plain", "BulletList"):
        return not item["c"]
    return kind == "OrderedList" and not item["c"][1]


def _regroup(items: list[Any]) -> list[Any]:
    """Neighbouring wrappers that are the same (split by a change) joined again, and
    paragraphs and lists left empty by a whole deletion dropped."""
    out: list[Any] = []
    for item in items:
        if _empty(item):
            continue
        if (
            out
            and isinstance(item, dict)
            and item.get("t") in _WRAPPERS
            and isinstance(out[-1], dict)
            and out[-1].get("t") == item["t"]
        ):
            sa, ca = _shell(out[-1])
            sb, cb = _shell(item)
            if _canon(sa) == _canon(sb):
                out[-1] = _fill(sa, _regroup([*ca, *cb]))
                continue
        out.append(item)
    return out
