"""Acronyms that the two languages write differently ("RGPD" and "GDPR", "TVA" and "VAT",
"AMDEC" and "FMEA", "IA" and "AI"): a question's acronym is asked as the other language's where
the organisation's items hold that, and as both where they hold both ("also searched: AMDEC for
FMEA").

The word bridge never translates an acronym (a word in capitals among others is a name, a
product, an identifier: "VAT" has no neighbour in the encoder's space that means "TVA"), and a
bilingual engineering company's "FMEA" found only its glossary page, never the engineer whose
French pages say "AMDEC". :data:`ACRONYMS` is a glossary of the trade's acronyms whose two forms
are one thing in any organisation, as the French compounds are (:mod:`.compounds`); an
acronym that means several things in either language is not in it ("SI", "CA", "DSI"; "HR"
is a heart rate, "SME" a subject-matter expert, "GDP" a good distribution practice, "BCE" a
binary cross-entropy: a reviewer's). A product's name in words (:func:`proper_names`, "Active
Directory") is not translated either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from whoknows.index.compounds import Translated
from whoknows.index.function_words import marked_language

# (French, English)
ACRONYMS: tuple[tuple[str, str], ...] = (
    ("RGPD", "GDPR"),  # data protection regulation
    ("TVA", "VAT"),  # value added tax
    ("AMDEC", "FMEA"),  # failure mode, effects (and criticality) analysis
    ("IA", "AI"),  # artificial intelligence ("AI" alone is no index term: French "ai")
    ("SIRH", "HRIS"),  # HR information system
    ("PDG", "CEO"),  # chief executive
    ("UE", "EU"),  # European Union
    ("FMI", "IMF"),  # International Monetary Fund
    ("OTAN", "NATO"),
    ("ADN", "DNA"),
    ("ARN", "RNA"),
    ("OGM", "GMO"),  # genetically modified organisms
    ("BPF", "GMP"),  # good manufacturing practice
    ("LCB-FT", "AML"),  # anti-money laundering (and terrorist financing)
)
_OTHER = {  # (an acronym: its language, and the other language's)
    **{french.lower(): ("fr", english) for french, english in ACRONYMS},
    **{english.lower(): ("en", french) for french, english in ACRONYMS},
}
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)?(?![\w-])")


def translated(
    text: str,
    holds: Callable[[str], bool],
    terms_of: Callable[[str], list[str]],
    together: Callable[[Sequence[str]], int],
    written_in: Callable[[], str | None] = lambda: None,
) -> list[Translated]:
    """Each acronym of :data:`ACRONYMS` that ``text`` writes (in any case), with the other
    language's where items hold it; ``kept`` where items hold the one written without the
    other too (both are asked; a glossary's "AMDEC = FMEA" alone does not keep it: it had
    come first for both). ``holds``: whether an item someone may be shown holds an index
    term; ``terms_of``: a word's index terms; ``together``: how many such items hold every
    term given; ``written_in()``: the language the items are mostly written in, whose
    acronyms are never translated (the Stack Exchange forum on AI writes "IA" in a few posts,
    and its "AI" is its own). Nor is a French acronym of an English question (a paper's "UE"
    is no Union européenne), where French writes English ones ("la revue FMEA")."""
    found: dict[str, Translated] = {}
    asked_in = marked_language(re.findall(r"[^\W\d_]+", text))
    for match in _WORD.finditer(text):
        written = match.group()
        language, other = _OTHER.get(written.lower(), ("", ""))
        if not other or (language, asked_in) == ("fr", "en") or written.lower() in found:
            continue  # (an English question's "UE", "BPF": user equipment, a packet filter)
        if language == written_in():
            continue
        wanted = terms_of(other)
        if wanted and all(map(holds, wanted)):
            own = terms_of(written)
            kept = bool(own) and together(own) > together(own + wanted)
            found[written.lower()] = Translated(written, other, kept)
    return list(found.values())


# two capitalised words or more in a row: a product's or a place's name ("Active Directory",
# "Exchange Online"), in a question written in lower case otherwise
_NAMED = re.compile(r"(?<![\w-])[^\W\d_a-z][^\W\d_A-Z]+(?:\s+[^\W\d_a-z][^\W\d_A-Z]+)+(?![\w-])")


def proper_names(text: str) -> set[str]:
    """The words, in lower case, of the names ``text`` writes as two capitalised words or more
    in a row (a sentence's first word aside), unless half its words are capitalised (a title:
    "Qui Gère Les Sauvegardes ?"); a département's "who handles user accounts in Active
    Directory?" had been searched for "répertoire" (a shared folder) and answered with the
    network engineer."""
    words = _WORD.findall(text)
    if not words or 2 * sum(word[:1].isupper() for word in words) >= len(words):
        return set()
    named: set[str] = set()
    for name in _NAMED.finditer(text):
        said = name.group().split()
        if not text[: name.start()].strip() or text[: name.start()].rstrip()[-1:] in ".!?:":
            said = said[1:]  # (a sentence's first word: "Sauvegarde Veeam : …")
        named.update(word.lower() for word in said)
    return named


__all__ = ["ACRONYMS", "proper_names", "translated"]
