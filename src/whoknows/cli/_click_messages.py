"""Click's own messages in the user's language: usage errors, "Aborted!", prompts.

Click marks its messages for the standard library's gettext (``from gettext import gettext
as _`` and ``from gettext import ngettext`` in each of its modules), whose global domain has
no catalogue here. While a whoknows command line runs, :func:`speaking` makes them follow the
CLI's language: it rebinds those two names in click's modules, once, to functions that
translate through the running command line's :class:`~whoknows.i18n.Translator`, and that are
the standard library's gettext again (click's English) outside one. Click's files are left as
they are.

The messages are listed below as click writes them (``str.format`` fields, plurals), so that
the extractor puts them in whoknows's catalogue; a test compares the list with the installed
click, so an upgrade that adds or rewords a message fails until it is listed and translated.
"""

from __future__ import annotations

import copy
import gettext
import importlib
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import click

from whoknows.i18n import LANGUAGES, N_, Nn_, Translator, translator
from whoknows.settings import load_settings

MESSAGES = (
    # Translators: "days" in the time left of a progress bar ("2d 03:04:05")
    N_("d"),
    N_("{editor}: Editing failed"),
    N_("{editor}: Editing failed: {e}"),
    N_("Windows error: {error}"),
    N_("Aborted!"),
    N_("deprecated"),  # shown in capitals: "(DEPRECATED)"
    N_("Options"),
    N_("Positional arguments"),
    N_("Commands"),
    N_("Usage:"),
    Nn_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    # Translators: {extra_message} is empty or a sentence that starts with a space
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    # Translators: {param_type} is "option", "argument" or "parameter" (click's English)
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    N_("Missing command."),
    N_("Value must be an iterable."),
    Nn_("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("required"),  # an option's help: "[required]"
    N_("(dynamic)"),  # a default computed when the command runs
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    N_("%(prog)s, version %(version)s"),
    N_("Show the version and exit."),
    N_("Show this message and exit."),
    Nn_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),  # followed by the argument's name: "Missing argument 'PATH'."
    N_("Missing option"),
    N_("Missing parameter"),
    # Translators: {param_type} is a parameter type's name in click's English
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Option {name!r} does not take a value."),
    Nn_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_("Shell completion is not supported for Bash versions older than 4.4."),
    N_("Couldn't detect Bash version, shell completion is not supported."),
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Press any key to continue..."),
    N_("Choose from:\n\t{choices}"),
    Nn_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    Nn_(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ),
    # Translators: {number_type} is the type's name ("integer", "float": NUMBER_TYPES)
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    Nn_(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ),
    N_("file"),
    N_("directory"),
    N_("path"),
    # Translators: {name} is "File", "Directory" or "Path", translated and capitalised
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
)
# messages click marks too but that only a programmer meets (a command declared wrongly, a
# repr): they stay English, like the tracebacks around them
FOR_PROGRAMMERS = (
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument"
    " instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Invalid start character for option ({option})",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Choice({choices})",
)
# click's modules that import gettext (the Windows console only exists on Windows)
CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "shell_completion",
    "termui",
    "types",
    "utils",
    "_termui_impl",
    *(("_winconsole",) if sys.platform == "win32" else ()),
)

_SPOKEN: ContextVar[Translator | None] = ContextVar("whoknows_cli_language", default=None)


def spoken() -> Translator | None:
    """The language of the command line that is running, if one is."""
    return _SPOKEN.get()


def click_gettext(message: str) -> str:
    """Click's ``_``: the message in the running command line's language."""
    language = _SPOKEN.get()
    return language.gettext(message) if language else gettext.gettext(message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """Click's ``ngettext``: the form of the message for ``n``, in the same language."""
    language = _SPOKEN.get()
    if language is None:
        return gettext.ngettext(singular, plural, n)
    return language.ngettext(singular, plural, n)


def _rebind() -> None:
    """Click's modules call :func:`click_gettext` and :func:`click_ngettext` from now on."""
    for name in CLICK_MODULES:
        namespace = vars(importlib.import_module(f"click.{name}"))
        if namespace.get("_") is gettext.gettext:
            namespace["_"] = click_gettext
        if namespace.get("ngettext") is gettext.ngettext:
            namespace["ngettext"] = click_ngettext


# the names click gives its number types, in its messages ("'abc' is not a valid integer") and
# as the help's metavars (INTEGER): class attributes, read where they are shown
NUMBER_TYPES: tuple[tuple[type[click.ParamType[Any]], str], ...] = (
    (click.types.IntParamType, N_("integer")),
    (click.types.FloatParamType, N_("float")),
    (click.types.IntRange, N_("integer range")),
    (click.types.FloatRange, N_("float range")),
)


@contextmanager
def speaking(language: Translator) -> Iterator[None]:
    """Click says its messages, and names its number types, in ``language`` until the block
    ends."""
    _rebind()
    token = _SPOKEN.set(language)
    before = [kind.name for kind, _ in NUMBER_TYPES]  # (the enclosing block's language)
    for kind, name in NUMBER_TYPES:
        kind.name = language.gettext(name)
    try:
        yield
    finally:
        for (named, _), name in zip(NUMBER_TYPES, before, strict=True):
            named.name = name
        _SPOKEN.reset(token)


def command_language(command: click.Command, args: Sequence[str]) -> Translator:
    """The language of a command line, known before click parses it (its errors are in it):
    the global --lang, before the subcommand's name, else the lang setting (WHOKNOWS_LANG),
    else English."""
    values = {
        name
        for param in command.params
        if isinstance(param, click.Option) and not param.is_flag
        for name in param.opts
    }
    lang = None
    tokens = iter(args)
    for token in tokens:
        name, equals, value = token.partition("=")
        if name == "--lang" and "--lang" in values:
            lang = value if equals else next(tokens, None)
            break
        if token == "--" or not token.startswith("-"):
            break  # the subcommand: its own options are not the CLI's
        if token in values:
            next(tokens, None)
    if lang in LANGUAGES:
        return translator(lang)
    try:
        return translator(load_settings().lang)
    except ValueError:  # a malformed WHOKNOWS_* setting: the command says so, in English
        return translator(None)


class PathType(click.Path):
    """``click.Path`` whose errors name the kind of path (file, directory) in the user's
    language: click names it when the option is declared, which may be while a command line
    speaks another language (the ingest command declares its connectors' options when it is
    first parsed), so the name is kept in English and translated where it is shown."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.file_okay and not self.dir_okay:
            self.name = "file"
        elif self.dir_okay and not self.file_okay:
            self.name = "directory"
        else:
            self.name = "path"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        shown = copy.copy(self)
        shown.name = click_gettext(self.name)
        return click.Path.convert(shown, value, param, ctx)
