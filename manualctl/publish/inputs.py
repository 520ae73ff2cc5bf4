"""Nothing rebuilt twice: a hash of everything an edition is built from, kept beside it.

Beside each edition in the output folder, publish writes ``<edition name>.inputs.json``:
the hash of what the edition was made from and the hash of what was written. The next
publish of that edition whose inputs hash the same, and whose file (or site) is still the
one written, keeps it instead of building it again (``--force`` rebuilds).

What is hashed is what the renderers are given, never the manual's folder as a whole:

* the document (:class:`~manualctl.publish.document.Document`): the Markdown made from
  manual.yaml and the chapters (inherited chapters included, as read from the template's
  edition), its metadata, chapter list and edition label, with the manual's folder left
  out (the same commit checked out elsewhere makes the same bytes), and the bytes of
  each image it may show;
* the time the edition is dated with (the commit's), the format and its options;
* manualctl itself: its version, its code and pinned Lua filters, the templates the
  format uses (``reference.docx``; ``manual.typ`` and the fonts; ``html/``), and the
  versions of pandoc (pypandoc-binary) and of the format's program or library (typst,
  python-docx, Pagefind's pagefind-bin).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import astuple
from functools import cache
from pathlib import Path

from manualctl import __version__
from manualctl.fsutil import atomic_write
from manualctl.publish.document import Document
from manualctl.resources import templates_dir

RECORD_SUFFIX = ".inputs.json"
_VERSION = "manualctl-inputs 1"
#: what each format reads besides the document: templates, and the libraries it runs
FORMAT_TEMPLATES = {"docx": ("reference.docx",), "pdf": ("manual.typ", "fonts"), "html": ("html",)}
FORMAT_LIBRARIES = {"docx": ("python-docx",), "pdf": ("typst",), "html": ("pagefind-bin",)}
_PACKAGE = Path(__file__).resolve().parent.parent


def inputs_hash(doc: Document, fmt: str, epoch: int, options: Mapping[str, str | None]) -> str:
    """SHA-256 of everything the edition ``fmt`` of ``doc`` is built from."""
    digest = hashlib.sha256()
    root = str(doc.root)

    def add(label: str, value: str | bytes) -> None:
        data = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
        digest.update(f"{label} {len(data)}\n".encode())
        digest.update(data)

    add("scheme", _VERSION)
    add("tools", _tools(fmt))
    add("format", fmt)
    add("options", json.dumps(dict(sorted(options.items()))))
    add("epoch", str(epoch))
    add("edition", f"{doc.edition}\n{doc.stem}\n{doc.printed_on.isoformat()}")
    add("metadata", json.dumps({k: v.replace(root, "<root>") for k, v in doc.metadata.items()}))
    add("chapters", json.dumps([astuple(chapter) for chapter in doc.chapters]))
    add("markdown", doc.markdown.replace(root, "<root>"))
    add("prelinked", doc.prelinked.replace(root, "<root>"))
    for rel in doc.images:
        path = doc.image_files.get(rel) or doc.root / rel  # an inherited chapter's: as read
        add("image", rel)
        add("bytes", path.read_bytes() if path.is_file() else b"(missing)")
    logo = doc.logo
    if logo is not None:
        add("logo", logo.read_bytes() if logo.is_file() else b"(missing)")
    return digest.hexdigest()


@cache
def _tools(fmt: str) -> str:
    """manualctl's version, code, filters and the format's templates; library versions."""
    from importlib.metadata import PackageNotFoundError, version

    lines = [f"manualctl {__version__}", f"code {_files_hash(_code_files())}"]
    templates = templates_dir()
    for name in FORMAT_TEMPLATES.get(fmt, ()):
        lines.append(f"template {name} {_files_hash(_files(templates / name))}")
    for library in ("pypandoc-binary", *FORMAT_LIBRARIES.get(fmt, ())):
        try:
            lines.append(f"{library} {version(library)}")
        except PackageNotFoundError:
            lines.append(f"{library} (not installed)")
    return "\n".join(lines)


def _code_files() -> list[Path]:
    return sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.rglob("*.lua")])


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _files_hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes() if path.is_file() else b""
        digest.update(f"{path.name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def record_path(target: Path) -> Path:
    """Where the record of the edition ``target`` (a file or a site's folder) is kept."""
    return target.with_name(target.name + RECORD_SUFFIX)


def write_record(target: Path, inputs: str, output: str, size: int) -> None:
    """Record what ``target`` was built from, after it was written."""
    record = {"inputs": inputs, "sha256": output, "bytes": size}
    atomic_write(record_path(target), json.dumps(record, indent=2) + "\n")


def kept(target: Path, inputs: str, output_hash: str | None) -> tuple[int, str] | None:
    """``(bytes, sha256)`` of the edition at ``target`` when it was built from ``inputs``
    and is still what was written (``output_hash``: its hash now, None when it is
    missing); None when it must be built."""
    try:
        record = json.loads(record_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("inputs") != inputs:
        return None
    if output_hash is None or record.get("sha256") != output_hash:
        return None
    size = record.get("bytes")
    return (size, output_hash) if isinstance(size, int) else None


def output_hash(target: Path, *, folder: bool) -> str | None:
    """The sha256 publish reports for the edition at ``target`` now (None: not there)."""
    if folder:
        if not target.is_dir() or target.is_symlink():
            return None
        from manualctl.publish.html import manifest

        files = [p for p in target.rglob("*") if p.is_file()]
        return hashlib.sha256(manifest(target, files)).hexdigest()
    if not target.is_file() or target.is_symlink():
        return None
    return hashlib.sha256(target.read_bytes()).hexdigest()
