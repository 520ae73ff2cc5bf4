"""The one block-YAML text editor: every byte outside an edit stays as it was.

ruamel.yaml round-trip keeps comments, but it re-indents a file written in another
indentation style than the one it is configured with. Authors' manual.yaml files (and
chapter front matter) come in every style, so the edits work on lines instead: the parsed
nodes say where a key or a list item starts and ends, new lines copy the indentation of
their neighbours, and the result is parsed again and compared with the data the edit was
meant to produce (:class:`EditFailed` when it is not: nothing is written). Nothing else in
manualctl edits YAML text. The API:

* :class:`Document` (``from_bytes``/``to_bytes``, ``data()``), :func:`data_at`;
* :func:`insert_items`, :func:`remove_items`, :func:`move_items`, :func:`block_lines`:
  entries of a block list (:mod:`~manualctl.model.yamltext.lists`);
* :func:`set_key`: one key in many mappings (:mod:`~manualctl.model.yamltext.keys`);
* :func:`edit_once`: several of these edits, the result read back once at the end;
  :func:`copied_along`: parsed data to change without copying all of it;
* :func:`detect_style`, :class:`Style`: the file's own indentation.
"""

from __future__ import annotations

from manualctl.model.yamltext.document import Document, copied_along, data_at, edit_once
from manualctl.model.yamltext.keys import set_key
from manualctl.model.yamltext.lists import block_lines, insert_items, move_items, remove_items
from manualctl.model.yamltext.nodes import EditFailed, Style, detect_style

__all__ = [
    "Document",
    "EditFailed",
    "Style",
    "block_lines",
    "copied_along",
    "data_at",
    "detect_style",
    "edit_once",
    "insert_items",
    "move_items",
    "remove_items",
    "set_key",
]
