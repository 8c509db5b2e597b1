"""The learned ranker's trees evaluated with numpy give LightGBM's predictions exactly."""

from __future__ import annotations

import numpy as np
import pytest

from whoknows.rank.ensemble import tree_params
from whoknows.rank.features import FEATURES
from whoknows.rank.trees import Forest, Trees

WIDTH = len(FEATURES)  # (the monotone constraints name every feature)


@pytest.mark.parametrize("leaves", [2, 4, 8])
def test_trees_predict_what_lightgbm_predicts(leaves: int) -> None:
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(leaves)
    features = (rng.random((3000, WIDTH)) * rng.choice([0, 1, 5], (3000, WIDTH))).astype(np.float32)
    labels = (features[:, 3] + rng.normal(0, 0.3, 3000) > 1.5).astype(float)
    params = {**tree_params(1), "num_leaves": leaves, "min_data_in_leaf": 20}
    data = lightgbm.Dataset(features, label=labels, group=[30] * 100, params={"verbose": -1})
    booster = lightgbm.train(params, data, num_boost_round=60)
    trees = Trees.parse(booster.model_to_string())
    unseen = (rng.random((500, WIDTH)) * rng.choice([0, 1, 5], (500, WIDTH))).astype(np.float32)
    unseen[:5, 2] = np.nan
    assert np.array_equal(trees.predict(unseen), booster.predict(unseen, num_threads=1))
    gains = booster.feature_importance(importance_type="gain")
    np.testing.assert_allclose(trees.importance(), gains, rtol=1e-5)  # (6 digits in text)


def test_a_model_it_cannot_read_is_refused() -> None:
    text = "tree\nmax_feature_idx=1\n\nTree=0\nnum_leaves=2\nsplit_feature=0\n"
    text += "threshold=1\ndecision_type=1\nleft_child=-1\nright_child=-2\nleaf_value=1 2\n"
    with pytest.raises(ValueError, match="categorical"):
        Trees.parse(text)


def test_a_forest_predicts_what_each_member_predicts() -> None:
    """Members of different sizes evaluated together give each member's LightGBM prediction
    to the last bit (padded trees and splits change nothing)."""
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(7)
    features = (rng.random((2000, WIDTH)) * rng.choice([0, 1, 5], (2000, WIDTH))).astype(np.float32)
    labels = (features[:, 1] + features[:, 4] + rng.normal(0, 0.3, 2000) > 2.0).astype(float)
    unseen = (rng.random((300, WIDTH)) * 4).astype(np.float32)
    boosters = []
    for leaves, rounds in ((2, 40), (4, 25), (8, 60)):
        params = {**tree_params(leaves), "num_leaves": leaves, "min_data_in_leaf": 20}
        data = lightgbm.Dataset(features, label=labels, group=[20] * 100, params={"verbose": -1})
        boosters.append(lightgbm.train(params, data, num_boost_round=rounds))
    forest = Forest([Trees.parse(b.model_to_string()) for b in boosters])
    predicted = forest.predict(unseen)
    assert predicted.shape == (3, 300)
    for member, booster in zip(predicted, boosters, strict=True):
        assert np.array_equal(member, booster.predict(unseen, num_threads=1))
    alone = Forest([Trees.parse(boosters[2].model_to_string())])  # one member, one row:
    for row in unseen[:100]:  # a sum over the trees could be pairwise there
        assert np.array_equal(alone.predict(row[None])[0], boosters[2].predict(row[None]))
