"""Write the table of how common each index term is in English and French at large
(``src/whoknows/index/language/``), from the wordfreq package's word lists.

    .venv/bin/pip install wordfreq==3.1.1   # only to write the table: never a dependency
    PYTHONPATH=src .venv/bin/python scripts/language_frequencies.py

Each word of wordfreq's "best" list (English, French) is read as the index reads text
(accents folded, stopwords out, stemmed); a term's frequency in a language is the sum of its
words' frequencies, and its frequency in the table is the larger of the two languages'. Terms
rarer than one in ten million words are left out: the index reads a missing term as that
rare, and numbers are left out too (wordfreq counts every number of four digits as "0000"):
how common a number is is the workspace's to say. The terms are kept sorted in
``terms.txt.gz`` and their frequencies in the same order in ``frequencies.npy`` (read in a
hundredth of a second, where a table of lines took a tenth), and in ``french.npy`` the share
of each term's use that is French (its French frequency over both languages', 0 to 255): a
word is translated only into a word of the other language. ``meta.json`` keeps the sources and
licence, and a few words with their terms: `tests/test_language_frequencies.py` fails when
the index's reading of words changes, and then this script is run again.
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whoknows" / "index" / "language"
LANGUAGES = ("en", "fr")
LEAST = 1e-7
ACCENTED = 4  # an accented word is meant when written 4 times as often as its bare spelling
PROBE = (  # words whose terms show how the index reads: plurals, endings, accents, elisions
    "configurations running databases policies rebalancing replicated analyses"
    " sauvegardes données déploiement l'équipe d'accès résolu généralement"
    " Kubernetes O'Reilly e-mail 3D naïve knows iOS Кафка 日本語"
).split()


def main() -> int:
    try:
        import wordfreq
    except ImportError:
        print("language_frequencies.py: wordfreq is not installed; pip install wordfreq==3.1.1")
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from whoknows.index.analysis import tokenize
    from whoknows.index.word_space import SPELT

    table: dict[str, float] = {}
    per_language: dict[str, dict[str, float]] = {}
    for language in LANGUAGES:
        per_term: dict[str, float] = defaultdict(float)
        words = wordfreq.get_frequency_dict(language, wordlist="best")
        for word, frequency in words.items():
            for term in set(tokenize(word)):
                per_term[term] += frequency
        for term, frequency in per_term.items():
            table[term] = max(table.get(term, 0.0), frequency)
        per_language[language] = per_term
    kept = sorted(term for term, f in table.items() if f >= LEAST and not term.isdigit())
    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT / "terms.txt.gz", "wb", mtime=0) as raw:
        raw.write("\n".join(kept).encode("utf-8"))
    frequencies = np.asarray([float(f"{table[term]:.3g}") for term in kept], dtype=np.float32)
    np.save(OUT / "frequencies.npy", frequencies, allow_pickle=False)
    english, french = per_language["en"], per_language["fr"]
    shares = [french.get(t, 0.0) / (english.get(t, 0.0) + french.get(t, 0.0)) for t in kept]
    np.save(OUT / "french.npy", np.round(np.asarray(shares) * 255).astype(np.uint8))
    accents = accented_spellings(wordfreq.get_frequency_dict)
    with gzip.GzipFile(OUT / "accents.txt.gz", "wb", mtime=0) as raw:
        raw.write("\n".join(f"{typed}\t{word}" for typed, word in accents).encode("utf-8"))
    spelt = spellings(wordfreq.get_frequency_dict, tokenize, SPELT)
    with gzip.GzipFile(OUT / "spellings.txt.gz", "wb", mtime=0) as raw:
        raw.write("\n".join(spelt).encode("utf-8"))
    meta = {
        "format": "whoknows-language/3",
        "accented": len(accents),
        "spelt": len(spelt),
        "terms": len(kept),
        "least": LEAST,
        "languages": list(LANGUAGES),
        "source": f'wordfreq {metadata.version("wordfreq")} "best" word lists'
        " (Robyn Speer, https://github.com/rspeer/wordfreq,"
        " doi:10.5281/zenodo.7199437)",
        "licence": "Derived from wordfreq's data (CC BY-SA 4.0: Google Books Ngrams, Wikipedia,"
        " the Leeds Internet Corpus, ParaCrawl, OpenSubtitles 2018, SUBTLEX and others, with"
        " attribution to each); this table of term frequencies is shared under CC BY-SA 4.0.",
        "probe": {word: tokenize(word) for word in PROBE},
    }
    (OUT / "meta.json").write_text(
        json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(kept)} terms -> {OUT}")
    return 0


def accented_spellings(frequencies: Any) -> list[tuple[str, str]]:
    """French words typed without their accents ("securite") and the accented word meant
    ("sécurité"): each French word of three letters or more with an accent, at least
    :data:`LEAST` frequent, whose bare spelling English and French write at most a quarter as
    often (so "role", "depot", "detail" stay as typed); the commonest of several ("mémé",
    "même")."""
    french, english = frequencies("fr", wordlist="best"), frequencies("en", wordlist="best")
    found: dict[str, str] = {}
    for word, frequency in french.items():
        typed = bare(word)
        if len(word) < 3 or frequency < LEAST or typed == word or not word.isalpha():
            continue
        if not typed.isalpha() or frequency < ACCENTED * max(
            french.get(typed, 0.0), english.get(typed, 0.0)
        ):
            continue
        if typed not in found or french[found[typed]] < frequency:
            found[typed] = word
    return sorted(found.items())


def spellings(frequencies: Any, tokenize: Any, least: float) -> list[str]:
    """The words :mod:`whoknows.index.word_space` spells out beside the encoder's whole words
    ("réglementaire", "traceability", "pasteurisation" are pieces there): for each term and
    language, the commonest lower-case word of three letters or more that is that one term,
    written at least ``least`` times a word; one word a term (the commoner), commonest
    first."""
    found: dict[str, tuple[float, str]] = {}
    for language in LANGUAGES:
        for word, frequency in frequencies(language, wordlist="best").items():
            if frequency < least or len(word) < 3 or not word.isalpha() or word != word.lower():
                continue
            terms = tokenize(word)
            if len(terms) == 1 and (terms[0] not in found or found[terms[0]][0] < frequency):
                found[terms[0]] = (frequency, word)
    return [word for _, word in sorted(found.values(), key=lambda pair: (-pair[0], pair[1]))]


def bare(word: str) -> str:
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


if __name__ == "__main__":
    sys.exit(main())
