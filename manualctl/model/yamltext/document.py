"""YAML text being edited: its newline style and byte-order mark, and the check that an
edit gave exactly the data it was meant to give."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast

if TYPE_CHECKING:  # .nodes imports PyYAML: commands that only read (data_at) do not
    from manualctl.model.yamltext.nodes import Path_

T = TypeVar("T")


class Document:
    """YAML text with its newline style and byte-order mark remembered. (A plain class,
    not a dataclass: validate imports this module for :func:`data_at`, and importing
    dataclasses costs it 75 M instructions.)"""

    __slots__ = ("_meant", "_parsed", "bom", "newline", "text")

    def __init__(self, text: str, newline: str = "\n", bom: bool = False) -> None:
        self.text = text  # newlines normalised to \n when the file uses \r\n throughout
        self.newline = newline
        self.bom = bom
        # (text, its data): an edit parses its result to check it; the next edit reuses it
        self._parsed: tuple[str, Any] | None = None
        # in edit_once: [the data the text is meant to read as], read back at its end
        self._meant: list[Any] | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.text, self.newline, self.bom) == (other.text, other.newline, other.bom)

    __hash__ = None  # type: ignore[assignment]  # mutable: as a dataclass with eq

    def __repr__(self) -> str:
        return f"Document(text={self.text!r}, newline={self.newline!r}, bom={self.bom!r})"

    @classmethod
    def from_bytes(cls, raw: bytes) -> Document:
        text = raw.decode("utf-8")
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
        crlf = text.count("\r\n")
        if crlf and crlf == text.count("\n"):
            return cls(text.replace("\r\n", "\n"), "\r\n", bom)
        return cls(text, "\n", bom)  # mixed line ends stay as they are, line by line

    def to_bytes(self) -> bytes:
        text = self.text.replace("\n", self.newline) if self.newline != "\n" else self.text
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")

    def known(self, text: str, data: Any) -> None:
        """``data`` is what ``text`` parses to: used when ``text`` is this document's."""
        if text == self.text:
            self._parsed = (self.text, data)

    def data(self) -> Any:
        """The parsed text (shared: copy it before changing it)."""
        if self._parsed is None or self._parsed[0] is not self.text:
            self._parsed = (self.text, load_fast(self.text))
        return self._parsed[1]

    def meant(self) -> Any:
        """The data the text is meant to read as: :meth:`data`, or within
        :func:`edit_once` what the edits so far were meant to give (not read back yet).
        Shared: change it only through :func:`copied_along`."""
        return self._meant[0] if self._meant is not None else self.data()

    @property
    def unchecked(self) -> bool:
        """Within :func:`edit_once`: each edit is read back once, at its end."""
        return self._meant is not None


def data_at(data: Any, path: Path_) -> Any:
    """The value at a key path (``("contents", 0, "entries")``) of parsed data."""
    for step in path:
        data = data[step]
    return data


def copied_along(data: Any, *paths: Path_, copies: dict[int, Any] | None = None) -> Any:
    """``data`` with the lists and mappings along each path copied (the value at its end
    too, when there is one): the copy may be changed there and ``data`` stays as it was.
    Everything off the paths is shared, so an edit of a big manual.yaml does not copy
    its whole tree. ``copies`` is given each copy, by the ``id`` of what it copies."""
    top = _shallow(data)
    copied = {id(top)}
    if copies is not None:
        copies[id(data)] = top
    for path in paths:
        node = top
        for step in path:
            if isinstance(node, dict):
                if node.get(step) is None:
                    break  # absent or null: the edit puts a new value there
            elif not (isinstance(node, list) and isinstance(step, int) and step < len(node)):
                break
            child = node[step]
            if id(child) not in copied:
                original, child = child, _shallow(child)
                node[step] = child
                copied.add(id(child))
                if copies is not None:
                    copies[id(original)] = child
            node = child
    return top


def _shallow(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def finish(doc: Document, new_text: str, expected: Any) -> None:
    if doc._meant is not None:  # within edit_once: read back once, at its end
        doc.text = new_text
        doc._meant[0] = expected
        return
    got = reads_as(new_text, expected)
    if got is None:
        _failed()
    doc.text = new_text
    doc._parsed = (new_text, got[0])


def _failed() -> NoReturn:
    from manualctl.model.yamltext.nodes import EditFailed

    raise EditFailed(
        "manualctl could not edit the YAML safely (the result did not read back as "
        "intended); nothing was changed. Please report this to the manualctl developers."
    )


def edit_once(doc: Document, edits: Callable[[Document], T]) -> T:
    """Make ``edits`` (calls of the editor's functions on ``doc``) and read the result
    back once, at the end, rather than after each of them. Should it not read as the
    edits meant, they are made again from the start one by one, each read back (and
    :func:`~manualctl.model.yamltext.keys.set_key` falling back to ruamel where its
    line edits fall short), exactly as without this. Returns what ``edits`` returns."""
    text, parsed = doc.text, doc._parsed
    doc._meant = [doc.data()]
    try:
        result = edits(doc)
        meant = doc._meant[0]
    except BaseException:
        doc.text, doc._parsed = text, parsed
        raise
    finally:
        doc._meant = None
    got = reads_as(doc.text, meant)
    if got is not None:
        doc._parsed = (doc.text, got[0])
        return result
    doc.text, doc._parsed = text, parsed
    return edits(doc)


def reads_as(text: str, expected: Any) -> tuple[Any] | None:
    """(the data of ``text``,) when it is ``expected``, else None."""
    try:
        got = load_fast(text)
    except YamlSyntaxError:  # a parse failure here is our bug
        return None
    return (got,) if got == expected else None
