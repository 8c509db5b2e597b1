"""Dates written with month names in the language of the user who exported them.

Jira and Confluence print month names in the exporting user's language ("12/mars/24 10:15",
"12 mars 2024", "14. März 2024"), which ``strptime``'s ``%b`` and ``%B`` (English only) do not
read. The month names and abbreviations of the languages those tools are used in come from
Babel's CLDR data; each is replaced by its number, and the pattern's ``%b``/``%B`` by ``%m``,
before parsing. An abbreviation's dot ("janv.", "févr.") goes with it, and so do accents
("fevr.", "aout" are read too). No name means two months across these languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache

from whoknows.text import fold_accents, written_as_iso_day

# the languages Jira and Confluence are used in that write months in the Latin or Cyrillic script
LANGUAGES = "en fr de es it pt nl da sv nb fi pl cs hu ro ru".split()
_LEGACY = {"mrz": 3}  # Java's own German abbreviation before it used CLDR data
_WORD = re.compile(r"[^\W\d_]+\.?")


@cache
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation (see ``_key``) -> 1-12."""
    from babel.dates import get_month_names

    table: dict[str, int] = dict(_LEGACY)
    ambiguous: set[str] = set()
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=language).items():
                    if table.setdefault(_key(name), number) != number:
                        ambiguous.add(_key(name))  # none today; left unread if one comes
    return {key: number for key, number in table.items() if key not in ambiguous}


def _key(word: str) -> str:
    """How a month name is looked up: case-folded, accents and an abbreviation's dot left out."""
    return fold_accents(unicodedata.normalize("NFC", word).casefold()).rstrip(".")


def month_number(word: str) -> int | None:
    """The month a name or an abbreviation names, in any of :data:`LANGUAGES` (1-12)."""
    return month_numbers().get(_key(word))


def with_month_numbers(text: str) -> str | None:
    """TEXT with each month name replaced by its number; None when it names no month."""
    table = month_numbers()
    found = False

    def number(match: re.Match[str]) -> str:
        nonlocal found
        month = table.get(_key(match.group(0)))
        if month is None:
            return match.group(0)
        found = True
        return str(month)

    replaced = _WORD.sub(number, text)
    return replaced if found else None


def parse_localized(raw: str, patterns: Iterable[str]) -> datetime | None:
    """RAW read with the first of PATTERNS (``strptime``) that fits it, month names of any of
    the LANGUAGES standing for ``%b``/``%B``; None when none fits."""
    text = " ".join(raw.split())
    numbered = with_month_numbers(text)
    for pattern in patterns:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            pass
        if numbered is not None and ("%b" in pattern or "%B" in pattern):
            try:
                return datetime.strptime(numbered, pattern.replace("%b", "%m").replace("%B", "%m"))
            except ValueError:
                pass
    return None


_FIRST_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def no_such_day(raw: str, read: Callable[[str], object | None]) -> bool:
    """Whether a date that did not parse (``read``: None, or ValueError) is written as one,
    with a day or month that does not exist ("2026-02-30", "2025-13-01", "30 février 2026",
    "31/Feb/26"): written in ISO form, or read once its first number is 1 ("01/31/2026",
    month first, is not)."""
    if written_as_iso_day(raw):
        return True
    try:
        return read(_FIRST_DAY.sub("1", raw, count=1)) is not None
    except ValueError:
        return False
