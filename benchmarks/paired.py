"""Paired difference of two runs on the same queries, with a bootstrap 95% interval.

    .venv/bin/python benchmarks/paired.py --bench acl-authors BEFORE.run AFTER.run

Each measure's per-query values (``whoknows.eval``) of AFTER minus BEFORE, averaged over every
query of the bench (a query a run does not answer scores 0), and the 2.5 and 97.5 percentiles
of that mean over 1,000 resamplings of the queries: a change whose interval holds 0 is within
noise. Prints one line per measure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries

ROOT = next(
    (p / "shared" / "bench" for p in Path(__file__).resolve().parents if (p / "shared").is_dir()),
    Path("shared") / "bench",
)


def paired(
    bench: Path, before: Path, after: Path, samples: int = 1000, seed: int = 13
) -> dict[str, tuple[float, float, float]]:
    """Measure -> (mean difference, low, high)."""
    ids = [query_id for query_id, _ in read_queries(bench / "queries.tsv")]
    first = evaluate_run(bench / "qrels.txt", before, ids, bootstrap=0)
    second = evaluate_run(bench / "qrels.txt", after, ids, bootstrap=0)
    draws = np.random.default_rng(seed).integers(0, len(ids), size=(samples, len(ids)))
    found = {}
    for measure in first.means:
        difference = np.array(
            [second.per_query[q][measure] - first.per_query[q][measure] for q in ids]
        )
        means = difference[draws].mean(axis=1)
        low, high = np.percentile(means, [2.5, 97.5])
        found[measure] = (float(difference.mean()), float(low), float(high))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", required=True, help="a bench folder's name under --root")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    bench = args.root / args.bench
    if not bench.is_dir():
        print(f"skipped: no bench {args.bench} under {args.root}", file=sys.stderr)
        return 0
    for measure, (mean, low, high) in paired(bench, args.before, args.after).items():
        print(f"{measure:8s} {mean:+.3f} [{low:+.3f}, {high:+.3f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
