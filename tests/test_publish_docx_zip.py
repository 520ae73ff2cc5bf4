"""The Word edition's zip, written once (manualctl.publish.docx_zip), against zipfile and
python-docx, and the fonts compressed ahead (templates/fonts/word-fonts.zip)."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest

from manualctl.check.validate import open_manual
from manualctl.publish import docx_fonts, docx_zip
from manualctl.publish.document import Document, build_document
from manualctl.publish.docx import finished, reference_docx
from manualctl.publish.docx_zip import Packed, pack, package_parts, saved_parts, write_package
from manualctl.publish.pandoc import run_pandoc
from manualctl.resources import fonts_dir
from tests.conftest import FIXTURES

EPOCH = 1764547200


def zipfile_package(parts: dict[str, bytes], epoch: int) -> bytes:
    """What the Word edition's zip was before docx_zip: zipfile, entry by entry."""
    stamp = datetime.fromtimestamp(min(max(epoch, 315532800), 4354819198), UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, parts[name])
    return out.getvalue()


def test_the_zip_is_the_one_zipfile_writes() -> None:
    chooser = random.Random(12)
    for case in range(300):
        names = ["[Content_Types].xml", "word/document.xml", "word/média/é.png", "_rels/.rels"]
        names += [f"word/part{chooser.randrange(10**6)}.xml" for _ in range(chooser.randrange(4))]
        picked = chooser.sample(names, chooser.randrange(1, len(names) + 1))
        parts = {
            name: chooser.choice([b"", b"<w:p/>" * chooser.randrange(5000)])
            + chooser.randbytes(chooser.randrange(3000))
            for name in picked
        }
        epoch = chooser.choice([0, -5, EPOCH, 2**40, chooser.randrange(2**32)])
        expected = zipfile_package(parts, epoch)
        assert write_package(parts, epoch) == expected, case
        # parts compressed ahead are copied as they are: the same bytes
        ahead = {n: pack(d) if chooser.random() < 0.5 else d for n, d in parts.items()}
        assert write_package(ahead, epoch) == expected, case
        with zipfile.ZipFile(io.BytesIO(expected)) as back:
            assert back.testzip() is None
            assert {n: back.read(n) for n in back.namelist()} == parts


def _pandoc_docx(tmp_path: Path) -> tuple[Path, Document]:
    root = tmp_path / "manual"
    shutil.copytree(FIXTURES / "publishing", root)
    doc = build_document(open_manual(root), edition="2026-11", printed_on=date(2026, 11, 4))
    markdown, args = doc.prelinked_input()
    raw = tmp_path / "pandoc.docx"
    args.append(f"--reference-doc={reference_docx()}")
    run_pandoc(markdown, "docx", args, root=doc.root, output=raw, epoch=EPOCH)
    return raw, doc


@pytest.mark.slow
def test_the_parts_are_those_python_docx_saves(tmp_path: Path) -> None:
    raw, doc = _pandoc_docx(tmp_path)
    for word in (docx.Document(str(raw)), finished(raw, doc, epoch=EPOCH)):
        saved = io.BytesIO()
        word.save(saved)
        with zipfile.ZipFile(saved) as package:
            expected = {name: package.read(name) for name in package.namelist()}
        assert package_parts(word) == expected
        assert saved_parts(word) == expected


@pytest.mark.slow
def test_if_python_docx_writes_its_package_another_way_its_save_is_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, doc = _pandoc_docx(tmp_path)
    word = finished(raw, doc, epoch=EPOCH)
    expected = package_parts(word)
    steps = docx_zip._STEPS
    monkeypatch.setattr(docx_zip, "_STEPS", (steps[0], "_write_package_rels", steps[2]))
    assert package_parts(word) == expected


@pytest.mark.slow
def test_fonts_are_embedded_once_however_often_asked(tmp_path: Path) -> None:
    raw, doc = _pandoc_docx(tmp_path)
    parts = package_parts(finished(raw, doc, epoch=EPOCH))
    once = docx_fonts.embed_fonts(parts)
    assert docx_fonts.embed_fonts(once) == once
    assert write_package(docx_fonts.embed_fonts(once), EPOCH) == write_package(once, EPOCH)
    assert sorted(n for n in once if n.endswith(".odttf")) == [
        f"word/fonts/font{n}.odttf" for n in range(1, 5)
    ]
    table = once["word/fontTable.xml"]
    assert isinstance(table, bytes) and table.count(b'w:name="Liberation Sans"') == 1


def test_the_shipped_compressed_fonts_are_current() -> None:
    """templates/fonts/word-fonts.zip holds each face as the Word file does."""
    shipped = docx_fonts._shipped(fonts_dir() / docx_fonts.PACKED_FONTS)
    faces = docx_fonts.obfuscated_faces()
    assert shipped == {name: pack(data) for name, data in faces.items()}, (
        "templates/fonts/word-fonts.zip is older than the fonts: run "
        ".venv/bin/python scripts/build_word_fonts.py"
    )
    with zipfile.ZipFile(fonts_dir() / docx_fonts.PACKED_FONTS) as package:
        assert {name: package.read(name) for name in package.namelist()} == faces
    # what publish embeds is that copy, compressed or not
    embedded = {f"word/{part}": font for _, _, part, font in docx_fonts._faces()}
    assert embedded == shipped


def test_without_the_shipped_copy_the_fonts_are_compressed_in_the_run(tmp_path: Path) -> None:
    assert docx_fonts._shipped(tmp_path / "missing.zip") == {}
    (tmp_path / "broken.zip").write_bytes(b"PK\003\004 not a zip")
    assert docx_fonts._shipped(tmp_path / "broken.zip") == {}
    faces = docx_fonts.obfuscated_faces()
    for name, data in faces.items():
        packed = pack(data)
        assert isinstance(packed, Packed) and packed.size == len(data)
        assert write_package({name: packed}, EPOCH) == write_package({name: data}, EPOCH)
