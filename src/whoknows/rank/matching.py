"""Reviewer-style matching: how well one person's evidence covers a given text.

Uses the same candidates, features and model as ``ask``: the person is scored among everyone
the text brings up, so the score means the same thing as in a ranking. Coverage adds a plain
reading: which of the text's most specific terms appear in the person's own answers and
writings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from whoknows.index.analysis import tokenize
from whoknows.index.bridge import compounds_written
from whoknows.index.clipped import Bridge
from whoknows.index.lexical_pairs import words_held
from whoknows.ingest._genres import OVERVIEW_WEIGHT
from whoknows.ingest._reports import REPORT_SIGNAL
from whoknows.rank.base import EvidenceVote, PersonScore, Query
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.rankers import FeatureRanker, learners_below
from whoknows.rank.roles import Role

SALIENT_TERMS = 20
# a question of more words is read whole (an abstract: every paper misses most of its words)
SHORT_QUESTION_TERMS = 8
# the share of a question's weight a person's items lack for it to be said: about half (two
# words of one weight, either of them; the weights blend the language's and differ a little)
MOST_LACKED = 0.45
CHECKED_ROWS = 50  # rows read for a term the person wrote (at most this many a term)
# a word, with the signs of a language's name ("C++", "C#", ".NET": shown so, not "cplusplus")
_WORD = re.compile(r"(?<![\w.])\.net\b|\w+(?:\+\+|#)?(?:['’]\w+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Lacked:
    """What a person's matching items lack of a question: the words said (when they lack
    about half of it or more) and the share of its weight lacked."""

    words: list[str]
    share: float
    # the question's most specific word among those lacked (its highest idf): lacking it, the
    # person holds only the question's commoner words
    most_specific: bool = False
    # every matching item is one the person only overviews (:func:`shows_holding`): listed
    # with those who hold part of the question, whatever words the items say
    overview: bool = False

    @property
    def listed_share(self) -> float:
        """The share lacked as the listing reads it (all of it for an overview's)."""
        return 1.0 if self.overview else self.share


@dataclass
class Match:
    person_id: int
    score: float
    rank: int  # 1 = the best-placed person for this text; 0 = no evidence at all
    candidates: int
    coverage: float  # share of the text's salient terms found in the person's evidence
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    votes: list[EvidenceVote] = field(default_factory=list)
    learner: bool = False  # no matching item of their own knowledge, only questions about it
    pointer: bool = False  # no such item either: only messages that point to who knows

    @property
    def fit(self) -> float:
        """1 for the best-placed person, falling towards 0 for the last candidate."""
        if not self.rank or not self.candidates:
            return 0.0
        return 1.0 - (self.rank - 1) / self.candidates


def _distinct(words: Iterable[str]) -> list[str]:
    """Each word once, in order ("retry_failed" gives two terms, and is one word)."""
    return list(dict.fromkeys(words))


_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)")


_AMPERSANDED = re.compile(r"(?<![\w&])[^\W\d_]{1,2}\s?&\s?[^\W\d_]{1,2}(?![\w&])")


def surface_forms(text: str) -> dict[str, str]:
    """Index term -> the first word of ``text`` that produced it (to show words, not stems)."""
    forms: dict[str, str] = {}
    for word in _WORD.findall(text):
        shown = _ELIDED.sub("", word.lower())  # ("l'audit" is shown "audit")
        for term in tokenize(word):
            forms.setdefault(term, shown)
    for written, term in compounds_written(text):  # ("plan de reprise", not "planrepris")
        forms.setdefault(term, written.lower())
    for written in _AMPERSANDED.findall(text):  # ("W&I", not "wandi")
        for term in tokenize(written):
            forms.setdefault(term, written)
    return forms


def salient_terms(
    evidence: EvidenceBase,
    text: str,
    limit: int = SALIENT_TERMS,
    visible: frozenset[int] | None = None,
) -> list[str]:
    """The text's indexed terms, most specific (highest idf, the one a query weighs them by)
    first; a term only hidden people's items hold (of ``visible``, else excluded by the base)
    is none."""
    unheld = evidence.unheld_terms(text, visible)
    specific = evidence.lexical.idf(term for term in tokenize(text) if term not in unheld)
    return sorted(specific, key=lambda t: (-specific[t], t))[:limit]


def words_missed(
    evidence: EvidenceBase,
    text: str,
    shown: Sequence[Sequence[int]],
    visible: frozenset[int] | None = None,
    people: Sequence[int] = (),
) -> list[Lacked]:
    """For each person's matching items (``shown``: index rows), the words of a short
    question none of them holds, in the question's order and as it writes them, when they
    lack about half of it or more (:data:`MOST_LACKED` of its words' idf): a Tax Manager
    listed for "OSS VAT return" on "The return train to Lyon is cancelled" lacks "oss" and
    "vat"; an expert whose items never say "store" lacks nothing worth saying for "where do
    we store application secrets?". Words no item holds (bridged, or nobody's) are not
    counted, and a question most of whose words no item holds says nothing (its translations
    matched: "file de lettres mortes" would have the dead-letter-queue expert lack "file", a
    "config file"'s word). A word searched beside its translation is held where either is
    (the English procedure for "wheel halves" lacks no "roue"). With the ``people`` whose
    items they are, each says whether they only overview them."""
    missed = _words_missed(evidence, text, shown, visible)
    for at, person in enumerate(people):
        items = [evidence.item_ids[row] for row in shown[at] if row >= 0]
        if items and not any(shows_holding(evidence, int(item), person) for item in items):
            missed[at] = replace(missed[at], overview=True)
    return missed


def _words_missed(
    evidence: EvidenceBase,
    text: str,
    shown: Sequence[Sequence[int]],
    visible: frozenset[int] | None = None,
) -> list[Lacked]:
    # the words searched: a word bridged to the organisation's counts as the words it was
    # searched as ("phishing campaign and compromised passwords": "campagne", "mot de passe";
    # the password-change answers above the phishing report lacked nothing, said the answer)
    bridged = [b for b in evidence.bridges(text, visible) if b.kept or not b.senses]
    searched = " ".join([text, *(bridge.to for bridge in bridged)])
    mates = translated_beside(bridged, text)
    beside = set().union(*mates.values())
    found = salient_terms(evidence, searched, visible=visible)
    terms = [term for term in found if term not in beside]
    asked = (
        set(tokenize(searched))
        - beside
        - {term for bridge in bridged if not bridge.kept for term in tokenize(bridge.word)}
    )
    if not terms or len(terms) > SHORT_QUESTION_TERMS or 2 * len(terms) < len(asked):
        return [Lacked([], 0.0) for _ in shown]  # (mostly words no item holds: translated)
    lexical, forms = evidence.lexical, surface_forms(searched)
    # (a word searched as its translation is said as the question wrote it: a French
    # question's answer had lacked "roots" and "human" for "racines" and "humaine")
    said_as_asked = set(tokenize(text))
    forms |= {
        term: bridge.word
        for bridge in bridged
        if not bridge.kept
        for term in tokenize(bridge.to)
        if term not in said_as_asked
    }
    specific = lexical.idf(terms)
    top = max(terms, key=lambda term: (specific[term], term))
    said = {term: at for at, term in enumerate(forms)}  # (the question's order)
    terms.sort(key=lambda term: said.get(term, len(said)))
    read = terms + [term for term in found if term in beside]
    rows = np.unique(np.asarray([row for own in shown for row in own if row >= 0], dtype=np.int64))
    columns = np.asarray([lexical.vocabulary[term] for term in read], dtype=np.int64)
    held = words_held(lexical.weights.indices, lexical.weights.indptr, rows, columns)
    either = [[read.index(t) for t in (term, *mates.get(term, ())) if t in read] for term in terms]
    whole = sum(specific.values())
    missed: list[Lacked] = []
    for own in shown:
        at = np.searchsorted(rows, np.asarray([row for row in own if row >= 0], dtype=np.int64))
        holds = np.asarray(held[:, at].any(axis=1) if at.size else np.zeros(len(read), bool))
        lacked = [term for term, one in zip(terms, either, strict=True) if not holds[one].any()]
        share = sum(specific[term] for term in lacked) / whole if whole else 0.0
        words = _distinct(forms.get(t, t) for t in lacked) if share >= MOST_LACKED else []
        missed.append(Lacked(words, share, top in lacked))
    return missed


def shows_holding(evidence: EvidenceBase, item_id: int, person_id: int) -> bool:
    """Whether the person's part in an item shows that they hold its words: not an overview's
    (a meeting's record, a status update, a schedule that names others' work: a producer's
    "VPN: Montreal drops fixed by the Lyon IT team." had listed her above the partial holders,
    as holding every word of "VPN connection drops for Montreal staff")."""
    parts = evidence.contributions.get(item_id, [])
    return any(p.person_id == person_id and p.weight > OVERVIEW_WEIGHT + 1e-9 for p in parts)


def translated_beside(bridged: Iterable[Bridge], text: str) -> dict[str, set[str]]:
    """Each index term of the question's words searched beside their translation (a kept
    bridge: "roue" and "wheel"), with the translation's terms that the question does not say
    itself: one word, held where either is."""
    own = set(tokenize(text))
    mates: dict[str, set[str]] = {}
    for bridge in bridged:
        if bridge.kept:
            to = set(tokenize(bridge.to)) - own
            for term in tokenize(bridge.word):
                if to:
                    mates.setdefault(term, set()).update(to)
    return mates


def coverage(
    evidence: EvidenceBase,
    person_id: int,
    terms: list[str],
    shown: Sequence[int] = (),
    written: Callable[[int], set[str]] | None = None,
) -> tuple[list[str], list[str]]:
    """Which of ``terms`` the person's answers and writings, or the items ``shown`` as their
    evidence (index rows), hold; with ``written`` (an index row's terms the person wrote
    themselves), only the words they wrote: a reply is indexed with its question, whose words
    are the asker's."""
    rows = evidence.expert_rows.get(person_id)
    own = set(rows.tolist()) if rows is not None else set()
    own.update(row for row in shown if row >= 0)
    if not own or not terms:
        return [], list(terms)
    lexical = evidence.lexical
    covered: list[str] = []
    missing: list[str] = []
    for term in terms:
        column = lexical.vocabulary[term]
        items = lexical.weights.indices[
            lexical.weights.indptr[column] : lexical.weights.indptr[column + 1]
        ]
        holding = sorted(own.intersection(items.tolist()))
        if written is not None:
            holding = [row for row in holding[:CHECKED_ROWS] if term in written(row)]
        (covered if holding else missing).append(term)
    return covered, missing


def pointed_items(
    evidence: EvidenceBase,
    person_id: int,
    terms: list[str],
    written: Callable[[int], set[str]] | None = None,
    limit: int = 3,
) -> list[EvidenceVote]:
    """The person's items in which they only pointed to others where the text's terms are:
    a referral holding them, or an item whose sentences naming them credit someone else (a
    status mail's "Kafka: lag followed by Claire": the index leaves such sentences out, what
    the person ``written`` says), those holding most terms first."""
    referrals: dict[int, tuple[int, str]] = {}
    held: dict[int, tuple[int, int, str]] = {}
    for item, contribution in evidence.person_items(person_id):
        row = evidence.row(item)
        if contribution.role == Role.REFERRER:
            referrals[row] = (item, contribution.role)
        elif written is not None and evidence.signal(row, REPORT_SIGNAL):
            count = len(set(terms) & written(row))
            if count:
                held[row] = (count, item, contribution.role)
    weights = evidence.lexical.weights
    for term in terms if referrals else ():
        column = evidence.lexical.vocabulary[term]
        rows = weights.indices[weights.indptr[column] : weights.indptr[column + 1]].tolist()
        for row in referrals.keys() & set(rows):
            count = held[row][0] + 1 if row in held else 1
            held[row] = (count, *referrals[row])
    best = sorted(held, key=lambda row: (-held[row][0], row))[:limit]
    return [EvidenceVote(held[row][1], held[row][2], 0.0) for row in best]


def score_person(
    ranker: FeatureRanker,
    evidence: EvidenceBase,
    person_id: int,
    text: str,
    also: Sequence[Bridge] = (),
    written: Callable[[int], set[str]] | None = None,
    visible: frozenset[int] | None = None,
    gone: frozenset[int] = frozenset(),
    listed_k: int = 0,
) -> Match:
    """The person's place among the people ``ask`` would list for ``text`` (those with a
    matching item: 0 when they have none), and which of the text's words their evidence holds
    (with ``also``: its bridges to the organisation's words, as written;
    ``visible``: the people who may be shown, whose items alone hold a word; ``gone``: those
    who left, listed after the others within the ``listed_k`` best, as ``ask`` lists them)."""
    # (as ``rank`` builds them: kept to the people it may return when rows score alone)
    among = visible if ranker.scores_rows_alone(evidence) else None
    candidates = ranker.builder(evidence).build(text, include=frozenset({person_id}), among=among)
    scores = ranker.score(candidates, evidence)
    votes = candidates.votes.get(person_id, [])
    # a learner's questions are what ``ask`` shows for them: shown here too, never ranked
    learning = [] if votes else candidates.learners.get(person_id, [])
    searched = " ".join([text, *(bridge.to for bridge in also)])
    terms = salient_terms(evidence, searched, visible=visible)
    pointing = [] if votes or learning else pointed_items(evidence, person_id, terms, written)
    shown = [evidence.row(vote.item_id) for vote in votes]  # (asking covers nothing)
    covered, missing = coverage(evidence, person_id, terms, shown, written)
    senses = [bridge.to for bridge in also if not bridge.kept]
    terms, missing = _one_sense_each(terms, covered, missing, senses)
    terms, covered, missing = _one_word_each(terms, covered, translated_beside(also, text))
    forms = surface_forms(searched)
    index = candidates.people.index(person_id)
    listed = [i for i, p in enumerate(candidates.people) if candidates.votes.voted(p)]
    people = np.asarray(candidates.people)[listed]
    place = (people, scores[listed], person_id, float(scores[index]), gone, listed_k)
    rank = _place(*place) if votes else 0
    score = float(scores[index])
    if learning:  # the score ``ask`` gives a learner: below every expert, by interest
        experts = [PersonScore(candidates.people[i], float(scores[i]), []) for i in listed]
        below = learners_below(experts, candidates.learners)
        score = next(learner.score for learner in below if learner.person_id == person_id)
    covered_words = _distinct(forms.get(t, t) for t in covered)
    missing_words = _distinct(forms.get(t, t) for t in missing)
    return Match(
        person_id=person_id,
        score=score,
        rank=rank,
        candidates=len(listed),
        coverage=len(covered) / len(terms) if terms else 0.0,
        covered=covered_words,
        missing=[word for word in missing_words if word not in covered_words],
        votes=votes or learning or pointing,
        learner=bool(learning),
        pointer=bool(pointing),
    )


def _place(
    people: np.ndarray,
    scores: np.ndarray,
    person_id: int,
    score: float,
    gone: frozenset[int],
    k: int = 0,
) -> int:
    """A person's place among the listed ``people`` in ``ask``'s order (by score, ties the
    lower id first; of the ``k`` best, 0 for all, who left after the others)."""
    left = np.isin(people, list(gone))
    mine = person_id in gone
    by_score = (scores > score) | ((scores == score) & (people < person_id))
    if mine and k and int(np.sum(by_score)) < k:  # (a leaver among the k best: after its others)
        top = np.lexsort((people, -scores))[:k]  # (ask's order: ties the lower id first)
        return int(np.sum(~left[top]) + np.sum(left & by_score)) + 1
    return int(np.sum((left < mine) | ((left == mine) & by_score))) + 1


def _one_word_each(
    terms: list[str], covered: list[str], mates: dict[str, set[str]]
) -> tuple[list[str], list[str], list[str]]:
    """``terms``, ``covered`` and ``missing`` with a word searched beside its translation
    (``mates``: :func:`translated_beside`) counted once, as the question writes it: covered when
    either is."""
    beside = set().union(*mates.values())
    held = set(covered)
    covered = [t for t in terms if t not in beside and (t in held or held & mates.get(t, set()))]
    terms = [t for t in terms if t not in beside]
    return terms, covered, [t for t in terms if t not in covered]


def _one_sense_each(
    terms: list[str], covered: list[str], missing: list[str], also: Sequence[str]
) -> tuple[list[str], list[str]]:
    """``terms`` and ``missing`` with a word asked alone counted once, however many senses it
    was searched in ("backup saved" for "sauvegarde"): covered when one of them is."""
    for searched in also:
        senses = tokenize(searched)
        if len(senses) < 2:
            continue
        held = [term for term in senses if term in covered]
        dropped = set(senses) - set(held) if held else set(senses[1:])
        terms = [term for term in terms if term not in dropped]
        missing = [term for term in missing if term not in dropped]
    return terms, missing


__all__ = ["Match", "Query", "score_person"]
