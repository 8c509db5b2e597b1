"""Languages of whoknows: gettext catalogues (Babel) and locale-aware dates and numbers.

Every surface asks for a :class:`Translator` and uses its ``gettext``/``ngettext`` and
``format_*`` methods; nothing else formats a date, a number or a plural for people to read.

- ``translator(lang)``: the translator of a language (``en``, ``fr``; anything else falls back
  to English); translators are cached, so asking twice is free.
- ``negotiate(accept_language)``: the best supported language for a browser's
  ``Accept-Language`` header.
- ``install_jinja(environment, translator)``: the ``jinja2.ext.i18n`` extension with this
  translator (new-style gettext: ``{{ _("Held by %(n)s", n=3) }}``,
  ``{{ ngettext("%(num)s person", "%(num)s people", n) }}``, ``{% trans %}``), plus the
  filters ``date``, ``number``, ``percent`` and ``decimal``.
- ``Message(template, values)``: a message marked with ``N_`` where it is written and said
  later, in English (stored, counted) or in the reader's language; ``Term`` marks a value that
  is a word of whoknows, translated with it.

Messages are written in English in the code and the templates; the translations live in
``locale/<lang>/LC_MESSAGES/whoknows.po`` (only French today), updated by
``python -m whoknows.i18n.catalogues`` (see that module) and compiled in memory when first used.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date as _format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent as _format_percent
from babel.numbers import get_decimal_symbol, get_group_symbol

DOMAIN = "whoknows"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
# the plural rule of GNU gettext for each language (Babel's CLDR rules add forms, such as the
# French "many" for millions, that translators and gettext tools do not expect)
PLURALS = {"en": (2, "(n != 1)"), "fr": (2, "(n > 1)")}


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; translate it where it is shown."""
    return message


def Np_(context: str, message: str) -> str:
    """Marks a message said in a context (``pgettext`` it where it is shown)."""
    del context
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message and its plural for the catalogue where they are defined; ``ngettext``
    them where they are shown."""
    return singular, plural


class Term(str):
    """A word of whoknows inside a message (marked with ``N_`` where it is written), translated
    with the message; any other value is shown as it is."""

    __slots__ = ()


def supported(lang: str | None) -> str:
    """The supported language for a code such as ``fr``, ``fr-CA`` or ``fr_FR``."""
    code = (lang or "").strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def negotiate(accept_language: str | None) -> str:
    """The best supported language for an ``Accept-Language`` header (RFC 9110 weights)."""
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        code, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        base = code.strip().replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES and weight > 0:
            choices.append((-weight, index, base))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE


def _day(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


# "de" and "que" before a value (a name, a topic) that begins with a vowel: "coaching
# d’Aiko Tanaka", "détenteur d’EDI", never "de Aiko" (an "h" is left alone: "de Hugo")
_FIRST_OF_MONTH = re.compile(r"(?<![\d/.-])0?1 (?=[^\W\d])")  # "1 septembre", not "01/09"
_ELIDES = re.compile(r"\b(de|que|De|Que) (%\((\w+)\)s)")
# (a "y" before a vowel sounds as a consonant: "de Yasmine", "d'Yves")
_VOWEL = re.compile(r"[AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouàâäéèêëîïôöùûüœ]|[Yy](?![aeiouyàâäéèêëîïôöùûü])")


class Elided(str):
    """A French message that elides "de" and "que" before a value beginning with a vowel
    when it is formatted with ``%`` and a mapping."""

    def __mod__(self, values: object) -> str:
        if not isinstance(values, Mapping):
            return str.__mod__(self, values)
        return self.before(values) % values

    def before(self, values: Mapping[str, object]) -> str:
        """The message, "de" elided where it comes before a value of ``values`` that
        begins with a vowel (still to be formatted with them)."""

        def elided(found: re.Match[str]) -> str:
            value = str(values.get(found.group(3), ""))
            if not _VOWEL.match(value):
                return found.group(0)
            return f"{found.group(1)[:-1]}’{found.group(2)}"

        return _ELIDES.sub(elided, str(self))


def _elided(lang: str, text: str) -> str:
    return Elided(text) if lang == "fr" and _ELIDES.search(text) else text


@dataclass(frozen=True)
class Translator:
    """Messages, plurals, dates and numbers in one language."""

    lang: str
    catalogue: _gettext.NullTranslations

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def gettext(self, message: str) -> str:
        return _elided(self.lang, self.catalogue.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _elided(self.lang, self.catalogue.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return _elided(self.lang, self.catalogue.pgettext(context, message))

    def format_date(self, value: date | datetime | str, form: str = "long") -> str:
        """``long``: 1 December 2026 / 1 décembre 2026; ``medium``, ``short`` or a pattern."""
        return _date_text(_day(value), form, self.lang)

    def format_period(
        self, start: date | datetime | str, end: date | datetime | str | None, form: str = "long"
    ) -> str:
        """An engagement's dates: "September 1, 2026 to December 18, 2026", or "from September
        1, 2026, no end date set" ("du … au sans date de fin" read as a date that was none)."""
        if end:
            return self.gettext("%(start)s to %(end)s") % {
                "start": self.format_date(start, form),
                "end": self.format_date(end, form),
            }
        said = self.gettext("from %(start)s, no end date set")
        return said % {"start": self.format_date(start, form)}

    def format_month(self, value: date | datetime | str) -> str:
        """A month for a chart axis: Sep 2026 / sept. 2026."""
        if isinstance(value, str) and len(value) == 7:
            value = value + "-01"
        return _format_date(_day(value), "MMM y", locale=self.lang)

    def format_number(self, value: float, digits: int = 0) -> str:
        """A count or a measure: 12 / 12.5 (en), 12,5 (fr); never more than ``digits``."""
        text = f"{float(value):,.{digits}f}"
        if digits:
            text = text.rstrip("0").rstrip(".")
        if text == "-0":  # (a small negative score rounds to no sign)
            text = "0"
        group, decimal = _symbols(self.lang)
        if group == "," and decimal == ".":
            return text
        return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)

    def labelled(self, label: str, value: str, translate: bool = True) -> str:
        """A label and its value: "title: SRE" / "poste : SRE" (``label`` translated unless
        ``translate`` is False: a name the user gave, a topic)."""
        shown = self.gettext(label) if translate else label
        return self.gettext("%(label)s: %(value)s") % {"label": shown, "value": value}

    def format_percent(self, value: float) -> str:
        """A share in 0..1: 46% / 46 %."""
        return _format_percent(value, locale=self.lang)

    def format_list(self, items: list[str]) -> str:
        """kafka, edi and observability / kafka, edi et observability."""
        from babel.lists import format_list

        return format_list(items, locale=self.lang) if items else ""


@dataclass(frozen=True)
class Message:
    """A catalogue template (marked with ``N_`` where it is written) and the values that fill
    its ``%(name)s`` placeholders: ``said()`` is the English (what is stored and counted),
    ``said(translator)`` the reader's language (a :class:`Term` value is translated too)."""

    template: str
    values: Mapping[str, object] = field(default_factory=dict)

    def said(self, language: Translator | None = None) -> str:
        if language is None:
            return self.template % self.values if self.values else self.template
        text = language.gettext(self.template)
        if not self.values:
            return text
        return text % {
            key: language.gettext(value) if isinstance(value, Term) and value else value
            for key, value in self.values.items()
        }


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    """A language's ``.po`` file as Babel reads it, with the GNU gettext plural rule."""
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="whoknows", charset="utf-8")
    number, expression = PLURALS[lang]
    vars(catalog).update(_num_plurals=number, _plural_expr=expression)
    return catalog


@lru_cache(maxsize=8192)
def _date_text(day: date, form: str, lang: str) -> str:
    """Babel's date formatting, remembered: a page shows the same few dates many times, and
    Babel's pattern machinery cost a search page more than its ranking's votes. The first of
    a month is "1er" in French ("1er septembre 2026"), as Babel does not write it."""
    text = str(_format_date(day, form, locale=lang))
    if lang == "fr" and day.day == 1:
        text = _FIRST_OF_MONTH.sub("1er ", text, count=1)
    return text


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """The group and decimal symbols of a language (1,234.5 / 1 234,5), read once: pages
    format hundreds of numbers, and Babel's pattern machinery was a tenth of a search page."""
    return get_group_symbol(lang), get_decimal_symbol(lang)


@cache
def translator(lang: str | None = None) -> Translator:
    """The translator of a supported language (English for anything else).

    English is the language of the code, so it needs no catalogue; the others are read from
    their ``.po`` file and compiled in memory (no compiled file to keep in step)."""
    code = supported(lang)
    if code == DEFAULT_LANGUAGE:
        return Translator(code, _gettext.NullTranslations())
    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(code), use_fuzzy=False)
    buffer.seek(0)
    return Translator(code, _gettext.GNUTranslations(buffer))


def _elided_callables(language: Translator) -> dict[str, Any]:
    """Jinja's new-style ``gettext``, ``ngettext`` and ``pgettext`` (a message formatted with
    the template's values, escaped), that elide as :class:`Elided` does: Jinja makes the
    message markup before it formats it, which a ``str`` subclass does not survive."""
    from jinja2 import pass_context
    from markupsafe import Markup

    def shown(context: Any, message: str, values: dict[str, Any]) -> str:
        text = message.before(values) if isinstance(message, Elided) else message
        return (Markup(text) if context.eval_ctx.autoescape else text) % values

    @pass_context
    def gettext(__context: Any, __string: str, **values: Any) -> str:
        return shown(__context, language.gettext(__string), values)

    @pass_context
    def ngettext(__context: Any, __singular: str, __plural: str, __num: int, **values: Any) -> str:
        values.setdefault("num", __num)
        return shown(__context, language.ngettext(__singular, __plural, __num), values)

    @pass_context
    def pgettext(__context: Any, __string_ctx: str, __string: str, **values: Any) -> str:
        values.setdefault("context", __string_ctx)
        return shown(__context, language.pgettext(__string_ctx, __string), values)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}


def install_jinja(environment: Any, language: Translator) -> None:
    """Sets ``environment`` up for one language: the i18n extension and formatting filters.

    The environment must have been created with ``extensions=["jinja2.ext.i18n"]`` (or this
    function adds it); one environment per language, or call this before each render.
    """
    if "jinja2.ext.InternationalizationExtension" not in environment.extensions:
        environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(
        language.gettext, language.ngettext, newstyle=True, pgettext=language.pgettext
    )
    environment.globals.update(_elided_callables(language))
    environment.filters.update(
        date=language.format_date,
        month=language.format_month,
        period=language.format_period,
        number=language.format_number,
        percent=language.format_percent,
        join_words=language.format_list,
    )
    environment.globals["lang"] = language.lang
