"""The default model whoknows ships: trained on public data, judged leave-one-benchmark-out.

    .venv/bin/python benchmarks/default_model.py --workspace DIR [--reuse]
        [--out benchmarks/results/default_model.json] [--save src/whoknows/rank/default_model]

A workspace with too little history of its own (fewer than 100 answered threads or
pseudo-queries) cannot train the learned ranker. Instead of hand-set weights
(``hybrid-prior``) it uses a model shipped in the package, trained on the *histories* of
public communities: each bench corpus's own answered threads and writings (features as of
each one's date, exactly as a workspace trains itself); never a bench's queries or
judgements.

Is such a model better than the hand-set weights on data it never saw? Leave one benchmark
out: for each bench, a model is fitted on the other two benches' histories, then ranks the
held-out bench's queries in place of that workspace's own model; its AP is compared with
``hybrid-prior`` (the fallback it replaces) and with the workspace's own learned model.
``--save`` then fits on all three histories and writes the shipped model (the LightGBM
texts and a ``meta.json`` with the sources and their licences).

Two defaults are made and judged so: one on every feature, one on the evidence of the topic
alone (the activity columns, ``rank.activity.ACTIVITY``, held at zero while it is fitted, so
that its trees never read them); a workspace's own little history chooses between them
(``rank.learned``). For each held-out bench, the table also says which one that bench's own
history (its answered threads or pseudo-queries, each view ranked alone) ranks better.
``--save DIR`` writes the first in DIR and the second in ``DIR/evidence``.

Workspaces are built as ``benchmarks/rank_all.py`` builds them (``DIR/<bench>-full``; with
``--reuse``, those already ingested are used as they are, with no reindex).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from rank_all import BENCHES, ROOT, Bench, open_workspace

from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries
from whoknows.pipeline import reading
from whoknows.rank.activity import ACTIVITY
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.ensemble import Ensemble, fit_ensemble, without_activity
from whoknows.rank.features import FEATURES
from whoknows.rank.history import training_queries
from whoknows.rank.learned import FORMAT, LearnedModel, dense_view
from whoknows.rank.training import Example, clearly_worse, examples, per_query_ndcg
from whoknows.services import Services

RESULTS = Path(__file__).resolve().parent / "results" / "default_model.json"
SEED = 7
SOURCES = {
    "se-cardano": "Cardano Stack Exchange (cardano.stackexchange.com), posts before 2021-10-22,"
    " CC BY-SA 4.0 by their authors",
    "se-ai": "Artificial Intelligence Stack Exchange (ai.stackexchange.com), posts before"
    " 2016-12-11 (the December 2016 data dump), CC BY-SA 3.0 by their authors",
    "acl-authors": "ACL Anthology (aclanthology.org), papers of the main venues 2016-2021,"
    " CC BY 4.0 by the ACL Anthology and the papers' authors",
}
LICENCE = (
    "The model's trees are fitted to features computed from the sources above (no text, name or"
    " id of theirs is in it); as a work derived from them it is shared under CC BY-SA 4.0,"
    " with attribution to each source."
)


def workspace_of(bench: Bench, folder: Path, reuse: bool) -> Services:
    service = open_workspace(folder, "full")
    conn = service.workspace.store(create=True).conn
    if not (reuse and conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]):
        service.ingest.ingest(bench.connector, ROOT / bench.name / bench.corpus)
    return service


def history_examples(service: Services) -> list[Example]:
    """The training examples of a workspace's own history, as its reindex computes them,
    dated so that its latest one is at 0 (histories of different years weigh alike)."""
    evidence = service.workspace.evidence()
    conn = service.workspace.store().conn
    threads, writings = reading.threads(conn), reading.writings(conn)
    queries = training_queries(threads, evidence, writings, None, {}, 100)
    per_query = examples(FeatureBuilder(evidence), queries, SEED)
    found = [view for views in per_query for view in views]
    latest = max(candidates.as_of for candidates, _ in found)
    return [(dataclasses.replace(c, as_of=c.as_of - latest), labels) for c, labels in found]


def history_ndcg(model: LearnedModel, found: list[Example]) -> np.ndarray:
    """nDCG@10 of ``model`` on each of a history's views, each ranked alone."""
    return per_query_ndcg(model.predict, [[view] for view in found])[0]


def ap_with(service: Services, bench: Bench, model: LearnedModel | None, ranker: str) -> float:
    """The bench's AP with ``model`` in place of the workspace's own (None: as it is)."""
    evidence = service.workspace.evidence()
    own = evidence.model
    if model is not None:
        evidence.model = model
    try:
        path = ROOT / bench.name
        queries = read_queries(path / "queries.tsv")
        with tempfile.TemporaryDirectory() as scratch:
            run = Path(scratch) / "run"
            service.search.ask_batch(queries, run, k=100, label_by=bench.connector, ranker=ranker)
            result = evaluate_run(path / "qrels.txt", run, [q for q, _ in queries], name=ranker)
    finally:
        evidence.model = own
    return round(result.means["AP"], 4)


def shipped(ensemble: Ensemble, meta: dict[str, Any]) -> LearnedModel:
    return LearnedModel(ensemble, {"format": FORMAT, "features": list(FEATURES), **meta})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--save", type=Path, help="write the model fitted on every history here")
    args = parser.parse_args()
    benches = [b for b in BENCHES if (ROOT / b.name).is_dir()]
    if len(benches) < 2:
        print(f"skipped: the benches are not under {ROOT}", file=sys.stderr)
        return 0
    services = {
        b.name: workspace_of(b, args.workspace / f"{b.name}-full", args.reuse) for b in benches
    }
    started = time.perf_counter()
    pooled = {name: history_examples(service) for name, service in services.items()}
    results: dict[str, Any] = {
        "examples": {name: len(found) for name, found in pooled.items()},
        "examples_seconds": round(time.perf_counter() - started, 1),
        "held_out": {},
    }
    for bench in benches:
        others = [e for name, found in pooled.items() if name != bench.name for e in found]
        model = shipped(fit_ensemble(others, SEED), {"use_model": True})
        evidence_only = shipped(fit_ensemble(without_activity(others), SEED), {"use_model": True})
        service = services[bench.name]
        own = pooled[bench.name]
        ranked = {
            name: history_ndcg(m, own)
            for name, m in (("activity", model), ("evidence", evidence_only))
        }
        results["held_out"][bench.name] = {
            "trained_on": [name for name in pooled if name != bench.name],
            "default_model_ap": ap_with(service, bench, model, "learned"),
            "evidence_model_ap": ap_with(service, bench, evidence_only, "learned"),
            "history_ndcg10": {name: round(float(v.mean()), 4) for name, v in ranked.items()},
            # (as ``rank.learned`` chooses: activity only when better beyond noise)
            "history_chooses": "activity"
            if clearly_worse(ranked["evidence"], ranked["activity"])
            else "evidence",
            "hybrid_prior_ap": ap_with(service, bench, None, "hybrid-prior"),
            "own_model_ap": ap_with(service, bench, None, "learned"),
        }
        print(bench.name, results["held_out"][bench.name], file=sys.stderr, flush=True)
    if args.save:
        every = [e for found in pooled.values() for e in found]
        evidence = next(iter(services.values())).workspace.evidence()
        meta = {
            "use_model": True,
            "model": "default",
            "trained_on": [SOURCES[name] for name in pooled],
            "licence": LICENCE,
            "training_views": len(every),
            "dense_view": dense_view(evidence),
            "created": date.today().isoformat(),
            "made_by": "benchmarks/default_model.py --save",
        }
        model = shipped(fit_ensemble(every, SEED), meta)
        model.save(args.save)  # (first: saving replaces the folder, ``evidence`` with it)
        evidence_meta = {**meta, "default_model": "evidence", "without": [a[0] for a in ACTIVITY]}
        evidence_only = shipped(fit_ensemble(without_activity(every), SEED), evidence_meta)
        evidence_only.save(args.save / "evidence")
        results["saved"] = str(args.save)
    for service in services.values():
        service.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
