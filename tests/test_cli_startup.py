"""The CLI builds only the command being run, and runs plain command lines without typer;
what people see is the same as with every command built by typer (help, usage errors,
unknown commands, the version)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from manualctl import cli as cli_module
from manualctl.cli.typer_app import build

COMMANDS = cli_module._commands()
NAMES = [" ".join(cmd.words) for cmd in COMMANDS]


@pytest.fixture
def whole_app(cli, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run ``manualctl ARGS`` through typer with every command built, as before."""

    def run(*args: str):  # type: ignore[no-untyped-def]
        with monkeypatch.context() as patch:
            patch.setattr(cli_module, "_run_plain", lambda _args: False)
            patch.setattr(cli_module, "_app_for", lambda _args: build(COMMANDS))
            return cli(*args)

    return run


def test_every_command_is_listed() -> None:
    assert sorted(NAMES) == sorted(
        [
            "validate",
            "links",
            "contents",
            "import contents",
            "import docx",
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
            "redline",
            "affected",
            "upstream status",
            "upstream update",
        ]
    )


def test_each_command_is_found_in_its_module() -> None:
    """A plain command line imports only the module its command is registered by."""
    assert {
        cmd.words: cmd.func.__module__.removeprefix("manualctl.cli.") for cmd in COMMANDS
    } == cli_module.MODULES
    for cmd in COMMANDS:
        assert cli_module._command_for([*cmd.words, "--x"]) == [cmd]
    assert cli_module._command_for(["valdate"]) == cli_module._command_for([]) == []


@pytest.mark.parametrize("name", NAMES)
def test_command_help_is_the_same(cli, whole_app, name: str) -> None:  # type: ignore[no-untyped-def]
    words = name.split()
    expected = whole_app(*words, "--help")
    assert len(cli_module._app_for([*words, "--help"]).registered_commands) <= 1  # only this one
    assert cli(*words, "--help") == expected
    assert expected.exit_code == 0 and expected.stdout.startswith(f"Usage: manualctl {name} ")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["stamp", "--no-such-option"],
        ["validate", "--format"],
        ["validate", "--format", "xml"],
        ["review", "--format", "xml", "--within", "3"],
        ["review", "--within", "-1"],
        ["move-chapter"],
        ["valdate"],
        ["import", "--help"],
        ["import"],
        ["import", "contents"],
        ["release"],
        ["diff", "2026-05", "2026-11", "more"],
        [],
    ],
)
def test_usage_and_errors_are_the_same(cli, whole_app, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    expected = whole_app(*args)
    assert cli(*args) == expected
    assert expected.exit_code in (0, 2)


def test_plain_commands_run_without_typer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--version and a plain command line do not import typer (it costs more than they do)."""
    code = (
        "import sys\nfrom manualctl.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('typer' in sys.modules)"
    )
    for args in (["--version"], ["init", str(tmp_path / "new")], ["validate", "--help"]):
        run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert run.stdout.splitlines()[-1] == str(args[-1] == "--help"), (args, run.stderr)


#: What validate of a plain manual never loads: the command-line libraries, the libraries
#: only other commands (or errors) need, and what making dataclasses would import
NOT_FOR_VALIDATE = (
    "typer",
    "click",
    "rich",
    "git",
    "ruamel",
    "yaml",
    "jsonschema",
    "fastjsonschema",
    "pypandoc",
    "docx",
    "dataclasses",
    "inspect",
)


#: Counts calls of the builtin compile() outside the import system (which compiles a module
#: that has no up-to-date .pyc): the first one sets up Python's compiler (about 2 ms). A
#: NamedTuple whose annotations are strings (``from __future__ import annotations``)
#: compiles each, and so does typing.get_type_hints: the modules whose NamedTuples quick
#: commands make are written without that import.
COUNT_COMPILES = (
    "import builtins, sys\ncompiles = 0\n_compile = builtins.compile\n"
    "def counted(*args, **kwargs):\n    global compiles\n"
    "    if 'importlib' not in sys._getframe(1).f_globals.get('__name__', ''):\n"
    "        compiles += 1\n"
    "    return _compile(*args, **kwargs)\nbuiltins.compile = counted\n"
)


def _loads(args: list[str], unwanted: tuple[str, ...] = NOT_FOR_VALIDATE) -> str:
    """``exit code, [the unwanted modules it loaded (or modules of them)], compiles`` of a
    run of ``args``."""
    code = (
        f"{COUNT_COMPILES}from manualctl.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit:\n    code = exit.code\n"
        f"print(code, sorted(u for u in {unwanted!r} if any(m == u or m.startswith(u + '.')"
        " for m in sys.modules)), compiles)"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    return run.stdout.splitlines()[-1] if run.stdout else run.stderr


def test_validate_loads_only_what_it_needs(tiny_manual) -> None:  # type: ignore[no-untyped-def]
    assert _loads(["validate", str(tiny_manual)]) == "0 [] 0"


def test_stamp_check_loads_only_what_it_needs(edition_repo) -> None:  # type: ignore[no-untyped-def]
    """stamp --check reads git through manualctl.git (not GitPython) and reads no YAML for
    writing: none of validate's list, nor tempfile (only a three-way merge needs it), nor
    datetime (it takes no date, and checks no review date), nor subprocess (its git
    processes need no input: manualctl.early.spawn starts them)."""
    args = ["stamp", "--check", "-m", str(edition_repo)]
    assert _loads(args, (*NOT_FOR_VALIDATE, "tempfile", "datetime", "subprocess")) == "0 [] 0"


#: Records the NamedTuple classes manualctl's modules make (typing.NamedTuple makes each
#: through collections.namedtuple, which compiles the class's ``__new__``: about 60 us
#: each). Values that are only made and read by attribute are plain classes.
COUNT_NAMEDTUPLES = (
    "import collections, sys\nmade = []\n_namedtuple = collections.namedtuple\n"
    "def counted(typename, field_names, **kwargs):\n"
    "    module = kwargs.get('module') or sys._getframe(1).f_globals.get('__name__', '')\n"
    "    if module.startswith('manualctl'):\n        made.append(typename)\n"
    "    return _namedtuple(typename, field_names, **kwargs)\n"
    "collections.namedtuple = counted\n"
)


def _named_tuples(args: list[str]) -> list[str]:
    code = (
        f"{COUNT_NAMEDTUPLES}from manualctl.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\nprint(made)"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    return eval(run.stdout.splitlines()[-1]) if run.stdout else [run.stderr]  # type: ignore[no-any-return]


def test_stamp_check_makes_only_the_model_named_tuples(edition_repo) -> None:  # type: ignore[no-untyped-def]
    """What stamp --check still makes as NamedTuples is the model of a manual, its
    findings, its repository and its editions (compared whole, used as keys; findings
    are sorted). The command registry, the fast command line's parameters, git's results
    (a process's, an object's), a chapter's split text, the rules, number problems and
    the flag and edition changes are plain classes: 12 NamedTuples fewer (24 before)."""
    assert _named_tuples(["stamp", "--check", "-m", str(edition_repo)]) == [
        "Finding",
        "Chapter",
        "ChapterEntry",
        "ExternalEntry",
        "SeeAlsoItem",
        "SeeAlsoEntry",
        "NoteEntry",
        "Subsection",
        "Section",
        "RepoInfo",
        "ChapterState",
        "EditionTag",
    ]


#: Run as the program would be (``main()``), then say, after its exit functions have run,
#: what the collector was set to, and which objects a last collection would have freed
#: that matter: manualctl's (its classes' objects, its functions and classes) or files
AT_EXIT = (
    "import atexit, gc, io, sys, types\n"
    "def ours(o):\n"
    "    if isinstance(o, (type, types.FunctionType)):\n"
    "        return (o.__module__ or '').startswith('manualctl')\n"
    "    return type(o).__module__.startswith('manualctl') or isinstance(o, io.IOBase)\n"
    "def said():\n"
    "    frozen = gc.get_freeze_count()\n"
    "    gc.unfreeze()\n"
    "    gc.set_debug(gc.DEBUG_SAVEALL)\n"
    "    gc.collect()\n"
    "    print(gc.get_threshold()[0], frozen > 0, [o for o in gc.garbage if ours(o)], flush=True)\n"
    "atexit.register(said)\n"
    "from manualctl.cli import main\n"
    "sys.argv[0] = 'manualctl'\n"
    "main()\n"
)


def test_a_quick_command_collects_less(tiny_manual, edition_repo) -> None:  # type: ignore[no-untyped-def]
    """Run as the program, a command runs the collector every 20,000 allocations and
    freezes every object at exit (cli._collect_less): the last collection would have freed
    nothing that matters (only what some modules make while importing and replace, such
    as the pure Python versions of operator's and datetime's classes). Called by a test
    (``main(args)``), the collector is left as it was."""
    for args in (["validate", str(tiny_manual)], ["stamp", "--check", "-m", str(edition_repo)]):
        run = subprocess.run([sys.executable, "-c", AT_EXIT, *args], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines()[-1] == "20000 True []", run.stdout
    called = "import gc, sys\nfrom manualctl.cli import main\ntry:\n    main(sys.argv[1:])\n"
    called += "except SystemExit:\n    pass\nprint(gc.get_threshold()[0], gc.get_freeze_count())"
    run = subprocess.run(
        [sys.executable, "-c", called, "validate", str(tiny_manual)], capture_output=True, text=True
    )
    assert run.stdout.splitlines()[-1] == "700 0", run.stderr


def test_affected_loads_only_what_it_needs(edition_repo) -> None:  # type: ignore[no-untyped-def]
    """affected, which CI runs on every push before anything else, is as quick to start
    as validate: none of validate's list, and no compile."""
    assert _loads(["affected", "--base", "HEAD", str(edition_repo)], NOT_FOR_AFFECTED) == "0 [] 0"
    json = _loads(["affected", "--base", "HEAD", "--json", str(edition_repo)], NOT_FOR_AFFECTED)
    assert json == "0 ['json', 'shlex'] 0"


#: What affected never loads, beside validate's list: the manual model and the checks (it
#: reads manual.yaml only for an id or a template), the other commands' modules, dates,
#: subprocess (its git processes are started before the command is imported, by
#: manualctl.early), and without --json what the matrix needs
NOT_FOR_AFFECTED = (
    *NOT_FOR_VALIDATE,
    "subprocess",
    "manualctl.model.manual",
    "manualctl.model.chapter",
    "manualctl.check",
    "manualctl.cli.manual",
    "manualctl.cli.editions",
    "manualctl.cli.publish",
    "datetime",
    "json",
    "shlex",
)


def test_validate_of_a_manual_built_on_a_template_loads_only_what_it_needs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The template is read through manualctl.git, and where each inherit entry is in
    manual.yaml is found only for a finding (PyYAML's parser): none of validate's list."""
    from upstream_helpers import template_repo

    council = template_repo(tmp_path) / "manuals" / "council"
    assert _loads(["validate", str(council)]) == "0 [] 0"


def test_upstream_status_text_loads_no_yaml_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The text of ``upstream status`` shows no line numbers: where a stale substitution
    says what it replaces is found only for --format json or github (PyYAML's parser)."""
    from upstream_helpers import two_editions_repo

    council = two_editions_repo(tmp_path) / "manuals" / "council"
    args = ["upstream", "status", "-m", str(council)]
    assert _loads(args, ("yaml", "ruamel", "jsonschema", "typer")) == "0 [] 0"
    assert _loads([*args, "--format", "json"], ("yaml",)) == "0 ['yaml'] 0"
