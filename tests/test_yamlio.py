"""load_fast builds exactly what PyYAML's safe loader builds, on every kind of document."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from manualctl.model.yamltext.libyaml import Loader
from manualctl.model.yamltext.reader import YamlAliasError, YamlSyntaxError, load_fast

ROOT = Path(__file__).resolve().parent.parent

DOCUMENTS = [
    "",
    "# only a comment\n",
    "plain text\n",
    "id: a\ntitle: 'A: B'\n",
    "review:\n  last: 2026-05-01\n  every_months: 12\n",  # dates stay text
    "n: [0x1f, 0o17, 017, 1_000, 190:20:30, -7, +3]\n",
    "f: [1.5, .inf, -.Inf, .nan, 6.8523015e+5, 190:20:30.15, 1_0.5]\n",
    "b: [yes, No, on, OFF, true, False, y, n]\n",
    "z: [~, null, Null, '', ]\n",
    "quoted: ['12', \"true\", 'null']\n",
    'amendments:\n  "2026-05": One.\n  2026-11: Two.\n  12: Twelve\n  true: yes\n  ~: nothing\n',
    "dup: 1\ndup: 2\n",
    "deep: {a: [1, {b: [2, [3, {c: d}]]}]}\n",
    "s: &s text\nt: *s\n",  # a shared scalar
    "when: !!timestamp 2026-05-01\n",
    "set: !!set {a, b}\n",
    "pairs: !!omap [a: 1, b: 2]\n",
    "bin: !!binary aGVsbG8=\n",
    "str: !!str 12\nint: !!int '7'\nfloat: !!float '1'\n",
    "? a\n: explicit key\n",
    "=: value key\n",
    "key with spaces: 'value with: colon'\n",
    "block: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
    "- a\n- - b\n  - c: d\n",
    "tags: [Health & Safety, 'x * y']\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_same_data_as_pyyaml(text: str) -> None:
    expected = yaml.load(text, Loader=Loader)
    got = load_fast(text)
    assert repr(got) == repr(expected)  # repr: NaN != NaN, and 1 == 1.0 == True


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("list: &l [1, 2]\nagain: *l\n", 1),  # a shared list
        ("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n", 1),  # a merge key
        ("&a [1, *a]\n", 1),  # a list that holds itself
        ("t: !!timestamp 2026-05-01\na: &a [1]\nb: [*a, *a]\n", 2),  # after a tag: PyYAML path
    ],
)
def test_lists_and_mappings_used_again_are_refused(text: str, line: int) -> None:
    """A few aliases can stand for billions of entries (an 'alias bomb')."""
    with pytest.raises(YamlAliasError) as caught:
        load_fast(text)
    assert caught.value.line == line


@pytest.mark.parametrize(
    "text",
    [
        "when: !unknown x\n",
        "b: !!bool maybe\n",
        "? [a, b]\n: unhashable key\n",
        "a: [1\n",
        "a: b\n  c: d\n",
        "- a\nb: c\n",
        "x: *nowhere\n",
    ],
)
def test_the_same_errors_as_pyyaml(text: str) -> None:
    try:
        yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        assert mark is not None
        with pytest.raises(YamlSyntaxError) as caught:
            load_fast(text)
        assert (caught.value.line, caught.value.column) == (mark.line + 1, mark.column + 1)
    except Exception as exc:  # whatever else PyYAML raises, load_fast raises too
        with pytest.raises(type(exc)):
            load_fast(text)
    else:
        pytest.fail("PyYAML accepted the document")


def test_every_yaml_file_and_front_matter_in_the_repository() -> None:
    texts: list[str] = []
    for folder in ("manuals", "tests/fixtures", "templates", "schemas"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".yaml", ".yml"):
                texts.append(path.read_text(encoding="utf-8-sig"))
            elif path.suffix == ".md":
                text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
                if text.startswith("---\n") and "\n---" in text[3:]:
                    texts.append(text[4 : text.index("\n---", 3) + 1])
    assert len(texts) > 100
    for text in texts:
        try:
            expected = yaml.load(text, Loader=Loader)
        except yaml.YAMLError:
            with pytest.raises(YamlSyntaxError):
                load_fast(text)
            continue
        assert repr(load_fast(text)) == repr(expected)


# --- positions: the start-of-node index answers as PyYAML's node tree ----------------


def _tree_locate(node: yaml.Node | None, path: list[str | int], *, key: bool) -> tuple[int, int]:
    """locate() as it was written on PyYAML's node tree (the reference)."""
    if node is None:
        return (1, 1)
    mark = node.start_mark
    for index, step in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                    mark = k.start_mark if key and index == len(path) - 1 else v.start_mark
                    node = v
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                break
            node = node.value[step]
            mark = node.start_mark
        else:
            break
    return (mark.line + 1, mark.column + 1)


def _paths(data: object, prefix: list[str | int]) -> list[list[str | int]]:
    """Every key path in ``data``, with a step that is not there after each."""
    found = [prefix, [*prefix, "no-such-key"], [*prefix, 99]]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, [*prefix, str(k)])
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, [*prefix, i])
    return found


def test_locate_answers_as_the_node_tree_on_every_file_and_document() -> None:
    from manualctl.model.yamltext.position import locate

    texts = [t for t in DOCUMENTS if "&" not in t]
    for folder in ("manuals", "tests/fixtures", "templates"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            texts.append(path.read_text(encoding="utf-8-sig"))
    texts += ["a: 1\n---\nb: 2\n", "a: [1\n", "{a: 1, a: 2, ? [x]: 3, 'q': {r: s}}\n"]
    texts += ["s: &s text\nt: *s\nlist: &l [1, {k: v}]\nagain: *l\n"]
    checked = 0
    for text in texts:
        try:
            data, tree = yaml.load(text, Loader=Loader), yaml.compose(text, Loader=Loader)
        except yaml.YAMLError:
            data, tree = None, None
        for path in _paths(data, []):
            for key in (False, True):
                assert locate(text, path, key=key) == _tree_locate(tree, path, key=key), (
                    text,
                    path,
                    key,
                )
                checked += 1
    assert checked > 5000
