"""``stamp``: write the coming edition's New/Updated flags into manual.yaml.

Git decides the flags (:mod:`manualctl.editions.workspace`); this module compares them with the
flags stored on the ``file:`` entries and writes the difference with the YAML text editor
(:func:`manualctl.model.yamltext.editor.set_key`), so every other byte of manual.yaml stays
as it was (comments, quoting, indentation in any style).
External entries and see-also items keep the flags people gave them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from manualctl.check.load import Resolver
from manualctl.editions.workspace import Workspace
from manualctl.fsutil import Leftover, atomic_write, manual_lock
from manualctl.gitbatch import CatFile
from manualctl.model.discovery import find_manual

if TYPE_CHECKING:  # stamp --check takes no date: datetime is not imported for it
    from datetime import date

Path_ = tuple[str | int, ...]


class FlagChange:
    """One entry whose stored flag differs from what git says it should be. (A plain
    class: making a NamedTuple compiles its ``__new__``, which ``stamp --check`` pays for.)"""

    __slots__ = ("file", "label", "new", "old")

    def __init__(self, file: str, label: str, old: str | None, new: str | None) -> None:
        self.file = file
        self.label = label  # "1.1.2 Our Vision"
        self.old = old
        self.new = new

    def describe(self) -> str:
        was = self.old or "no flag"
        now = self.new or "no flag"
        return f"{self.label} ({self.file}): {was} -> {now}"


class StampResult:
    """What stamp found, and whether it wrote manual.yaml (a plain class: making a
    dataclass at import costs a quick command's start-up more than its work)."""

    __slots__ = ("changes", "cleared", "edition", "flagged", "previous", "started", "written")

    def __init__(
        self,
        edition: str | None,  # the edition in preparation; None between editions
        previous: str | None,  # what the flags are relative to (``tag X``; between: the last)
        changes: list[FlagChange],
        flagged: int,  # how many chapters carry a flag after stamping
    ) -> None:
        self.edition = edition
        self.previous = previous
        self.changes = changes
        self.flagged = flagged
        self.written = False
        self.started = False  # manual.yaml now names the edition as in preparation
        self.cleared: list[Leftover] = []  # what killed runs had left, deleted


def stamp(
    manual_dir: Path | None,
    *,
    edition: str | None = None,
    check: bool = False,
    today: date | None = None,
    resolver: Resolver | None = None,
) -> StampResult:
    """Work out the flags for the edition in preparation (between editions: the last
    release's); write them unless ``check``. With ``edition`` (not ``check``), that edition
    is recorded as in preparation (manual.yaml ``edition: preparing:``). ``resolver``
    reads inherited chapters (see :class:`~manualctl.editions.workspace.Workspace`).

    A run that writes holds the manual's lock from before it reads anything, so a
    command changing the manual at the same time cannot slip in between.
    """
    root = find_manual(manual_dir)
    if check:
        return _stamp(root, edition, check=True, today=today, resolver=resolver)
    with manual_lock(root) as lock:
        result = _stamp(root, edition, check=False, today=today, resolver=resolver)
    result.cleared = lock.cleared
    return result


def _stamp(
    root: Path,
    edition: str | None,
    *,
    check: bool,
    today: date | None,
    resolver: Resolver | None = None,
) -> StampResult:
    ws = Workspace.open(root, edition=edition, today=today, full_check=not check, resolver=resolver)
    with CatFile(ws.repo.top, files=True) as batch:
        wanted, coming = ws.wanted_flags(batch)
    desired: dict[Path_, str | None] = {}
    changes: list[FlagChange] = []
    for entry in ws.manual.chapter_entries():
        chap = ws.manual.chapters.get(entry.file)
        flag = wanted.get(chap.id) if chap is not None else None
        if flag != entry.flag:
            title = chap.title if chap is not None else entry.file
            changes.append(FlagChange(entry.file, f"{entry.number} {title}", entry.flag, flag))
            desired[entry.path] = flag
    if coming is not None:
        previous = coming.previous.described if coming.previous else None
    else:
        previous = ws.last.described if ws.last else None
    result = StampResult(ws.coming_id, previous, changes, len(wanted))
    start = edition is not None and ws.manual.edition_settings.get("preparing") != edition
    if check or not (changes or start):
        return result
    path = ws.manual.config_path
    text = path.read_bytes().decode("utf-8")
    if changes:
        text = set_flags(text, desired)
    if start:
        assert edition is not None
        text = set_preparing(text, edition)
        result.started = True
    atomic_write(path, text)
    result.written = True
    return result


def set_preparing(text: str, edition: str) -> str:
    """manual.yaml text with ``edition: preparing: "YYYY-MM"`` set (other lines kept).

    A new ``edition:`` block goes before ``contents:``.
    """
    from manualctl.model.yamltext import editor  # only to write: not for --check

    doc = editor.Document.from_bytes(text.encode("utf-8"))
    editor.set_key(
        doc, "preparing", {("edition",): edition}, quote_value=True, mapping_before="contents"
    )
    return doc.to_bytes().decode("utf-8")


def set_flags(text: str, desired: dict[Path_, str | None]) -> str:
    """manual.yaml text with the ``flag:`` of each entry (by key path) set or removed.

    A new ``flag:`` goes on the line after the entry's ``file:``.
    """
    from manualctl.model.yamltext import editor

    doc = editor.Document.from_bytes(text.encode("utf-8"))
    editor.set_key(doc, "flag", desired, after="file")
    return doc.to_bytes().decode("utf-8")
