"""Function words of the languages the index reads without stemming them as theirs.

English and French are the product's languages (their stopwords are in :mod:`analysis`).
German and Dutch are their neighbours' (an Alsatian plant's headquarters, a Brussels office):
their words are read as written, and their function words, which the language table holds
nowhere (English and French only), looked like the rarest words of a question. "Wer kennt sich
mit der Kamera aus?" listed people for "wer", "und", "mit". Many of these words are English
words of the trade too ("der" certificates, "mit" licences, "ist" times, "op" and "met"), so a
language's list is applied only to a text that reads that language: two or more of its
commonest words that are no English words of the trade ("und", "nicht", "wer", "kennt"; "het",
"niet", "hoe"), and more of them than of English's or French's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# folded as the index folds ("für" is "fur", "weiß" "weiss")
_GERMAN = """
    der die das den dem des ein eine einer eines einem einen und oder aber nicht auch noch nur
    schon sehr mit von zu zum zur bei auf aus fur um an am im in ins uber unter vor nach seit
    durch ohne gegen wie wer was wo wann warum welche welcher welches wem wen ist sind war waren
    bin bist sein hat habe haben hatte wird werden wurde kann konnen konnte muss mussen soll
    sollte will mochte ich du er sie es wir ihr man mein meine unser unsere euer ihre sich mir
    mich dir dich uns euch ihm ihn ihnen dass ob wenn weil als dann denn doch hier dort jemand
    kennt kenne kennen weiss wissen gibt bitte danke hallo jetzt diese dieser dieses kein keine
    etwas alle viele
"""
_GERMAN_MARKERS = """
    und nicht sich eine einen einem dem wie wer ich wir oder aber auch kennt kenne jemand weiss
    fur gibt kann sind wird haben bitte danke
"""
_DUTCH = """
    de het een van en is op te met voor niet zijn wie hoe wat waar wanneer waarom welke ik je
    jij u uw we wij ze zij hij dat die dit deze er aan bij om ook als maar naar dan nog wel
    heeft hebben had moet moeten kan kunnen zou wordt worden mijn onze ons jullie geen meer zo
    uit over door tot iemand weet weten kent iets graag bedankt dank hallo alvast
"""
_DUTCH_MARKERS = """
    het een niet zijn voor hoe wie ook maar naar heeft deze geen ik iemand iets weet weten kent
    welke waar wanneer hebben kunnen wordt
"""
ENGLISH_MARKERS = frozenset(
    "the is are and of to in for with this that it how what do does we you can be".split()
)
FRENCH_MARKERS = frozenset(
    "le la les des du une est sont avec pour dans sur qui que pas nous vous je il elle cette"
    " ces au aux et mais donc ne ce".split()
)


@dataclass(frozen=True)
class _Language:
    words: frozenset[str]
    markers: frozenset[str]


_LANGUAGES = (
    _Language(frozenset(_GERMAN.split()), frozenset(_GERMAN_MARKERS.split())),
    _Language(frozenset(_DUTCH.split()), frozenset(_DUTCH_MARKERS.split())),
)
_ANY = frozenset().union(*(language.markers for language in _LANGUAGES))
_EMPTY: frozenset[str] = frozenset()


def function_words(words: Sequence[str]) -> frozenset[str]:
    """The German or Dutch function words to drop from ``words`` (folded, lower-case), if
    they read that language; else none."""
    if _ANY.isdisjoint(words):
        return _EMPTY  # (the count is needed only when the text holds such a word)
    english = sum(1 for word in words if word in ENGLISH_MARKERS)
    french = sum(1 for word in words if word in FRENCH_MARKERS)
    best, best_count = None, max(english, french, 1)
    for language in _LANGUAGES:
        count = sum(1 for word in words if word in language.markers)
        if count > best_count:
            best, best_count = language, count
    return best.words if best is not None else _EMPTY


def marked_language(words: list[str]) -> str | None:
    """The language of a question's ``words`` by their function words ("fr" when more are
    French than English, "en" the other way, None when as many of each)."""
    said = [word.lower() for word in words]
    french = sum(word in FRENCH_MARKERS for word in said)
    english = sum(word in ENGLISH_MARKERS for word in said)
    return None if french == english else ("fr" if french > english else "en")


__all__ = ["ENGLISH_MARKERS", "FRENCH_MARKERS", "function_words", "marked_language"]
