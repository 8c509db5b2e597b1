"""A query's candidates and their feature rows, as of a moment."""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping

import numpy as np

from whoknows.index.lexical import time_mask
from whoknows.rank.activity import QueryView, activity_columns, community_activity
from whoknows.rank.base import EvidenceVote
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import CandidateSet, CandidateVotes, feature_matrix
from whoknows.rank.person_text import PersonDocuments
from whoknows.rank.views import PersonArrays
from whoknows.rank.votes import DAY, Hits, VoteLists, Votes, dense_hits, vote
from whoknows.vocab import ContributionRole

RECENT_WINDOW_DAYS = 90
RECENT_PEOPLE = 200  # how many recently active people are kept per moment


def interested(
    view: QueryView, votes: CandidateVotes, exclude: frozenset[int]
) -> dict[int, list[EvidenceVote]]:
    """People whose matching items only show interest, with those items, best first: people
    who asked about it. Someone who only edited, received or was mentioned in matching items
    neither knows nor asked, and is not listed."""
    sources = (view.dense_shown.interest_votes, view.lexical.interest_votes)
    askers: set[int] = set()  # (only they can be listed: the others' lists are not made)
    for source in sources:
        askers |= _having(source, ContributionRole.ASKER)
    found: dict[int, dict[int, EvidenceVote]] = {}
    for source in sources:
        for person in source:
            if person in askers and not votes.voted(person) and person not in exclude:
                found.setdefault(person, {}).update({v.item_id: v for v in source[person]})
    return {
        person: sorted(items.values(), key=lambda v: -v.contribution)
        for person, items in found.items()
        if any(v.role == ContributionRole.ASKER for v in items.values())
    }


def _having(votes: Mapping[int, list[EvidenceVote]], role: str) -> set[int]:
    if isinstance(votes, VoteLists):
        return votes.having(role)
    return {person for person, items in votes.items() if any(v.role == role for v in items)}


def _best(values: dict[int, float], n: int) -> list[int]:
    """The ``n`` people of highest value."""
    if len(values) <= n:
        return list(values)
    people = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
    scores = np.fromiter(values.values(), dtype=np.float64, count=len(values))
    best: list[int] = people[np.argpartition(-scores, n - 1)[:n]].tolist()
    return best


def _most_active(times: PersonArrays, moment: float, n: int) -> list[int]:
    """The ``n`` people with the most dates in the 90 days before ``moment`` (most first; of
    two with as many, the higher id first)."""
    window = moment - RECENT_WINDOW_DAYS * DAY
    values = np.asarray(times.flat)
    inside = (values >= window) & (values < moment)
    owner = np.repeat(np.arange(times.people.size), times.counts())
    counts = np.bincount(owner, weights=inside, minlength=times.people.size).astype(np.int64)
    order = np.lexsort((times.people, counts))[::-1]
    order = order[counts[order] > 0][:n]
    found: list[int] = times.people[order].tolist()
    return found


class FeatureBuilder:
    """Candidates and their feature rows for one query, as of a moment."""

    def __init__(
        self,
        evidence: EvidenceBase,
        lexical_depth: int = 500,
        dense_depth: int = 200,
        per_list: int = 100,
    ) -> None:
        self.evidence = evidence
        self.lexical_depth = lexical_depth
        self.dense_depth = dense_depth
        self.per_list = per_list
        self._person_documents: PersonDocuments | None = None
        self._prior_cache: dict[float, list[int]] = {}
        self._community: dict[float, tuple[float, float]] = {}
        # activity rows at the live moment (every query that is not a training one)
        self._live_activity: dict[int, list[float]] = {}
        # each thread's last query and its candidates: a search page ranks, then explains the
        # same query (one slot shared by the threads would be overwritten between the two)
        self._last = threading.local()

    def build(
        self,
        text: str,
        as_of: float | None = None,
        since: float | None = None,
        exclude: frozenset[int] = frozenset(),
        include: frozenset[int] = frozenset(),
        among: frozenset[int] | None = None,
    ) -> CandidateSet:
        """The query's candidates and their rows; with ``among``, only the candidates in it
        that some matching item votes for (for a ranker that scores each row alone: the
        others' scores are never returned)."""
        evidence = self.evidence
        moment = as_of if as_of is not None else evidence.now + 1.0
        key = (text, moment, since, exclude)
        last = self._last_query(key)
        if last is not None and last[0] == among and include <= set(last[1].people):
            return last[1]
        window = time_mask(evidence.lexical.timestamps, since, as_of)
        # (the people this base may show decide what is held, not ``among``: ranking among
        # some people is the full ranking kept to them)
        text = evidence.searched(text)  # (the key stays the text asked)
        unheld = evidence.unheld_terms(text)
        view = self.view(text, moment, window, exclude, unheld)
        each = [view.lexical.scores, view.lexical.focused]
        view.graph, view.graph_focus = evidence.graph.spread_each(each, as_of, walk=True)
        people = {p for p, r in view.lexical_ranks.items() if r <= self.per_list}
        people |= {p for p, r in view.dense_ranks.items() if r <= self.per_list}
        people |= set(_best(view.lexical.focused, self.per_list))
        people |= set(_best(view.graph, self.per_list // 2))
        people |= set(_best(view.graph_focus, self.per_list // 2))
        people |= set(self.recently_active(moment, self.per_list // 2))
        every = (people | set(include)) - exclude
        if among is not None:
            voting = (view.lexical.votes, view.dense_shown.votes)
            people = {p for p in people if p in among and any(p in v for v in voting)}
        people |= set(include)
        people -= exclude
        view.people = sorted(people)
        view.rows = [self.rows_before(person, moment) for person in view.people]
        self._read_person_text(view, text, window, unheld, sorted(every - people))
        live = self._live_activity if moment == evidence.now + 1.0 else None
        view.activity = activity_columns(
            evidence, view.people, moment, self.community_activity(moment), live
        )
        votes = CandidateVotes(
            view.people, view.dense_shown.votes, view.lexical.votes, text_of=evidence.text_of
        )
        result = CandidateSet(
            view.people,
            feature_matrix(view),
            votes,
            moment,
            functools.partial(interested, view, votes, exclude),
        )
        self._last.query = (key, among, result)
        return result

    def _read_person_text(
        self,
        view: QueryView,
        text: str,
        window: np.ndarray,
        unheld: frozenset[str],
        left: list[int],
    ) -> None:
        """The candidates' person-text scores, scaled by the best of every candidate the query
        brought up, ``left`` (kept out by ``among``) included: the values the model learnt."""
        view.person_text = self._person_text(text, view.rows, window, unheld)
        if left:
            rows = [self.rows_before(person, view.moment) for person in left]
            others = self._person_text(text, rows, window, unheld)
            view.person_text_top = float(max(view.person_text.max(initial=0.0), others.max()))

    def _person_text(
        self, text: str, rows: list[np.ndarray], window: np.ndarray, unheld: frozenset[str]
    ) -> np.ndarray:
        within = rows if window.all() else [found[window[found]] for found in rows]
        return self.person_documents().scores(text, within, unheld)

    def _last_query(
        self, key: tuple[object, ...]
    ) -> tuple[frozenset[int] | None, CandidateSet] | None:
        """This thread's last candidates (and the ``among`` they were kept in) if it was
        for ``key``."""
        last = getattr(self._last, "query", None)
        if last is None or last[0] != key:
            return None
        return last[1], last[2]

    def rows_of(
        self, text: str, people: frozenset[int], since: float | None = None
    ) -> CandidateSet:
        """Candidates holding at least ``people``, with the rows :meth:`build` gives them: the
        thread's last query's when it holds them all (a search page ranks, then explains)."""
        last = self._last_query((text, self.evidence.now + 1.0, since, frozenset()))
        if last is not None and people <= set(last[1].people):
            return last[1]
        return self.build(text, since=since, include=people)

    def view(
        self,
        text: str,
        moment: float,
        window: np.ndarray,
        exclude: frozenset[int] = frozenset(),
        unheld: frozenset[str] = frozenset(),
    ) -> QueryView:
        """Lexical and dense votes for ``text`` within ``window`` (``unheld``: its terms that
        only hidden people's items hold, asked as terms no item holds); no candidates yet."""
        evidence = self.evidence
        lexical_scores = evidence.lexical.scores(text, None if window.all() else window, unheld)
        lexical_hits = Hits(*evidence.lexical.top_arrays(lexical_scores, self.lexical_depth))
        lexical = vote(lexical_hits, evidence, exclude, moment)
        dense = shown = Votes()
        sims = None
        query_vector = evidence.embed_query(text)
        if query_vector is not None and evidence.dense is not None:
            sims = evidence.dense.query(query_vector, window)
            hits = dense_hits(sims, self.dense_depth)
            dense = shown = vote(hits, evidence, exclude, moment)
            standing = hits.relevance >= sims.outlier_floor() ** 3  # (relevance: cosine cubed)
            if not lexical_hits.rows.size:  # no item holds a word of it: see docs/ranking.md
                standing[:] = False
            if not standing.all():
                kept = Hits(hits.rows[standing], hits.relevance[standing])
                shown = vote(kept, evidence, exclude, moment)
        return QueryView(
            people=[],
            moment=moment,
            lexical=lexical,
            dense=dense,
            dense_shown=shown,
            lexical_scores=lexical_scores,
            sims=sims,
            rows=[],
            lexical_ranks=lexical.ranks(),
            dense_ranks=dense.ranks(),
        )

    def person_documents(self) -> PersonDocuments:
        """Everyone's answers and writings as one document each (made when first needed)."""
        found = self._person_documents
        if found is None:
            evidence = self.evidence
            words = evidence.words_of(np.arange(len(evidence.lexical)))
            found = PersonDocuments(evidence.lexical, evidence.expert_rows, words)
            self._person_documents = found
        return found

    def rows_before(self, person: int, moment: float) -> np.ndarray:
        """Index rows of the person's answers and writings dated before ``moment``."""
        start, end = self.evidence.expert_times.span(person)  # expert_rows: the same span
        times = self.evidence.expert_times.flat
        if start == end or times[end - 1] < moment:  # (dated in order: all of them)
            before = end - start
        else:
            before = int(np.searchsorted(times[start:end], moment))
        return np.asarray(self.evidence.expert_rows.flat[start : start + before])

    def recently_active(self, moment: float, n: int) -> list[int]:
        """The ``n`` people with the most expert contributions in the 90 days before ``moment``."""
        people = self._prior_cache.get(moment)  # read once: another thread may clear it
        if people is None:
            people = _most_active(self.evidence.expert_times, moment, RECENT_PEOPLE)
            if len(self._prior_cache) > 64:
                self._prior_cache.clear()
            self._prior_cache[moment] = people
        return people[:n]

    def community_activity(self, moment: float) -> tuple[float, float]:
        """Everyone's decayed answers and writings at ``moment`` (30 and 180 days), cached."""
        cached = self._community.get(moment)
        if cached is None:
            cached = community_activity(self.evidence, moment)
            if len(self._community) > 4096:
                self._community.clear()
            self._community[moment] = cached
        return cached
