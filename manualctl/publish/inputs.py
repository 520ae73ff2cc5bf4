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

Reading manualctl's code and templates again (13 MB with the PDF's fonts) and asking
importlib.metadata for the libraries' versions would cost every publish 20-40 ms, so
the record also keeps the hash of those files and the versions under ``files``, with
a fingerprint of the path, size and modification time (in nanoseconds) of each file
and of each library's module (an upgrade writes it anew): while those are the same, the
hash and versions recorded are used; a file changed, added or removed is read again.
When a file changed within the last :data:`SETTLED` seconds, nothing is kept for the
next publish (a second change in the same clock tick would not show).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from functools import partial
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


SETTLED = 2.0  # seconds: a file changed more recently than this is always read


def inputs_hash(
    doc: Document,
    fmt: str,
    epoch: int,
    options: Mapping[str, str | None],
    record: Mapping[str, object] | None = None,
) -> str:
    """SHA-256 of everything the edition ``fmt`` of ``doc`` is built from. ``record``:
    the one kept beside the edition (:func:`read_record`), whose hash of manualctl's
    files is used while they are as it says (see the module docstring)."""
    digest = hashlib.sha256()
    root = str(doc.root)

    def add(label: str, value: str | bytes) -> None:
        data = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
        digest.update(f"{label} {len(data)}\n".encode())
        digest.update(data)

    add("scheme", _VERSION)
    state = files_state(tool_files(fmt), record, partial(_tools, fmt))
    add("tools", state.tools)
    add("files", state.digest)
    add("format", fmt)
    add("options", json.dumps(dict(sorted(options.items()))))
    add("epoch", str(epoch))
    add("edition", f"{doc.edition}\n{doc.stem}\n{doc.printed_on.isoformat()}")
    add("metadata", json.dumps({k: v.replace(root, "<root>") for k, v in doc.metadata.items()}))
    add("chapters", json.dumps([astuple(chapter) for chapter in doc.chapters]))
    # the Markdown pandoc reads (every format renders Document.prelinked_input)
    add("markdown", (doc.prelinked or doc.markdown).replace(root, "<root>"))
    for rel in doc.images:
        path = doc.image_files.get(rel) or doc.root / rel  # an inherited chapter's: as read
        add("image", rel)
        add("bytes", path.read_bytes() if path.is_file() else b"(missing)")
    logo = doc.logo
    if logo is not None:
        add("logo", logo.read_bytes() if logo.is_file() else b"(missing)")
    return digest.hexdigest()


def _tools(fmt: str) -> str:
    """manualctl's version and the versions of the libraries the format runs."""
    from importlib.metadata import PackageNotFoundError, version

    lines = [f"manualctl {__version__}"]
    for library in ("pypandoc-binary", *FORMAT_LIBRARIES.get(fmt, ())):
        try:
            lines.append(f"{library} {version(library)}")
        except PackageNotFoundError:
            lines.append(f"{library} (not installed)")
    return "\n".join(lines)


#: the module of each library, whose file an upgrade of it writes anew
LIBRARY_MODULES = {
    "pypandoc-binary": "pypandoc",
    "python-docx": "docx",
    "typst": "typst",
    "pagefind-bin": "pagefind_bin",
}


def tool_files(fmt: str) -> list[Path]:
    """manualctl's code and pinned filters, the templates the format uses, then the
    module file of each library it runs (found, not imported)."""
    from importlib.util import find_spec

    paths = _code_files()
    templates = templates_dir()
    for name in FORMAT_TEMPLATES.get(fmt, ()):
        paths.extend(_files(templates / name))
    for library in ("pypandoc-binary", *FORMAT_LIBRARIES.get(fmt, ())):
        spec = find_spec(LIBRARY_MODULES[library])
        if spec is not None and spec.origin is not None:
            paths.append(Path(spec.origin))
    return paths


@dataclass(frozen=True)
class FilesState:
    """The hash of some files' bytes (``digest``), the versions of the tools that go
    with them (``tools``), and what says the files are unchanged (``fingerprint``: their
    paths, sizes and modification times; "" when one of them changed too recently to be
    trusted, see the module docstring)."""

    digest: str
    tools: str
    fingerprint: str

    def as_record(self) -> dict[str, str] | None:
        if not self.fingerprint:
            return None
        return {"fingerprint": self.fingerprint, "hash": self.digest, "tools": self.tools}


_STATES: dict[tuple[Path, ...], FilesState] = {}  # what this process worked out already


def files_state(
    paths: Sequence[Path], record: Mapping[str, object] | None, tools: Callable[[], str]
) -> FilesState:
    """The hash of the files ``paths`` (in that order) and the versions ``tools`` gives:
    those ``record`` keeps under ``files`` while its fingerprint is theirs, else read
    from their bytes and asked of ``tools``."""
    key = tuple(paths)
    known = _STATES.get(key)
    if known is not None:
        return known
    lines = []
    newest = 0
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            lines.append(f"{path} (missing)")
            continue
        newest = max(newest, info.st_mtime_ns)
        lines.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    settled = newest < time.time_ns() - int(SETTLED * 1e9)
    fingerprint = hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()
    kept = record.get("files") if record is not None else None
    if not isinstance(kept, dict):
        kept = {}
    digest, versions = kept.get("hash"), kept.get("tools")
    if (
        settled
        and isinstance(digest, str)
        and isinstance(versions, str)
        and kept.get("fingerprint") == fingerprint
    ):
        state = FilesState(digest, versions, fingerprint)
    else:
        state = FilesState(_files_hash(paths), tools(), fingerprint if settled else "")
    _STATES[key] = state
    return state


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


def write_record(target: Path, inputs: str, output: str, size: int, fmt: str = "") -> None:
    """Record what ``target`` (an edition in the format ``fmt``) was built from, after it
    was written."""
    record: dict[str, object] = {"inputs": inputs, "sha256": output, "bytes": size}
    files = files_state(tool_files(fmt), None, partial(_tools, fmt)).as_record() if fmt else None
    if files is not None:
        record["files"] = files
    atomic_write(record_path(target), json.dumps(record, indent=2) + "\n")


def read_record(target: Path) -> dict[str, object] | None:
    """The record kept beside the edition ``target`` (None: none, or not one)."""
    try:
        record = json.loads(record_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def kept(
    target: Path,
    inputs: str,
    output_hash: str | None,
    record: Mapping[str, object] | None = None,
) -> tuple[int, str] | None:
    """``(bytes, sha256)`` of the edition at ``target`` when it was built from ``inputs``
    and is still what was written (``output_hash``: its hash now, None when it is
    missing); None when it must be built. ``record``: the one beside it, when it was
    read already (:func:`read_record`)."""
    record = read_record(target) if record is None else record
    if record is None or record.get("inputs") != inputs:
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
