"""``manualctl publish``: check each manual, build its document once, write each format.

Every manual is validated first (:func:`manualctl.check.validate.open_manual`); if any has
errors nothing is written. Each file is written to a temporary file in the output
folder and renamed into place, so a failed or interrupted run leaves the previous
edition as it was. Dates come from the commit (SOURCE_DATE_EPOCH wins when set), so the
same commit always gives the same bytes.

Which edition: a commit carrying the manual's edition tag (with nothing uncommitted in
its folder) is that edition; anything else is a draft, labelled as one and named
``-draft`` (:mod:`manualctl.editions.published`). ``edition`` or ``as_of`` rebuild a
released edition from its tag, read from git into a temporary folder: the working tree
is not touched, and the bytes are those published from the tagged commit.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from manualctl import proc
from manualctl.check.load import Read
from manualctl.editions.published import EditionLabel
from manualctl.editions.tags import parse_edition
from manualctl.errors import UsageError
from manualctl.fsutil import Leftover, manual_lock
from manualctl.model.manual import Manual
from manualctl.publish.dates import env_epoch, printed_date, source_epoch
from manualctl.publish.document import Document, build_document
from manualctl.publish.folder import clean_temp_folders
from manualctl.publish.formats import (
    FOLDER_FORMATS,
    FORMAT_NAMES,
    RENDERERS,
    output_name,
    render_pdf,
)
from manualctl.publish.typst_build import DEFAULT_STANDARD
from manualctl.publish.written import Written, make_out_folder, write_file


@dataclass(frozen=True)
class Published:
    """What publish wrote, and what killed runs had left in the output folder (deleted,
    or a site moved aside put back: see :func:`manualctl.fsutil.manual_lock`)."""

    written: list[Written]
    cleared: list[Leftover]


def publish(
    manuals: Sequence[Manual],
    *,
    formats: Sequence[str],
    out: Path,
    chapter: str | None = None,
    edition: str | None = None,
    as_of: date | None = None,
    step: Callable[[str], None] | None = None,
    pdf_standard: str = DEFAULT_STANDARD,
    time_limit: float | None = None,
    force: bool = False,
    reads: Sequence[Mapping[str, Read]] | None = None,
) -> Published:
    """Write each manual's edition in each format into ``out``; return what was written.

    ``manuals`` have passed validation. ``edition`` (YYYY-MM) or ``as_of`` (the edition
    in force that day) publish a released edition from its tag instead of the working
    tree. ``step`` is told what is being made next. With ``time_limit`` (seconds) the
    whole run is stopped with a clear error when it takes longer (a pandoc run is ended,
    a Typst compile abandoned); what was already written stays, nothing is half-written.
    An edition whose inputs hash as those recorded beside it (:mod:`.inputs`) is kept as
    it is, unless ``force``. ``reads``: for each manual, its chapter files as validate
    read and scanned them (:attr:`manualctl.check.validate.Report.reads`), so that
    building the document does not scan them again.
    """
    if edition is not None:
        edition = parse_edition(edition, what="--edition")
    _check_out(manuals, out)
    make_out_folder(out)
    with proc.time_limit(time_limit), manual_lock(out, whole_tree=False) as lock:
        clean_temp_folders()
        options = _Options(pdf_standard, force)
        scanned = list(reads) if reads is not None else [{} for _ in manuals]
        written = _publish(manuals, formats, out, chapter, edition, as_of, step, options, scanned)
    return Published(written, lock.cleared)


def _publish(
    manuals: Sequence[Manual],
    formats: Sequence[str],
    out: Path,
    chapter: str | None,
    edition: str | None,
    as_of: date | None,
    step: Callable[[str], None] | None,
    options: _Options,
    reads: list[Mapping[str, Read]],
) -> list[Written]:
    import tempfile

    from manualctl.editions import published

    written: list[Written] = []
    for manual, read in zip(manuals, reads, strict=True):
        if edition is None and as_of is None:
            epoch = source_epoch(manual.root)
            printed = printed_date(epoch)
            label = published.label_at_head(
                manual.root,
                manual.tag_format,
                manual.id,
                manual.edition_settings,
                f"{printed.year}-{printed.month:02d}",
            )
            made = _formats(manual, label, epoch, formats, out, chapter, step, options, None, read)
            written.extend(made)
            continue
        tagged = published.release_tags(manual.root, manual.tag_format, manual.id)
        chosen = (
            published.find_release(tagged, edition)
            if edition is not None
            else published.in_force(tagged, as_of or date.today())
        )
        with tempfile.TemporaryDirectory(prefix="manualctl-edition-") as folder:
            root, committed = published.release_files(manual.root, chosen.tag, Path(folder))
            from manualctl.check.validate import open_manual
            from manualctl.publish.inherited import from_folder

            old = open_manual(root, resolver=from_folder(manual.root))
            epoch = env_epoch() or committed
            label = published.released(chosen.edition)
            home = manual.root
            made = _formats(old, label, epoch, formats, out, chapter, step, options, home)
            written.extend(made)
    return written


@dataclass(frozen=True)
class _Options:
    pdf_standard: str = DEFAULT_STANDARD
    force: bool = False  # build even when the inputs are those of the edition there


#: the folders of a manual that hold its own files (editions may go beside them, as in a
#: repository whose manual is at its top and whose editions/ folder is ignored by git)
_MANUAL_FOLDERS = ("chapters", "media", "templates")


def _check_out(manuals: Sequence[Manual], out: Path) -> None:
    """Refuse an --out that is a manual's folder or inside its chapters/, media/ or
    templates/ (the editions would become files of the manual), and two manuals with the
    same id (their editions would have the same names)."""
    target = Path(os.path.realpath(out))
    seen: dict[str, Manual] = {}
    for manual in manuals:
        root = Path(os.path.realpath(manual.root))
        owned = [root / name for name in _MANUAL_FOLDERS]
        if target == root or any(target == f or target.is_relative_to(f) for f in owned):
            raise UsageError(
                f"--out {out} is the manual's folder or inside its chapters, media or "
                f"templates ({manual.root}): the editions would become files of the manual.",
                hint="Write them outside the manual's folder, e.g. --out editions at the "
                "top of the repository (the default, from there).",
            )
        other = seen.get(manual.id)
        if other is not None:
            raise UsageError(
                f'{other.root} and {manual.root} are both the manual "{manual.id}": one '
                "publish would write both to the same files.",
                hint="Give each manual its own id in its manual.yaml ('manualctl validate' "
                "reports the two as duplicate-manual-id).",
            )
        seen[manual.id] = manual


def _formats(
    manual: Manual,
    label: EditionLabel,
    epoch: int,
    formats: Sequence[str],
    out: Path,
    chapter: str | None,
    step: Callable[[str], None] | None,
    options: _Options,
    home: Path | None,
    reads: Mapping[str, Read] | None = None,
) -> list[Written]:
    """``home``: the manual's own folder when ``manual`` is a released edition taken out
    of git (an inherited chapter's template is named relative to it). ``reads``: its
    chapter files as validate read them (none for a released edition)."""
    import tempfile

    from manualctl.publish.inherited import resolve

    printed = printed_date(epoch)
    with tempfile.TemporaryDirectory(prefix="manualctl-upstream-") as media:
        doc = build_document(
            manual,
            edition=label.edition,
            printed_on=printed,
            chapter=chapter,
            label=label,
            inherited=resolve(manual, Path(media), home),
            reads=reads,
        )
        written = []
        for fmt in formats:
            if step is not None:
                step(f"{manual.title}: {FORMAT_NAMES.get(fmt, fmt)} edition")
            written.append(_write(manual, doc, fmt, out, epoch, chapter, options))
    return written


def _write(
    manual: Manual,
    doc: Document,
    fmt: str,
    out: Path,
    epoch: int,
    chapter: str | None,
    options: _Options,
) -> Written:
    import tempfile

    from manualctl.publish import inputs

    target = out / output_name(manual, doc.stem or doc.edition, fmt, chapter)
    wanted = {"chapter": chapter, "pdf_standard": options.pdf_standard if fmt == "pdf" else None}
    record = inputs.read_record(target)
    digest = inputs.inputs_hash(doc, fmt, epoch, wanted, record)
    made = partial(
        Written, manual.id, fmt, doc.edition, chapter, target, draft=doc.stem.endswith("draft")
    )
    if not options.force:
        there = inputs.output_hash(target, folder=fmt in FOLDER_FORMATS)
        found = inputs.kept(target, digest, there, record)
        if found is not None:
            return made(size=found[0], sha256=found[1], kept=True)
    if fmt in FOLDER_FORMATS:
        size, sha256 = _write_folder(doc, fmt, target, epoch)
    else:
        with tempfile.TemporaryDirectory(prefix="manualctl-publish-") as work:
            if fmt == "pdf":
                data = render_pdf(doc, epoch, Path(work), options.pdf_standard)
            else:
                data = RENDERERS[fmt](doc, epoch, Path(work))
        done = write_file(target, data, manual.id, fmt, doc.edition, chapter)
        size, sha256 = done.size, done.sha256
    inputs.write_record(target, digest, sha256, size, fmt)
    return made(size=size, sha256=sha256)


def _write_folder(doc: Document, fmt: str, target: Path, epoch: int) -> tuple[int, str]:
    """A folder edition (the HTML site), built beside its target and swapped into place.

    Returns the total size of its files and the hash of its manifest."""
    from manualctl.publish.folder import replace_folder

    listing = replace_folder(target, lambda folder: RENDERERS[fmt](doc, epoch, folder))
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return size, hashlib.sha256(listing).hexdigest()
