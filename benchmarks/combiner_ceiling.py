"""How far the learned ranker's features go: the same model trained on the bench's own queries.

    .venv/bin/python benchmarks/combiner_ceiling.py --workspace DIR [--bench NAME]
        [--out benchmarks/results/combiner_ceiling.json]

DIR is a ``benchmarks/rank_all.py --workspace`` folder (its ``<bench>-full`` workspaces,
ingested and trained, and their ``learned.run``). For each bench, every query's candidates and
feature rows are built as the learned ranker builds them, then the shipped model's trees
(LambdaRank, the same parameters and monotone constraints, one member) are trained on four
fifths of the bench's *own* queries and judgements and rank the fifth left out, five times
over (queries shuffled with a fixed seed).

It reads the judgements, so it is no result: it tells apart what limits a bench. When the
workspace's own model (trained on its history) scores as well as this, the features are the
limit, and only new information can raise the score; when this scores more, the history the
model learns from differs from the questions asked after it (on a Q&A site, mostly who is
active after the cut).

Writes the JSON (``--out``) and a markdown table next to it (same name, ``.md``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from ceilings import read_qrels
from rank_all import BENCHES, ROOT, open_workspace

from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.ensemble import tree_params

RESULTS = Path(__file__).resolve().parent / "results" / "combiner_ceiling.json"
FOLDS = 5
SEED = 0


def feature_rows(
    folder: Path, bench: str, connector: str, root: Path
) -> list[tuple[str, list[str], np.ndarray]]:
    """Each query's candidates (native labels) and feature rows, as a live query builds them."""
    service = open_workspace(folder, "full")
    evidence = service.workspace.evidence()
    labels = service.search.labels(connector)
    builder = FeatureBuilder(evidence)
    rows = []
    for query_id, text in read_queries(root / bench / "queries.tsv"):
        found = builder.build(text)
        people = [labels.get(person, str(person)) for person in found.people]
        rows.append((query_id, people, found.features))
    service.close()
    return rows


def cross_validated_run(
    rows: list[tuple[str, list[str], np.ndarray]], relevant: dict[str, set[str]], out: Path
) -> None:
    import lightgbm

    order = np.random.default_rng(SEED).permutation(len(rows))
    lines = []
    for held in np.array_split(order, FOLDS):
        left_out = set(held.tolist())
        train = [row for at, row in enumerate(rows) if at not in left_out]
        data = lightgbm.Dataset(
            np.vstack([features for _, _, features in train]),
            label=np.concatenate(
                [[float(p in relevant.get(q, ())) for p in people] for q, people, _ in train]
            ),
            group=[len(people) for _, people, _ in train],
            params={"verbose": -1},
        )
        booster = lightgbm.train(tree_params(SEED), data, num_boost_round=200)
        for at in sorted(left_out):
            query_id, people, features = rows[at]
            scores = booster.predict(features)
            ranked = sorted(zip(scores, people, strict=True), key=lambda pair: -pair[0])[:100]
            lines += [
                f"{query_id} Q0 {person} {rank} {score:.6f} cv\n"
                for rank, (score, person) in enumerate(ranked, 1)
            ]
    out.write_text("".join(lines), encoding="utf-8")


def summary(qrels: Path, run: Path, ids: list[str]) -> dict[str, Any]:
    result = evaluate_run(qrels, run, ids)
    return {
        m: {"mean": round(v, 4), "ci95": [round(x, 4) for x in result.intervals[m]]}
        for m, v in result.means.items()
    }


def measure(name: str, connector: str, root: Path, workspace: Path) -> dict[str, Any]:
    folder = workspace / f"{name}-full"
    qrels = root / name / "qrels.txt"
    relevant = read_qrels(qrels)
    rows = feature_rows(folder, name, connector, root)
    ids = [query_id for query_id, _, _ in rows]
    recall = [len(relevant[q] & set(people)) / len(relevant[q]) for q, people, _ in rows]
    with tempfile.TemporaryDirectory() as scratch:
        run = Path(scratch) / "cv.run"
        cross_validated_run(rows, relevant, run)
        trained_on_queries = summary(qrels, run, ids)
    shipped = folder / "learned.run"
    return {
        "queries": len(rows),
        "candidate_recall": round(float(np.mean(recall)), 3),
        "trained_on_the_bench_queries": trained_on_queries,
        "workspace_model": summary(qrels, shipped, ids) if shipped.exists() else None,
    }


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| bench | the workspace's own model AP [95%] | trained on the bench's queries"
        " (5-fold) AP [95%] | candidate recall |",
        "|---|---|---|---|",
    ]

    def cell(run: dict[str, Any] | None) -> str:
        if run is None:
            return "—"
        ap = run["AP"]
        return f"{ap['mean']:.3f} [{ap['ci95'][0]:.3f}, {ap['ci95'][1]:.3f}]"

    for name, info in results.items():
        lines.append(
            f"| {name} | {cell(info['workspace_model'])} |"
            f" {cell(info['trained_on_the_bench_queries'])} | {info['candidate_recall']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="folder of the benches")
    parser.add_argument("--workspace", type=Path, required=True, help="a rank_all.py folder")
    parser.add_argument("--bench", action="append", dest="benches", help="one bench by name")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    chosen = [b for b in BENCHES if not args.benches or b.name in args.benches]
    present = [b for b in chosen if (args.workspace / f"{b.name}-full").is_dir()]
    if not present:
        raise SystemExit(
            f"{args.workspace}: no <bench>-full workspace; run benchmarks/rank_all.py"
            " --workspace with this folder first"
        )
    results = {b.name: measure(b.name, b.connector, args.root, args.workspace) for b in present}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
