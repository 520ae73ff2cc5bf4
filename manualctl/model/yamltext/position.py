"""Where a key or value sits in YAML text: 1-based line and column, found only on error.

The happy path never composes a node tree: :func:`locate` is called when a finding is
reported, and the tree of each text is composed once however many findings it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from manualctl.model.yamltext.reader import YamlSyntaxError, compose

if TYPE_CHECKING:
    import yaml


@lru_cache(maxsize=8)
def _tree(text: str) -> yaml.Node | None:
    try:
        return compose(text)
    except YamlSyntaxError:
        return None


def locate(text: str, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """Line and column of the value at ``path`` in ``text``.

    With ``key=True`` and a mapping key as the last step, the position of the key itself
    (for "unknown key" and for keys that are wrong, such as a bad edition). When the path
    does not exist all the way, the position of the deepest node found.
    """
    node = _tree(text)
    if node is None:
        return (1, 1)
    import yaml  # loaded by compose: only on this error path

    mark = node.start_mark
    last = len(path) - 1
    for index, step in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                    mark = k.start_mark if key and index == last else v.start_mark
                    node = v
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                node = node.value[step]
                mark = node.start_mark
            else:
                break
        else:
            break
    return (mark.line + 1, mark.column + 1)
