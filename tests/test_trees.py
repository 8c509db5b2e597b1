"""The learned ranker's trees evaluated with numpy give LightGBM's predictions exactly."""

from __future__ import annotations

import numpy as np
import pytest

from whoknows.rank.ensemble import _params
from whoknows.rank.trees import Trees


@pytest.mark.parametrize("leaves", [2, 4, 8])
def test_trees_predict_what_lightgbm_predicts(leaves: int) -> None:
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(leaves)
    features = (rng.random((3000, 26)) * rng.choice([0, 1, 5], (3000, 26))).astype(np.float32)
    labels = (features[:, 3] + rng.normal(0, 0.3, 3000) > 1.5).astype(float)
    params = {**_params(1), "num_leaves": leaves, "min_data_in_leaf": 20}
    data = lightgbm.Dataset(features, label=labels, group=[30] * 100, params={"verbose": -1})
    booster = lightgbm.train(params, data, num_boost_round=60)
    trees = Trees.parse(booster.model_to_string())
    unseen = (rng.random((500, 26)) * rng.choice([0, 1, 5], (500, 26))).astype(np.float32)
    unseen[:5, 2] = np.nan
    assert np.array_equal(trees.predict(unseen), booster.predict(unseen, num_threads=1))
    gains = booster.feature_importance(importance_type="gain")
    np.testing.assert_allclose(trees.importance(), gains, rtol=1e-5)  # (6 digits in text)


def test_a_model_it_cannot_read_is_refused() -> None:
    text = "tree\nmax_feature_idx=1\n\nTree=0\nnum_leaves=2\nsplit_feature=0\n"
    text += "threshold=1\ndecision_type=1\nleft_child=-1\nright_child=-2\nleaf_value=1 2\n"
    with pytest.raises(ValueError, match="categorical"):
        Trees.parse(text)
