"""Writing a new manual to disk: manual.yaml text and chapter files, all at once.

Used by ``import contents`` (from an :class:`~manualctl.importing.contents_page.ImportResult`)
and by ``init``. A plan is a mapping of paths (relative to the manual folder) to text;
:func:`create_manual` writes it into a temporary folder next to the target and renames
that into place: the files are written where no one looks and the whole folder appears
at once, so a failure (an error, a full disk, Ctrl-C) leaves nothing half-made. Files are
not flushed to disk one by one (that cost 6 ms a chapter; if the power fails just after an
import, run the import again). It refuses a target folder that exists and is not empty.

manual.yaml is written by hand rather than dumped, so a person can read it: comments at
the top, one entry per chapter, a blank line between sections, quotes only where YAML
needs them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from manualctl.errors import UsageError
from manualctl.importing.page_tree import (
    ChapterLine,
    ImportResult,
    Note,
    SeeAlso,
    SubsectionHeading,
)
from manualctl.model.chapter import id_from_title
from manualctl.model.yamltext.scalar import scalar


class Ids:
    """Hands out slugs that are unique within one manual (``x``, ``x-2``, ``x-3``)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, text: str, fallback: str = "chapter") -> str:
        base = id_from_title(text) or fallback
        candidate, count = base, 1
        while candidate in self.used:
            count += 1
            candidate = f"{base}-{count}"
        self.used.add(candidate)
        return candidate


def front_matter(fields: list[tuple[str, str]], body: str = "") -> str:
    """A chapter file: ``---``, the given ``key: value`` lines, ``---``, then the body.

    A value that starts with a newline is a nested block (written as ``key:`` + block).
    """
    sep = {True: ":", False: ": "}
    lines = ["---", *(f"{k}{sep[v.startswith(chr(10))]}{v}" for k, v in fields), "---"]
    return "\n".join(lines) + "\n" + body


def plan_import(
    result: ImportResult,
    *,
    manual_id: str,
    title: str,
    organisation: str | None,
    source_name: str,
    today: date,
    edition: str | None = None,
    inherited: Mapping[int, str] | None = None,
    upstream: tuple[str, str] | None = None,
) -> dict[str, str]:
    """The files of a manual made from an imported contents page (path -> text).

    ``edition`` (YYYY-MM) is the edition the page shows: manual.yaml records it as
    ``edition: imported:``, so the page's New and Updated flags stand as that edition's
    until the first edition made with manualctl.

    ``inherited`` maps chapter lines (by ``id()``) to the template chapter each is: those
    become ``- inherit: ID`` entries, with no file; ``upstream`` is then the template's
    folder (relative to the new manual) and edition, for manual.yaml's ``upstream:``.
    """
    ids, folders = Ids(), Ids()
    inherited = inherited or {}
    ids.used.update(inherited.values())  # a local chapter never takes a template id
    files: dict[str, str] = {}
    chapter_ids: dict[int, str] = dict(inherited)  # id() of a ChapterLine -> chapter id
    by_title: dict[str, str] = {}
    for chapter in result.chapters():
        if chapter.source is None:
            if id(chapter) not in chapter_ids:
                chapter_ids[id(chapter)] = ids.take(chapter.title)
            by_title.setdefault(chapter.title, chapter_ids[id(chapter)])

    head = [
        f'# Imported by manualctl on {today.isoformat()} from the contents page "{source_name}".',
    ]
    if result.date:
        head.append(f"# The page was dated {result.date}.")
    head += [
        "# Numbers (1, 1.1, 1.1.1) come from the order below. Chapter titles and statuses",
        "# live in the chapter files. Entries with a 'source' are chapters hosted elsewhere:",
        "# add their 'url'.",
        f"id: {scalar(manual_id)}",
        f"title: {scalar(title)}",
    ]
    if organisation:
        head.append(f"organisation: {scalar(organisation)}")
    head.append("language: en-GB")
    if edition:
        head += [
            "edition:",
            "  # The edition the page shows, published before manualctl: its New and Updated",
            "  # flags stand until the first edition made with manualctl.",
            f'  imported: "{edition}"',
        ]
    if upstream is not None:
        head += ["upstream:", f"  manual: {scalar(upstream[0])}", f"  edition: {upstream[1]}"]
    head.append("contents:")
    body: list[str] = []
    for section in result.sections:
        folder = folders.take(section.title, "section")
        body += (
            ["", f"  - section: {scalar(section.title)}"]
            if body
            else [f"  - section: {scalar(section.title)}"]
        )
        if section.pinned:
            body.append(f"    number: {scalar(section.pinned)}")
        if section.entries:
            body.append("    entries:")
        for item in section.entries:
            if isinstance(item, SubsectionHeading):
                body.append(f"      - subsection: {scalar(item.title)}")
                if item.pinned:
                    body.append(f"        number: {scalar(item.pinned)}")
                if item.entries:
                    body.append("        entries:")
                for inner in item.entries:
                    body += _entry(inner, 10, folder, chapter_ids, by_title, files, inherited)
            else:
                body += _entry(item, 6, folder, chapter_ids, by_title, files, inherited)
    files["manual.yaml"] = "\n".join(head + body) + "\n"
    return files


def _entry(
    item: ChapterLine | SeeAlso | Note,
    indent: int,
    folder: str,
    chapter_ids: dict[int, str],
    by_title: dict[str, str],
    files: dict[str, str],
    inherited: Mapping[int, str],
) -> list[str]:
    pad, more = " " * indent, " " * (indent + 2)
    if isinstance(item, Note):
        return [f"{pad}- note: {scalar(item.text)}"]
    if isinstance(item, SeeAlso):
        lines = [f"{pad}- see_also:"]
        for target in item.items:
            chapter = by_title.get(target.title)
            if chapter:
                lines.append(f"{more}  - chapter: {chapter}")
            else:
                lines.append(f"{more}  - title: {scalar(target.title)}")
            if target.flag:
                lines.append(f"{more}    flag: {target.flag}")
        if item.label != "See also:":
            lines.append(f"{more}label: {scalar(item.label)}")
        return lines
    if item.source is not None:
        lines = [f"{pad}- external: {scalar(item.title)}", f"{more}source: {scalar(item.source)}"]
        extras = [("number", item.pinned), ("status", item.status), ("note", item.note)]
    elif id(item) in inherited:
        lines = [f"{pad}- inherit: {inherited[id(item)]}"]
        extras = [("number", item.pinned), ("note", item.note)]
    else:
        chapter_id = chapter_ids[id(item)]
        rel = f"chapters/{folder}/{chapter_id}.md"
        fields = [("id", chapter_id), ("title", scalar(item.title))]
        if item.status:
            fields.append(("status", scalar(item.status)))
        if item.kind != "chapter":
            fields.append(("kind", item.kind))
        files[rel] = front_matter(fields)
        lines = [f"{pad}- file: {rel}"]
        extras = [("number", item.pinned), ("note", item.note)]
    extras.append(("flag", item.flag))
    lines += [f"{more}{key}: {scalar(value)}" for key, value in extras if value]
    return lines


#: What a folder may already hold and still count as empty: a fresh ``git init``.
_MAY_HOLD = frozenset({".git"})


def check_target(target: Path) -> None:
    """Refuse a target that is a file, or a folder that holds more than ``.git``."""
    if target.exists() and (
        not target.is_dir() or any(p.name not in _MAY_HOLD for p in target.iterdir())
    ):
        raise UsageError(
            f"{target} already exists and is not empty: nothing was written.",
            hint="Give a new folder (it is created for you), or an empty one "
            "(a freshly 'git init'-ed folder is fine).",
        )


def _move_into(staging: Path, target: Path) -> None:
    """Move the staged files into an existing (empty but for .git) folder.

    manual.yaml goes last, so a manual is never seen without its chapters; what was
    moved is taken back if a later move fails.
    """
    moved: list[Path] = []
    try:
        for item in sorted(staging.iterdir(), key=lambda p: p.name == "manual.yaml"):
            os.rename(item, target / item.name)
            moved.append(target / item.name)
    except OSError:
        for path in moved:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
        raise


def create_manual(target: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``files`` as a new manual at ``target`` (which must be absent or empty);
    text is written as UTF-8, bytes (pictures) as they are."""
    check_target(target)
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise UsageError(
            f"Cannot create {target}: {exc.strerror or exc}.",
            hint="Check that the folder above it exists and is writable.",
        ) from exc
    try:
        for rel, text in sorted(files.items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.chmod(staging, 0o777 & ~_umask())
        if target.is_dir():
            _move_into(staging, target)  # empty, or a fresh git repository: keep its .git
        else:
            os.rename(staging, target)
    except OSError as exc:
        raise UsageError(
            f"Cannot create {target}: {exc.strerror or exc}.",
            hint="Check the disk has space and the folder is writable, then try again.",
        ) from exc
    finally:
        if staging.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(staging)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
