"""What publish writes: the output folder, each file written atomically, and the record
of each (:class:`Written`, the lines ``publish`` prints and ``--format json`` lists).

A file is written to a temporary file beside its target and renamed into place
(:func:`manualctl.fsutil.atomic_write`), so a failed or interrupted run leaves the last
good file. Editions and redlines are written the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from manualctl.errors import UsageError
from manualctl.fsutil import atomic_write


@dataclass(frozen=True)
class Written:
    """One file publish wrote."""

    manual: str
    format: str
    edition: str
    chapter: str | None
    path: Path
    size: int
    sha256: str
    draft: bool = False
    kept: bool = False  # built before from the same inputs, so left as it was

    def as_dict(self) -> dict[str, object]:
        return {
            "manual": self.manual,
            "format": self.format,
            "edition": self.edition,
            "draft": self.draft,
            "chapter": self.chapter,
            "path": str(self.path),
            "bytes": self.size,
            "sha256": self.sha256,
            "kept": self.kept,
        }


def make_out_folder(out: Path) -> None:
    """Create the output folder (and its parents), or say why it cannot be."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"Cannot create the output folder {out}: {exc.strerror}.",
            hint="Choose a folder you may write to with --out DIR.",
        ) from exc


def write_file(
    path: Path,
    data: bytes,
    manual: str,
    fmt: str,
    edition: str,
    chapter: str | None,
    draft: bool = False,
) -> Written:
    """Write ``data`` to ``path`` atomically (see the module docstring): what was written."""
    atomic_write(path, data)
    digest = hashlib.sha256(data).hexdigest()
    return Written(manual, fmt, edition, chapter, path, len(data), digest, draft)
