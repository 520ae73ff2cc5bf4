"""The parts of one line of a contents page: its text cleaned, a chapter's title, status,
note and flag, a see-also line's label.

:mod:`manualctl.importing.contents_page` decides what kind of line each is and where it
belongs in the tree; this module splits a line's text once its kind is known.
"""

from __future__ import annotations

import re

from manualctl.model.manual import FLAGS, SEE_ALSO_LABELS, STATUSES

NBSP = "\u00a0"
_STATUS = re.compile(r" - (?P<status>" + "|".join(sorted(STATUSES, key=len, reverse=True)) + ")$")
_FLAG = re.compile(r"^(?P<rest>.*\S) (?P<flag>" + "|".join(FLAGS) + ")$")
_SEE_ALSO_PREFIXES = [(label, label + " ") for label in SEE_ALSO_LABELS]


def clean(line: str) -> str:
    """A line with non-breaking spaces as spaces, runs of white space collapsed, trimmed."""
    return " ".join(line.replace(NBSP, " ").split())


def split_chapter_text(text: str) -> tuple[str, str | None, str | None, str | None]:
    """(title, status, note, flag) from what follows a chapter number.

    The page writes ``Title - status N.B. note Flag``; each part is optional.
    """
    flag = None
    match = _FLAG.match(text)
    if match:
        text, flag = match["rest"], match["flag"]
    note = None
    at = text.find(" N.B. ")
    if at > 0:
        text, note = text[:at], text[at + 1 :]
    status = None
    found = _STATUS.search(text)
    if found:
        status, text = found["status"], text[: found.start()]
    return text, status, note, flag


def split_flag(text: str) -> tuple[str, str | None]:
    """A see-also target and its flag (``Updated``/``New`` at the end), if any."""
    match = _FLAG.match(text)
    return (match["rest"], match["flag"]) if match else (text, None)


def see_also_start(text: str) -> tuple[str, str] | None:
    """(label, rest) when ``text`` is a see-also line such as ``See also: X``."""
    for label, prefix in _SEE_ALSO_PREFIXES:
        if text.startswith(prefix) and text[len(prefix) :].strip():
            return label, text[len(prefix) :].strip()
    return None
