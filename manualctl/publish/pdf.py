"""The PDF edition: one manual's document model -> one accessible PDF.

The document model (:mod:`manualctl.publish.document`) is the manual as one pandoc input
plus its metadata. :func:`write_pdf` converts it to Typst with one pandoc run (the model's
pinned filter, then ``filters/typst.lua``), lays it out with ``templates/manual.typ`` and
compiles it in-process with the ``typst`` package: no LaTeX, no system packages.

The PDF is tagged and conforms to PDF/UA-1: document language, title shown in the
window title, bookmarks for every section, sub-section and chapter, real headings, alt
text on images, reading order as written. ``standard="a-2b"`` adds PDF/A-2b for archiving.
Output is reproducible: the creation date is the commit time (or SOURCE_DATE_EPOCH), the
fonts are Typst's own (system fonts are ignored), so the same commit gives the same bytes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from manualctl import git
from manualctl.errors import ManualInvalid, UsageError
from manualctl.findings import Finding, Severity
from manualctl.fsutil import atomic_write
from manualctl.load import display
from manualctl.manual import Manual
from manualctl.publish.typst_build import STANDARDS, TEMPLATE_NAME, TypstSource, build, media_name

#: `--pdf-standard` values: PDF/UA-1 always; a-2b adds PDF/A-2b.
PDF_STANDARDS = tuple(STANDARDS)
_RAW_TYPST = re.compile(r"\{\s*=\s*typ(?:st)?\s*\}", re.IGNORECASE)


class DocumentLike(Protocol):
    """What the PDF needs of the document model (manualctl.publish.document.Document)."""

    @property
    def root(self) -> Path: ...
    @property
    def markdown(self) -> str: ...
    @property
    def metadata(self) -> Mapping[str, str]: ...
    def pandoc_args(self) -> list[str]: ...


def raw_typst_findings(manual: Manual) -> list[Finding]:
    """Every chapter line that asks for raw Typst (```{=typst} or `...`{=typst})."""
    found: list[Finding] = []
    for chapter in manual.chapters.values():
        for offset, line in enumerate(chapter.body.split("\n")):
            match = _RAW_TYPST.search(line)
            if match:
                found.append(
                    Finding(
                        display(chapter.path),
                        chapter.body_line + offset,
                        match.start() + 1,
                        Severity.ERROR,
                        "raw-typst",
                        "raw Typst code is not allowed in a chapter.",
                        "Write the content in Markdown; the PDF edition runs no code "
                        "from a manual. Remove the {=typst} block.",
                    )
                )
    return found


def refuse_raw_typst(manual: Manual) -> None:
    """Raise :class:`ManualInvalid` (exit 1) when a chapter holds raw Typst."""
    findings = raw_typst_findings(manual)
    if findings:
        raise ManualInvalid(
            f"{len(findings)} chapter line(s) hold raw Typst; the PDF edition was not made.",
            findings,
            hint="Remove the raw Typst, then publish again.",
        )


def creation_time(root: Path, fallback: date | None = None) -> datetime:
    """The PDF's creation date: SOURCE_DATE_EPOCH, else the manual's last commit time.

    Outside git (or before the first commit) it is ``fallback`` at midnight UTC, so the
    bytes still depend only on the input.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise UsageError(
                f"SOURCE_DATE_EPOCH is {epoch!r}, not a number of seconds.",
                hint="Set it to a Unix time (for example: $(git log -1 --format=%ct)) or unset it.",
            )
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    stamp = git.commit_time(root)
    if stamp is not None:
        return datetime.fromtimestamp(stamp, tz=UTC)
    day = fallback or date(1980, 1, 1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def template_meta(metadata: Mapping[str, str], created: datetime) -> dict[str, Any]:
    """The template's ``meta`` dictionary from the document model's metadata."""
    lang, _, region = (metadata.get("lang") or "en-GB").partition("-")
    logo = metadata.get("logo")
    return {
        "title": metadata.get("title", ""),
        "organisation": metadata.get("organisation") or metadata.get("author", ""),
        "edition": metadata.get("edition-name") or metadata.get("subtitle", ""),
        "notice": metadata.get("notice", ""),
        "lang": lang.lower() or "en",
        "region": region.lower() or None,
        "date": created.replace(tzinfo=None),
        "logo": "/media/" + media_name(logo) if logo else None,
        "logo-alt": metadata.get("logo-alt") or metadata.get("organisation", ""),
    }


def manual_template(root: Path) -> Path | None:
    """The manual's own templates/manual.typ, when it has one inside its folder."""
    candidate = root / "templates" / TEMPLATE_NAME
    if candidate.is_file() and candidate.resolve().is_relative_to(root.resolve()):
        return candidate
    return None


def render_pdf(
    document: DocumentLike,
    *,
    created: datetime,
    standard: str = "ua-1",
    label: str | None = None,
) -> bytes:
    """The PDF bytes of ``document``."""
    if standard not in STANDARDS:
        raise UsageError(
            f"Unknown PDF standard {standard!r}.",
            hint=f"Use --pdf-standard with one of: {', '.join(PDF_STANDARDS)}.",
        )
    logo = document.metadata.get("logo")
    source = TypstSource(
        markdown=document.markdown,
        meta=template_meta(document.metadata, created),
        created=created,
        base=document.root,
        label=label or display(document.root),
        pandoc_args=tuple(document.pandoc_args()),
        extra_images=(logo,) if logo else (),
    )
    return build(source, standard=standard, template=manual_template(document.root))


def write_pdf(
    document: DocumentLike,
    out: Path,
    *,
    created: datetime,
    standard: str = "ua-1",
    label: str | None = None,
) -> Path:
    """Render ``document`` and write it to ``out`` atomically (temp file renamed in place).

    A failure leaves the previous file at ``out`` untouched.
    """
    data = render_pdf(document, created=created, standard=standard, label=label)
    atomic_write(out, data)
    return out
