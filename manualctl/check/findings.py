"""Findings: one problem in a manual, with where it is and what to do about it."""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Finding(NamedTuple):
    """One problem. ``file`` is shown as given (relative to where the user ran us)."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def as_text(self, *, hint: bool = True) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity.value} {self.code}: "
        text += self.message
        if hint and self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_github(self) -> str:
        """A GitHub Actions workflow command (shown as an annotation on the file)."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        body = self.message + (f" {self.hint}" if self.hint else "")
        props = (
            f"file={_prop(self.file)},line={self.line},col={self.column},title={_prop(self.code)}"
        )
        return f"::{kind} {props}::{_data(body)}"

    def as_dict(self) -> dict[str, object]:
        # the severity as its value (``_asdict`` would keep the enum)
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class Unlisted:
    """Findings of one rule in one file that the rule counted instead of making (it had
    made as many as are listed): the first of them, and how many there are. (A plain
    class: making a NamedTuple compiles its ``__new__``, which every validate pays for.)"""

    __slots__ = ("first", "number")

    def __init__(self, first: Finding, number: int) -> None:
        self.first = first
        self.number = number


def bounded(
    findings: Sequence[Finding],
    limit: int,
    unlisted: Mapping[tuple[str, str], Unlisted] | None = None,
) -> list[Finding]:
    """``findings`` in order, with at most ``limit`` of one rule in one file: one more
    finding, at the first not listed, says how many more there are. ``unlisted`` holds
    those that rules counted without making them, by (file, code)."""
    ordered = sorted(findings)
    listed: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Finding] = {}
    kept: list[Finding] = []
    for f in ordered:
        key = (f.file, f.code)
        listed[key] += 1
        if listed[key] <= limit:
            kept.append(f)
        elif key not in first:
            first[key] = f
    for key, counted in (unlisted or {}).items():
        if key not in first or counted.first < first[key]:
            first[key] = counted.first
    if not first:
        return kept
    for key, at in first.items():
        count = max(listed[key] - limit, 0) + (
            unlisted[key].number if unlisted and key in unlisted else 0
        )
        kept.append(_more(at, count, limit))
    kept.sort()
    return kept


def _more(at: Finding, count: int, limit: int) -> Finding:
    """The one finding that stands for ``count`` more findings like ``at``."""
    kind = ("error" if at.severity is Severity.ERROR else "warning") + ("s" if count > 1 else "")
    return Finding(
        at.file,
        at.line,
        at.column,
        at.severity,
        at.code,
        f"... and {count:,} more {at.code} {kind} in this file from this line on, not "
        f"listed (validate lists the first {limit} of a rule in each file).",
        "Many findings of one rule are usually one mistake made many times: fix the "
        "ones listed, then run 'manualctl validate' again to see what is left.",
    )


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """True when any finding fails the run (warnings too when ``strict``)."""
    return any(strict or f.severity is Severity.ERROR for f in findings)


#: In grouped text, how many warnings of one rule are listed before the rest are counted.
WARNINGS_SHOWN = 10


def render(
    findings: Sequence[Finding],
    fmt: str,
    *,
    grouped: bool = False,
    warnings_shown: int | None = WARNINGS_SHOWN,
) -> str:
    """Render findings as ``text``, ``json`` or ``github``, in file and line order.

    ``grouped`` (for validate's text output) shows each hint the first time it is met
    for a rule (200 chapters awaiting text share one hint), lists every error but only
    the first ``warnings_shown`` warnings of each rule (None: all), saying how many more
    there are, and ends with a count per rule code when there are several findings.
    """
    ordered = sorted(findings)
    if fmt == "json":
        import json

        return json.dumps([f.as_dict() for f in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(f.as_github() for f in ordered)
    if not grouped:
        return "\n".join(f.as_text() for f in ordered)
    lines = []
    hinted: set[tuple[str, str]] = set()
    listed: Counter[str] = Counter()
    for f in ordered:
        if f.severity is Severity.WARNING and warnings_shown is not None:
            listed[f.code] += 1
            if listed[f.code] > warnings_shown:
                continue
        shown = (f.code, f.hint)
        lines.append(f.as_text(hint=shown not in hinted))
        hinted.add(shown)
    limit = warnings_shown or 0
    hidden = {code: n - limit for code, n in listed.items() if n > limit}
    if hidden and not limit:
        if lines:
            lines.append("")
        lines.append("Warnings are counted below, not listed (run with --all to list every one).")
    elif hidden:
        lines.append("")
        lines += [
            f"... and {n} more {code} warning{'s' if n > 1 else ''} not listed "
            "(run with --all to list every one)."
            for code, n in sorted(hidden.items())
        ]
    if len(ordered) > 1:
        lines += ["", "Findings by rule:", *summary(ordered)]
    return "\n".join(lines)


def summary(findings: Sequence[Finding]) -> list[str]:
    """One line per rule code: how many findings, errors first, then by code."""
    counts = Counter((f.severity, f.code) for f in findings)
    width = max(len(code) for _, code in counts)
    ordered = sorted(
        counts.items(), key=lambda item: (item[0][0] is not Severity.ERROR, item[0][1])
    )
    return [
        f"  {code:<{width}}  {count:>5} {severity.value}{'s' if count > 1 else ''}"
        for (severity, code), count in ordered
    ]


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean "x"?' for the closest choice, or '' when none is close."""
    import difflib  # only when something is misspelt
    import unicodedata

    options = list(choices)
    wanted = unicodedata.normalize("NFC", word)
    same = [c for c in options if c != word and unicodedata.normalize("NFC", c) == wanted]
    if same:  # two names that look identical: say why they are not the same
        return (
            f' There is "{same[0]}", which looks the same but is written with other Unicode '
            "characters (an accent typed as a separate mark, or not): retype the name, or "
            "copy it from the file itself."
        )
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


def display(path: Path | str) -> str:
    """A path as shown in messages: relative to the working directory when inside it.

    ``os.path.relpath``'s answer; for a path written out in full (and in its plainest
    form) worked out from the two paths' parts, without relpath's making each absolute
    and plain again (a fifth of the cost: ``upstream status`` names each of 100 manuals'
    manual.yaml). ``tests/test_display.py`` holds the two equal."""
    text = os.fspath(path)
    cwd = os.getcwd()
    if (
        _POSIX
        and text[:1] == "/"
        and text[1:2] not in ("/", "")
        and len(cwd) > 1
        and os.path.normpath(text) == text
    ):
        n = len(cwd)
        if text[n : n + 1] == "/" and text.startswith(cwd):
            return text[n + 1 :]  # inside the working folder
        here, there = cwd.split("/"), text.split("/")
        common = 0
        for a, b in zip(here, there, strict=False):
            if a != b:
                break
            common += 1
        return "/".join([".."] * (len(here) - common) + there[common:]) or "."
    try:
        return os.path.relpath(text)
    except ValueError:  # pragma: no cover - another drive on Windows
        return text


_POSIX = os.sep == "/"  # (on Windows, relpath also ignores case)
