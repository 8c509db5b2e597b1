"""The catalogue toolchain: extract the messages and merge them into each translation.

    python -m whoknows.i18n.catalogues            # extract + update every .po (after edits)
    python -m whoknows.i18n.catalogues check      # missing, untranslated or fuzzy messages,
                                                  # or placeholders a translation changed

Messages are extracted with Babel from every Python module of the package (``_``,
``gettext``, ``ngettext``, ``pgettext``, ``N_``, ``Nn_`` for a plural, and the docstring of
every function decorated with a ``command`` or ``group`` decorator: the CLI's help, as
``xgettext --docstrings`` would) and every Jinja template (``_``, ``gettext``, ``ngettext``,
``{% trans %}``). English is the source language and has no catalogue; every other language
is translated by hand in its ``.po`` file, the one file a new message touches (the template
and the compiled ``.mo`` are derived, in memory, never kept). ``check`` compares the
placeholders of ``%``-format and ``str.format`` messages (click's) with their translation.
"""

from __future__ import annotations

import ast
import copy
import io
import re
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.extract import extract_python as babel_python
from babel.messages.pofile import write_po

from whoknows.i18n import DOMAIN, TRANSLATED, po_path, read_catalogue

PACKAGE = Path(__file__).resolve().parents[1]
COMMAND_DECORATORS = {"command", "group"}  # click's, and whoknows.cli._help's


def _is_command(decorator: ast.expr) -> bool:
    """``@command(...)``, ``@click.group()``, ``@people.command(name=...)`` and the like."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in COMMAND_DECORATORS


def extract_python(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extraction (lineno, funcname, message, comments), plus the docstrings
    of CLI commands (their ``--help``)."""
    source = fileobj.read()
    yield from babel_python(io.BytesIO(source), keywords, comment_tags, options)  # type: ignore[arg-type]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, None, doc, ["the --help of a command"]


METHODS = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**.py", "whoknows.i18n.catalogues:extract_python"),
]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2), "Np_": ((1, "c"), 2)}  # plural; in a context


def extract() -> Catalog:
    """Every message of the package, with the places it is used."""
    catalog = Catalog(domain=DOMAIN, project="whoknows", version="1", charset="utf-8")
    found = extract_from_dir(
        PACKAGE,
        METHODS,
        OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, line, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"whoknows/{filename}", line)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def update(template: Catalog) -> None:
    """Merges the extracted messages into each translation's .po."""
    for lang in TRANSLATED:
        catalog = read_catalogue(lang)
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=96, ignore_obsolete=True)


def _complete(message_string: object) -> bool:
    if isinstance(message_string, tuple | list):
        return all(message_string)
    return bool(message_string)


PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")
BRACE_FIELD = re.compile(r"\{[^{}]*\}")  # str.format's fields, as click writes its messages
# the placeholders of each kind of message Babel flags
PLACEHOLDERS = {"python-format": PLACEHOLDER, "python-brace-format": BRACE_FIELD}


def _same_placeholders(
    message_id: object, message_string: object, pattern: re.Pattern[str]
) -> bool:
    """A translation keeps every ``%(name)s`` (and ``%%``), or every ``{name!r}``, of its
    message, no more."""
    ids = list(message_id) if isinstance(message_id, tuple | list) else [message_id]
    strings = list(message_string) if isinstance(message_string, tuple | list) else [message_string]
    wanted = {p for i in ids for p in pattern.findall(str(i))}
    # a singular form may leave out the count (French "une personne"): the plural forms,
    # together, keep every placeholder
    found = {p for s in strings for p in pattern.findall(str(s))}
    return found == wanted and all(set(pattern.findall(str(s))) <= wanted for s in strings)


def problems() -> list[str]:
    """Missing, untranslated or fuzzy messages of every translation."""
    template = extract()
    found = []
    for lang in TRANSLATED:
        catalog = read_catalogue(lang)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, message.context)
            if translated is None:
                found.append(f"{lang}: missing {message.id!r}")
            elif translated.fuzzy or not _complete(translated.string):
                found.append(f"{lang}: untranslated {message.id!r}")
            elif any(
                flag in message.flags
                and not _same_placeholders(message.id, translated.string, pattern)
                for flag, pattern in PLACEHOLDERS.items()
            ):
                found.append(f"{lang}: placeholders differ in {message.id!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "check":
        issues = problems()
        print("\n".join(issues) or "catalogues complete")
        return 1 if issues else 0
    if command != "update":
        print(f"unknown command {command!r}; use update or check", file=sys.stderr)
        return 2
    update(extract())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
