"""The package's shape: layers that import only downwards, and one module per mechanism.

Data flows one way (files -> model -> findings | flags | amendments | document -> output),
so a package may import only packages of a lower layer (and its own). These tests read
the imports of every module with :mod:`ast`; `python -m pytest tests/test_layers.py -v`
shows the map a newcomer can trust.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "manualctl"

# Lower numbers are lower layers. Top-level modules are the base everything may use.
LAYERS = {
    "base": 0,  # errors, fsutil, git, proc, resources: the one way to run, write and lock
    "model": 1,
    "check": 2,
    "authoring": 3,
    "editions": 3,
    "importing": 3,
    "upstream": 4,
    "publish": 5,
    "cli": 6,
}


def _package_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] not in LAYERS:
        return "base"
    return parts[1]


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        found.append((name.removesuffix(".__init__"), path))
    return found


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (names for the type checker)."""
    nodes: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return nodes


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


MODULES = _modules()


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_imports_go_downwards(name: str, path: Path) -> None:
    if name == "manualctl.__main__":
        return  # `python -m manualctl` is the command line
    own = _package_of(name)
    upward = sorted(
        imported
        for imported in _imports(path)
        if imported.startswith("manualctl.")
        and _package_of(imported) != own
        and LAYERS[_package_of(imported)] >= LAYERS[own]
        and not (own == "base" and _package_of(imported) == "base")
    )
    assert upward == [], f"{name} ({own}) imports a layer above or beside it: {upward}"


def _importers(prefixes: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name, path in MODULES
        if any(i == p or i.startswith(p + ".") for i in _imports(path) for p in prefixes)
    )


def test_only_the_cli_prints_or_exits() -> None:
    offenders = []
    for name, path in MODULES:
        if name.startswith("manualctl.cli") or name == "manualctl.__main__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id in ("print", "exit", "input"):  # type: ignore[attr-defined]
                offenders.append(f"{name}: {node.func.id}()")  # type: ignore[attr-defined]
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in ("exit", "echo", "prompt")
                and isinstance(node.value, ast.Name)
                and node.value.id in ("sys", "typer")
            ):
                offenders.append(f"{name}: {node.value.id}.{node.attr}")
    assert offenders == []


# One mechanism per concern: the library or program behind each is used in one place.
ONE_PLACE = {
    "subprocess": ["manualctl.proc"],  # the one way to run a program
    "git": ["manualctl.git"],  # GitPython, if used at all
    "yaml": ["manualctl.model.yamltext"],  # PyYAML: the one reader and editor
    "ruamel": ["manualctl.model.yamltext"],
}


# Being consolidated (issue 10): each mark goes when its consolidation lands; strict, so
# a consolidation that lands without removing its mark fails here.
_CONSOLIDATING: set[str] = set()


@pytest.mark.parametrize(
    "library",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason="issue 10: moving into one place"),
        )
        if name in _CONSOLIDATING
        else name
        for name in sorted(ONE_PLACE)
    ],
)
def test_one_place_uses_each_library(library: str) -> None:
    allowed = ONE_PLACE[library]
    users = [
        name
        for name in _importers((library,))
        if not any(name == a or name.startswith(a + ".") for a in allowed)
    ]
    assert users == [], f"{library} is imported outside {allowed}: {users}"


def test_programs_start_only_through_proc() -> None:
    """Beside subprocess in manualctl.proc, the only program starter is manualctl.early's
    (os.posix_spawnp, before a quick command imports subprocess), and what it starts is
    read through manualctl.proc. (check.parallel's os.fork runs Python, not a program.)"""
    starters = ("posix_spawn", "execv", "execl", "system", "popen")
    users = sorted(
        name
        for name, path in MODULES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
        and node.attr.startswith(starters)
    )
    assert set(users) <= {"manualctl.early"}, users
    assert "manualctl.early" in users


def test_every_finding_comes_from_the_registry() -> None:
    """A finding is made by ``check.rules.finding(code, ...)``, which takes its severity
    from the registry (and the README's table lists every code)."""
    makers = sorted(
        name
        for name, path in MODULES
        if name not in ("manualctl.check.rules", "manualctl.check.findings")
        and any(
            isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert makers == []
