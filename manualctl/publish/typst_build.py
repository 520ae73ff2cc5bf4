"""The Typst pipeline of the PDF edition: Markdown -> (pandoc) Typst -> (typst) PDF bytes.

Everything happens in a fresh temporary folder, which is the Typst compile root: it holds
only what manualctl puts there (the template, main.typ, and the manual's images after
they are checked to lie inside the manual), so a manual cannot make Typst read anything
else. pandoc runs with manualctl's own pinned Lua filter (``filters/typst.lua``), which
refuses raw Typst and writes chapter boxes, headings and images for the template.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from manualctl import proc
from manualctl.check.findings import Finding
from manualctl.check.rules import finding
from manualctl.errors import ManualInvalid, ProcessError, UsageError
from manualctl.pandoc_env import pandoc_env
from manualctl.publish import pandoc
from manualctl.resources import fonts_dir, templates_dir

FILTER = Path(__file__).with_name("filters") / "typst.lua"
TEMPLATE_NAME = "manual.typ"
#: The PDF standards a user may ask for; PDF/UA-1 (accessible) is always on.
STANDARDS: dict[str, list[str]] = {"ua-1": ["ua-1"], "a-2b": ["a-2b", "ua-1"]}
DEFAULT_STANDARD = "ua-1"
RAW_TYPST_MESSAGE = "manualctl: raw Typst is not allowed"
#: pandoc's reader when no document model gives one (raw markup and citations off).
DEFAULT_READER = "markdown-raw_html-raw_tex-citations"


class PdfBuildError(ProcessError):
    """Typst (compiled in-process) could not make the PDF; the message quotes its diagnostic."""


@dataclass(frozen=True)
class TypstSource:
    """What one PDF is made from."""

    markdown: str  # the whole manual as one pandoc Markdown input
    meta: Mapping[str, Any]  # the template's ``meta`` dictionary (see templates/manual.typ)
    created: datetime  # the creation date written into the PDF (the commit time)
    base: Path  # the manual's folder: every image must lie inside it
    label: str = "the manual"  # how messages name the input (a file or manual path)
    #: pandoc's reader options (the document model's, with its own pinned filter first)
    pandoc_args: tuple[str, ...] = (f"--from={DEFAULT_READER}", "--sandbox")
    extra_images: tuple[str, ...] = ()  # images the template shows (the logo)
    #: pictures shown under a name of their own (an inherited chapter's): name -> file
    image_files: Mapping[str, Path] = field(default_factory=dict)


def literal(value: Any) -> str:
    """A Python value as a Typst expression: strings stay strings, never markup."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        return f'"{escaped}"'
    if isinstance(value, datetime):
        return (
            f"datetime(year: {value.year}, month: {value.month}, day: {value.day}, "
            f"hour: {value.hour}, minute: {value.minute}, second: {value.second})"
        )
    if isinstance(value, date):
        return f"datetime(year: {value.year}, month: {value.month}, day: {value.day})"
    if isinstance(value, Mapping):
        if not value:
            return "(:)"
        items = ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items())
        return f"({items},)"
    if isinstance(value, Sequence):
        return "(" + "".join(f"{literal(v)}, " for v in value) + ")"
    raise TypeError(f"no Typst literal for {type(value).__name__}")


def media_name(src: str) -> str:
    """The name an image gets in the compile folder (the Lua filter computes the same)."""
    suffix = Path(src).suffix.lower()
    return hashlib.sha1(src.encode("utf-8")).hexdigest() + suffix


def to_typst(
    markdown: str,
    images_list: Path,
    *,
    label: str,
    pandoc_args: Sequence[str] = (),
    root: Path | None = None,
) -> str:
    """Convert the Markdown to Typst markup with the pinned filters (one pandoc run)."""
    cmd = [
        pandoc.pandoc_binary(),
        *(pandoc_args or (f"--from={DEFAULT_READER}", "--sandbox")),
        "--to=typst",
        "--wrap=none",
        f"--lua-filter={FILTER}",
        f"--metadata=manualctl-typst-images:{images_list}",
    ]
    done = pandoc.run(cmd, markdown, env=pandoc_env())
    if done.returncode != 0:
        error = pandoc.failure(done, root, "pandoc --to=typst", subject=label)
        if not isinstance(error, ManualInvalid) and RAW_TYPST_MESSAGE in done.error_text:
            raise ManualInvalid(
                f"{label} contains raw Typst code, which the PDF edition does not run.",
                hint="Remove the ```{=typst} block (or `...`{=typst} text) from the chapter; "
                "'manualctl validate' shows where it is.",
            )
        raise error
    return done.stdout.decode("utf-8")


def copy_images(
    sources: Sequence[str],
    base: Path,
    media: Path,
    *,
    label: str,
    files: Mapping[str, Path] | None = None,
) -> None:
    """Copy each image into the compile folder, after checking it lies inside ``base``
    (a picture named in ``files`` is copied from its file there)."""
    root = base.resolve()
    problems: list[Finding] = []
    media.mkdir(exist_ok=True)
    for src in sources:
        own = (files or {}).get(src)
        if own is not None:
            shutil.copyfile(own, media / media_name(src))
            continue
        path = Path(src) if Path(src).is_absolute() else root / src
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path
        if not resolved.is_relative_to(root):
            problems.append(_image_finding(label, src, "lies outside the manual's folder"))
        elif not resolved.is_file():
            problems.append(_image_finding(label, src, "does not exist"))
        else:
            shutil.copyfile(resolved, media / media_name(src))
    if problems:
        raise ManualInvalid(
            f"{len(problems)} image(s) in {label} cannot go into the PDF.",
            problems,
            hint="Keep images inside the manual's folder (for example in media/), "
            "then publish again.",
        )


def _image_finding(label: str, src: str, problem: str) -> Finding:
    return finding(
        "image-path",
        (label, 1, 1),
        f"the image {src} {problem}.",
        "Put the image in the manual's media/ folder and link it from the chapter.",
    )


def main_typ(meta: Mapping[str, Any], body: str) -> str:
    """main.typ: the template, the manual's data, then the body pandoc wrote."""
    return (
        f'#import "/{TEMPLATE_NAME}": *\n'
        f"#let meta = {literal(dict(meta))}\n"
        "#show: manual.with(meta)\n\n"
        f"{body}"
    )


def compile_pdf(root: Path, created: datetime, standards: Sequence[str]) -> bytes:
    """Compile root/main.typ in-process with Typst; root is the only folder it may read.

    The publish time limit applies (:func:`manualctl.proc.within_limit`).
    """
    import typst

    wanted: Any = list(standards)  # names from STANDARDS, all known to Typst
    try:
        data = proc.within_limit(
            lambda: typst.compile(
                str(root / "main.typ"),
                root=str(root),
                format="pdf",
                pdf_standards=wanted,
                ignore_system_fonts=True,
                font_paths=[str(fonts_dir())],
                timestamp=int(created.timestamp()),
            ),
            "The Typst compile of the PDF",
        )
    except typst.TypstError as exc:
        detail = getattr(exc, "diagnostic", "") or str(exc)
        if "missing alt text" in str(exc):
            raise ManualInvalid(
                "An image in the manual has no alt text, which an accessible PDF needs.",
                hint="Write what each image shows between the brackets: ![what it shows](...).",
            ) from exc
        glyph = _NO_GLYPH.search(str(detail))
        if glyph:
            text = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m[1], 16)), glyph[1])
            raise GlyphMissing(text) from exc
        raise PdfBuildError(
            f"Typst could not make the PDF: {detail}",
            stderr=str(detail),
            hint="Check that the manual's images are whole PNG, JPEG or SVG files; if they "
            "are, this is a bug in manualctl (or its template): please report it.",
        ) from exc
    if not isinstance(data, bytes):  # pragma: no cover - format="pdf" gives bytes
        raise PdfBuildError("Typst returned no PDF.", hint="Please report this bug.")
    return data


_NO_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed with font')
#: the scripts the PDF's fonts (templates/fonts) show
FONT_SCRIPTS = "Latin, Greek, Cyrillic, Arabic and Bengali letters and emoji"


class GlyphMissing(ManualInvalid):
    """Text no font of the PDF has (the accessible PDF may not show empty boxes);
    ``char`` is its first character. :func:`manualctl.publish.pdf.render_for_publish`
    says where the manual holds it."""

    def __init__(self, text: str, findings: Sequence[Finding] = ()) -> None:
        import unicodedata

        self.char = text[0] if text else "?"
        name = unicodedata.name(self.char, f"U+{ord(self.char):04X}")
        shown = text if text.isprintable() else f"U+{ord(self.char):04X}"
        super().__init__(
            f'The PDF cannot show "{shown}" ({name}): its fonts have {FONT_SCRIPTS}, '
            "and an accessible PDF may not show empty boxes; the PDF was not made.",
            findings,
            hint=GLYPH_HINT,
        )


GLYPH_HINT = (
    "Write that text in a script the PDF's fonts have, or show it as a picture with alt "
    "text; the Word and HTML editions show every script as written (publish --format "
    "docx,html makes only those)."
)


def check_pdf_standard(value: str) -> str:
    """A `--pdf-standard` value, or a :class:`UsageError` naming the ones there are."""
    if value not in STANDARDS:
        raise UsageError(
            f"Unknown PDF standard {value!r}.",
            hint=f"Use --pdf-standard with one of: {', '.join(STANDARDS)} "
            "(ua-1: accessible, the default; a-2b: accessible and PDF/A-2b for archiving).",
        )
    return value


def build(source: TypstSource, *, standard: str = DEFAULT_STANDARD) -> bytes:
    """The PDF bytes for ``source``: pandoc, image checks, then one Typst compile."""
    check_pdf_standard(standard)
    with tempfile.TemporaryDirectory(prefix="manualctl-pdf-") as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        images_list = Path(tmp) / "images.txt"
        body = to_typst(
            source.markdown,
            images_list,
            label=source.label,
            pandoc_args=source.pandoc_args,
            root=source.base,
        )
        sources = images_list.read_text("utf-8").splitlines() if images_list.exists() else []
        copy_images(
            [*sources, *source.extra_images],
            source.base,
            root / "media",
            label=source.label,
            files=source.image_files,
        )
        # Always manualctl's own template: a manual supplies text, never Typst code.
        template_text = templates_dir().joinpath(TEMPLATE_NAME).read_text("utf-8")
        (root / TEMPLATE_NAME).write_text(template_text, "utf-8")
        (root / "main.typ").write_text(main_typ(source.meta, body), "utf-8")
        return compile_pdf(root, source.created, STANDARDS[standard])
