"""Opening a Word (.docx) file safely, before pandoc sees it.

A .docx is a zip of XML parts. :func:`open_package` refuses, with one sentence saying
what to do, everything that is not a plain Word document: a file over the size limit, a
legacy .doc or a password-protected document (both are OLE compound files, told apart by
the stream names), a zip of something else (a workbook, a presentation, an ODT), a
truncated or damaged zip, one whose parts unpack to far more than the file (a zip bomb),
a document with macros, and, unless they are to be accepted, tracked changes. It also
reads what pandoc does not carry: comments (listed, not imported), text boxes (their text
is kept; a warning says so) and automatic heading numbers (:mod:`.numbering`).

Pictures are read from the zip here, by the names pandoc reports (``media/image1.png``);
a name that would leave the package (``../../x.png``, an absolute path) or that the
package does not hold is refused, so nothing outside the file is ever read or written.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from manualctl.errors import UsageError
from manualctl.importing.docx import numbering

#: the largest .docx accepted (a 300-page procedures booklet with pictures is ~20 MB)
MAX_FILE_BYTES = 100 * 1024 * 1024
#: what all its parts may unpack to, together
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
#: how much larger than its compressed size a part may unpack to (XML packs ~10:1)
MAX_RATIO = 200

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_MAIN = "word/document.xml"
_TRACKED = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo)[\s>/]")
_TEXT_BOX = re.compile(rb"<w:txbxContent[\s>]")
_FALLBACK = re.compile(rb"<mc:Fallback>.*?</mc:Fallback>", re.S)
_OTHER_KINDS = {
    "xl/": "an Excel workbook",
    "ppt/": "a PowerPoint presentation",
    "content.xml": "an OpenDocument file (LibreOffice)",
}


class DocxRefused(UsageError):
    """The file cannot be imported as it is (exit code 2); nothing was written."""


@dataclass(frozen=True)
class Comment:
    author: str
    text: str


@dataclass
class Package:
    """A .docx that passed the checks: what pandoc will not tell us, and its pictures."""

    path: Path
    tracked_changes: int = 0
    comments: list[Comment] = field(default_factory=list)
    text_boxes: int = 0
    #: the text of the page headers and footers (the editions make their own)
    headers: list[str] = field(default_factory=list)
    #: each heading paragraph's automatic number and bookmarks, in document order
    headings: list[numbering.Heading] = field(default_factory=list)
    _members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def picture(self, source: str) -> bytes:
        """The bytes of the picture pandoc names ``source`` (relative to ``word/``)."""
        return _read(self.path, self.member(source))

    def member(self, source: str) -> zipfile.ZipInfo:
        """The part holding the picture named ``source``; refused when it is outside the
        file or missing."""
        name = posixpath.normpath(posixpath.join("word", source))
        if source.startswith("/") or name.startswith("../") or ":" in source:
            raise DocxRefused(
                f"{self.path.name}: a picture names a file outside the document "
                f"({source[:80]!r}); nothing was written.",
                hint="Insert the picture into the document again (Insert > Pictures > "
                "This Device) so that it is saved inside the file, then import again.",
            )
        info = self._members.get(name)
        if info is None:
            raise DocxRefused(
                f"{self.path.name}: the picture {source[:80]!r} is missing from the file "
                "(a linked picture, or a damaged document); nothing was written.",
                hint="Insert the picture into the document again (Insert > Pictures > "
                "This Device), save, and import again.",
            )
        return info


def _refuse(path: Path, what: str, hint: str) -> DocxRefused:
    return DocxRefused(f"{path.name} {what}; nothing was written.", hint=hint)


_SAVE_AS = "Open it in Word and use File > Save As > Word Document (.docx), then import that."


def _read(path: Path, info: zipfile.ZipInfo, zf: zipfile.ZipFile | None = None) -> bytes:
    """A part's bytes, read no further than its stated size (a lying header is damage)."""
    try:
        if zf is None:
            with zipfile.ZipFile(path) as own:
                return _read(path, info, own)
        with zf.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(
            path,
            f"is damaged (its part {info.filename} cannot be read: {exc})",
            "Open it in Word, which can often repair it, save it again and import that.",
        ) from exc
    if len(data) > info.file_size:
        raise _refuse(path, "is damaged (a part is larger than it says)", _SAVE_AS)
    return data


def open_package(path: Path, *, accept_changes: bool = False) -> Package:
    """Check ``path`` is a plain Word document; read what pandoc will not carry."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise DocxRefused(
            f"Cannot read {path}: {exc.strerror or exc}.",
            hint="Check the file name, and that the file exists.",
        ) from exc
    if not path.is_file():
        raise _refuse(path, "is not a file", "Give the path of a .docx file.")
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"is {size / 1024 / 1024:.0f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB",
            "Split it into smaller documents (one per section) and import each, or make "
            "its pictures smaller (in Word: File > Compress Pictures).",
        )
    if head == _OLE:
        raise _ole(path)
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK\x03\x04"):
            raise _refuse(
                path,
                "is damaged or incomplete (the end of the file is missing)",
                "If it was copied, downloaded or attached to an email, get it again; "
                "otherwise open it in Word, which can often repair it, and save it again.",
            )
        raise _refuse(
            path,
            "is not a Word document (.docx)"
            + (" (it is a PDF)" if head.startswith(b"%PDF") else ""),
            "Open it in Word or LibreOffice and save it as a Word Document (.docx), then "
            "import that.",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            return _inspect(path, zf, size, accept_changes)
    except zipfile.BadZipFile as exc:
        raise _refuse(
            path,
            f"is damaged or incomplete ({exc})",
            "If it was copied or downloaded, copy it again; otherwise open it in Word, "
            "which can often repair it, and save it again.",
        ) from exc


def _ole(path: Path) -> DocxRefused:
    data = path.read_bytes()
    if _ENCRYPTED in data:
        return _refuse(
            path,
            "is protected by a password (it is encrypted)",
            "Open it in Word, remove the password (File > Info > Protect Document > Encrypt "
            "with Password, clear the box), save it, and import it again.",
        )
    kind = "a Word 97-2003 document (.doc)" if _WORD_STREAM in data else "not a .docx file"
    return _refuse(path, f"is {kind}", _SAVE_AS)


def _inspect(path: Path, zf: zipfile.ZipFile, size: int, accept_changes: bool) -> Package:
    members = {info.filename: info for info in zf.infolist()}
    if _MAIN not in members:
        kind = next(
            (
                k
                for prefix, k in _OTHER_KINDS.items()
                if prefix in members or any(name.startswith(prefix) for name in members)
            ),
            "a zip file of something else",
        )
        raise _refuse(
            path,
            f"is not a Word document: it is {kind}",
            "Give the .docx file of the document (in Word or LibreOffice: Save As > "
            "Word Document (.docx)).",
        )
    unpacked = sum(info.file_size for info in members.values())
    bomb = unpacked > MAX_UNPACKED_BYTES or any(
        info.file_size > 10 * 1024 * 1024
        and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in members.values()
    )
    if bomb:
        raise _refuse(
            path,
            f"unpacks to {unpacked / 1024 / 1024:.0f} MB from {size / 1024 / 1024:.1f} MB "
            "(a zip bomb, or a document no one could have typed)",
            "Check where the file came from; a real document saved again by Word will import.",
        )
    if "word/vbaProject.bin" in members or any(
        n.endswith(".bin") and "vba" in n.lower() for n in members
    ):
        raise _refuse(
            path,
            "contains macros (it is a macro-enabled document)",
            "Open it in Word and use File > Save As > Word Document (.docx), which leaves "
            "the macros out, then import that.",
        )
    main = _read(path, members[_MAIN], zf)
    package = Package(path, _members=members)
    for rels in sorted(n for n in members if re.fullmatch(r"word/_rels/[^/]+\.rels", n)):
        _check_pictures(package, _read(path, members[rels], zf))
    package.tracked_changes = sum(
        len(_TRACKED.findall(_read(path, members[name], zf)))
        for name in (_MAIN, "word/footnotes.xml", "word/endnotes.xml")
        if name in members
    )
    if package.tracked_changes and not accept_changes:
        raise _refuse(
            path,
            f"has {package.tracked_changes} tracked change(s) left in",
            "Accept or reject the tracked changes in Word first (Review > Accept > Accept "
            "All Changes, or Reject), save, and import again; or import with "
            "--accept-changes to take the document as if all were accepted.",
        )
    fallbacks = b"".join(_FALLBACK.findall(main))  # a shape's copy for older readers
    package.text_boxes = len(_TEXT_BOX.findall(main)) - len(_TEXT_BOX.findall(fallbacks))
    if "word/comments.xml" in members:
        package.comments = _comments(_read(path, members["word/comments.xml"], zf))
    styles = _read(path, members["word/styles.xml"], zf) if "word/styles.xml" in members else b""
    numbers = (
        _read(path, members["word/numbering.xml"], zf) if "word/numbering.xml" in members else b""
    )
    package.headings = numbering.headings(main, styles, numbers)
    for name in sorted(members):
        if re.fullmatch(r"word/(?:header|footer)\d*\.xml", name):
            text = numbering.plain_text(_read(path, members[name], zf))
            if text and not text.isdigit() and text not in package.headers:
                package.headers.append(text)
    return package


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _check_pictures(package: Package, xml: bytes) -> None:
    """Every picture a part names is inside the file (pandoc would leave it out quietly)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return
    for rel in root.iter(_RELS + "Relationship"):
        if not rel.get("Type", "").endswith("/image"):
            continue
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            raise DocxRefused(
                f"{package.path.name}: a picture is linked, not inserted ({target[:80]!r}), "
                "so it is not in the file; nothing was written.",
                hint="In Word, select the picture, cut it and paste it back (or Insert > "
                "Pictures > This Device, without 'Link to File'), save, and import again.",
            )
        package.member(target)  # refuses a name outside the file, or a missing picture


def _comments(xml: bytes) -> list[Comment]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return []
    return [
        Comment(comment.get(numbering.W + "author", ""), numbering.plain_text(comment))
        for comment in root.iter(numbering.W + "comment")
    ]
