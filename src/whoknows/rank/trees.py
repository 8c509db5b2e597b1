"""LightGBM models read from their text form and evaluated with numpy: a server ranks
without importing LightGBM (0.4 s of a cold start) and without its per-call overhead.

Only what the learned ranker trains is read: numerical splits without missing-value
handling (its features are never missing). The trees' outputs are added in order, from 0, in
float64, as LightGBM adds them: the predictions are LightGBM's to the last bit (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

MAX_TABLE_SPLITS = 10  # a tree's 2^splits outcomes are tabled (the ranker's trees have 3)
CATEGORICAL = 1
MISSING_TYPE = 3 << 2  # LightGBM's decision_type bits for the missing-value type


@dataclass(frozen=True)
class Trees:  # (frozen: cached_property writes the instance's __dict__, which it allows)
    """One LightGBM model's trees as arrays: per tree, its splits (feature, threshold, left
    and right child: a child below 0 is leaf ``~child``) and its leaves' values."""

    features: np.ndarray  # trees x splits
    thresholds: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaves: np.ndarray  # trees x leaves
    gains: np.ndarray  # trees x splits
    roots: np.ndarray  # per tree: 0 (its first split), or -1 (a tree of one leaf)
    feature_count: int

    @classmethod
    def parse(cls, text: str) -> Trees:
        """The trees of a model saved by LightGBM (``model_to_string``)."""
        header, _, body = text.partition("\nTree=")
        fields = dict(line.split("=", 1) for line in header.splitlines() if "=" in line)
        blocks = [_fields(block) for block in ("Tree=" + body).split("\nTree=") if block]
        blocks = [block for block in blocks if "leaf_value" in block]
        splits = max((len(_numbers(b.get("split_feature", ""))) for b in blocks), default=0)
        leaves = max(len(_numbers(b["leaf_value"])) for b in blocks) if blocks else 1
        shape = (len(blocks), max(splits, 1))
        arrays = {
            "features": np.zeros(shape, np.int64),
            "thresholds": np.zeros(shape),
            "left": np.full(shape, -1, np.int64),
            "right": np.full(shape, -1, np.int64),
            "gains": np.zeros(shape),
            "leaves": np.zeros((len(blocks), leaves)),
        }
        arrays["roots"] = np.array(
            [0 if block.get("split_feature", "").strip() else -1 for block in blocks], np.int64
        )
        for tree, block in enumerate(blocks):
            values = _numbers(block["leaf_value"])
            arrays["leaves"][tree, : len(values)] = values
            kinds = _numbers(block.get("decision_type", ""))
            if any(int(kind) & (CATEGORICAL | MISSING_TYPE) for kind in kinds):
                raise ValueError("categorical or missing-value splits are not read")
            for name, key in (
                ("features", "split_feature"),
                ("thresholds", "threshold"),
                ("left", "left_child"),
                ("right", "right_child"),
                ("gains", "split_gain"),
            ):
                found = _numbers(block.get(key, ""))
                arrays[name][tree, : len(found)] = found
        count = int(fields.get("max_feature_idx", "-1")) + 1
        return cls(feature_count=count, **arrays)

    def predict(self, features: np.ndarray) -> np.ndarray:
        """The model's raw score of each row of ``features`` (a :class:`Forest` of one)."""
        return np.asarray(Forest([self]).predict(features)[0])

    @cached_property
    def table(self) -> np.ndarray:
        """Per tree, the leaf value reached for each outcome of its splits (bit ``s`` set:
        split ``s`` sends the row left)."""
        trees, splits = self.features.shape
        if splits > MAX_TABLE_SPLITS:
            raise ValueError(f"trees of {splits} splits are not read")
        table = np.zeros((trees, 1 << splits))
        every = np.arange(trees)
        for outcome in range(1 << splits):
            node = self.roots.copy()
            for _ in range(splits + 1):
                inside = node >= 0
                at = np.where(inside, node, 0)
                goes_left = (outcome >> at) & 1 == 1
                step = np.where(goes_left, self.left[every, at], self.right[every, at])
                node = np.where(inside, step, node)
            table[:, outcome] = self.leaves[every, ~node]
        return table

    def importance(self) -> np.ndarray:
        """Total split gain per feature (LightGBM's "gain" importance)."""
        return np.bincount(
            self.features.ravel(), weights=self.gains.ravel(), minlength=self.feature_count
        )


def _fields(block: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)


def _numbers(text: str) -> list[float]:
    return [float(value) for value in text.split()]


class Forest:
    """Several models' trees evaluated together (an ensemble's members): one comparison of
    every split of every member per row, then each member's trees added in order, as
    :meth:`Trees.predict` adds them. Each member's prediction is :meth:`Trees.predict`'s to
    the last bit; a member with fewer trees or splits is padded with trees that add 0.0 and
    splits that no leaf depends on."""

    def __init__(self, members: list[Trees]) -> None:
        self.count = len(members)
        trees = max((m.features.shape[0] for m in members), default=0)
        splits = max((m.features.shape[1] for m in members), default=1)
        # tree-major (tree, member, split): the trees' outputs come out one tree per row,
        # and a sum over rows adds them in order
        features = np.zeros((trees, self.count, splits), np.int64)
        thresholds = np.zeros((trees, self.count, splits))
        table = np.zeros((trees, self.count, 1 << splits))
        outcomes = np.arange(1 << splits)
        for index, member in enumerate(members):
            own_trees, own_splits = member.features.shape
            features[:own_trees, index, :own_splits] = member.features
            thresholds[:own_trees, index, :own_splits] = member.thresholds
            # a padded split's bit does not change the leaf reached
            table[:own_trees, index] = member.table[:, outcomes & ((1 << own_splits) - 1)]
        self.trees, self.splits = trees, splits
        # each distinct (feature, threshold) is compared once; a split reads its comparison
        pairs = np.stack([features.ravel().astype(np.float64), thresholds.ravel()], axis=1)
        distinct, comparison = np.unique(pairs, axis=0, return_inverse=True)
        self._comparison = comparison.ravel()
        self._compared_features = distinct[:, 0].astype(np.intp)
        self._compared_thresholds = distinct[:, 1][:, None]
        self._table = table.ravel()
        self._starts = (np.arange(trees * self.count) << splits).reshape(trees, self.count, 1)

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Members x rows: each member's raw score of each row of ``features``."""
        columns = np.nan_to_num(np.asarray(features, dtype=np.float64), nan=0.0).T
        count = columns.shape[1]
        if not self.trees:
            return np.zeros((self.count, count))
        compared = columns[self._compared_features] <= self._compared_thresholds
        left = compared[self._comparison].reshape(self.trees, self.count, self.splits, count)
        outcome = self._starts + left[:, :, 0]
        for split in range(1, self.splits):
            outcome += left[:, :, split] * (1 << split)
        outputs = self._table.take(outcome)  # trees x members x rows
        total: np.ndarray = np.array(outputs[0], dtype=np.float64)
        for tree in outputs[1:]:  # tree after tree, in order (a reduction may add pairwise)
            total += tree
        return total
