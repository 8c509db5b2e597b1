"""Text analysis for the lexical index: fold, lowercase, split, drop stopwords, stem.

English and French text both occur: accents are folded before stemming (the French stemmer
gives different stems for accented and unaccented forms), and the Snowball English stemmer is
applied to every token, which leaves most French words recognisable and keeps one vocabulary.
French elisions keep the word after the apostrophe ("l'équipe" is "équipe"), English
contractions the word before it ("it's" is "it").
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from whoknows.index.compounds import with_compounds_joined
from whoknows.index.function_words import ENGLISH_MARKERS, FRENCH_MARKERS, function_words
from whoknows.text import fold_words, without_dates, without_marks

# a word of any script: Latin letters are folded to ASCII first; Cyrillic, Greek, Arabic,
# Hebrew... are words as written ("кафка"), lower-cased (Cyrillic and Greek stemmed below)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Chinese, Japanese and Korean write no spaces between words: a run of their characters is
# read as its overlapping pairs (CJK bigrams, as Lucene's CJK analyzer does), a lone one as
# itself
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
# "42", "03", "0.02": a quantity, a day or a version part, not a subject ("997", "2019" stay)
_SHORT_NUMBER = re.compile(r"\d\d?").fullmatch
_NUMBER_PLURAL = re.compile(r"\d+s").fullmatch
# an acronym's plural, as written ("GNNs", "LLMs", "GPUs" are GNN, LLM, GPU; Snowball keeps
# the "s" of a word without a vowel before it); "DNS" and "TLS" are no plurals
_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])s\b")

_STOPWORD_TEXT = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    also get got im ive dont thanks thank hi hello please anyone anybody know knows use using used
    would like want need trying le la les un une des du de d l et ou en au aux ce ces cet cette
    il elle ils elles je tu nous vous on qui que quoi dont est sont pas ne plus pour par sur
    dans avec sans se sa son ses leur leurs mon ma mes ton ta tes notre nos votre vos y a ete
    etre avoir fait faire comme mais donc ca cela ceci celui celle ceux lui eux moi toi me te
    pourquoi quand quel quelle quels quelles quelque quelques sait sais savez savoir connait
    connais connaissez merci bonjour salut svp stp besoin veux voudrais utiliser tout tous
    toute toutes aussi tres bien peut peux pouvez faut ai as avons avez ont suis es sommes
    etes etait depuis entre vers chez sous apres avant pendant encore deja alors ainsi lorsque
    puis combien lequel laquelle lesquels lesquelles coucou cordialement voila cheers regards
    whose per via etc eg ie vs versus within without upon onto toward towards among across
    along around whether either neither yet might must shall unless although though however
    thus hence therefore else selon parmi chaque contre malgre lors afin cependant pourtant ni
    soit remercie remercier remerciant remerciements amicalement personne rien jamais nobody
    nothing never
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# French stopwords that are English words of the trade ("a Jira comment"): stopwords only in
# a text that reads French, told by its commonest words (more French ones than English ones)
_FRENCH_ONLY = frozenset({"comment", "car"})
# English stopwords that are French words once their accents are folded ("thèse" is "these":
# "gabarit LaTeX de thèse" was searched for "gabarit latex"): words in a text that reads French
_ENGLISH_ONLY = frozenset({"these"})
_BOTH_LANGUAGES = STOPWORDS - _ENGLISH_ONLY
_ONE_LANGUAGE_ONLY = _FRENCH_ONLY | _ENGLISH_ONLY
_INFINITIVE = re.compile(r"[a-z]{2,}(?:er|ir|re|oir)")  # configurer, faire, savoir
# a courtesy says nothing of the subject: "thanks in advance" and "merci d'avance" would find
# every polite message for "advance payments", "any help appreciated" every plea for help
_COURTESY = re.compile(  # (accents optional: it reads folded text and text as written)
    r"\b(?:(?:thanks?|thx|merci|remercie|remerciant)(?:\s+\w+){0,3}?\s+"
    r"(?:(?:in|by|par)\s+(?:advance|avance)|d['’]\s*avance)"
    r"|(?:d['’]\s*|par\s+)avance,?\s+(?:merci|thanks)"
    r"|any\s+(?:help|advice|ideas?|suggestions?|pointers?|hints?|input|insights?|guidance)"
    r"(?:\s+\w+){0,5}?\s+appreciated"
    r"|(?:best|kind|warm(?:est)?)\s+regards|have\s+a\s+(?:nice|good|great)\s+(?:day|weekend|week)"
    r"|(?:bonne|belle)\s+(?:journ[ée]e|soir[ée]e|semaine|fin\s+de\s+(?:journ[ée]e|semaine)"
    r"|continuation)|(?:(?:sinc[èe]res|meilleures)\s+)?salutations(?:\s+distingu[ée]es)?"
    r"|[àa]\s+bient[ôo]t|mit\s+freundlichen\s+gr(?:ü|ue?)(?:ß|ss)en"
    r"|(?:viele|beste|liebe|freundliche)\s+gr(?:ü|ue?)(?:ß|ss)e|(?:vielen\s+)?dank\s+im\s+voraus"
    r"|met\s+vriendelijke\s+groet(?:en)?|alvast\s+bedankt"
    # (nor a question's frame, "qui peut m'aider avec …": "aider" was searched as "helpers";
    # nor "à partir de", whose "partir" an answer was said to lack: a Québec lab's evaluator)
    r"|(?:qui|who)\s+(?:peut|pourrait|pourra|can|could|might)\s+(?:m['’]\s*|me\s+|nous\s+|us\s+)?"
    r"(?:aider|help)(?:\s+(?:me|us))?|[àa]\s+partir\s+(?=d(?:['’]|e\b|u\b|es\b))"
    r"|(?:qui|who)\s+(?:s['’]\s*occup(?:e|ent|ait|aient|era)|takes?\s+care\s+of|looks?\s+after"
    # (a studio's evaluator: "qui maîtrise …", "qui gère …", "qui peut dépanner …")
    r"|ma[îi]tris(?:e|ent)|g[èe]r(?:e|ent)|(?:peut|pourrait|can|could)\s+(?:d[ée]panner|"
    r"r[ée]parer|fix|troubleshoot)))\b",
    re.IGNORECASE,
)
# languages named with signs, which splitting on letters and digits would drop ("c", "++"): a
# word each, so "who knows C++?" asks something ("asp.net" and "example.net" are left alone)
_SIGNED_NAMES = (
    (re.compile(r"(?<![\w+#.])c\+\+(?![a-z+#])"), " cplusplus "),
    (re.compile(r"(?<![\w+#.])c#(?![\w+#])"), " csharp "),
    (re.compile(r"(?<![\w+#.])f#(?![\w+#])"), " fsharp "),
    (re.compile(r"(?<![\w.])\.net(?![\w.])"), " dotnet "),
)
# an acronym joined by an ampersand ("M&A", "R&D", "W&I", "P&L", "AT&T"), one word: split, its
# letters were too short to keep and "W&I" had no searchable word (a law firm's evaluator)
_AMPERSAND_ACRONYM = re.compile(r"(?<![\w&])([a-z]{1,2})\s?&\s?([a-z]{1,2})(?![\w&])")
# what French elides before a vowel: l'équipe, d'accès, qu'il, jusqu'à, quelqu'un
_ELIDED = frozenset("c d j l m n s t qu jusqu lorsqu puisqu quoiqu quelqu".split())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Snowball stemmers of the languages most written in a script ("кафки", "кафку" and
# "кафкой" are one word): Russian for Cyrillic, Greek for Greek. Arabic's cuts letters that
# begin words ("بيانات" lost its first), and Hebrew has none: both stay as written.
_SCRIPT_LANGUAGES = (("\u0400", "\u052f", "russian"), ("\u0370", "\u03ff", "greek"))


@lru_cache(maxsize=65_536)
def _script_stem(word: str, english: str) -> str:
    """The stem of a word that is not plain Latin letters: by its script's stemmer, else
    ``english`` (Snowball's English stem, which leaves such a word as it is)."""
    first = word[0]
    for low, high, language in _SCRIPT_LANGUAGES:
        if low <= first <= high:
            return _language_stemmer(language).stemWord(word)  # type: ignore[no-any-return]
    return english


@lru_cache(maxsize=4)
def _language_stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def tokenize(text: str) -> list[str]:
    """Index terms of ``text``, in order, repeats kept; a French compound it writes is one
    ("mise à jour" is "misejour": ``index.compounds``)."""
    return word_stems(_kept_words(text))


def word_stems(words: list[str]) -> list[str]:
    """The index term of each of ``words``, plain words of lower-case letters without
    accents, as :func:`tokenize` makes it of a stopword too (a typed word's variants are
    stemmed so, hundreds at a time: 25 times as fast). A word is never cut below three
    letters: "ios" is no "io" (Snowball cut it so, and `ask ios` found "prometheus.io"),
    "aws", "ecs" and "ops" no "aw", "ec", "op"."""
    words = [_singular_x(word) if word[-1:] == "x" else word for word in words]
    stems = _stemmer().stemWords(words)
    if not all(word.isascii() for word in words):
        stems = [
            stem if word.isascii() else _script_stem(word, stem)
            for word, stem in zip(words, stems, strict=True)
        ]
    return [
        word if len(stem) < 3 <= len(word) else _settled(stem)
        for word, stem in zip(words, stems, strict=True)
    ]


# French plurals in x, read as their singular before stemming: "réseaux" is "réseau",
# "journaux" "journal", "noyaux" "noyau", "jeux" "jeu", "genoux" "genou" (Snowball's English
# stemmer, which reads both languages, left each apart from its singular: `ask réseau` missed
# every text saying "réseaux"); a plural of an -ail word is named, "taux" and "faux" are no
# plurals (an -aux word of under six letters is left as it is)
_SINGULAR_OF = {
    **{"travaux": "travail", "vitraux": "vitrail", "coraux": "corail", "baux": "bail"},
    **{"soupiraux": "soupirail", "ventaux": "ventail"},  # ("baux commerciaux": a law firm's)
}


@lru_cache(maxsize=65_536)
def _singular_x(word: str) -> str:
    named = _SINGULAR_OF.get(word)
    if named is not None:
        return named
    if len(word) >= 4 and word.endswith(("eaux", "yaux", "eux", "oux")):
        return word[:-1]
    if len(word) >= 6 and word.endswith("aux"):
        return word[:-3] + "al"
    return word


@lru_cache(maxsize=65_536)
def _settled(stem: str) -> str:
    """The stem of a word's "-ance"/"-ence" form for its "-ancing"/"-enced" forms: Snowball
    cuts "rebalances" to "rebal" but "rebalancing" to "rebalanc", so neither found the other
    ("referencing", "references"; "experiencing", "experience"). A plural in "us" is its
    singular: Snowball keeps the "s" after a "u" ("status", "virus"), so "menus" never met
    "menu", nor "verrous" "verrou", "contenus" "contenu", "gurus" "guru"."""
    if stem.endswith("us") and len(stem) >= 5 and _singular_in_use(stem):
        return stem[:-1]
    if not stem.endswith("nc"):
        return stem
    again: str = _stemmer().stemWord(stem + "e")
    return again if again != stem and stem.startswith(again) else stem


SINGULAR_IN_USE = 1e-6  # a singular's frequency in the language: a word, not a name's piece


def _singular_in_use(stem: str) -> bool:
    """Whether ``stem`` (of five letters or more, ending in "us") is a plural: its singular
    is a term the language writes at least once in a million words and at least as often as
    the plural ("contenus", "verrous", "individus"); a name or a Latin word's singular is
    none ("prometheus", "plutus", "consensus", "virus"), and "status" is written three times
    as often as "statu" ("statue"). (The table counts a plural with its singular once it is
    written with this reading: "menus" is then no term of it.)"""
    from whoknows.index.specificity import language_frequencies

    table = language_frequencies()
    singular = table.get(stem[:-1], 0.0)
    return singular >= SINGULAR_IN_USE and singular >= table.get(stem, 0.0)


def _kept_words(text: str) -> list[str]:
    """The words of ``text`` the index keeps, folded and unstemmed, in order: no stopword,
    date, short number or masking mark."""
    text = _ACRONYM_PLURAL.sub(r"\1", without_marks(text))
    folded = _COURTESY.sub(" ", without_dates(fold_words(text.lower())))
    folded = with_compounds_joined(folded)
    if "+" in folded or "#" in folded or ".net" in folded:
        for sign, name in _SIGNED_NAMES:
            folded = sign.sub(name, folded)
    if "&" in folded:
        folded = _AMPERSAND_ACRONYM.sub(r" \1and\2 ", folded)
    if not folded.isascii():
        folded = CJK.sub(_pairs, folded)
    words = [_word(w) for w in _TOKEN.findall(folded)]
    words = [w[:-1] if _NUMBER_PLURAL(w) else w for w in words]  # "502s" are 502 errors
    stopwords = _stopwords(words, accented="thèse" in text or "THÈSE" in text)
    foreign = function_words(words)
    return [
        w
        for w in words
        if (len(w) > 1 or CJK.match(w))
        and w not in stopwords
        and w not in foreign
        and not _SHORT_NUMBER(w)
    ]


def _pairs(run: re.Match[str]) -> str:
    """A run of CJK characters as its overlapping pairs ("日本語" is "日本 本語"), apart."""
    chars = run.group()
    return " " + " ".join(chars[at : at + 2] for at in range(max(len(chars) - 1, 1))) + " "


def without_courtesies(text: str) -> str:
    """``text`` without its courtesies, as written: what a query's meaning is read from (a
    question ending "Merci d'avance, bonne journée" was nearest to every polite message)."""
    return _COURTESY.sub(" ", text)


def _stopwords(words: list[str], accented: bool = False) -> frozenset[str]:
    """The stopwords of a text: a word of one language that is another's word too ("comment",
    "these" of "thèse") only where the text reads that language, its other function words
    saying so ("thèse" written with its accent is the French word: "Fix these flaky tests" is
    no thesis, a second attacker's)."""
    if not _ONE_LANGUAGE_ONLY.intersection(words):
        return STOPWORDS  # (the count is needed only when the text holds such a word)
    if len(words) > 1 and words[0] == "comment" and _INFINITIVE.fullmatch(words[1]):
        return _BOTH_LANGUAGES | _FRENCH_ONLY  # "comment configurer kafka": too short to count
    told = [w for w in words if w not in _ENGLISH_ONLY]
    french = sum(1 for w in told if w in FRENCH_MARKERS)
    english = sum(1 for w in told if w in ENGLISH_MARKERS)
    if french > english:
        return _BOTH_LANGUAGES | _FRENCH_ONLY
    return _BOTH_LANGUAGES if accented and english <= french else STOPWORDS


def _word(token: str) -> str:
    """The word of a token with an apostrophe: after a French elision, else before it."""
    head, _, tail = token.replace("’", "'").partition("'")
    return tail if tail and head in _ELIDED else head


def surface_terms(text: str) -> set[str]:
    """Unstemmed query words, for highlighting snippets (the words the index matched; a
    Chinese, Japanese or Korean pair too: shorter than three letters, it was never shown)."""
    return {w for w in _kept_words(text) if len(w) > 2 or CJK.match(w)}


def snippet_terms(text: str) -> set[str]:
    """What a snippet looks for: the query's words as typed, and each one's stem of four
    letters or more, which other forms of the word often start with ("draining" finds
    "drain", "drains" and "drained", as the index matched them)."""
    words = sorted(surface_terms(text))
    return set(words) | {stem for stem in word_stems(words) if len(stem) >= 4}
