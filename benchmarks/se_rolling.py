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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from whoknows.eval import evaluate_run
from whoknows.eval.measures import EvalResult
from whoknows.pipeline import threads
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import CandidateSet
from whoknows.rank.history import history
from whoknows.rank.learned import LearnedModel
from whoknows.rank.rankers import FeatureRanker, rankers
from whoknows.rank.training import TrainingQuery
from whoknows.services import Services, open_services
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
    for name in ("lexical", "dense", "hybrid", "hybrid-prior", "learned"):
        ranker = rankers()[name]()
        assert isinstance(ranker, FeatureRanker)  # (each built-in ranker scores candidates)
        table[name] = ranker.score
    return table


@dataclass
class Cut:
    """One cut's queries, their qrels lines and a run (TREC lines) per scorer."""

    ids: list[str] = field(default_factory=list)
    qrels: list[str] = field(default_factory=list)
    runs: dict[str, list[str]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)


def run_cut(
    service: Services, questions: list[TrainingQuery], cut: float, horizon: float, tag: str
) -> Cut:
    """Train on what came before ``cut``, then rank for the questions asked after it."""
    evidence = service.workspace.evidence()
    began = time.perf_counter()
    model = LearnedModel.fit(
        threads(service.workspace.store().conn), evidence, generation=0, before=cut
    )
    train_seconds = time.perf_counter() - began
    active_before = {p for p, times in evidence.any_times.items() if times[0] < cut}
    builder = FeatureBuilder(evidence, lexical_depth=service.settings.vote_depth)
    labels = service.search.labels("stackexchange")
    table = scorers()
    result = Cut(runs={name: [] for name in table})
    saved_model = evidence.model
    evidence.model = model
    try:
        for question in questions:
            if not cut < question.as_of <= cut + horizon:
                continue
            relevant = {
                p: g for p, g in question.grades.items() if p in active_before and p in labels
            }
            if not relevant:
                continue
            query_id = f"{tag}-{question.item_id}"
            result.ids.append(query_id)
            result.qrels += [f"{query_id} 0 {labels[p]} {g}" for p, g in sorted(relevant.items())]
            candidates = builder.build(question.text, as_of=cut)
            for name, score in table.items():
                values = score(candidates, evidence)
                everyone = name == "most-active"
                order = sorted(
                    (
                        i
                        for i, p in enumerate(candidates.people)
                        if p in labels and (everyone or candidates.votes[p])
                    ),
                    key=lambda i: (-values[i], candidates.people[i]),
                )[:RUN_DEPTH]
                result.runs[name] += [
                    f"{query_id} Q0 {labels[candidates.people[i]]} {rank} {values[i]:.6f} {name}"
                    for rank, i in enumerate(order, 1)
                ]
    finally:
        evidence.model = saved_model
    result.info = {
        "queries": len(result.ids),
        "training_queries": model.meta.get("usable_queries"),
        "model_used": model.usable,
        "held_out_ndcg10_learned": model.meta.get("held_out_ndcg10_learned"),
        "held_out_ndcg10_hybrid_prior": model.meta.get("held_out_ndcg10_hybrid_prior"),
        "train_seconds": round(train_seconds, 1),
    }
    return result


def score(cut: Cut, folder: Path, tag: str) -> dict[str, EvalResult]:
    """Every scorer's run of ``cut`` against its qrels, with ir_measures."""
    qrels = folder / f"{tag}.qrels"
    qrels.write_text("\n".join(cut.qrels) + "\n", encoding="utf-8")
    results = {}
    for name, lines in cut.runs.items():
        run = folder / f"{tag}-{name}.run"
        run.write_text("\n".join(lines) + "\n", encoding="utf-8")
        results[name] = evaluate_run(qrels, run, cut.ids, name=name)
    return results


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
    cuts: dict[str, dict[str, Any]] = {}
    pooled = Cut()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        service = open_services(
            load_settings(environ={}, workspace=args.workspace or folder / "workspace")
        )
        if args.workspace is None:
            service.ingest.ingest("stackexchange", args.data)
        questions = history(
            threads(service.workspace.store().conn), service.workspace.evidence(), limit=10**9
        )
        for number, cut_text in enumerate(CUTS, 1):
            tag = f"c{number}"
            cut = run_cut(service, questions, timestamp(cut_text), args.horizon_days * DAY, tag)
            cut.info["quality"] = {
                name: {m: round(v, 4) for m, v in result.means.items()}
                for name, result in score(cut, folder, tag).items()
            }
            cuts[cut_text] = cut.info
            print(
                f"cut {cut_text}: {cut.info['queries']} queries, "
                f"{cut.info['training_queries']} training questions",
                file=sys.stderr,
            )
            pooled.ids += cut.ids
            pooled.qrels += cut.qrels
            for name, lines in cut.runs.items():
                pooled.runs.setdefault(name, []).extend(lines)
        service.close()
        table = score(pooled, folder, "all")
    results = {
        "horizon_days": args.horizon_days,
        "cuts": cuts,
        "pooled": {
            "queries": len(pooled.ids),
            "quality": {n: {m: round(v, 4) for m, v in r.means.items()} for n, r in table.items()},
            "intervals_95": {
                n: {m: [round(lo, 3), round(hi, 3)] for m, (lo, hi) in r.intervals.items()}
                for n, r in table.items()
            },
        },
    }
    measures = list(next(iter(table.values())).means)
    header = f"{'ranker':<14}" + "".join(f"{'cut' + str(i):>8}" for i in range(1, len(CUTS) + 1))
    print(f"pooled over {len(pooled.ids)} queries; per-cut column = AP")
    print(header + "".join(f"{m:>9}" for m in measures))
    for name, result in table.items():
        per_cut = "".join(f"{info['quality'][name]['AP']:>8.3f}" for info in cuts.values())
        print(f"{name:<14}{per_cut}" + "".join(f"{result.means[m]:>9.3f}" for m in measures))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
