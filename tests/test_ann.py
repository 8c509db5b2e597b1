"""The nearest-neighbour graph of the dense vectors: close to an exact scan, deterministic,
extended when few items change, memory-mapped when opened, and a clear error when damaged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from whoknows.errors import IndexStateError
from whoknows.index.ann import VectorGraph, extended
from whoknows.index.dense import DenseIndex, QuerySimilarities

DIMENSIONS = 256


def unit_vectors(n: int, seed: int = 0) -> np.ndarray:
    """Clustered unit vectors, as embeddings of texts on a few hundred subjects are."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((300, DIMENSIONS))
    found = centres[rng.integers(0, 300, n)] + rng.standard_normal((n, DIMENSIONS)) * 0.8
    found /= np.linalg.norm(found, axis=1, keepdims=True)
    return found.astype(np.float16)


def dense(n: int = 1500, graph: bool = True) -> DenseIndex:
    vectors = unit_vectors(n)
    ids = np.arange(100, 100 + 2 * n, 2, dtype=np.int64)  # ids are not rows
    hashes = [f"h{i}" for i in range(n)]
    meta: dict[str, object] = {"format": "whoknows-dense/1", "generation": 1}
    index = DenseIndex(vectors, ids, hashes, meta)
    if graph:
        index.graph, _ = extended(vectors, ids, hashes, None)
        index.meta["ann"] = {"items": n}
    return index


def queries(index: DenseIndex, count: int = 30) -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    picked = np.asarray(index.vectors[rng.integers(0, len(index.item_ids), count)], np.float32)
    picked += rng.standard_normal(picked.shape).astype(np.float32) * 0.02
    return list(picked / np.linalg.norm(picked, axis=1, keepdims=True))


def test_the_graph_finds_nearly_what_a_scan_finds_with_exact_similarities() -> None:
    approximate, exact = dense(), dense(graph=False)
    everything = np.ones(len(exact.item_ids), dtype=bool)
    found = 0
    for vector in queries(exact):
        rows, sims = approximate.query(vector, everything).top(100)
        want, _ = exact.query(vector, everything).top(100)
        found += np.intersect1d(rows, want).size
        assert np.all(np.diff(sims) <= 0), "best first"
        np.testing.assert_allclose(sims, exact.similarities(vector)[rows], atol=2e-3)
    assert found / (100 * 30) >= 0.95


def test_a_window_keeps_only_its_rows_even_when_it_hides_most_of_them() -> None:
    index = dense()
    vector = queries(index, 1)[0]
    for share in (0.5, 0.01):
        window = np.zeros(len(index.item_ids), dtype=bool)
        window[: int(share * window.size)] = True
        sims = index.query(vector, window)
        rows, _ = sims.top(50)
        assert rows.size == min(50, window.sum()) and window[rows].all()
        outside = np.flatnonzero(~window)[:5]
        assert (sims.of(outside) == -1.0).all()


def test_the_outlier_floor_of_a_graph_estimates_the_scan_s() -> None:
    """What stands out (mean + 3 sd of a query's similarities to the window's rows): exact over
    a scanned index, estimated from an even spread of rows with a graph, in any window."""
    approximate, exact = dense(6000), dense(6000, graph=False)
    for vector in queries(exact, 5):
        for share in (1.0, 0.3, 0.02):
            window = np.zeros(len(exact.item_ids), dtype=bool)
            window[: int(share * window.size)] = True
            every = exact.similarities(vector)[window].astype(np.float64)
            truth = every.mean() + 3 * every.std()
            assert exact.query(vector, window).outlier_floor() == pytest.approx(truth, abs=1e-4)
            estimate = approximate.query(vector, window).outlier_floor()
            assert estimate == pytest.approx(truth, abs=0.02), (share, estimate, truth)


def test_the_same_vectors_give_the_same_graph(tmp_path: Path) -> None:
    vectors, ids = unit_vectors(800), np.arange(800, dtype=np.int64)
    VectorGraph.build(vectors, ids).save(tmp_path / "a")
    VectorGraph.build(vectors, ids).save(tmp_path / "b")
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()


def test_a_few_changes_extend_the_previous_graph_and_many_rebuild_it() -> None:
    previous = dense(1000)
    assert previous.graph is not None
    vectors = np.concatenate([previous.vectors[10:], unit_vectors(40, seed=3)])
    ids = np.concatenate([previous.item_ids[10:], np.arange(90_000, 90_040)])
    hashes = previous.hashes[10:] + [f"new{i}" for i in range(40)]
    hashes[0] = "changed"
    before = (previous.graph, previous.item_ids, previous.hashes)
    graph, how = extended(vectors, ids, hashes, before)
    assert how == "extended" and len(graph) == len(ids) == 1030
    assert graph.search(np.asarray(vectors[-1], np.float32), 1)[0] == 90_039
    assert int(previous.item_ids[0]) not in set(graph.search(vectors[0].astype(np.float32), 20))
    assert len(previous.graph) == 1000, "the graph being served is left as it was"
    _, how = extended(vectors[:300], ids[:300], hashes[:300], before)
    assert how == "new"


def test_saved_and_opened_memory_mapped(tmp_path: Path) -> None:
    index = dense(1200)
    index.save(tmp_path / "dense")
    opened = DenseIndex.load(tmp_path / "dense")
    assert opened.graph is not None and len(opened.graph) == 1200
    assert isinstance(opened.vectors.base, np.memmap)
    vector = queries(index, 1)[0]
    everything = np.ones(1200, dtype=bool)
    assert opened.query(vector, everything).top(10)[0].tolist() == (
        index.query(vector, everything).top(10)[0].tolist()
    )
    assert opened.hashes == index.hashes  # read when a rebuild asks for them


def test_a_damaged_graph_says_reindex(tmp_path: Path) -> None:
    dense(600).save(tmp_path / "dense")
    (tmp_path / "dense" / "ann.usearch").write_bytes(b"garbage")
    opened = DenseIndex.load(tmp_path / "dense")  # the graph is opened when first used
    with pytest.raises(IndexStateError, match="whoknows reindex"):
        _ = opened.graph
    (tmp_path / "dense" / "ann.usearch").write_bytes(b"")
    with pytest.raises(IndexStateError, match="whoknows reindex"):
        DenseIndex.load(tmp_path / "dense")


def test_given_similarities_answer_like_a_scan() -> None:
    sims = np.asarray([0.1, 0.9, -0.2, 0.5], dtype=np.float32)
    given = QuerySimilarities.given(sims)
    rows, values = given.top(2)
    assert rows.tolist() == [1, 3] and values.tolist() == pytest.approx([0.9, 0.5])
    assert given.of(np.asarray([2, 0])).tolist() == pytest.approx([-0.2, 0.1])


def test_the_learned_ranker_still_trains_and_loads_once_a_graph_is_open(tmp_path: Path) -> None:
    """usearch loads an OpenMP runtime of its own into the global symbol scope; LightGBM,
    loaded after it, would bind to it and break (see whoknows.index.ann._usearch)."""
    script = (
        "import numpy as np\n"
        "from whoknows.index.ann import VectorGraph\n"
        "VectorGraph.build(np.eye(4, 8, dtype=np.float16), np.arange(4))\n"
        "import lightgbm\n"
        "data = lightgbm.Dataset(np.random.rand(50, 3), label=np.random.rand(50))\n"
        f"lightgbm.train({{'verbose': -1}}, data, 3).save_model({str(tmp_path / 'm.txt')!r})\n"
        f"lightgbm.Booster(model_file={str(tmp_path / 'm.txt')!r})\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
