"""The catalogue toolchain: extract messages, update the .po files, compile the .mo files.

    python -m whoknows.i18n.catalogues            # extract + update + compile (after edits)
    python -m whoknows.i18n.catalogues compile    # .po -> .mo only
    python -m whoknows.i18n.catalogues check      # untranslated or fuzzy messages, stale .mo

Messages are extracted with Babel from every Python module of the package (``_``,
``gettext``, ``ngettext``, ``pgettext``, ``N_``) and every Jinja template (``_``, ``gettext``,
``ngettext``, ``{% trans %}``). English is the source language: its catalogue is filled with
the messages themselves; every other language is translated by hand in its ``.po`` file.
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from whoknows.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parents[1]
METHODS = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
# the plural rule of GNU gettext for each language (Babel's CLDR rules add forms, such as the
# French "many" for millions, that translators and gettext tools do not expect)
PLURALS = {"en": (2, "(n != 1)"), "fr": (2, "(n > 1)")}
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message of the package, with the places it is used."""
    catalog = Catalog(domain=DOMAIN, project="whoknows", version="1", charset="utf-8")
    found = extract_from_dir(
        PACKAGE,
        METHODS,
        OPTIONS,
        keywords=DEFAULT_KEYWORDS,
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


def _read(lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="whoknows", charset="utf-8")
    number, expression = PLURALS[lang]
    vars(catalog).update(_num_plurals=number, _plural_expr=expression)
    return catalog


def update(template: Catalog) -> None:
    """Merges the extracted messages into each language's .po (English: filled in)."""
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=True, width=96)
    for lang in LANGUAGES:
        catalog = _read(lang)
        # Babel adds the template's own message objects to the catalogue: each language
        # gets its copy, or filling in English would fill every other language too
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        if lang == DEFAULT_LANGUAGE:
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=96, ignore_obsolete=True)


def compiled(lang: str) -> bytes:
    catalog = _read(lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for lang in LANGUAGES:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))


def _complete(message_string: object) -> bool:
    if isinstance(message_string, tuple | list):
        return all(message_string)
    return bool(message_string)


def _text(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def _key(message: Any) -> tuple[object, object]:
    return _text(message.id), message.context


def problems() -> list[str]:
    """Untranslated, fuzzy or missing messages of every language, and stale .mo files."""
    template = extract()
    found = []
    for lang in LANGUAGES:
        catalog = _read(lang)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, message.context)
            if translated is None:
                found.append(f"{lang}: missing {message.id!r}")
            elif translated.fuzzy or not _complete(translated.string):
                found.append(f"{lang}: untranslated {message.id!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists():
            found.append(f"{lang}: {mo.name} is missing")
        else:
            with mo.open("rb") as handle:
                stored = {_key(m): _text(m.string) for m in read_mo(handle) if m.id}
            source = _read(lang)
            expected = {_key(m): _text(m.string) for m in source if m.id and not m.fuzzy}
            if stored != expected:
                found.append(f"{lang}: {mo.name} is older than {po_path(lang).name}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command == "check":
        issues = problems()
        print("\n".join(issues) or "catalogues complete")
        return 1 if issues else 0
    if command == "all":
        update(extract())
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
