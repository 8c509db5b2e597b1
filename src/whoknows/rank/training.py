"""Learn the combiner from the workspace's own history: earlier questions and threads, and
who answered them. Every training query only sees evidence from before it was asked.

The last fifth of the history (by date) is held out: the model is used only if it beats the
fixed-weight ``hybrid-prior`` ranking there (mean nDCG@10); otherwise, and when there are fewer
than ``MIN_QUERIES`` usable questions, the learned ranker falls back to ``hybrid-prior``.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import FEATURES, CandidateSet, FeatureBuilder, monotone_constraints

FORMAT = "whoknows-ltr/1"
MIN_QUERIES = 100
MAX_QUERIES = 800
ENSEMBLE = 5
DAY = 86400.0
HALF_LIFE = 180 * DAY  # a question half a year older counts half as much
# an index is queried for days or weeks after its last ingest: each past question is also
# learned as if asked up to this long after the evidence stopped
STALENESS_DAYS = 21.0
ANSWER_GRADES = {"accepted-answerer": 2, "answerer": 1, "replier": 1}


@dataclass
class TrainingQuery:
    item_id: int
    text: str
    as_of: float
    askers: frozenset[int]
    grades: dict[int, int]


def history(
    conn: sqlite3.Connection,
    evidence: EvidenceBase,
    limit: int = MAX_QUERIES,
    before: float | None = None,
) -> list[TrainingQuery]:
    """Thread starters that others answered or replied to, latest ``limit``, oldest first.

    With ``before`` (a Unix time), only questions asked and answers given before it count.
    """
    cut = math.inf if before is None else before
    roots = conn.execute(
        "SELECT i.id, i.title, i.text, i.tags FROM items i"
        " WHERE i.parent_uid IS NULL AND i.thread_uid IS NOT NULL AND i.date IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM items r WHERE r.thread_uid = i.thread_uid AND r.id != i.id)"
        " ORDER BY i.date DESC, i.id DESC"
    ).fetchall()
    queries: list[TrainingQuery] = []
    for item_id, title, text, tags in roots:
        when = evidence.timestamp(item_id)
        if math.isnan(when) or when >= cut:
            continue
        askers = frozenset(c.person_id for c in evidence.contributions.get(item_id, ()))
        grades: dict[int, int] = {}
        for (reply_id,) in conn.execute(
            "SELECT id FROM items WHERE thread_uid = (SELECT thread_uid FROM items WHERE id = ?)"
            " AND id != ?",
            (item_id, item_id),
        ):
            if before is not None and not evidence.timestamp(reply_id) < cut:
                continue
            for c in evidence.contributions.get(reply_id, ()):
                grade = ANSWER_GRADES.get(c.role, 0)
                if grade and c.person_id not in askers:
                    grades[c.person_id] = max(grades.get(c.person_id, 0), grade)
        if not grades:
            continue
        tag_text = " ".join(json.loads(tags)) if tags else ""
        query_text = " ".join(filter(None, [title, text, tag_text]))
        queries.append(TrainingQuery(item_id, query_text, when, askers, grades))
        if len(queries) >= limit:
            break
    return queries[::-1]


def ndcg_at_10(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")[:10]
    gains = (2.0 ** labels[order] - 1) / np.log2(np.arange(2, order.size + 2))
    ideal = np.sort(labels)[::-1][:10]
    ideal_gain = ((2.0**ideal - 1) / np.log2(np.arange(2, ideal.size + 2))).sum()
    return float(gains.sum() / ideal_gain) if ideal_gain > 0 else 0.0


class LearnedModel:
    def __init__(self, booster: Ensemble | None, meta: dict[str, object]) -> None:
        self.booster = booster
        self.meta = meta

    @property
    def usable(self) -> bool:
        return self.booster is not None and bool(self.meta.get("use_model"))

    def predict(self, features: np.ndarray) -> np.ndarray:
        assert self.booster is not None
        return np.asarray(self.booster.predict(features), dtype=np.float64)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("model-*.txt"):
            old.unlink()
        if self.booster is not None:
            self.booster.save_model(str(folder))
        (folder / "meta.json").write_text(json.dumps(self.meta, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LearnedModel:
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            booster = Ensemble.load(folder)
        except (OSError, ValueError) as error:
            raise IndexStateError(
                f"{folder}: the learned model is missing or damaged", "run `whoknows reindex`"
            ) from error
        if meta.get("format") != FORMAT or meta.get("features") != list(FEATURES):
            raise IndexStateError(
                f"{folder}: the learned model is outdated", "run `whoknows reindex`"
            )
        return cls(booster, meta)


def _labelled(
    builder: FeatureBuilder, query: TrainingQuery, staleness: float = 0.0
) -> tuple[CandidateSet, np.ndarray] | None:
    """The question's candidates and their grades, with features as of ``staleness`` seconds
    before it was asked."""
    moment = query.as_of - staleness
    candidates = builder.build(query.text, as_of=moment, exclude=query.askers)
    labels = np.array([query.grades.get(p, 0) for p in candidates.people], dtype=np.float64)
    if not candidates.people or labels.max() <= 0 or labels.min() > 0:
        return None
    return candidates, labels


def train(
    conn: sqlite3.Connection,
    evidence: EvidenceBase,
    generation: int,
    progress: Callable[[int, int], None] | None = None,
    seed: int = 7,
    min_queries: int = MIN_QUERIES,
    before: float | None = None,
) -> LearnedModel:
    from whoknows.rank.models import PRIOR_WEIGHTS, linear

    meta: dict[str, object] = {
        "format": FORMAT,
        "features": list(FEATURES),
        "generation": generation,
        "use_model": False,
    }
    queries = history(conn, evidence, before=before)
    builder = FeatureBuilder(evidence)
    rng = np.random.default_rng(seed)
    per_query: list[list[tuple[CandidateSet, np.ndarray]]] = []
    for done, query in enumerate(queries, 1):
        staleness = float(rng.uniform(0.0, STALENESS_DAYS * DAY))
        fresh = _labelled(builder, query)
        if fresh is not None:
            stale = _labelled(builder, query, staleness)
            per_query.append([fresh] if stale is None else [fresh, stale])
        if progress:
            progress(done, len(queries))
    meta["history_queries"] = len(queries)
    meta["usable_queries"] = len(per_query)
    if len(per_query) < min_queries:
        meta["reason"] = f"only {len(per_query)} usable past questions (needs {min_queries})"
        return LearnedModel(None, meta)
    split = int(len(per_query) * 0.8)
    examples = [view for views in per_query for view in views]
    held_out = [view for views in per_query[split:] for view in views]
    ensemble = fit_ensemble([view for views in per_query[:split] for view in views], seed)
    learned = np.mean([ndcg_at_10(ensemble.predict(c.features), y) for c, y in held_out])
    fixed = np.mean([ndcg_at_10(linear(c, PRIOR_WEIGHTS), y) for c, y in held_out])
    meta["held_out_queries"] = len(per_query) - split
    meta["held_out_ndcg10_learned"] = round(float(learned), 4)
    meta["held_out_ndcg10_hybrid_prior"] = round(float(fixed), 4)
    meta["use_model"] = bool(learned > fixed)
    if not meta["use_model"]:
        meta["reason"] = "the model did not beat hybrid-prior on held-out history"
        return LearnedModel(None, meta)
    final = fit_ensemble(examples, seed)
    importance = np.mean(
        [b.feature_importance(importance_type="gain") for b in final.boosters], axis=0
    )
    gains = zip(FEATURES, importance, strict=True)
    meta["feature_gain"] = {name: round(float(gain), 2) for name, gain in gains}
    meta["training_queries"] = len(per_query)
    meta["training_views"] = len(examples)
    return LearnedModel(final, meta)


class Ensemble:
    """The mean of several bagged LambdaRank models: steadier than one on small histories."""

    def __init__(self, boosters: list) -> None:
        self.boosters = boosters

    def predict(self, features: np.ndarray) -> np.ndarray:
        return np.mean([b.predict(features, num_threads=1) for b in self.boosters], axis=0)

    def save_model(self, folder: str) -> None:
        for index, booster in enumerate(self.boosters):
            booster.save_model(str(Path(folder) / f"model-{index}.txt"))

    @classmethod
    def load(cls, folder: Path) -> Ensemble | None:
        import lightgbm

        files = sorted(folder.glob("model-*.txt"))
        return cls([lightgbm.Booster(model_file=str(f)) for f in files]) if files else None


def fit_ensemble(
    examples: list[tuple[CandidateSet, np.ndarray]], seed: int, members: int = ENSEMBLE
) -> Ensemble:
    """LambdaRank models on the examples, recent questions weighted more (concept drift).

    Every feature is constrained to move the score one way only (more matching evidence or
    activity never lowers it): without that, the trees learn who happened to be online in the
    last weeks of the history, which does not hold for the weeks an index is queried after.
    """
    import lightgbm

    latest = max(c.as_of for c, _ in examples)
    features = np.vstack([c.features for c, _ in examples])
    labels = np.concatenate([y for _, y in examples])
    weights = np.concatenate(
        [np.full(len(c.people), 0.5 ** ((latest - c.as_of) / HALF_LIFE)) for c, _ in examples]
    )
    groups = [len(c.people) for c, _ in examples]
    boosters = []
    for member in range(members):
        data = lightgbm.Dataset(
            features, label=labels, group=groups, weight=weights, params={"verbose": -1}
        )
        params = {
            "objective": "lambdarank",
            "learning_rate": 0.05,
            "num_leaves": 4,
            "min_data_in_leaf": 50,
            "feature_fraction": 0.7,
            "bagging_fraction": 0.7,
            "bagging_freq": 1,
            "lambdarank_truncation_level": 20,
            "monotone_constraints": monotone_constraints(),
            "monotone_constraints_method": "advanced",
            "deterministic": True,
            "num_threads": 1,
            "seed": seed + member,
            "verbose": -1,
        }
        boosters.append(lightgbm.train(params, data, num_boost_round=200))
    return Ensemble(boosters)
