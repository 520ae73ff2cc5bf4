"""The id and the file name of a new chapter: what a person may give, and what is refused.

An id is made from the title unless given; it must be a slug of at most
:data:`~manualctl.check.limits.MAX_ID_LENGTH` characters, since it names the chapter's
file, and no part of the file's path may be a name Windows keeps for a device.
"""

from __future__ import annotations

from manualctl.check import limits
from manualctl.errors import UsageError
from manualctl.model.chapter import SLUG_RE, id_from_title


def chapter_id_for(title: str, chapter_id: str | None) -> str:
    """The new chapter's id: ``chapter_id`` if given, else made from ``title``; checked."""
    new_id = chapter_id if chapter_id is not None else id_from_title(title)
    if not new_id:
        raise UsageError(
            f'The title "{title}" gives an empty id: ids are made of the letters a-z and '
            "digits 0-9 in the title, and it has none (a title in Arabic or Bengali script, "
            "say, is fine, but its id must be given).",
            hint="Give the chapter an id with --id, for example --id my-chapter.",
        )
    if len(new_id) > limits.MAX_ID_LENGTH:
        raise UsageError(
            f"The chapter id is {len(new_id)} characters long; ids may be at most "
            f"{limits.MAX_ID_LENGTH} (the id names the chapter's file).",
            hint="Give a shorter id with --id: the main words of the title are enough.",
        )
    if not SLUG_RE.match(new_id):
        raise UsageError(
            f'"{new_id}" is not a valid chapter id.',
            hint="Use lower-case letters, digits and single hyphens, "
            "e.g. placements-in-foster-care.",
        )
    return new_id


# names Windows keeps for devices, with any extension (con.md is the console)
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10)}
)


def windows_reserved(name: str) -> bool:
    return name.split(".", 1)[0].rstrip(" ").lower() in _WINDOWS_RESERVED
