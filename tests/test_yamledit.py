"""Text edits of block YAML: every byte outside the edit stays as it was."""

from __future__ import annotations

import pytest

from manualctl.errors import UsageError
from manualctl.model.yamltext.editor import (
    Document,
    Style,
    detect_style,
    insert_items,
    remove_items,
    scalar,
)

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
