"""Betweenness centrality of an unweighted undirected graph (Brandes 2001), many sources at a
time as sparse matrix products (scipy), exact or from a sample of sources.

Normalised as networkx's ``betweenness_centrality`` (``normalized=True``, ``endpoints=False``):
each person's share of the shortest paths between two others, over ``(n - 1)(n - 2)``
ordered pairs; from ``k`` sampled sources, scaled by ``n / k``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

BATCH = 64  # sources searched together


def betweenness(
    first: np.ndarray, second: np.ndarray, n: int, budget: int, min_sources: int, seed: int
) -> np.ndarray:
    """Each node's betweenness, from the edges (``first[i]``, ``second[i]``) between nodes
    numbered 0..n-1: exact when ``n`` searches fit in ``budget`` edge visits, else from as
    many sources as fit (at least ``min_sources``) drawn with ``seed``."""
    if n <= 2:
        return np.zeros(n)
    ones = np.ones(2 * first.size)
    ends = (np.concatenate([first, second]), np.concatenate([second, first]))
    adjacency = sp.csr_matrix((ones, ends), shape=(n, n))
    adjacency.data[:] = 1.0  # an edge given twice is one edge
    per_search = max(adjacency.nnz, 1)
    k = max(min_sources, budget // per_search)
    if k >= n:
        sources = np.arange(n)
    else:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    total = np.zeros(n)
    for start in range(0, sources.size, BATCH):
        total += _dependencies(adjacency, sources[start : start + BATCH])
    scale = 1.0 / ((n - 1) * (n - 2))
    if sources.size < n:
        scale *= n / sources.size
    return total * scale


def _dependencies(adjacency: sp.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Sum over ``sources`` of each node's dependency (Brandes' delta, sources excluded)."""
    n, width = adjacency.shape[0], sources.size
    columns = np.arange(width)
    sigma = np.zeros((n, width))
    sigma[sources, columns] = 1.0
    seen = sigma > 0
    levels = [seen.copy()]
    frontier = sigma.copy()
    while True:
        reached = adjacency @ frontier
        new = (reached > 0) & ~seen
        if not new.any():
            break
        frontier = np.where(new, reached, 0.0)
        sigma += frontier
        seen |= new
        levels.append(new)
    delta = np.zeros((n, width))
    paths = np.where(sigma > 0, sigma, 1.0)
    for depth in range(len(levels) - 1, 0, -1):
        share = np.where(levels[depth], (1.0 + delta) / paths, 0.0)
        delta += np.where(levels[depth - 1], sigma * (adjacency @ share), 0.0)
    delta[sources, columns] = 0.0
    return np.asarray(delta.sum(axis=1))
