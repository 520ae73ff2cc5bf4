"""Rules that keep chapter text from becoming script or structure, or too deep to publish
in bounded time (lists, quotes and boxes nested past limits.MAX_NESTING): attributes and link
schemes outside the allow-list (:mod:`manualctl.check.policy`), the classes and
attributes the document model keeps for itself, and ``:::`` boxes that do not balance
(a stray ``:::`` would close the chapter's own box and let what follows pose as
another chapter). publish refuses the same things (the pinned filter applies the same
policy); validate says where they are and what to write instead.
"""

from __future__ import annotations

from manualctl.check import limits, policy
from manualctl.check.findings import Finding
from manualctl.check.markdown.scan import Scan
from manualctl.check.rules import finding
from manualctl.check.rules.context import Context
from manualctl.model.chapter import Chapter

_ALLOWED = ", ".join(sorted(policy.ATTRIBUTES))
_SCHEMES = ", ".join(f"{name}:" for name in sorted(policy.SCHEMES))


def check(ctx: Context, chapter: Chapter, found: Scan) -> list[Finding]:
    """Every refused attribute, class, link and unbalanced box in one chapter."""
    out = [_attribute(ctx, chapter, a.key, a.value, a.offset) for a in found.attributes]
    out += [_link(ctx, chapter, link.target, link.offset) for link in found.links]
    out += _boxes(ctx, chapter, found)
    out += [
        finding(
            "limit-word",
            ctx.body_at(chapter, at),
            f"{length:,} characters run on here with no space; the PDF takes words of at "
            f"most {limits.MAX_WORD:,}.",
            "Break it with spaces, or show it as code (`...`) if it is data.",
        )
        for at, length in found.long_words
    ]
    if found.too_deep is not None:
        depth, at = found.too_deep
        what = f"lists, quotes and the boxes around them are nested {depth} deep"
        out.append(_too_deep(ctx, chapter, what, at))
    return [f for f in out if f is not None]


def _too_deep(ctx: Context, chapter: Chapter, what: str, at: int) -> Finding:
    return finding(
        "limit-nesting",
        ctx.body_at(chapter, at),
        f"{what} here; the editions take at most {limits.MAX_NESTING} levels.",
        "Flatten it: use headings, or a list of fewer levels.",
    )


def _attribute(ctx: Context, chapter: Chapter, key: str, value: str, at: int) -> Finding | None:
    if key == "class":
        if not policy.class_reserved(value):
            return None
        return finding(
            "class-reserved",
            ctx.body_at(chapter, at),
            f'the class "{value}" is one manualctl keeps for the structure of the editions '
            "(chapters, sections, contents, amendment boxes).",
            "Remove it, or use a class of your own (for example .note); a chapter's own "
            "boxes are '::: scope' and '::: related'.",
        )
    if key == "id":
        return None
    if policy.attribute_allowed(key):
        wrong = policy.value_problem(key, value)
        if wrong is None:
            return None
        return finding(
            "attribute-value",
            ctx.body_at(chapter, at),
            f'the {key} attribute "{value}" {wrong}.',
            "Write a language as a BCP 47 tag, such as lang=cy, lang=ar or lang=pa-Arab; "
            "a direction as dir=rtl, dir=ltr or dir=auto.",
        )
    if key.lower() in policy.RESERVED_ATTRIBUTES:
        message = f'the attribute "{key}" is one manualctl writes itself, for the editions.'
    else:
        message = f'the attribute "{key}" is not allowed in a chapter.'
    return finding(
        "attribute-refused",
        ctx.body_at(chapter, at),
        message,
        f"Remove it. Between {{ }} write only #id, .class and {_ALLOWED} "
        '(for example {lang="cy"}); nothing in a chapter may run script in the HTML edition.',
    )


def _link(ctx: Context, chapter: Chapter, target: str, at: int) -> Finding | None:
    if policy.target_allowed(target):
        return None
    scheme = policy.scheme(target)
    shown = target if len(target) <= 40 else target[:37] + "..."
    return finding(
        "link-scheme",
        ctx.body_at(chapter, at),
        f'the address "{shown}" uses "{scheme}:", which the editions do not allow.',
        f"Link to a web page ({_SCHEMES}), another chapter (chapter:ID) or a file in the "
        "manual; put pictures in media/ and show them with ![alt text](../../media/NAME).",
    )


def _boxes(ctx: Context, chapter: Chapter, found: Scan) -> list[Finding]:
    out: list[Finding] = []
    open_at: list[int] = []
    for fence in found.fences:
        if fence.opens:
            open_at.append(fence.offset)
            if len(open_at) == limits.MAX_NESTING + 1:
                out.append(_too_deep(ctx, chapter, "boxes are nested too deep", fence.offset))
        elif open_at:
            open_at.pop()
        else:
            out.append(
                finding(
                    "box-unbalanced",
                    ctx.body_at(chapter, fence.offset),
                    "this ':::' line closes no box: in the editions it would close the "
                    "chapter itself, and what follows would fall outside it.",
                    "Remove the line, or open the box it is meant to close with '::: name' "
                    "(for example '::: scope') above it.",
                )
            )
    out += [
        finding(
            "box-unbalanced",
            ctx.body_at(chapter, offset),
            "this '::: ...' box is never closed.",
            "Add a line ':::' where the box ends.",
        )
        for offset in open_at
    ]
    return out
