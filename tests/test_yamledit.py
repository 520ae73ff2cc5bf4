"""Text edits of block YAML: every byte outside the edit stays as it was."""

from __future__ import annotations

import pytest

from manualctl.errors import UsageError
from manualctl.model.yamltext import document, keys
from manualctl.model.yamltext.editor import (
    Document,
    EditFailed,
    Style,
    copied_along,
    detect_style,
    edit_once,
    insert_items,
    move_items,
    remove_items,
    set_key,
)
from manualctl.model.yamltext.scalar import scalar

FOUR = """\
contents:   # four-space style
    -   section: One
        entries:
            -   file: a.md
            # about b
            -   file: b.md
"""


def test_insert_copies_the_neighbours_indentation() -> None:
    doc = Document(FOUR)
    insert_items(doc, ("contents", 0, "entries"), 1, [{"file": "new.md", "note": "N.B. x: y"}])
    assert doc.text == FOUR.replace(
        "            # about b\n",
        '            -   file: new.md\n                note: "N.B. x: y"\n            # about b\n',
    )


def test_remove_keeps_comments_around_the_item() -> None:
    doc = Document(FOUR)
    removed = remove_items(doc, ("contents", 0, "entries"), 1, 2)
    assert removed == [{"file": "b.md"}]
    assert doc.text == FOUR.replace("            -   file: b.md\n", "")


def test_emptying_a_list_leaves_an_empty_list() -> None:
    doc = Document("a:\n  - x: 1\nb: 2\n")
    remove_items(doc, ("a",), 0, 1)
    assert doc.text == "a: []\nb: 2\n"
    insert_items(doc, ("a",), 0, [{"x": "one"}])
    assert doc.text == "a:\n  - x: one\nb: 2\n"


def test_crlf_bom_and_no_final_newline_survive() -> None:
    raw = "\ufeffid: x\r\ncontents:\r\n- section: S\r\n  entries:\r\n  - file: a.md".encode()
    doc = Document.from_bytes(raw)
    insert_items(doc, ("contents", 0, "entries"), 1, [{"file": "b.md"}])
    assert doc.to_bytes() == raw + b"\r\n  - file: b.md"


def test_a_new_key_is_written_in_the_file_style() -> None:
    text = "id: x\ncontents:\n- section: S\n"
    assert detect_style(text) == Style(offset=0, gap=2)
    doc = Document(text)
    insert_items(doc, ("retired",), 0, [{"id": "old", "number": "2.1"}])
    assert doc.text == text + 'retired:\n- id: old\n  number: "2.1"\n'


def test_flow_lists_with_items_are_refused() -> None:
    doc = Document("contents:\n  - section: S\n    entries: [{file: a.md}]\n")
    with pytest.raises(UsageError, match="line 3: this list is written in"):
        insert_items(doc, ("contents", 0, "entries"), 1, [{"file": "b.md"}])


def test_a_dash_on_its_own_line() -> None:
    doc = Document("contents:\n  -\n    section: S\n  - [a]\n")
    remove_items(doc, ("contents",), 0, 1)
    assert doc.text == "contents:\n  - [a]\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Plain Title", "Plain Title"),
        ("Children's Rights", "Children's Rights"),
        ("Missing: Children", '"Missing: Children"'),
        ("2.1", '"2.1"'),
        ("1.4.3a", "1.4.3a"),
        ("yes", '"yes"'),
        ("# not a comment", '"# not a comment"'),
        ("", '""'),
    ],
)
def test_scalar(value: str, written: str) -> None:
    assert scalar(value) == written


def test_parsed_data_is_reused_only_for_the_same_text() -> None:
    doc = Document("a:\n  - x: 1\n")
    known = {"a": [{"x": 1}]}
    doc.known("a:\n  - x: 2\n", {"a": [{"x": 2}]})  # another text: not used
    assert doc.data() == known and doc.data() is doc.data()
    doc = Document("a:\n  - x: 1\n")
    doc.known("a:\n  - x: 1\n", known)
    assert doc.data() is known
    insert_items(doc, ("a",), 1, [{"x": "two"}])
    assert doc.text == "a:\n  - x: 1\n  - x: two\n"
    assert doc.data() == {"a": [{"x": 1}, {"x": "two"}]}
    assert known == {"a": [{"x": 1}]}  # the edit worked on a copy


ENTRIES = """\
contents:
  - section: One   # the first
    entries:
      - file: a.md   # keep me
        flag: Updated  # was updated
      - file: b.md
      - {file: c.md}
"""
A, B = ("contents", 0, "entries", 0), ("contents", 0, "entries", 1)


def test_set_key_replaces_a_value_and_keeps_its_comment() -> None:
    doc = Document(ENTRIES)
    set_key(doc, "flag", {A: "New"})
    assert doc.text == ENTRIES.replace("flag: Updated  #", "flag: New  #")


def test_set_key_adds_after_the_named_key_and_removes() -> None:
    doc = Document(ENTRIES)
    set_key(doc, "flag", {A: None, B: "New"}, after="file")
    assert doc.text == (
        "contents:\n"
        "  - section: One   # the first\n"
        "    entries:\n"
        "      - file: a.md   # keep me\n"
        "      - file: b.md\n"
        "        flag: New\n"
        "      - {file: c.md}\n"
    )


def test_set_key_without_after_goes_last_and_quotes_when_asked() -> None:
    doc = Document("a:\n    x: 1\n    y: 2\n# end\n")
    set_key(doc, "2026-11", {("a",): "Added: a line."}, quote_key=True, quote_value=True)
    assert doc.text == 'a:\n    x: 1\n    y: 2\n    "2026-11": "Added: a line."\n# end\n'
    set_key(doc, "z", {("a",): "yes"})
    assert doc.text == (
        'a:\n    x: 1\n    y: 2\n    "2026-11": "Added: a line."\n    z: "yes"\n# end\n'
    )


def test_set_key_makes_a_block_of_an_empty_absent_or_null_mapping() -> None:
    doc = Document("id: x\nmeta: {}  # later\nnone:\n")
    set_key(doc, "k", {("meta",): "v", ("none",): "w", ("new",): "u"})
    assert doc.text == "id: x\nmeta: # later\n  k: v\nnone:\n  k: w\nnew:\n  k: u\n"
    doc = Document("")
    set_key(doc, "k", {("m",): "v"})
    assert doc.text == "m:\n  k: v\n"


def test_set_key_makes_a_mapping_before_a_named_key() -> None:
    doc = Document("id: x\n# the tree\ncontents: []\n")
    edition = {("edition",): "2026-11"}
    set_key(doc, "preparing", edition, quote_value=True, mapping_before="contents")
    assert doc.text == 'id: x\n# the tree\nedition:\n  preparing: "2026-11"\ncontents: []\n'
    doc = Document('edition:\n  preparing:   "2026-11"  # c\n  flag:\ncontents: []\n')
    set_key(doc, "preparing", {("edition",): "2027-05"}, quote_value=True)
    set_key(doc, "flag", {("edition",): "New"})
    assert doc.text == 'edition:\n  preparing:   "2027-05"  # c\n  flag: New\ncontents: []\n'


def test_set_key_replaces_a_quoted_value_holding_a_hash() -> None:
    doc = Document('- file: "a #1.md"  # c\n')
    set_key(doc, "file", {(0,): "b.md"})
    assert doc.text == "- file: b.md  # c\n"


def test_set_key_replaces_a_value_over_several_lines() -> None:
    doc = Document("a:\n  note: one\n    two\n  b: 1\n")
    set_key(doc, "note", {("a",): "three"})
    assert doc.text == "a:\n  note: three\n  b: 1\n"


def test_set_key_leading_a_list_item() -> None:
    text = "- flag: New   # c\n  file: a.md\n"
    doc = Document(text)
    set_key(doc, "flag", {(0,): "Updated"})
    assert doc.text == "- flag: Updated   # c\n  file: a.md\n"
    set_key(doc, "flag", {(0,): None})  # the dash cannot go with it: ruamel rewrites,
    assert doc.text == "  - file: a.md\n"  # in its own indentation


def test_set_key_next_to_an_edit_on_the_same_line() -> None:
    """A key added after one entry and a key replaced on the next entry's first line."""
    doc = Document("- file: a.md\n- flag: x\n  file: b.md\n")
    set_key(doc, "flag", {(0,): "New", (1,): "Updated"}, after="file")
    assert doc.text == "- file: a.md\n  flag: New\n- flag: Updated\n  file: b.md\n"


def test_set_key_in_flow_style_is_rewritten_by_ruamel() -> None:
    doc = Document("entries:\n  - {file: c.md}\n")
    set_key(doc, "flag", {("entries", 0): "New"})
    assert doc.text == "entries:\n  - {file: c.md, flag: New}\n"


def test_move_items_keeps_comments_and_layout() -> None:
    text = "a:\n  - x: 1   # one\n  # about two\n  - x: 2\nb:\n- y: 1\n"
    doc = Document(text)
    move_items(doc, ("a",), 0, 1, ("b",), 1)
    assert doc.text == "a:\n  # about two\n  - x: 2\nb:\n- y: 1\n- x: 1   # one\n"


def test_mixed_line_ends_stay_as_they_are() -> None:
    raw = b"a:\r\n  - x: 1\n  - x: 2\r\n"
    doc = Document.from_bytes(raw)
    set_key(doc, "y", {("a", 0): "z"})
    assert doc.to_bytes() == b"a:\r\n  - x: 1\n    y: z\n  - x: 2\r\n"


def test_scalar_quotes_what_starts_like_yaml_syntax() -> None:
    assert scalar("(Regional Procedures)") == '"(Regional Procedures)"'
    assert scalar("-x") == '"-x"'
    assert scalar("a\nb") == '"a\\nb"'


def _three_edits(doc: Document) -> str:
    move_items(doc, ("contents", 0, "entries"), 0, 1, ("contents", 0, "entries"), 1)
    set_key(doc, "flag", {("contents", 0, "entries", 1): "New"})
    insert_items(doc, ("retired",), 0, [{"id": "gone", "title": "Gone: for good"}])
    return "done"


def test_edit_once_reads_back_once_and_gives_what_each_edit_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    one_by_one = Document(FOUR)
    _three_edits(one_by_one)
    parsed = []
    real = document.load_fast
    monkeypatch.setattr(document, "load_fast", lambda text: parsed.append(text) or real(text))
    once = Document(FOUR)
    assert edit_once(once, _three_edits) == "done"
    assert once.text == one_by_one.text and parsed == [FOUR, once.text]  # (the first: data())
    assert once.data() == one_by_one.data() and parsed == [FOUR, once.text]


def test_edit_once_makes_the_edits_again_one_by_one_when_not_as_meant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "entries:\n  - file: c.md\n"
    wrong = "entries:\n  - file: c.md\n    flag: Old\n"
    monkeypatch.setattr(keys, "_key_edits", lambda *_: wrong)  # line edits gone wrong
    doc = Document(text)
    edit_once(doc, lambda doc: set_key(doc, "flag", {("entries", 0): "New"}))
    assert doc.data() == {"entries": [{"file": "c.md", "flag": "New"}]}  # by ruamel
    doc = Document(text)
    with pytest.raises(EditFailed):  # an edit that goes wrong either way changes nothing
        edit_once(doc, lambda doc: document.finish(doc, wrong, {"entries": []}))
    assert doc.text == text and doc.data() == {"entries": [{"file": "c.md"}]}


def test_copied_along_copies_only_the_paths() -> None:
    data = {"a": [{"x": 1}, {"y": [1]}], "b": {"c": 1}, "d": None}
    copies: dict[int, object] = {}
    copy = copied_along(data, ("a", 1, "y"), ("d", "e"), ("a", 5), copies=copies)
    assert copy == data and copy is not data and copies[id(data)] is copy
    assert copy["a"] is not data["a"] and copy["a"][1] is not data["a"][1]
    assert copy["a"][1]["y"] is not data["a"][1]["y"] and copies[id(data["a"])] is copy["a"]
    assert copy["a"][0] is data["a"][0] and copy["b"] is data["b"]  # off the paths: shared
    copy["a"][1]["y"].append(2)
    assert data == {"a": [{"x": 1}, {"y": [1]}], "b": {"c": 1}, "d": None}
