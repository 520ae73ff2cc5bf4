"""The CLI builds only the command being run; what people see is the same as with every
command built (help, usage errors, unknown commands)."""

from __future__ import annotations

import pytest
import typer

from manualctl import cli as cli_module
from manualctl.cli import app

COMMANDS = [
    info.name or typer.main.get_command_name(info.callback.__name__)
    for info in app.registered_commands
    if info.callback is not None
]


@pytest.fixture
def whole_app(cli, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run ``manualctl ARGS`` with every command built, as before."""

    def run(*args: str):  # type: ignore[no-untyped-def]
        with monkeypatch.context() as patch:
            patch.setattr(cli_module, "_app_for", lambda _args: app)
            return cli(*args)

    return run


def test_every_command_is_listed() -> None:
    assert sorted(COMMANDS) == sorted(
        [
            "validate",
            "contents",
            "init",
            "new-chapter",
            "move-chapter",
            "retire-chapter",
            "review",
            "stamp",
            "amendments",
            "release",
            "history",
            "diff",
            "publish",
        ]
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_is_the_same(cli, whole_app, name: str) -> None:  # type: ignore[no-untyped-def]
    expected = whole_app(name, "--help")
    assert cli_module._app_for([name, "--help"]) is not app  # only this command is built
    assert cli(name, "--help") == expected
    assert expected.exit_code == 0 and expected.stdout.startswith(f"Usage: manualctl {name} ")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["stamp", "--no-such-option"],
        ["validate", "--format"],
        ["move-chapter"],
        ["valdate"],
        ["import", "--help"],
        [],
    ],
)
def test_usage_and_errors_are_the_same(cli, whole_app, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    expected = whole_app(*args)
    assert cli(*args) == expected
    assert expected.exit_code in (0, 2)
