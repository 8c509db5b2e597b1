"""Bagged LightGBM LambdaRank models, each feature constrained to move the score one way."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from whoknows.forking import forked_map
from whoknows.rank.activity import ACTIVITY
from whoknows.rank.features import FEATURE_INDEX, CandidateSet, monotone_constraints
from whoknows.rank.trees import Forest, Trees

MEMBERS = 5
DAY = 86400.0
HALF_LIFE = 180 * DAY  # a question half a year older counts half as much


class Ensemble:
    """The mean of several bagged LambdaRank models: steadier than one on small histories.
    Kept as LightGBM's text form and evaluated by :class:`Trees` (no LightGBM to rank)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.members = [Trees.parse(text) for text in texts]
        self.forest = Forest(self.members)  # (reads every table: a model it cannot read
        # fails when loaded)

    def predict(self, features: np.ndarray) -> np.ndarray:
        """The members' mean score of each row (added as ``np.mean`` of their predictions)."""
        return np.asarray(np.mean(self.forest.predict(features), axis=0))

    def importance(self) -> np.ndarray:
        """Mean gain of each feature over the members."""
        return np.asarray(np.mean([member.importance() for member in self.members], axis=0))

    def save(self, folder: Path) -> None:
        for index, text in enumerate(self.texts):
            (folder / f"model-{index}.txt").write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Ensemble | None:
        files = sorted(folder.glob("model-*.txt"))
        return cls([f.read_text(encoding="utf-8") for f in files]) if files else None


def fit_ensemble(
    examples: list[tuple[CandidateSet, np.ndarray]],
    seed: int,
    members: int = MEMBERS,
    parallel: bool = False,
) -> Ensemble:
    """LambdaRank models on the examples, recent questions weighted more (concept drift);
    with ``parallel``, the members are trained by forked children (the same models).

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

    def member_model(member: int) -> str:
        data = lightgbm.Dataset(
            features, label=labels, group=groups, weight=weights, params={"verbose": -1}
        )
        booster = lightgbm.train(tree_params(seed + member), data, num_boost_round=200)
        return str(booster.model_to_string())

    texts = (
        forked_map(member_model, range(members), 1)
        if parallel
        else map(member_model, range(members))
    )
    return Ensemble(list(texts))


def without_activity(
    examples: list[tuple[CandidateSet, np.ndarray]],
) -> list[tuple[CandidateSet, np.ndarray]]:
    """The examples with the activity columns (:data:`~whoknows.rank.activity.ACTIVITY`) at
    zero: trees fitted on them never split on those columns, so the model they make reads the
    evidence of the topic alone, whatever activity the rows it ranks hold."""
    columns = [FEATURE_INDEX[name] for name, _, _ in ACTIVITY]
    kept: list[tuple[CandidateSet, np.ndarray]] = []
    for candidates, labels in examples:
        features = candidates.features.copy()
        features[:, columns] = 0.0
        kept.append((dataclasses.replace(candidates, features=features), labels))
    return kept


def tree_params(seed: int) -> dict[str, object]:
    """LightGBM's parameters for one member of the ensemble (also read by the benchmarks)."""
    return {
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
        "seed": seed,
        "verbose": -1,
    }
