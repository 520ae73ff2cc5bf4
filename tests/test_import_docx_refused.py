"""import docx refuses what is not a plain Word document: one clear message, exit code 2,
no traceback, and the manual exactly as it was."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx_makers
import pytest
from authoring_helpers import snapshot
from conftest import FIXTURES, copy_fixture

from manualctl.importing.docx import package

REFUSED = FIXTURES / "docx" / "refused"


def _rezip(source: Path, dest: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    change(parts)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return dest


def text_file(tmp: Path) -> Path:
    path = tmp / "notes.docx"
    path.write_text("Kinship care notes, typed in Notepad.\n", encoding="utf-8")
    return path


def pdf_file(tmp: Path) -> Path:
    path = tmp / "procedure.docx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return path


def empty_file(tmp: Path) -> Path:
    path = tmp / "empty.docx"
    path.write_bytes(b"")
    return path


def workbook(tmp: Path) -> Path:
    path = tmp / "contacts.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return path


def zip_of_photos(tmp: Path) -> Path:
    path = tmp / "photos.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("holiday.png", docx_makers.png())
    return path


def truncated(tmp: Path) -> Path:
    whole = docx_makers.headings_and_text(tmp).read_bytes()
    path = tmp / "truncated.docx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def legacy_doc(tmp: Path) -> Path:
    return Path(shutil.copy(REFUSED / "legacy.doc", tmp / "procedure.docx"))


def encrypted(tmp: Path) -> Path:
    return Path(shutil.copy(REFUSED / "encrypted.docx", tmp / "encrypted.docx"))


def too_large(tmp: Path) -> Path:
    """200 MB: a real document with 200 MB after it (sparse: no disk is used)."""
    path = docx_makers.headings_and_text(tmp)
    with path.open("r+b") as stream:
        stream.truncate(200 * 1024 * 1024)
    return path


def zip_bomb(tmp: Path) -> Path:
    def add(parts: dict[str, bytes]) -> None:
        parts["word/media/image9.png"] = bytes(60 * 1024 * 1024)

    return _rezip(docx_makers.headings_and_text(tmp), tmp / "bomb.docx", add)


def macros(tmp: Path) -> Path:
    def add(parts: dict[str, bytes]) -> None:
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)

    return _rezip(docx_makers.headings_and_text(tmp), tmp / "macros.docx", add)


def picture_outside(tmp: Path) -> Path:
    def escape(parts: dict[str, bytes]) -> None:
        rels = "word/_rels/document.xml.rels"
        parts[rels] = parts[rels].replace(
            b'Target="media/image1.png"', b'Target="../../../etc/x.png"'
        )

    return _rezip(docx_makers.pictures(tmp), tmp / "outside.docx", escape)


def picture_missing(tmp: Path) -> Path:
    def drop(parts: dict[str, bytes]) -> None:
        del parts["word/media/image1.png"]

    return _rezip(docx_makers.pictures(tmp), tmp / "missing.docx", drop)


def picture_linked(tmp: Path) -> Path:
    def link(parts: dict[str, bytes]) -> None:
        rels = "word/_rels/document.xml.rels"
        parts[rels] = parts[rels].replace(
            b'Target="media/image1.png"',
            b'Target="file:///C:/Pictures/model.png" TargetMode="External"',
        )

    return _rezip(docx_makers.pictures(tmp), tmp / "linked.docx", link)


def tracked(tmp: Path) -> Path:
    return docx_makers.tracked_changes(tmp)


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "text file": (text_file, "is not a Word document (.docx); nothing was written"),
    "pdf": (pdf_file, "is not a Word document (.docx) (it is a PDF)"),
    "empty file": (empty_file, "is not a Word document (.docx)"),
    "zip of a workbook": (workbook, "is not a Word document: it is an Excel workbook"),
    "zip of photos": (zip_of_photos, "it is a zip file of something else"),
    "truncated": (truncated, "is damaged or incomplete"),
    "legacy .doc": (legacy_doc, "is a Word 97-2003 document (.doc)"),
    "password": (encrypted, "is protected by a password"),
    "200 MB": (too_large, "is 200 MB; the limit is 100 MB"),
    "zip bomb": (zip_bomb, "(a zip bomb, or a document no one could have typed)"),
    "macros": (macros, "contains macros"),
    "picture outside": (picture_outside, "a picture names a file outside the document"),
    "picture missing": (picture_missing, "is missing from the file"),
    "picture linked": (picture_linked, "a picture is linked, not inserted"),
    "tracked changes": (tracked, "has 2 tracked change(s) left in"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused(cli, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    make, words = CASES[case]
    host = copy_fixture("docx/host", tmp_path / "host")
    document = make(tmp_path)
    before = snapshot(host)
    for where in (["--in", "2"], ["--chapter", "kinship-care"]):
        result = cli("import", "docx", str(document), "-m", str(host), *where)
        assert result.exit_code == 2, (case, result.stderr)
        assert words in result.stderr
        assert "nothing was written" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert snapshot(host) == before


def test_a_zip_whose_part_lies_about_its_size_is_damage(tmp_path: Path) -> None:
    """The check reads no part beyond the size its header states."""
    path = docx_makers.headings_and_text(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    size_at = data.rfind(b"word/document.xml") - 46 + 24  # its central directory entry
    data[size_at : size_at + 4] = (info.file_size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(package.DocxRefused, match="is damaged"):
        package.open_package(path)
