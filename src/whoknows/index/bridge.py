"""A query word that no item holds, bridged to the word the organisation writes for it in another
language ("apprentissage" to "learning", "sauvegarde" to "backup", "backups" to "sauvegardes").

Translations (:mod:`.translation`) are read in multilingual USE's space, where a word and its
translations lie close: for each query word whose stem no item holds, held words of the other
language that are its mutual nearest neighbours, so that two words far from everything
("xyzzy" and the name "Alice", "banane" and "fruit") are never bridged: a translation is
mutual, a loose association is not. Only a query at least half of whose words no item holds is
bridged: one unknown word among known ones is more often a name, an identifier or a typo
("posible") than another language. Identifiers ("ApiUrls") and acronyms, a word of a compound
("pare-feu") and one that is not a word of one of the two languages (``LanguageTable.language``:
"ndrxgyjd", a name) are left as written, as is a word with no translation ("qui s'occupe des
sauvegardes ?" is searched for backups; the answer names "s'occupe" as a word no evidence
mentions); a word both write ("mode", "reconnaissance") is read in the language of the
question's other words, and alone is not translated. Of a word's translations, the one its
neighbours' items associate with theirs is searched. What is bridged is said to the user
("also searched: learning for apprentissage"), as the words left as written are ("no evidence
mentions maladie": "arrêt maladie", sick leave, is searched as "stops" where no item says
"maladie" or its translation); nothing changes for a query whose words the items hold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from whoknows.i18n import N_, Translator
from whoknows.index import acronyms
from whoknows.index.analysis import CJK, tokenize, without_courtesies
from whoknows.index.clipped import LONGEST_SHOWN, Bridge, clipped_bridges, one_sense, rare
from whoknows.index.cognates import cognates
from whoknows.index.compounds import translated, written_compounds
from whoknows.index.lone_characters import lone_character_bridges
from whoknows.index.specificity import language_frequencies
from whoknows.index.translation import Translation, WordTranslator, chosen
from whoknows.index.word_space import unwritten

MOST_WORDS = 8  # query words bridged at most (each costs two passes over the vocabulary)
_WORD = re.compile(r"[^\W\d_]{3,}")
_FRENCH = re.compile(r"[éèêëàâçîïôûùœ]", re.IGNORECASE)  # (no English word's letters)
_AROUND_WORD = "()[]{}<>,;:!?¡¿\"'«»“”‘’„‹›「」『』。、，！？.…*"  # stripped of a written word
_BETWEEN_WORDS = re.compile(r"[\s,;]+")  # "kafka,zzqx" is two words; "max.poll.ms" one
_PARTS = re.compile(r"\W+")  # a written word's parts: "postgres-zzqx", "max.poll"
# pare-feu, arc-en-ciel; begun only where letters begin (else a 100,000-letter word is read
# once for each of its letters)
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")
# a whole word of the vocabulary, in lower case: a translation is a common word, never a name
# ("▁Alice", "▁Hugo") nor an acronym
_WHOLE = re.compile(r"▁((?=[^\W\d_A-Z])[^\W\d_]{3,})")
_CAPITALISED = re.compile(r"▁((?=[^\W\d_a-z])[^\W\d_][^\W\d_A-Z]{2,})")


@dataclass(frozen=True)
class UnheldWords:
    """The words of a question, as written and each once, that no item holds; ``none_held``
    when no word of it is held at all (what matched, if anything, is near in meaning only);
    ``partly`` when these are all its words, some parts of which are held ("porte-monnaie":
    its "porte" matched items on ports)."""

    words: list[str] = field(default_factory=list)
    none_held: bool = False
    partly: bool = False


UNHELD_OTHERS = N_(
    "No evidence mentions %(words)s: the people below match the question's other words."
)
UNHELD_NEAR = N_("No evidence mentions %(words)s: the people below are only near in meaning.")
UNHELD_PART = N_("No evidence mentions %(words)s: the people below match only part of it.")
UNHELD_NOBODY = N_("Nobody: no evidence mentions %(words)s.")


def caveat(unheld: UnheldWords, t: Translator) -> str | None:
    """ "No evidence mentions spark: …", or None when every word of the question is in some
    item (or was searched for in the organisation's words)."""
    if not unheld.words:
        return None
    words = {"words": t.format_list(unheld.words)}
    if unheld.none_held:
        return t.gettext(UNHELD_NEAR) % words
    if unheld.partly:
        return t.gettext(UNHELD_PART) % words
    return t.gettext(UNHELD_OTHERS) % words


def nobody_caveat(unheld: UnheldWords, t: Translator) -> str | None:
    """ "Nobody: no evidence mentions jeton.", when nobody matches and some words are unheld
    (it said only "no evidence matches this topic")."""
    if not unheld.words:
        return None
    return t.gettext(UNHELD_NOBODY) % {"words": t.format_list(unheld.words)}


def unheld_words(
    text: str, holds: Callable[[str], bool], bridged: frozenset[str] = frozenset()
) -> UnheldWords:
    """The words of ``text`` that no item holds: a word is held when every index term it makes
    is, so an identifier ("max.poll.interval.ms") is held only where all its pieces are, a
    phrase of Chinese or Japanese (no spaces) is named only when none of its character pairs
    is held ("我们的数据库怎么备份" matched 数据库 and 备份). Stopwords
    and short numbers make no term and are never named; the query's language is read from the
    whole text ("comment" is a French stopword only in a French question). A word longer than
    :data:`LONGEST_SHOWN` is named by its beginning. A word one of whose terms was
    ``bridged`` is not named ("postgres-ql": "also searched: postgresql for postgres"), its
    parts no item holds are ("postgres-zzqx": "zzqx"). A courtesy or a question's frame is no
    word of it ("who can help me with payroll" lacked "aider")."""
    text = without_courtesies(readable(text))
    kept = set(tokenize(text))
    held = {term for term in kept if holds(term)}
    found: dict[str, str] = {}
    named: set[str] = set()  # (the terms of the words named)
    for chunk in _BETWEEN_WORDS.split(text):
        word = chunk.strip(_AROUND_WORD)
        terms = [term for term in tokenize(word) if term in kept]
        if bridged.intersection(terms):  # (its other parts still said: "sauvegarde-zzqx")
            for part in _PARTS.split(word):
                if len(part) < 3:
                    continue  # (a piece of the bridged word: "postgres-ql")
                unsaid = [term for term in tokenize(part) if term in kept]
                if unsaid and not held.union(bridged).issuperset(unsaid):
                    found.setdefault(part.lower(), part)
                    named.update(unsaid)
            continue
        if CJK.search(word) and held.intersection(terms):
            continue  # (a Chinese or Japanese phrase, unspaced: some of its pairs matched)
        if terms and not held.issuperset(terms):
            shown = word if len(word) <= LONGEST_SHOWN else word[: LONGEST_SHOWN - 1] + "…"
            found.setdefault(word.lower(), shown)
            named.update(terms)
    for written, term in compounds_written(text):  # (a compound: one term of its words)
        if term in kept and term not in held and term not in bridged:
            found.setdefault(written.lower(), written)
            named.add(term)
    partly = bool(found) and bool(held) and held <= named
    return UnheldWords(list(found.values()), bool(found) and not held, partly)


def compounds_written(text: str) -> list[tuple[str, str]]:
    """Each French compound ``text`` writes (``index.compounds``), as written, with its index
    term."""
    return [(written, _term_of(compound.term)) for written, compound in written_compounds(text)]


def readable(text: str) -> str:
    """``text`` as its words read: accents typed apart joined ("de\u0301ploiement", as macOS may
    send them), compatibility forms read as letters (the ligature "ﬁ", full-width letters),
    invisible format characters left out (a zero-width space inside "sauve\u200bgarde", a
    right-to-left mark)."""
    if text.isascii():
        return text  # (most questions: nothing to read otherwise)
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def bridged_text(text: str, found: Iterable[Bridge]) -> str:
    """``text`` with each bridged word replaced by the organisation's word it was bridged to
    ("postgres" by "postgresql", "sauvegarde" by "backup")."""
    text = readable(text)  # (as :func:`bridges` read it)
    for bridge in found:
        word = re.compile(rf"(?<!\w){re.escape(bridge.word)}(?!\w)", re.IGNORECASE)
        to = bridge.to.replace("\\", r"\\")
        text = word.sub(rf"\g<0> {to}" if bridge.kept else to, text)
    return text


def searchable(text: str) -> bool:
    """Whether ``text`` holds a word to search, an index term of any script: not stopwords,
    signs or single letters alone."""
    return bool(tokenize(text))


def mostly_unknown(text: str, holds: Callable[[str], bool]) -> bool:
    """Whether no item holds at least half the query's stems (one pass over its words: most
    queries stop here, before any vector is read)."""
    stems = set(tokenize(text))
    return bool(stems) and 2 * sum(not holds(stem) for stem in stems) >= len(stems)


def bridges(
    text: str,
    holds: Callable[[str], bool],
    holding: Callable[[str], int],
    vocabulary: Mapping[str, int],
    translations: Callable[[], WordBridge | None],
    together: Callable[[Sequence[str]], int] = lambda stems: 1,
    written_in: Callable[[], str | None] = lambda: None,
) -> list[Bridge]:
    """The words of ``text`` written short (:func:`clipped_bridges`), then, when at least half
    its other words are unknown, their translations (:meth:`WordBridge.bridges` of
    ``translations()``, read only then); ``holds``: whether an item someone may be shown holds
    a stem; ``together``: how many such items hold every stem given; ``written_in()``: the
    language the items are mostly written in, whose words are never translated. A text in
    capitals throughout is read in lower case ("KUBE", "POSTGRES BACKUP": the caps lock, where
    a word in capitals among others is an acronym), its courtesies and frame aside ("who takes
    care of payroll" had not been translated, "who can help me" was searched for "aider")."""
    text = without_courtesies(readable(text))
    if text.isupper():
        text = text.lower()
    found = [
        Bridge(said.written, said.asked, said.kept) for said in translated(text, holds, _term_of)
    ]
    found += [
        Bridge(said.written, said.asked, said.kept)
        for said in acronyms.translated(text, holds, tokenize, together, written_in)
    ]
    found += clipped_bridges(text, holds, holding, vocabulary)
    if not text.isascii():
        found += lone_character_bridges(text, holds, holding, vocabulary)
    clipped = {term for bridge in found for term in tokenize(bridge.word)}

    def known(stem: str) -> bool:
        return stem in clipped or holds(stem)

    mostly = mostly_unknown(text, known)
    # (an organisation writing both languages: its every question is searched in both)
    both = written_in() is None and (
        _FRENCH.search(text) is not None
        or any(map(language_frequencies().language, tokenize(text)))
    )
    if not (mostly or both):
        return found
    if (translator := translations()) is not None:
        found += translator.bridges(
            text, known, together, written_in(), any_unknown=not mostly, beside=both
        )
    return found


def _term_of(word: str) -> str:
    terms = tokenize(word)
    return terms[0] if len(terms) == 1 else ""


def capitalised_words(pieces: Iterable[str]) -> set[str]:
    """The words the pieces hold as whole words capitalised and never in lower case, in lower
    case: names ("▁Peyton", "▁Boston"), which wordfreq's lower-cased lists hold as words."""
    pieces = list(pieces)
    lower = {m.group(1) for p in pieces if (m := _WHOLE.fullmatch(p))}
    return {m.group(1).lower() for p in pieces if (m := _CAPITALISED.fullmatch(p))} - lower


def whole_words(pieces: Iterable[str]) -> tuple[np.ndarray, list[str]]:
    """The ids of the pieces (the tokenizer's vocabulary, by id) that are whole words in lower
    case, and those words."""
    whole = [(at, m.group(1)) for at, p in enumerate(pieces) if (m := _WHOLE.fullmatch(p))]
    rows = np.fromiter((at for at, _ in whole), dtype=np.int64, count=len(whole))
    return rows, [word.lower() for _, word in whole]


class WordBridge:
    """Bridges through a :class:`~whoknows.index.translation.WordTranslator`."""

    def __init__(self, translator: WordTranslator) -> None:
        self.translator = translator

    def bridges(
        self,
        text: str,
        holds: Callable[[str], bool],
        together: Callable[[Sequence[str]], int] = lambda stems: 1,
        written_in: str | None = None,
        any_unknown: bool = False,
        beside: bool = False,
    ) -> list[Bridge]:
        """Each word of ``text`` whose stem no item holds (``holds``: an item someone may be
        shown for), with the word it translates to, when at least half the query's words are
        unknown (a query in a language the organisation does not write; a name or a typo among
        known words is left alone); a word with no translation, a word of a compound
        ("pare-feu") and a name are left as written (the answer names them). Of each word's
        translations, the query takes those its neighbouring words' items associate most
        (``together``: how many items someone may be shown for hold every stem given; see
        :mod:`.translation`); a word asked alone is searched in each of its senses. With
        ``any_unknown``, however few the unknown words. With ``beside`` (an organisation that
        writes both languages), its held words too, each searched beside its translation: a
        colleague's answer in the other language holds the question ("jantes de roue" finds the
        English procedure for wheel halves); a word capitalised after the first is a name there
        ("Cree" is no "crée")."""
        if not (any_unknown or beside or mostly_unknown(text, holds)):
            return []
        trade = {  # (the trade's French compounds are bridged whole, beside: not read here)
            part.lower() for whole, _ in compounds_written(text) for part in _WORD.findall(whole)
        }
        words = [
            (found.group(), terms[0])
            for found in _WORD.finditer(text)
            if found.group().lower() not in trade and len(terms := tokenize(found.group())) == 1
        ]
        unknown = {stem for _, stem in words if not holds(stem)}
        few = 2 * len(unknown) < len({stem for _, stem in words})
        if not beside and (not unknown or (few and not any_unknown)):
            return []  # (a word or two unknown in a query of known ones: a name, a typo)
        options = self._options(text, words, unknown, holds, written_in, beside)
        if options is None or not any(
            not option[0].asked
            for (_, stem), option in zip(words, options, strict=True)
            if beside or stem in unknown
        ):
            return []  # (no word translates: names, typos, no other language)
        if len({stem for _, stem in words}) == 1:  # (a word alone: its every sense)
            senses = [found.word for found in options[0]]
            kept = words[0][1] not in unknown
            return [Bridge(words[0][0], " ".join(senses), kept, senses=len(senses) > 1)]
        picked = chosen(options, together) or []
        found: dict[str, Bridge] = {}
        for (written, stem), translation in zip(words, picked, strict=True):
            if not translation.asked:  # (a held word is asked beside its translation)
                kept = stem not in unknown
                found.setdefault(written.lower(), Bridge(written, translation.word, kept))
        return list(found.values())

    def _options(
        self,
        text: str,
        words: list[tuple[str, str]],
        unknown: set[str],
        holds: Callable[[str], bool],
        written_in: str | None,
        beside: bool = False,
    ) -> list[list[Translation]] | None:
        """Each word's options, in the question's order: a held word, or one that does not
        translate, itself (with ``beside``, a held word of one language its translations); an
        unknown one its translations. None when most unknown words are no words English or
        French writes (typos, names, pieces of a pasted hash: such a question is no other
        language's; a name among French words is left as written)."""
        said = [language_frequencies().language(stem) for _, stem in words]
        asked_in = None  # (the question's language: that of most of its words)
        if said.count("en") != said.count("fr"):
            asked_in = max(("en", "fr"), key=said.count)
        compounds = {  # (a compound never translates word by word: "pare-feu" is no "fire";
            # a word joined to a name is none: "sauvegarde-postgres")
            part.lower()
            for parts in map(_WORD.findall, _COMPOUND.findall(text))
            if not any(rare(term) for part in parts for term in tokenize(part))
            for part in parts
        }
        foreign = {stem for stem in unknown if unwritten(stem)}
        if 2 * len(foreign) > len(unknown):
            return None
        named = acronyms.proper_names(text)
        options: list[list[Translation]] = []
        read: dict[tuple[str, str], list[Translation]] = {}  # (a word asked twice: read once)
        # (a bilingual organisation's question is translated from its first word on)
        first = words[0][0] if beside and words and text.lstrip().startswith(words[0][0]) else None
        for word, stem in words:
            # (an accent only French writes: "sérialisation", a word of no frequency list)
            own = language_frequencies().language(stem) or ("fr" if _FRENCH.search(word) else None)
            language = own or asked_in
            if (
                stem in foreign
                or word[1:] != word[1:].lower()  # (an identifier, "ApiUrls"; an acronym, "VAT")
                # (a name held, "Exchange"; in a bilingual organisation, any after the first)
                or (word[:1].isupper() and (beside or stem not in unknown) and word != first)
                or (beside and stem not in unknown and own is None)  # (both write it: "mode")
                or word.lower() in compounds
                or word.lower() in named  # ("Active Directory": no "répertoire")
                or language in (None, written_in)  # (the organisation's own: no translation)
                or sum(len(option) > 1 or not option[0].asked for option in options) >= MOST_WORDS
            ):
                options.append([Translation(stem, word, 1.0, asked=True)])
                continue
            key = (word.lower(), language)
            if key not in read:
                read[key] = self._translations(word, language, holds)
            itself = [Translation(stem, word, 1.0, asked=True)]
            if stem in unknown or beside:
                options.append(read[key] or itself)
            else:  # (held, and searched in the other language too where its items say so)
                options.append(itself + read[key])
        return options

    def _translations(
        self, word: str, language: str, holds: Callable[[str], bool]
    ) -> list[Translation]:
        found = self.translator.translations(word.lower(), language, holds)
        # (English writes no French accent: "sérialisation" was "séri"; else, :mod:`.cognates`)
        found = [one for one in found if language != "fr" or not _FRENCH.search(one.word)]
        return found or cognates(word, language, holds)


__all__ = [
    "UNHELD_NEAR",
    "UNHELD_OTHERS",
    "UNHELD_PART",
    "Bridge",
    "UnheldWords",
    "WordBridge",
    "bridged_text",
    "bridges",
    "caveat",
    "clipped_bridges",
    "mostly_unknown",
    "one_sense",
    "readable",
    "unheld_words",
    "whole_words",
]
