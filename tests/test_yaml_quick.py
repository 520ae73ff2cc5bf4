"""The pure-Python reader of plain block YAML (model/yamltext/quick.py) gives exactly what
libyaml gives, or leaves the text to libyaml: on every YAML file and front matter in the
repository, on hand-picked hard cases, on thousands of generated documents and on
thousands of damaged copies of real ones (where it must never accept what libyaml refuses).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from manualctl.model.yamltext import libyaml, quick
from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast

ROOT = Path(__file__).resolve().parent.parent


def _agrees(text: str) -> bool:
    """Whether quick and libyaml agree on ``text``; True when quick read it itself."""
    got = quick.parse(text)
    if got is quick.UNSUPPORTED:
        return False
    try:
        expected = libyaml.load(text)
    except YamlSyntaxError:
        pytest.fail(f"quick read YAML that libyaml refuses: {text!r} -> {got!r}")
    assert repr(got) == repr(expected), text  # repr: 1 and True and 1.0 differ
    return True


def _repository_texts() -> list[str]:
    texts: list[str] = []
    for folder in ("manuals", "tests/fixtures", "tests/broken", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".yaml", ".yml"):
                raw = path.read_bytes()
            elif path.suffix == ".md":
                raw = path.read_bytes()
                if not raw.startswith(b"---\n") or b"\n---" not in raw[3:]:
                    continue
                raw = raw[4 : raw.index(b"\n---", 3) + 1]
            else:
                continue
            try:
                texts.append(raw.decode("utf-8-sig").replace("\r\n", "\n"))
            except UnicodeDecodeError:
                continue
    return texts


def test_every_yaml_text_in_the_repository() -> None:
    texts = _repository_texts()
    read = sum(_agrees(text) for text in texts)
    assert len(texts) > 100
    assert read > 0.8 * len(texts)  # the fast path is the usual one


def test_the_sample_manuals_never_need_libyaml() -> None:
    """Every manual.yaml and front matter of the sample manuals is plain block YAML, so
    validating them never imports PyYAML."""
    left = []
    for path in sorted((ROOT / "manuals").rglob("*")):
        if path.suffix == ".yaml":
            text = path.read_text(encoding="utf-8")
        elif path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            if not text.startswith("---\n"):  # a local slot's text: no front matter
                continue
            text = text[4 : text.index("\n---", 3) + 1]
        else:
            continue
        if quick.parse(text) is quick.UNSUPPORTED:
            left.append(str(path.relative_to(ROOT)))
    assert left == []


READ = [
    "id: a\ntitle: 'A: B'\n",
    "review:\n  last: 2026-05-01\n  every_months: 12\n",
    "amendments:\n  \"2026-05\": One.\n  '2026-11': Two's.\n",
    "tags: [Health & Safety, procedure, 12, yes, ~]\nnone: []\nempty: {}\n",
    "contents:\n  - section: A\n    entries:\n      - file: a.md\n        flag: New\n"
    "      - see_also:\n          - title: X\n            url: https://x.org/#y\n",
    "contents:\n- section: A\n  entries:\n  - file: a.md\n  - note: N.B. a note\n",
    "notice: >-\n  one line\n  printing: two\n",
    "block: |\n  line one\n\n    indented\n  last\nafter: x\n",
    "a: b  # comment\n# comment\n  # indented comment\nc:   d\n",
    "n: 0\nm: -x\n",
    "n: 08\nv: 1.4.3a\nd: 2026-1-1\nt: 2026-05-01T10:00:00\nw: C#\n",
    "key with spaces  : value\nk: a:b\n",
    "- a\n- b: c\n  d: e\n- f\n",
    "   indented: whole\n   document: yes\n",
    "dup: 1\ndup: 2\n",
    "",
    "# only a comment\n",
]

LEFT_TO_LIBYAML = [
    "n: [0x1f, 1_000]\n",
    "f: 1.5\n",
    "s: &s text\nt: *s\n",
    "when: !!timestamp 2026-05-01\n",
    "? a\n: explicit key\n",
    "=: value key\n",
    "<<: {a: 1}\n",
    "title: a long\n  title on two lines\n",
    'q: "escaped \\" quote"\n',
    "q: 'runs\n  on'\n",
    "deep: {a: [1, {b: 2}]}\n",
    "block: |+\n  kept\n\n",
    "folded: >\n  one\n\n  two\n",
    "a\tb: c\n",
    "a: b\n  c: d\n",
    "- a\nb: c\n",
    "a: [1\n",
    "12: twelve\n",
    "true: yes\n",
    "x: *nowhere\n",
    "---\na: b\n",
    "a: b: c\n",
    "line\u2028break: x\n",
]


@pytest.mark.parametrize("text", READ)
def test_read_without_libyaml(text: str) -> None:
    assert _agrees(text)


@pytest.mark.parametrize("text", LEFT_TO_LIBYAML)
def test_left_to_libyaml(text: str) -> None:
    assert quick.parse(text) is quick.UNSUPPORTED
    try:
        expected = libyaml.load(text)
    except YamlSyntaxError as exc:
        with pytest.raises(YamlSyntaxError) as caught:
            load_fast(text)
        assert caught.value == exc
    else:
        assert repr(load_fast(text)) == repr(expected)


PLAIN = [
    "Head of Service",
    "x",
    "12",
    "0",
    "2026-05-01",
    "yes",
    "~",
    "'q'",
    "[a, b]",
    "C#",
    "http://x/#y",
    "a #b",
    "'it''s'",
    '"dq"',
    "Ünïcödé",
    "a, b",
    "{}",
    "08",
]
SCALARS = [
    "Head of Service",
    "a-b",
    "x",
    "C#",
    "a #b",
    "1",
    "0",
    "012",
    "08",
    "1.5",
    "2026-05-01",
    "2026-05",
    "12:30",
    "yes",
    "No",
    "on",
    "OFF",
    "null",
    "~",
    "-1",
    "+1",
    ".5",
    ".inf",
    "1_000",
    "0x1f",
    "http://x/#y",
    "a: b",
    "a:b",
    "'q'",
    "'it''s'",
    "''",
    '"dq"',
    '""',
    '"a\\"b"',
    "[a, b]",
    "[]",
    "{}",
    "[1, yes, ~, 2026-05]",
    "[ a ,b ]",
    "[a,]",
    "[a: b]",
    "*x",
    "&a b",
    "!t x",
    "-",
    "- x",
    "?x",
    ":x",
    "x:",
    "<<",
    "=",
    "é ü",
    "a, b",
    "[a",
    "a]",
    "{a: 1}",
    "%x",
    "@x",
    "`x",
    "#x",
    "x #",
    "'a' # c",
    "'a'#c",
    "'a' b",
    '"a" b',
    "-x",
    "--",
    "...",
    "a'b",
    'a"b',
    "Ünïcödé",
    "😀",
    "1e3",
    "1.0e+3",
    "0b101",
    "0o7",
    "190:20:30",
    "a\tb",
    "a\u2028b",
    "a\x85b",
    "\ufeffa",
    "a\x7fb",
]
KEYS = [
    "id",
    "title",
    "a b",
    "2026-05",
    "'q k'",
    '"dq k"',
    "12",
    "yes",
    "null",
    "<<",
    "x#y",
    "- k",
    "? k",
    "k:",
    "a: b",
    "'it''s'",
    "é",
    "-k",
    "k ",
    "~",
    "[k]",
    "&a k",
    "'q'x",
]


def _document(rng: random.Random, indent: int, depth: int) -> list[str]:
    """Lines of a mapping or a list at ``indent``, with comments and blank lines."""
    lines: list[str] = []
    pad = " " * indent
    if depth > 0 and rng.random() < 0.3:  # a list
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.5:
                first, *more = _mapping_lines(rng, 0, depth - 1)
                gap = rng.choice([" ", " ", "  "])
                lines.append(pad + "-" + gap + first.lstrip(" "))
                shift = " " * (indent + 1 + len(gap))
                lines += [shift + line if line.strip() else line for line in more]
            else:
                lines.append(pad + "- " + _scalar(rng))
            _noise(rng, lines, indent)
        return lines
    return [pad + line if line.strip() else line for line in _mapping_lines(rng, 0, depth)]


def _mapping_lines(rng: random.Random, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for _ in range(rng.randint(1, 4)):
        key = rng.choice(KEYS) if rng.random() < 0.05 else rng.choice(["id", "title", "a b"])
        kind = rng.random()
        if depth > 0 and kind < 0.25:
            lines.append(f"{pad}{key}:" + rng.choice(["", " ", " # c"]))
            step = rng.choice([0, 1, 2, 2, 4])
            lines += _document(rng, indent + step, depth - 1)
        elif kind < 0.35:
            style = rng.choice(["|", "|-", ">", ">-", "|", ">-", "|2", ">+", "| # c"])
            lines.append(f"{pad}{key}: {style}")
            inner = " " * (indent + rng.choice([1, 2, 2, 3]))
            for _ in range(rng.randint(0, 3)):
                lines.append(
                    rng.choice(
                        [
                            "",
                            inner + "text",
                            inner + "  more",
                            inner + "a: b",
                            inner + "# not a comment",
                            inner + "tail ",
                            "  ",
                        ]
                    )
                )
        else:
            gap = rng.choice([" ", " ", " ", "  ", ""])
            lines.append(f"{pad}{key}:{gap}{_scalar(rng)}")
        _noise(rng, lines, indent)
    return lines


def _scalar(rng: random.Random) -> str:
    return rng.choice(SCALARS) if rng.random() < 0.1 else rng.choice(PLAIN)


def _noise(rng: random.Random, lines: list[str], indent: int) -> None:
    roll = rng.random()
    if roll < 0.1:
        lines.append("")
    elif roll < 0.2:
        lines.append(" " * rng.randint(0, indent + 2) + "# a comment")
    elif roll < 0.25:
        lines[-1] += rng.choice(["  ", " # trailing comment"])


def test_generated_documents() -> None:
    rng = random.Random(19)
    read = 0
    for _ in range(4000):
        text = "\n".join(_document(rng, rng.choice([0, 0, 0, 2]), 3))
        text += rng.choice(["\n", "\n", "", "\n\n"])
        read += _agrees(text)
    assert 1000 < read < 4000  # both paths exercised


def test_damaged_copies_of_real_documents() -> None:
    """Whatever one wrong character or indentation does, quick never accepts YAML that
    libyaml refuses, and never reads it differently."""
    rng = random.Random(10)
    texts = [t for t in _repository_texts() if quick.parse(t) is not quick.UNSUPPORTED]
    pieces = [
        " ",
        "  ",
        ":",
        ": ",
        "-",
        "- ",
        "#",
        " #",
        "'",
        '"',
        "\n",
        "[",
        "]",
        "{",
        "}",
        ",",
        "|",
        ">",
        "&",
        "*",
        "!",
        "?",
        "\t",
        "\\",
        "0",
        "1.5",
        "yes",
        "~",
        "é",
    ]
    for _ in range(3000):
        text = rng.choice(texts)
        lines = text.split("\n")
        at = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.6 and text:
            spot = rng.randrange(len(text))
            text = text[:spot] + rng.choice(pieces) + text[spot + rng.choice([0, 0, 1]) :]
        elif roll < 0.8:
            lines[at] = " " * rng.randint(0, 3) + lines[at].lstrip(" ")
            text = "\n".join(lines)
        else:
            lines.insert(at, lines[rng.randrange(len(lines))])
            text = "\n".join(lines)
        _agrees(text)
