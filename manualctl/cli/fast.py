"""Running a plain command line without typer (importing typer costs more than most
commands' own work).

:func:`parse` reads the command's ``Option``/``Argument`` declarations and gives the
function and its arguments exactly as typer would, for the command lines people and
scripts type: a command, its options as ``--name VALUE``, ``-n VALUE`` or a flag, and
its arguments. Anything else (``--help``, ``--name=VALUE``, an unknown or repeated
option, a missing value or argument, a value that starts with ``-``, ``--``) gives
None, and typer runs the command line as before, with its help and its messages.
``tests/test_cli_fast.py`` holds this equal to typer on many generated command lines.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from manualctl.cli.app import Argument, Command, Option


class Param:
    """One parameter of a command, as the fast path reads it. (Plain classes here: making a
    NamedTuple compiles its ``__new__``, which a quick command's start-up pays for.)"""

    __slots__ = ("convert", "flag", "many", "minimum", "name", "required")

    def __init__(
        self,
        name: str,  # the function's parameter
        convert: Callable[[str], Any],  # str, Path or int
        flag: bool = False,  # an option without a value (True when given)
        many: bool = False,  # an argument taking every remaining word (a list)
        required: bool = False,
        minimum: int | None = None,
    ) -> None:
        self.name = name
        self.convert = convert
        self.flag = flag
        self.many = many
        self.required = required
        self.minimum = minimum


class Spec:
    """A command's parameters: options by their names, arguments in order."""

    __slots__ = ("arguments", "defaults", "options")

    def __init__(
        self,
        options: dict[str, Param],  # "--manual" and "-m" -> the same Param
        arguments: list[Param],
        defaults: dict[str, Any],
    ) -> None:
        self.options = options
        self.arguments = arguments
        self.defaults = defaults


def parse(
    commands: list[Command], args: list[str]
) -> tuple[Callable[..., None], dict[str, Any]] | None:
    """The function to call and its keyword arguments, or None: let typer run ``args``."""
    for cmd in commands:
        words = cmd.words
        if tuple(args[: len(words)]) == words:
            spec = _spec(cmd.func)
            if spec is None:
                return None
            kwargs = _parse(spec, args[len(words) :])
            return None if kwargs is None else (cmd.func, kwargs)
    return None


def _parse(spec: Spec, words: list[str]) -> dict[str, Any] | None:
    given: dict[str, Any] = {}
    positional: list[str] = []
    rest = iter(words)
    for word in rest:
        if word.startswith("-"):
            param = spec.options.get(word)
            if param is None or param.name in given:
                return None
            if param.flag:
                given[param.name] = True
                continue
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            converted = _convert(param, value)
            if converted is None:
                return None
            given[param.name] = converted
        else:
            positional.append(word)
    for param in spec.arguments:
        if param.many:
            if positional:
                values = [_convert(param, word) for word in positional]
                if None in values:
                    return None
                given[param.name] = values
            positional = []
        elif positional:
            given[param.name] = _convert(param, positional.pop(0))
            if given[param.name] is None:
                return None
    if positional:
        return None  # more arguments than the command takes
    kwargs = dict(spec.defaults)
    kwargs.update(given)
    missing = [
        p for p in (*spec.options.values(), *spec.arguments) if p.required and p.name not in given
    ]
    return None if missing else kwargs


def _convert(param: Param, value: str) -> Any:
    if param.convert is Path and not value:
        return None
    if param.convert is int:
        if not value.isdigit():  # typer takes more ("+7", " 7"); leave those to it
            return None
        number = int(value)
        return None if param.minimum is not None and number < param.minimum else number
    return param.convert(value)


def _spec(func: Callable[..., None]) -> Spec | None:
    """The command's parameters, or None when one is of a kind this module leaves to typer."""
    hints = _hints(func)
    options: dict[str, Param] = {}
    arguments: list[Param] = []
    defaults: dict[str, Any] = {}
    for name, default in _parameters(func):
        hint = hints[name]
        if typing.get_origin(hint) is not Annotated:
            return None
        base, declared = typing.get_args(hint)[:2]
        base = _without_none(base)
        many = typing.get_origin(base) is list
        item = typing.get_args(base)[0] if many else base
        if item not in (str, Path, int, bool) or (many and isinstance(declared, Option)):
            return None
        required = default is _REQUIRED
        if not required:
            defaults[name] = default
        if isinstance(declared, Option):
            if set(declared.settings) - {"help", "show_default", "metavar", "min"}:
                return None  # callbacks, prompts, ...: typer's to run
            param = Param(
                name,
                item,
                flag=item is bool,
                required=required,
                minimum=declared.settings.get("min"),
            )
            for decl in declared.decls:
                if "/" in decl or not decl.startswith("-"):
                    return None
                options[decl] = param
        elif (
            isinstance(declared, Argument)
            and item is not bool
            and not set(declared.settings) - {"help", "metavar"}
        ):
            arguments.append(Param(name, item, many=many, required=required))
        else:
            return None
    return Spec(options, arguments, defaults)


def _hints(func: Callable[..., None]) -> dict[str, Any]:
    """What ``typing.get_type_hints(func, include_extras=True)`` gives for a command's
    parameters: their annotations (strings, as the command modules use ``from __future__
    import annotations``) evaluated in its module. By ``eval``: get_type_hints makes a
    ``typing.ForwardRef`` of each, whose ``compile`` sets up Python's compiler (about
    2 ms, once per process)."""
    names = func.__globals__
    return {
        name: eval(hint, names) if isinstance(hint, str) else hint
        for name, hint in func.__annotations__.items()
        if name != "return"
    }


#: The default of a parameter that has none.
_REQUIRED = object()


def _parameters(func: Callable[..., None]) -> Iterator[tuple[str, Any]]:
    """Each parameter's name and default (:data:`_REQUIRED` when it has none), in order:
    what ``inspect.signature`` gives, read from the function itself (importing inspect
    costs more than a quick command's own work)."""
    code = func.__code__
    positional = code.co_varnames[: code.co_argcount]
    defaults = func.__defaults__ or ()
    first_default = len(positional) - len(defaults)
    for index, name in enumerate(positional):
        yield name, defaults[index - first_default] if index >= first_default else _REQUIRED
    keywords = func.__kwdefaults__ or {}
    for name in code.co_varnames[code.co_argcount : code.co_argcount + code.co_kwonlyargcount]:
        yield name, keywords.get(name, _REQUIRED)


def _without_none(hint: Any) -> Any:
    """``X`` for ``X | None``."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint
