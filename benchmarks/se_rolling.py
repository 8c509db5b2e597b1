"""Rolling-origin benchmark: question routing at several cuts of the full Cardano dump.

    .venv/bin/python benchmarks/se_rolling.py [--data DIR] [--horizon-days 42] [--out FILE.json]

The se-cardano bench is one cut with 164 queries, so its confidence intervals are wide (about
+-0.06) and a change can look better there by luck. This benchmark repeats the same protocol
at several cuts of ``../shared/data/stackexchange-cardano`` (the whole dump), which gives
several hundred queries and shows whether a change holds across time:

- at each cut, every question asked in the following ``--horizon-days`` and answered by someone
  active before the cut is a query; its answerers are relevant (accepted answer 2, others 1);
- features are computed as of the cut (nothing after it is visible), and the learned model is
  trained only on questions asked and answers given before the cut;
- ``most-active`` (pre-cut answer count) is the popularity reference.

Unlike the bench, post scores and accepted answers are the dump's final values, so item
quality sees some votes cast after a cut: compare rankers with each other here, and use
``se_cardano.py`` for the absolute figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from whoknows.eval import evaluate_run
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import CandidateSet, FeatureBuilder
from whoknows.rank.models import BUILTIN_RANKERS
from whoknows.rank.training import history, train
from whoknows.service import Whoknows
from whoknows.settings import load_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "stackexchange-cardano"
# every four weeks from three months after the site opened; the last is the bench's own cut
CUTS = ("2021-07-27", "2021-08-24", "2021-09-21", "2021-10-22T02:39:55")
DAY = 86400.0
RUN_DEPTH = 100

Scorer = Callable[[CandidateSet, EvidenceBase], np.ndarray]


def timestamp(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def scorers() -> dict[str, Scorer]:
    table: dict[str, Scorer] = {"most-active": lambda c, e: c.column("log_expert_items")}
    for ranker in reversed(BUILTIN_RANKERS):
        table[ranker.name] = ranker().score
    return table


def evaluate_cut(
    service: Whoknows, cut: float, horizon: float, folder: Path, tag: str
) -> tuple[dict[str, Path], Path, list[str], dict[str, object]]:
    """Runs of every scorer on the questions after ``cut``, and their qrels."""
    evidence = service.evidence()
    conn = service.store().conn
    began = time.perf_counter()
    model = train(conn, evidence, generation=0, before=cut)
    train_seconds = time.perf_counter() - began
    active_before = {p for p, times in evidence.any_times.items() if times[0] < cut}
    queries = [q for q in history(conn, evidence, limit=10**9) if cut < q.as_of <= cut + horizon]
    builder = FeatureBuilder(evidence, lexical_depth=service.settings.vote_depth)
    labels = service.labels("stackexchange")
    runs: dict[str, list[str]] = {name: [] for name in scorers()}
    qrels: list[str] = []
    ids: list[str] = []
    saved_model = evidence.model
    evidence.model = model
    try:
        for query in queries:
            relevant = {p: g for p, g in query.grades.items() if p in active_before}
            if not relevant:
                continue
            query_id = f"{tag}-{query.item_id}"
            ids.append(query_id)
            qrels += [f"{query_id} 0 {labels[p]} {g}" for p, g in sorted(relevant.items())]
            candidates = builder.build(query.text, as_of=cut)
            for name, score in scorers().items():
                values = score(candidates, evidence)
                voted = name == "most-active"
                order = sorted(
                    (
                        i
                        for i, p in enumerate(candidates.people)
                        if p in labels and (voted or candidates.votes[p])
                    ),
                    key=lambda i: (-values[i], candidates.people[i]),
                )[:RUN_DEPTH]
                runs[name] += [
                    f"{query_id} Q0 {labels[candidates.people[i]]} {rank} {values[i]:.6f} {name}"
                    for rank, i in enumerate(order, 1)
                ]
    finally:
        evidence.model = saved_model
    qrels_path = folder / f"{tag}.qrels"
    qrels_path.write_text("\n".join(qrels) + "\n", encoding="utf-8")
    paths = {}
    for name, lines in runs.items():
        paths[name] = folder / f"{tag}-{name}.run"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    info: dict[str, object] = {
        "queries": len(ids),
        "training_queries": model.meta.get("usable_queries"),
        "model_used": model.usable,
        "held_out_ndcg10_learned": model.meta.get("held_out_ndcg10_learned"),
        "held_out_ndcg10_hybrid_prior": model.meta.get("held_out_ndcg10_hybrid_prior"),
        "train_seconds": round(train_seconds, 1),
    }
    return paths, qrels_path, ids, info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--workspace", type=Path, help="reuse a workspace holding the dump")
    parser.add_argument("--horizon-days", type=float, default=42.0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not (args.data / "Posts.xml").is_file():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        workspace = args.workspace or folder / "workspace"
        service = Whoknows(load_settings(environ={}, workspace=workspace))
        if args.workspace is None:
            service.ingest("stackexchange", args.data)
        results: dict[str, object] = {"horizon_days": args.horizon_days, "cuts": {}}
        pooled_runs: dict[str, list[str]] = {}
        pooled_qrels: list[str] = []
        pooled_ids: list[str] = []
        for number, cut_text in enumerate(CUTS, 1):
            cut = timestamp(cut_text)
            paths, qrels, ids, info = evaluate_cut(
                service, cut, args.horizon_days * DAY, folder, f"c{number}"
            )
            table = {
                name: evaluate_run(qrels, path, ids, name=name) for name, path in paths.items()
            }
            info["quality"] = {
                n: {m: round(v, 4) for m, v in r.means.items()} for n, r in table.items()
            }
            results["cuts"][cut_text] = info  # type: ignore[index]
            print(
                f"cut {cut_text}: {info['queries']} queries, "
                f"{info['training_queries']} training questions",
                file=sys.stderr,
            )
            pooled_ids += ids
            pooled_qrels.append(qrels.read_text(encoding="utf-8"))
            for name, path in paths.items():
                pooled_runs.setdefault(name, []).append(path.read_text(encoding="utf-8"))
        service.close()
        all_qrels = folder / "all.qrels"
        all_qrels.write_text("".join(pooled_qrels), encoding="utf-8")
        pooled = {}
        for name, texts in pooled_runs.items():
            path = folder / f"all-{name}.run"
            path.write_text("".join(texts), encoding="utf-8")
            pooled[name] = evaluate_run(all_qrels, path, pooled_ids, name=name)
    results["pooled"] = {
        "queries": len(pooled_ids),
        "quality": {n: {m: round(v, 4) for m, v in r.means.items()} for n, r in pooled.items()},
        "intervals_95": {
            n: {m: [round(lo, 3), round(hi, 3)] for m, (lo, hi) in r.intervals.items()}
            for n, r in pooled.items()
        },
    }
    measures = list(next(iter(pooled.values())).means)
    header = f"{'ranker':<14}" + "".join(f"{'cut' + str(i):>8}" for i in range(1, len(CUTS) + 1))
    print(f"pooled over {len(pooled_ids)} queries; per-cut column = AP")
    print(header + "".join(f"{m:>9}" for m in measures))
    for name, result in pooled.items():
        per_cut = "".join(
            f"{info['quality'][name]['AP']:>8.3f}"  # type: ignore[index]
            for info in results["cuts"].values()  # type: ignore[union-attr]
        )
        print(f"{name:<14}{per_cut}" + "".join(f"{result.means[m]:>9.3f}" for m in measures))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
