"""What the features of one query read (:class:`QueryView`), and each candidate's activity as of
a moment: how much they answered and wrote, how recently, how often accepted."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from whoknows.index.dense import QuerySimilarities
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.votes import DAY, Votes

NEVER_DAYS = 3650.0  # "days since last" of someone with no answers or writings yet

# the activity features: name, direction (+1 more is more evidence, -1 less), meaning
ACTIVITY: tuple[tuple[str, int, str], ...] = (
    ("log_expert_items", 1, "answers, documents, replies, commits so far"),
    ("log_recent_7d", 1, "the same, decayed with a 7-day time constant"),
    ("log_recent_30d", 1, "the same, decayed with a 30-day time constant"),
    ("log_recent_180d", 1, "the same, decayed with a 180-day time constant"),
    ("log_days_since_last", -1, "days since the person's last answer or writing"),
    ("accepted_share", 1, "share of the person's answers that were accepted"),
    ("log_all_items", 1, "every contribution so far, whatever the role"),
    ("share_recent_30d", 1, "the person's part of everyone's recent answers and writings"),
    ("share_recent_180d", 1, "the same over 180 days"),
)


@dataclass
class QueryView:
    """One query's candidates (``people``, sorted) and everything their features read."""

    people: list[int]
    moment: float
    lexical: Votes
    dense: Votes
    # the dense votes of the items that stand out from the query's similarities to the whole
    # index: with the lexical ones, what a person is listed and shown for (``dense`` feeds
    # the features: a weak similarity may still add to a score, never explain it)
    dense_shown: Votes
    lexical_scores: np.ndarray  # BM25 of every index row (0 outside the time window)
    sims: QuerySimilarities | None  # cosine to the rows, or None without dense retrieval
    rows: list[np.ndarray]  # per candidate: rows of their answers and writings before moment
    activity: dict[str, np.ndarray] = field(default_factory=dict)  # ACTIVITY name -> column
    lexical_ranks: dict[int, int] = field(default_factory=dict)
    dense_ranks: dict[int, int] = field(default_factory=dict)
    # the lexical votes (plain, focused) of each person's collaborators, as of the moment
    graph: dict[int, float] = field(default_factory=dict)
    graph_focus: dict[int, float] = field(default_factory=dict)
    # the positive cosines of each candidate's latest rows, end to end, the candidate of each
    # and the rows per candidate: read by two features, computed once
    profile: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    # per candidate: BM25 of their latest answers and writings read as one document, and the
    # best of every candidate's (when rows are kept to fewer people than the candidates)
    person_text: np.ndarray | None = None
    person_text_top: float | None = None


def person_activity(
    evidence: EvidenceBase, person: int, moment: float, community: tuple[float, float]
) -> list[float]:
    """The :data:`ACTIVITY` values of one person as of ``moment``, in that order."""
    expert = evidence.expert_times.get(person)
    accepted = evidence.accepted_times.get(person)
    every = evidence.any_times.get(person)
    before = expert[: np.searchsorted(expert, moment)] if expert is not None else np.empty(0)
    count = float(before.size)
    ages = (moment - before) / DAY
    n_accepted = float(np.searchsorted(accepted, moment)) if accepted is not None else 0.0
    n_any = float(np.searchsorted(every, moment)) if every is not None else 0.0
    month = float(np.exp(-ages / 30.0).sum())
    half_year = float(np.exp(-ages / 180.0).sum())
    return [
        math.log1p(count),
        math.log1p(float(np.exp(-ages / 7.0).sum())),
        math.log1p(month),
        math.log1p(half_year),
        math.log1p(float(ages.min())) if count else math.log1p(NEVER_DAYS),
        n_accepted / count if count else 0.0,
        math.log1p(n_any),
        month / community[0],
        half_year / community[1],
    ]


def activity_columns(
    evidence: EvidenceBase,
    people: list[int],
    moment: float,
    community: tuple[float, float],
    known: dict[int, list[float]] | None = None,
) -> dict[str, np.ndarray]:
    """The :data:`ACTIVITY` columns of ``people``; rows already in ``known`` (one moment's
    values, person -> row) are reused and new ones added to it."""
    rows = []
    for person in people:
        row = known.get(person) if known is not None else None
        if row is None:
            row = person_activity(evidence, person, moment, community)
            if known is not None:
                known[person] = row
        rows.append(row)
    values = np.asarray(rows, dtype=np.float64).reshape(len(people), len(ACTIVITY))
    return {name: values[:, column] for column, (name, _, _) in enumerate(ACTIVITY)}


def community_activity(evidence: EvidenceBase, moment: float) -> tuple[float, float]:
    """Everyone's decayed answers and writings at ``moment`` (30 and 180 days)."""
    times = evidence.all_expert_times
    ages = (moment - times[: np.searchsorted(times, moment)]) / DAY
    return (
        float(np.exp(-ages / 30.0).sum()) or 1.0,
        float(np.exp(-ages / 180.0).sum()) or 1.0,
    )
