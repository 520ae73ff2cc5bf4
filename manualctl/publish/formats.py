"""The formats an edition is published in: their names, how each is rendered, and the
name of the file (or folder) each is written to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from manualctl.errors import UsageError
from manualctl.model.manual import Manual
from manualctl.publish.document import Document
from manualctl.publish.typst_build import DEFAULT_STANDARD

Renderer = Callable[[Document, int, Path], bytes]
FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "html": "HTML"}
#: Formats written as a folder, not one file: the renderer fills the (empty) folder it is
#: given and returns a manifest of what it wrote (see manualctl.publish.folder).
FOLDER_FORMATS = frozenset({"html"})


def _render_html(doc: Document, epoch: int, work: Path) -> bytes:
    from manualctl.publish.html import render_site

    return render_site(doc, epoch=epoch, folder=work)


def _render_docx(doc: Document, epoch: int, work: Path) -> bytes:
    from manualctl.publish.docx import render_docx

    return render_docx(doc, epoch=epoch, work=work)


def render_pdf(doc: Document, epoch: int, work: Path, standard: str = DEFAULT_STANDARD) -> bytes:
    from manualctl.publish.pdf import render_for_publish

    return render_for_publish(doc, epoch=epoch, standard=standard)


#: Output formats and how each is rendered: (document, epoch, work folder) -> bytes.
RENDERERS: dict[str, Renderer] = {"docx": _render_docx, "pdf": render_pdf, "html": _render_html}


def parse_formats(value: str) -> list[str]:
    """``docx,pdf`` -> ``["docx", "pdf"]``, refusing formats manualctl cannot make."""
    formats = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if not formats or unknown:
        raise UsageError(
            f"Cannot publish the format(s) {', '.join(unknown) or '(none given)'}.",
            hint=f"Use --format with one or more of: {', '.join(sorted(RENDERERS))} "
            "(comma-separated, for example --format docx).",
        )
    return list(dict.fromkeys(formats))


def output_name(manual: Manual, edition: str, fmt: str, chapter: str | None) -> str:
    stem = f"{manual.id}-{edition}" + (f"-{chapter}" if chapter else "")
    return f"{stem}-{fmt}" if fmt in FOLDER_FORMATS else f"{stem}.{fmt}"
