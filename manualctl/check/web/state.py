"""What ``manualctl links`` remembers between runs: each address's last answer, when it
was asked, and since when it fails.

One small JSON file (by default ``.manualctl/links.json`` at the top of the repository,
a folder git is told to ignore), written atomically. An address answered within
``--max-age`` is not asked again; one that has failed since an earlier run keeps the
date of its first failure, so a finding can say "failing since 2026-11-28". Deleting
the file only means every address is asked again and failures are dated anew.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from manualctl import fsutil
from manualctl.errors import UsageError

VERSION = 1
#: Addresses no run has asked about for this long are forgotten.
FORGET_AFTER = timedelta(days=90)
#: Answers that say whether the link works, kept and reused within --max-age.
KEPT = ("ok", "redirected", "broken", "unreachable")
FAILING = ("broken", "unreachable")
_AGE = re.compile(r"^\s*(\d+)\s*([smhdw]?)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "": 86400}


class Outcome(NamedTuple):
    """What an address answered: ``result`` is one of ok, redirected, broken,
    unreachable, rate-limited or skipped; ``detail`` says it in words ("404 Not
    Found"); ``moved_to`` is where a redirected address now is."""

    result: str
    detail: str = ""
    moved_to: str = ""


@dataclass(frozen=True)
class Answer:
    """An address's last kept answer."""

    outcome: Outcome
    checked: datetime
    failing_since: date | None = None


def parse_age(text: str) -> timedelta:
    """``--max-age``: a number and a unit (s, m, h, d, w; days when none), 0 for none."""
    match = _AGE.match(text)
    if match is None:
        raise UsageError(
            f'--max-age "{text}" is not an age.',
            hint="Write a number and a unit: 30m, 12h, 1d or 2w (0 asks every address again).",
        )
    return timedelta(seconds=int(match[1]) * _UNITS[match[2]])


class State:
    """The answers kept in one file, by address."""

    def __init__(self, path: Path, answers: dict[str, Answer]) -> None:
        self.path = path
        self.answers = answers

    @classmethod
    def load(cls, path: Path) -> State:
        """The answers in ``path`` (none when it does not exist yet)."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path, {})
        except (OSError, UnicodeDecodeError) as exc:
            raise _damaged(path, 1, str(exc)) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _damaged(path, exc.lineno, exc.msg) from exc
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise _damaged(path, 1, f"not a version {VERSION} file of manualctl links")
        addresses = data.get("addresses") or {}
        if not isinstance(addresses, dict):
            raise _damaged(path, _line_of(text, "addresses"), '"addresses" is not a mapping')
        answers = {}
        for url, raw in addresses.items():
            try:
                answers[url] = _answer(raw)
            except (KeyError, TypeError, ValueError) as exc:
                line = _line_of(text, url)
                raise _damaged(path, line, f'the entry for "{url}" is not readable') from exc
        return cls(path, answers)

    def fresh(self, url: str, now: datetime, max_age: timedelta) -> Answer | None:
        """The kept answer for ``url`` if it was given within ``max_age`` of ``now``."""
        answer = self.answers.get(url)
        if answer is None or now - answer.checked >= max_age:
            return None
        return answer

    def record(self, url: str, outcome: Outcome, now: datetime) -> Answer:
        """Keep ``outcome`` as the answer of ``url``; an answer that says nothing of the
        link (rate limited, left out) keeps the earlier one, to be asked again."""
        before = self.answers.get(url)
        if outcome.result not in KEPT:
            since = before.failing_since if before is not None else None
            return Answer(outcome, now, since)
        since = None
        if outcome.result in FAILING:
            earlier = before.failing_since if before is not None else None
            since = earlier or now.date()
        answer = self.answers[url] = Answer(outcome, now, since)
        return answer

    def save(self, now: datetime, *, ignore_folder: bool = False) -> None:
        """Write the answers (forgetting those older than :data:`FORGET_AFTER`).

        ``ignore_folder``: the file is in a folder of manualctl's own, which gets a
        ``.gitignore`` so git does not see it.
        """
        kept = {
            url: _raw(answer)
            for url, answer in sorted(self.answers.items())
            if now - answer.checked < FORGET_AFTER
        }
        data = {
            "about": "manualctl links: each web address's last answer, and since when it "
            "fails. Safe to delete: the next run asks every address again.",
            "version": VERSION,
            "addresses": kept,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"Cannot make the folder {self.path.parent} for the link cache: {exc.strerror}.",
                hint="Give a writable place with --cache PATH, then run the command again.",
            ) from exc
        if ignore_folder and not (self.path.parent / ".gitignore").exists():
            fsutil.atomic_write(self.path.parent / ".gitignore", "# made by manualctl\n*\n")
        fsutil.atomic_write(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def _answer(raw: dict[str, Any]) -> Answer:
    outcome = Outcome(str(raw["result"]), str(raw.get("detail", "")), str(raw.get("moved_to", "")))
    if outcome.result not in KEPT:
        raise ValueError(outcome.result)
    checked = datetime.fromisoformat(raw["checked"])
    if checked.tzinfo is None:  # written by hand: taken as UTC, as manualctl writes it
        checked = checked.replace(tzinfo=UTC)
    since = raw.get("failing_since")
    return Answer(outcome, checked, date.fromisoformat(since) if since else None)


def _raw(answer: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "result": answer.outcome.result,
        "checked": answer.checked.isoformat(timespec="seconds"),
    }
    if answer.outcome.detail:
        out["detail"] = answer.outcome.detail
    if answer.outcome.moved_to:
        out["moved_to"] = answer.outcome.moved_to
    if answer.failing_since is not None:
        out["failing_since"] = answer.failing_since.isoformat()
    return out


def _line_of(text: str, url: str) -> int:
    at = text.find(json.dumps(url, ensure_ascii=False))
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _damaged(path: Path, line: int, why: str) -> UsageError:
    return UsageError(
        f"{path}:{line}: the link cache cannot be read ({why}).",
        hint="Delete the file (it is only a cache: the next run asks every address again "
        "and dates failures anew), or give another with --cache PATH.",
    )
