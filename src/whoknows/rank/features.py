"""Features of (query, person) pairs, by name: topical votes from lexical and dense retrieval,
and priors for activity, recency and acceptance, all computed "as of" a moment so that training
on history never sees the future.

Each :class:`Feature` has a name, a direction (+1: more of it means more evidence, -1: less;
LightGBM's monotone constraint) and a function computing its column over a query's
candidates. :data:`REGISTRY` is the one ordered list; :data:`FEATURES` (the names, the model's
column order) is derived from it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat

import numpy as np

from whoknows.rank.activity import ACTIVITY, QueryView
from whoknows.rank.base import EvidenceVote

Column = Callable[[QueryView], np.ndarray]
# a dense profile reads a person's latest answers and writings only: a query's cost stays
# bounded however long the histories (10^6 items: ~17,000 rows read instead of ~100,000)
PROFILE_ROWS = 256


@dataclass(frozen=True)
class Feature:
    name: str
    compute: Column
    direction: int = 1  # +1: the score may only rise with the feature; -1: only fall
    help: str = ""


def _each(view: QueryView, values: Mapping[int, float]) -> np.ndarray:
    """Each candidate's value (0 for those without one)."""
    people = view.people
    return np.fromiter(map(values.get, people, repeat(0.0)), np.float64, count=len(people))


def _python(function: Callable[[float], float], values: np.ndarray) -> np.ndarray:
    """``function`` of each value, computed by Python's math (the model was trained on its
    values, to the last bit)."""
    return np.fromiter(map(function, values.tolist()), np.float64, count=values.size)


def _cube_root(value: float) -> float:
    return float(value ** (1 / 3))


def _share(values: Callable[[QueryView], dict[int, float]]) -> Column:
    """A person's value divided by the query's best (1 when nobody has any)."""

    def compute(view: QueryView) -> np.ndarray:
        found = values(view)
        top = max(found.values(), default=0.0) or 1.0
        return _each(view, found) / top

    return compute


def _reciprocal_rank(ranks: Callable[[QueryView], dict[int, int]]) -> Column:
    def compute(view: QueryView) -> np.ndarray:
        found = _each(view, ranks(view))  # (ranks start at 1)
        return np.asarray(np.divide(1.0, found, out=np.zeros_like(found), where=found > 0))

    return compute


def _segments(
    view: QueryView, latest: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate's rows (each one's ``latest`` only) end to end: (rows, the candidate of
    each, rows per candidate)."""
    parts = view.rows if latest is None else [rows[-latest:] for rows in view.rows]
    sizes = np.fromiter((rows.size for rows in parts), dtype=np.int64, count=len(parts))
    if not sizes.sum():
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, sizes
    joined = np.concatenate(parts).astype(np.int64, copy=False)
    return joined, np.repeat(np.arange(sizes.size), sizes), sizes


# a profile's mean counts as if the person had this many more items, matching nothing: the
# plain mean put someone with one answer that shares a word with the query at the top of
# "profile relevance" (a mean of one), above people with a dozen matching ones
PROFILE_PRIOR_ITEMS = 5.0


def _segment_mean(values: np.ndarray, owner: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Each candidate's mean, shrunk towards 0 for short histories (see PROFILE_PRIOR_ITEMS)."""
    totals = np.bincount(owner, weights=values, minlength=sizes.size)
    return np.asarray(totals / (sizes + PROFILE_PRIOR_ITEMS))


def _lex_profile(view: QueryView) -> np.ndarray:
    scores = view.lexical_scores
    top = (float(scores.max()) if scores.size else 0.0) or 1.0
    rows, owner, sizes = _segments(view)
    return _segment_mean(scores[rows].astype(np.float64), owner, sizes) / top


def _person_text(view: QueryView) -> np.ndarray:
    """The person's answers and writings as one document: BM25 / the best candidate's, of
    every candidate the query brings up (rows kept to fewer people read the same values as
    the model was trained on: ``score`` had given 1.5 where ``ask`` gave 1.8)."""
    values = view.person_text
    if values is None or not values.size:
        return np.zeros(len(view.people), dtype=np.float64)
    top = view.person_text_top if view.person_text_top is not None else float(values.max())
    return values / (top or 1.0)


def _profile_cosines(view: QueryView) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The positive cosines of each candidate's latest :data:`PROFILE_ROWS` answers and
    writings (end to end), the candidate of each, and their number per candidate."""
    if view.profile is None:
        rows, owner, sizes = _segments(view, PROFILE_ROWS)
        if view.sims is None or not rows.size:
            sims = np.zeros(0, dtype=np.float64)
        else:
            sims = np.clip(view.sims.of(rows), 0.0, None).astype(np.float64)
        view.profile = (sims, owner, sizes)
    return view.profile


def _dense_profile(top: int | None) -> Column:
    """Mean positive cosine of the person's latest answers and writings (of the ``top`` best)."""

    def compute(view: QueryView) -> np.ndarray:
        sims, owner, sizes = _profile_cosines(view)
        if not sims.size:
            return np.zeros(len(view.rows), dtype=np.float64)
        if top is None:
            return _segment_mean(sims, owner, sizes)
        # each candidate's cosines, ascending (in [0, 1]: one key orders by candidate, then
        # cosine, in half the time of a two-key sort)
        ordered = sims[np.argsort(owner * 2.0 + sims, kind="stable")]
        ends = np.cumsum(sizes)
        totals = np.zeros(sizes.size)
        for back in range(1, top + 1):
            has = sizes >= back
            totals[has] += ordered[ends[has] - back]
        kept = np.minimum(sizes, top)
        return np.asarray(np.divide(totals, kept, out=np.zeros(sizes.size), where=kept > 0))

    return compute


def _activity(name: str) -> Column:
    return lambda view: view.activity[name]


REGISTRY: tuple[Feature, ...] = (
    Feature("lex_vote", _share(lambda v: v.lexical.scores), help="lexical votes / the best"),
    Feature(
        "lex_focus_vote",
        _share(lambda v: v.lexical.focused),
        help="lexical votes, each item weighted by (its score / the best item's) squared",
    ),
    Feature("lex_rr", _reciprocal_rank(lambda v: v.lexical_ranks), help="1 / lexical rank"),
    Feature(
        "lex_best",
        _share(lambda v: v.lexical.best),
        help="the person's best single lexical item / the query's best item",
    ),
    Feature(
        "lex_expert_vote",
        _share(lambda v: v.lexical.expert),
        help="lexical votes of answers, documents, replies, commits only",
    ),
    Feature(
        "lex_recent_vote",
        _share(lambda v: v.lexical.recent),
        help="lexical votes decayed with a 90-day time constant",
    ),
    Feature(
        "log_lex_items",
        lambda v: _python(math.log1p, _each(v, v.lexical.count)),
        help="how many matching items the person answered or wrote",
    ),
    Feature(
        "lex_thread_vote",
        _share(lambda v: v.lexical.thread),
        help="matching questions vote for the people who answered them",
    ),
    Feature(
        "lex_profile",
        _lex_profile,
        help="mean BM25 of all the person's answers and writings (profile-centric)",
    ),
    Feature(
        "lex_person",
        _person_text,
        help="BM25 of the person's latest 256 answers and writings read as one document",
    ),
    Feature(
        "graph_vote",
        _share(lambda v: v.graph),
        help="lexical votes of the person's collaborators, once per shared thread or item",
    ),
    Feature(
        "graph_focus_vote",
        _share(lambda v: v.graph_focus),
        help="focused lexical votes of the person's collaborators",
    ),
    Feature("dense_vote", _share(lambda v: v.dense.scores), help="dense votes / the best"),
    Feature("dense_rr", _reciprocal_rank(lambda v: v.dense_ranks), help="1 / dense rank"),
    Feature(
        "dense_best",
        lambda v: _python(_cube_root, _each(v, v.dense.best)),
        help="cosine of the person's most similar item",
    ),
    Feature("dense_thread_vote", _share(lambda v: v.dense.thread), help="dense thread votes"),
    Feature(
        "dense_profile",
        _dense_profile(None),
        help="mean cosine of the person's latest 256 answers and writings",
    ),
    Feature(
        "dense_top3",
        _dense_profile(3),
        help="mean cosine of the three most similar of those",
    ),
    *(Feature(name, _activity(name), direction, text) for name, direction, text in ACTIVITY),
)
FEATURES: tuple[str, ...] = tuple(feature.name for feature in REGISTRY)
FEATURE_INDEX: dict[str, int] = {name: column for column, name in enumerate(FEATURES)}
assert len(FEATURE_INDEX) == len(FEATURES), "feature names must be unique"


def monotone_constraints() -> list[int]:
    """LightGBM's per-feature direction: +1 score rises with the feature, -1 it falls."""
    return [feature.direction for feature in REGISTRY]


def feature_matrix(view: QueryView, features: Iterable[Feature] = REGISTRY) -> np.ndarray:
    """Candidates x features, float32 (the model's input)."""
    columns = [feature.compute(view).astype(np.float32) for feature in features]
    if not columns or not view.people:
        return np.zeros((len(view.people), len(columns)), dtype=np.float32)
    return np.column_stack(columns)


class CandidateVotes(Mapping[int, list[EvidenceVote]]):
    """Each candidate's votes from every source (an item once, with the last source's
    vote), most contributing first; made when first read."""

    def __init__(
        self,
        people: Iterable[int],
        *sources: Mapping[int, list[EvidenceVote]],
        text_of: Callable[[int], int] | None = None,
    ):
        self._people = set(people)
        self._sources = sources
        self._text_of = text_of  # an item's text digest (0: none): a copy is shown once
        self._made: dict[int, list[EvidenceVote]] = {}

    def voted(self, person: int) -> bool:
        """Whether ``person`` is a candidate with at least one vote (no list made)."""
        return person in self._people and any(person in source for source in self._sources)

    def __getitem__(self, person: int) -> list[EvidenceVote]:
        made = self._made.get(person)
        if made is None:
            if person not in self._people:
                raise KeyError(person)
            merged = {v.item_id: v for source in self._sources for v in source.get(person, [])}
            made = sorted(merged.values(), key=lambda v: -v.contribution)
            if self._text_of is not None:  # (each view kept its weightiest copy: one is shown)
                made = self._once(made)
            self._made[person] = made
        return made

    def __contains__(self, person: object) -> bool:
        return person in self._people

    def _once(self, votes: list[EvidenceVote]) -> list[EvidenceVote]:
        """``votes`` without a second copy of a text (the lexical and the dense view may each
        have kept another copy)."""
        assert self._text_of is not None
        kept: list[EvidenceVote] = []
        seen: set[int] = set()
        for vote in votes:
            text = self._text_of(vote.item_id)
            if text and text in seen:
                continue
            seen.add(text)
            kept.append(vote)
        return kept

    def __iter__(self) -> Iterator[int]:
        return iter(self._people)

    def __len__(self) -> int:
        return len(self._people)


@dataclass
class CandidateSet:
    people: list[int]
    features: np.ndarray  # len(people) x len(FEATURES)
    votes: CandidateVotes
    as_of: float = 0.0
    # finds the people whose only matching items show interest (not candidates), with their
    # items, best first: called when first needed (a page of ten experts shows none of them)
    find_learners: Callable[[], dict[int, list[EvidenceVote]]] = dict

    @cached_property
    def learners(self) -> dict[int, list[EvidenceVote]]:
        return self.find_learners()

    def column(self, name: str) -> np.ndarray:
        return self.features[:, FEATURE_INDEX[name]]
