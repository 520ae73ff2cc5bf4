"""YAML text being edited: its newline style and byte-order mark, and the check that an
edit gave exactly the data it was meant to give."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast

if TYPE_CHECKING:  # .nodes imports PyYAML: commands that only read (data_at) do not
    from manualctl.model.yamltext.nodes import Path_


class Document:
    """YAML text with its newline style and byte-order mark remembered. (A plain class,
    not a dataclass: validate imports this module for :func:`data_at`, and importing
    dataclasses costs it 75 M instructions.)"""

    __slots__ = ("_parsed", "bom", "newline", "text")

    def __init__(self, text: str, newline: str = "\n", bom: bool = False) -> None:
        self.text = text  # newlines normalised to \n when the file uses \r\n throughout
        self.newline = newline
        self.bom = bom
        # (text, its data): an edit parses its result to check it; the next edit reuses it
        self._parsed: tuple[str, Any] | None = None

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


def data_at(data: Any, path: Path_) -> Any:
    """The value at a key path (``("contents", 0, "entries")``) of parsed data."""
    for step in path:
        data = data[step]
    return data


def finish(doc: Document, new_text: str, expected: Any) -> None:
    got = reads_as(new_text, expected)
    if got is None:
        from manualctl.model.yamltext.nodes import EditFailed

        raise EditFailed(
            "manualctl could not edit the YAML safely (the result did not read back as "
            "intended); nothing was changed. Please report this to the manualctl developers."
        )
    doc.text = new_text
    doc._parsed = (new_text, got[0])


def reads_as(text: str, expected: Any) -> tuple[Any] | None:
    """(the data of ``text``,) when it is ``expected``, else None."""
    try:
        got = load_fast(text)
    except YamlSyntaxError:  # a parse failure here is our bug
        return None
    return (got,) if got == expected else None
