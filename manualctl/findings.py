"""Findings: one problem in a manual, with where it is and what to do about it."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem. ``file`` is shown as given (relative to where the user ran us)."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def as_text(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity.value} {self.code}: "
        text += self.message
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_github(self) -> str:
        """A GitHub Actions workflow command (shown as an annotation on the file)."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        body = self.message + (f" {self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = self.code.replace(",", "%2C").replace("::", "%3A%3A")
        return f"::{kind} file={self.file},line={self.line},col={self.column},title={title}::{body}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """True when any finding fails the run (warnings too when ``strict``)."""
    return any(strict or f.severity is Severity.ERROR for f in findings)


def render(findings: Sequence[Finding], fmt: str) -> str:
    """Render findings as ``text``, ``json`` or ``github``."""
    ordered = sorted(findings)
    if fmt == "json":
        return json.dumps([f.as_dict() for f in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(f.as_github() for f in ordered)
    return "\n".join(f.as_text() for f in ordered)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean "x"?' for the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""
