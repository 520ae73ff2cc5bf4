"""The fast command-line path (manualctl.cli.fast) gives each command exactly the
arguments typer would, or leaves the command line to typer: checked on many generated
command lines for every command."""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

import pytest

from manualctl import cli as cli_module
from manualctl.cli import fast
from manualctl.cli.app import Command
from manualctl.cli.typer_app import build

COMMANDS = cli_module._commands()
VALUES = ["x", "manuals/a", "manuals/a/", "", "5", "0", "-1", "+7", "2026-11", "--", "-h", "a=b"]


class Typer:
    """The typer app holding one command, recording the arguments it is called with."""

    def __init__(self, cmd: Command) -> None:
        self.words = cmd.words
        self.seen: list[dict[str, Any]] = []

        @functools.wraps(cmd.func)
        def record(**kwargs: Any) -> None:
            self.seen.append(kwargs)

        self.app = build([Command(cmd.name, record, cmd.group)])

    def kwargs(self, args: list[str]) -> dict[str, Any] | None:
        """What typer calls the command with, or None when it refuses ``args``."""
        self.seen.clear()
        try:
            self.app([*self.words, *args], prog_name="manualctl", standalone_mode=True)
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                return None  # a usage error
        return self.seen[0] if self.seen else None


def command_lines(cmd: Command, rng: random.Random, count: int) -> list[list[str]]:
    spec = fast._spec(cmd.func)
    assert spec is not None, f"{cmd.name}: the fast path cannot read its declarations"
    decls = list(spec.options)
    required = [d for d, p in spec.options.items() if p.required]
    lines = []
    for _ in range(count):
        words: list[str] = []
        for param in spec.arguments:
            if param.required and rng.random() < 0.9:
                words.append(rng.choice(["page.txt", "chapter-id", "2026-11"]))
        for decl in required:
            if rng.random() < 0.9:
                words += [decl, rng.choice(VALUES)]
        for _ in range(rng.randrange(0, 5)):
            pick = rng.random()
            if pick < 0.55 and decls:
                decl = rng.choice(decls)
                words.append(decl)
                if not spec.options[decl].flag or rng.random() < 0.1:
                    words.append(rng.choice(VALUES))
            elif pick < 0.65 and decls:
                words.append(f"{rng.choice(decls)}={rng.choice(VALUES)}")
            elif pick < 0.7:
                words.append(rng.choice(["--help", "--nope", "-z", "--"]))
            else:
                words.append(rng.choice(["manuals/a", "b", "2026-05", "chapter-id", ""]))
        if rng.random() < 0.2:
            rng.shuffle(words)
        lines.append(words)
    return lines


@pytest.mark.parametrize("cmd", COMMANDS, ids=[" ".join(c.words) for c in COMMANDS])
def test_fast_path_gives_what_typer_gives(cmd: Command, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(" ".join(cmd.words))
    typer_app = Typer(cmd)
    taken = 0
    for args in command_lines(cmd, rng, 120):
        parsed = fast.parse([cmd], [*cmd.words, *args])
        if parsed is None:
            continue  # typer runs it
        taken += 1
        func, kwargs = parsed
        assert func is cmd.func
        assert kwargs == typer_app.kwargs(args), args
    capsys.readouterr()
    assert taken >= 10  # the plain lines do go the fast way


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate"], {"paths": None, "strict": False, "fmt": "text"}),
        (["validate", "manuals/", "--strict", "-f", "json"], {"paths": [Path("manuals")]}),
        (["stamp", "--check", "-m", "m", "-e", "2026-11"], {"check": True, "manual": Path("m")}),
        (["review", "--within", "7"], {"within": 7}),
        (["import", "contents", "page.txt", "--to", "out"], {"file": Path("page.txt")}),
    ],
)
def test_plain_lines_go_the_fast_way(args: list[str], expected: dict[str, Any]) -> None:
    parsed = fast.parse(COMMANDS, args)
    assert parsed is not None
    assert {name: parsed[1][name] for name in expected} == expected


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help"],
        ["validate", "--format=json"],
        ["validate", "--strict", "--strict"],
        ["stamp", "-m"],
        ["stamp", "-m", "-e"],
        ["release"],
        ["review", "--within", "-1"],
        ["import"],
        ["diff", "a", "b", "c"],
        ["validate", "--", "x"],
        ["nonsense"],
    ],
)
def test_unusual_lines_go_to_typer(args: list[str]) -> None:
    assert fast.parse(COMMANDS, args) is None


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda cmd: " ".join(cmd.words))
def test_parameters_are_the_signatures(cmd: Command) -> None:
    """fast reads each command's parameters from its code object, not with inspect
    (which costs start-up): the same names, in the same order, with the same defaults."""
    import inspect

    expected = [
        (name, fast._REQUIRED if param.default is param.empty else param.default)
        for name, param in inspect.signature(cmd.func).parameters.items()
    ]
    assert list(fast._parameters(cmd.func)) == expected


def test_parameters_of_every_kind() -> None:
    def func(a: int, b: int = 2, *, c: int, d: int = 4) -> None: ...

    assert list(fast._parameters(func)) == [
        ("a", fast._REQUIRED),
        ("b", 2),
        ("c", fast._REQUIRED),
        ("d", 4),
    ]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda cmd: " ".join(cmd.words))
def test_hints_are_get_type_hints(cmd: Command) -> None:
    """fast evaluates a command's annotations itself (typing.get_type_hints would start
    Python's compiler): the same hints, extras included."""
    import typing

    def shape(hint: Any) -> Any:  # an Option or Argument written in the annotation is
        if typing.get_origin(hint) is not typing.Annotated:  # made anew by each evaluation
            return hint
        base, *extras = typing.get_args(hint)
        return base, [(type(extra), vars(extra)) for extra in extras]

    ours = {name: shape(hint) for name, hint in fast._hints(cmd.func).items()}
    hints = typing.get_type_hints(cmd.func, include_extras=True)
    del hints["return"]
    assert ours == {name: shape(hint) for name, hint in hints.items()}
